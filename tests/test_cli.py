"""The command line end to end: analyze, ingest, stats, demo, actors lookup, bad input."""
import json
import sqlite3

from conftest import jsonl

DE = ("---\ntitle: Test\npublished: 2025-02-08\nsource: Lagebild-Tests\n---\n"
      "Die USA und Japan weisen die Ansprüche Chinas zurück.\n")


def test_analyze_file_and_stdin(cli, tmp_path):
    f = tmp_path / "a.de.txt"
    f.write_text(DE, encoding="utf-8")
    r = cli("analyze", str(f))
    assert r.returncode == 0, r.stderr
    (rec,) = jsonl(r.stdout)
    assert rec["doc"]["id"] == "a.de.txt" and rec["doc"]["published"] == "2025-02-08"
    assert any(e["event"] == ["REJECT"] for e in rec["events"])
    r = cli("analyze", "-", "--published", "2025-02-08", "--lang", "de",
            input="Die USA und Japan weisen die Ansprüche Chinas zurück.".encode())
    assert r.returncode == 0 and jsonl(r.stdout)[0]["doc"]["published"] == "2025-02-08"


def test_plover_format_and_output_file(cli, tmp_path):
    f = tmp_path / "a.de.txt"
    f.write_text(DE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = cli("analyze", str(f), "--format", "plover", "-o", str(out))
    assert r.returncode == 0, r.stderr
    recs = jsonl(out.read_text(encoding="utf-8"))
    assert recs and all("quad_code" in x for x in recs)


def test_bad_inputs_get_one_line_each_and_good_ones_survive(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "fr.txt").write_text("Le président français a rencontré le chancelier allemand à Paris "
                                     "pour discuter de la défense européenne et du commerce.", encoding="utf-8")
    r = cli("analyze", str(tmp_path), str(tmp_path / "missing.txt"))
    assert r.returncode == 0
    assert len(jsonl(r.stdout)) == 1
    err = r.stderr.decode()
    assert "Traceback" not in err
    assert "missing.txt" in err and "empty.txt" in err and "junk.bin" in err and "fr.txt" in err
    r = cli("analyze", str(tmp_path / "missing.txt"))
    assert r.returncode != 0 and b"Traceback" not in r.stderr


def test_ingest_is_idempotent_and_stats(cli, tmp_path):
    f = tmp_path / "a.de.txt"
    f.write_text(DE, encoding="utf-8")
    db = tmp_path / "x.db"
    assert cli("ingest", str(f), "--db", str(db)).returncode == 0
    r = cli("ingest", str(f), "--db", str(db))
    assert b"0 added, 1 already stored" in r.stderr
    r = cli("stats", "--db", str(db))
    assert b"articles        1" in r.stdout
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from articles").fetchone()[0] == 1


def test_demo_prints_a_readable_world_model(cli):
    r = cli("demo")
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "ACTORS" in out and "EVENTS" in out and "COMMITMENTS" in out
    assert "Japan" in out and "“" in out            # evidence sentences are quoted
    assert not out.lstrip().startswith("{")         # a summary, not a JSON dump


def test_actors_lookup_with_date(cli):
    r = cli("actors", "lookup", "Trump", "--date", "2025-02-07")
    assert r.returncode == 0
    info = json.loads(r.stdout.decode().splitlines()[0])
    assert info["id"] == "donald-trump" and info["office"] == "President" and info["country"] == "USA"
    r = cli("actors", "lookup", "Scholz", "--date", "2023-01-01")
    assert json.loads(r.stdout.decode().splitlines()[0])["office"] == "Chancellor"


def test_parallel_analysis_equals_serial(cli, tmp_path):
    texts = ["Die USA und Japan weisen die Ansprüche Chinas zurück.",
             "Russland kritisierte die Sanktionen der Europäischen Union scharf.",
             "Frankreich sagte der Ukraine weitere Hilfe zu.",
             "China warned Japan against interference in Taiwan.",
             "Die Türkei drohte Griechenland mit Konsequenzen, falls die Übungen weitergehen.",
             "Merz empfing Macron im Kanzleramt."] * 2
    for i, t in enumerate(texts):
        (tmp_path / f"a{i:02d}.txt").write_text(t, encoding="utf-8")
    serial = cli("analyze", str(tmp_path), "--published", "2025-02-08", "--workers", "1")
    parallel = cli("analyze", str(tmp_path), "--published", "2025-02-08", "--workers", "2")
    assert serial.returncode == 0 and parallel.returncode == 0
    strip = lambda out: [{k: v for k, v in r.items()} for r in jsonl(out)]
    assert strip(serial.stdout) == strip(parallel.stdout)
    assert len(jsonl(serial.stdout)) == len(texts)
