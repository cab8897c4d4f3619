"""End to end on the dev set: `lagebild analyze` output validates and the reference scorer reads it."""
import json
import subprocess
import sys

from conftest import DEV, jsonl, needs_shared
from lagebild.export import validate


@needs_shared()
def test_dev_documents_validate_and_score(cli, tmp_path):
    out = tmp_path / "dev.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for gold_path in sorted(DEV.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            r = cli("analyze", str(DEV / gold["doc"]), "--published", gold["published"],
                    "--lang", gold.get("language", "auto"))
            assert r.returncode == 0, r.stderr.decode()[-500:]
            recs = jsonl(r.stdout)
            assert len(recs) == 1
            validate(recs[0])
            text = (DEV / gold["doc"]).read_text(encoding="utf-8")
            for ev in recs[0]["events"]:
                assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
            f.write(json.dumps(recs[0], ensure_ascii=False) + "\n")
    r = subprocess.run([sys.executable, str(DEV.parent / "score.py"), str(DEV), str(out), "--json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)["summary"]
    assert summary["docs_with_output"] == summary["docs"]
    # accuracy floors that hold today; the figures themselves are in the README
    assert summary["entity_recall"] >= 0.6
