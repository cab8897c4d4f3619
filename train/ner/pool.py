"""Draw the sentences that coders label for the name tagger (train/ner/labels/).

The pool is drawn from corpora whose licence allows a shipped model: de-news (MIT) and the
news (RSS) part of DFKI SmartData (CC BY 4.0; only its text, none of its annotations). Sentences
are written to the git-ignored build folder as "id<TAB>text"; the ids let `labels.py` find the
text again at training time, so no corpus text enters the repository.

    python train/ner/pool.py --out train/ner/build/pool --per-file 500 --files 5
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import pathlib
import random
from collections.abc import Iterator

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "reference"


def _json_objects(path: pathlib.Path) -> Iterator[dict]:
    """SmartData's files hold concatenated pretty-printed JSON objects (no array, no JSONL)."""
    s = gzip.open(path, "rt", encoding="utf-8").read()
    dec, i = json.JSONDecoder(), 0
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i >= len(s):
            return
        obj, i = dec.raw_decode(s, i)
        yield obj



def _has_name(text: str) -> bool:
    """Whether the tagger sees a proper noun (STTS NE) in the sentence."""
    from lagebild.model import Article, Document
    from lagebild.nlp import annotate
    d = Document(Article(id="pool", text=text, language="de"))
    annotate(d)
    return any(t.tag in ("NE", "FM") for t in d.tokens)


def denews_sentences():
    """(id, text) for every de-news sentence; id = denews:<date>/<file>:<paragraph>."""
    root = SHARED / "de-news" / "data" / "articles"
    for f in sorted(glob.glob(str(root / "*" / "*.json"))):
        art = json.load(open(f, encoding="utf-8"))
        rel = pathlib.Path(f).relative_to(root).as_posix()
        for i, p in enumerate(art.get("text") or []):
            t = (p.get("text") or "").strip()
            if t:
                yield f"denews:{rel}:{i}", t


def smartdata_sentences():
    """(id, text) for SmartData RSS news sentences (traffic reports and tweets left out)."""
    for split in ("dev", "test"):
        for obj in _json_objects(SHARED / "smartdata" / f"{split}.json.gz"):
            src = ((obj.get("refids") or {}).get("map") or {}).get("source")
            if src != "rss" or "viz-info" in obj["id"]:
                continue
            text = obj["text"]["string"]
            for j, sent in enumerate((obj.get("sentences") or {}).get("array") or []):
                t = text[sent["span"]["start"]:sent["span"]["end"]]
                if 30 <= len(t.strip()) <= 400 and "\n" not in t.strip():
                    yield f"smartdata:{split}:{obj['id']}:{j}", t.strip()


def sentences():
    yield from denews_sentences()
    yield from smartdata_sentences()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "train" / "ner" / "build" / "pool"))
    ap.add_argument("--files", type=int, default=5)
    ap.add_argument("--per-file", type=int, default=500)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--skip", type=int, default=0, help="files already handed out")
    a = ap.parse_args()
    pool = list(sentences())
    rng = random.Random(a.seed)
    rng.shuffle(pool)
    # Names are what the tagger learns: four in five drawn sentences have a proper noun.
    named, plain = [], []
    for s in pool:
        (named if _has_name(s[1]) else plain).append(s)
    picked = []
    while named or plain:
        picked += named[:4] + plain[:1]
        named, plain = named[4:], plain[1:]
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    n = a.per_file
    for k in range(a.skip, a.skip + a.files):
        chunk = picked[k * n:(k + 1) * n]
        (out / f"pool_{k:02d}.tsv").write_text("".join(f"{i}\t{t}\n" for i, t in chunk), encoding="utf-8")
    print(f"{len(pool)} sentences; wrote {a.files} files of {n}")


if __name__ == "__main__":
    main()
