"""`query`, `show actor` and `export` through click's CliRunner on the command objects."""
import importlib.util
import io
import json

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from lagebild.commands.query import export, query, show

import sample_store as fixture  # noqa: E402  (tests/ is on the path via its conftest)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    fixture.build_store(path).close()
    return path


def run(cmd, *args, ok=True):
    res = CliRunner().invoke(cmd, [str(a) for a in args])
    if ok:
        assert res.exit_code == 0, (res.output, res.exception)
    return res


def lines(res):
    return [json.loads(x) for x in res.stdout.splitlines() if x.strip()]


def test_query_events(db):
    got = lines(run(query, "events", "--actor", "jpn", "--type", "AGREE", "--format", "json", "--db", db))
    assert [(e["event"], e["actor"][0]["code"], e["recipient"][0]["code"]) for e in got] == [("AGREE", "JPN", "USA")]
    assert lines(run(query, "events", "--actor", "CHN", "--type", "AGREE", "--format", "json", "--db", db)) == []
    table = run(query, "events", "--actor", "JPN", "--db", db).stdout
    assert table.splitlines()[0].split()[:4] == ["id", "date", "event", "actor"]
    assert "Ministerpräsident Shigeru Ishiba" in table and "JPN/GOV" in table
    csv_out = run(query, "events", "--since", "2025-03", "--format", "csv", "--db", db).stdout
    df = pd.read_csv(io.StringIO(csv_out))
    assert set(df.date) == {"2025-03-14", "2025-03", "2025", "2025-04-06"}
    assert len(lines(run(query, "events", "--status", "negated", "--format", "json", "--db", db))) == 1
    assert len(lines(run(query, "events", "--limit", "2", "--format", "json", "--db", db))) == 2
    bad = run(query, "events", "--since", "letzte Woche", "--db", db, ok=False)
    assert bad.exit_code == 2


def test_query_commitments_relations_dyad(db):
    got = lines(run(query, "commitments", "--actor", "JPN", "--status", "open", "--format", "json", "--db", db))
    assert [(c["action"], c["object"]) for c in got] == [("buy", "gas")]
    csv_out = run(query, "commitments", "--format", "csv", "--db", db).stdout
    assert set(pd.read_csv(io.StringIO(csv_out)).status) == {"made", "fulfilled"}
    rel = run(query, "relations", "--type", "claims", "--db", db).stdout
    assert "senkaku-islands" in rel and len(rel.splitlines()) == 3
    dy = lines(run(query, "dyad", "USA", "JPN", "--by", "month", "--format", "json", "--db", db))
    assert [r["period"] for r in dy] == ["2025-02", "2025-03"] and dy[0]["cooperation"] == 2
    table = run(query, "dyad", "usa", "jpn", "--db", db).stdout.splitlines()
    assert table[0].split()[:3] == ["period", "events", "a->b"] and table[1].split()[:2] == ["2025-02", "2"]
    hits = lines(run(query, "search", "flüssiggas", "--format", "json", "--db", db))
    assert [h["doc_id"] for h in hits] == ["handel.de.txt"]


def test_show_actor(db):
    out = run(show, "actor", "JPN", "--db", db).stdout
    assert out.startswith("Japan (JPN, country)")
    for part in ("Shigeru Ishiba", "Prime Minister", "COUNTERPARTS", "USA", "claims", "buy", "RECENT EVENTS"):
        assert part in out
    prof = json.loads(run(show, "actor", "jpn", "--format", "json", "--db", db).stdout)
    assert prof["code"] == "JPN" and prof["counterparts"][0]["code"] == "USA"
    rows = pd.read_csv(io.StringIO(run(show, "actor", "JPN", "--format", "csv", "--db", db).stdout))
    assert {"entity", "counterpart", "relation", "commitment", "event"} == set(rows.section)
    missing = run(show, "actor", "XYZ", "--db", db, ok=False)
    assert missing.exit_code == 1 and "XYZ" in missing.stderr


def test_export_formats(db, tmp_path):
    plover = lines(run(export, "--db", db))
    assert len(plover) == 8 and all("quad_code" in r for r in plover)
    tsv = run(export, "--format", "gdelt", "--db", db).stdout.splitlines()
    assert tsv[0].startswith("GlobalEventID\tDay") and len(tsv) == 10
    run(export, "--format", "csv", "-o", tmp_path / "e.csv", "--actor", "USA", "--db", db)
    assert set(pd.read_csv(tmp_path / "e.csv").actor) == {"USA"}
    run(export, "--format", "parquet", "-o", tmp_path / "e.parquet", "--db", db)
    assert len(pd.read_parquet(tmp_path / "e.parquet")) == 8
    piped = run(export, "--format", "parquet", "--type", "SANCTION", "--db", db)   # stdout is no terminal here
    assert len(pd.read_parquet(io.BytesIO(piped.stdout_bytes))) == 2
    run(export, "--format", "graphml", "-o", tmp_path / "n.graphml", "--db", db)
    g = nx.read_graphml(tmp_path / "n.graphml")
    assert g.has_edge("JPN", "USA") and g.nodes["USA"]["label"] == "United States"
    piped = run(export, "--format", "graphml", "--db", db)
    assert nx.read_graphml(io.BytesIO(piped.stdout_bytes)).has_edge("EUR", "RUS")
