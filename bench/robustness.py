#!/usr/bin/env python3
"""Hostile corpus through the real CLI: does `lagebild ingest` survive it, and is nothing good lost?

usage: python bench/robustness.py [--quick] [--good N] [--kills K] [--slow-timeout S] [--keep DIR]

The script writes its own corpus into a temporary folder (fixed seeds, so runs compare):
random bytes under every extension, truncated gzip, NUL bytes, a 50 MB text (refused by size),
a 19 MB text (refused by length), a 5 MB HTML page, 10,000-deep nested HTML, a billion-laughs
and an external-entity feed, a YAML alias bomb, 100,000-deep JSON, JSONL with broken lines,
feeds with broken entries and surrogate character references, UTF-16 without BOM, mixed
encodings, right-to-left, bidi-control and combining text, empty and blank files, a FIFO;
and N good articles (text, HTML, JSONL, RSS, UTF-16, cp1252, CRLF) in between, each carrying a
marker so it can be found in the store whatever its format.

1. One `lagebild ingest CORPUS --db STORE --workers 1` run: inputs tried, problems reported,
   crashes (tracebacks in stderr, death by signal), good articles stored vs expected, store
   integrity and orphan rows; then the same run again (nothing added, nothing twice).
2. SIGKILL loop: the good articles are ingested, the process killed K times at random moments
   and restarted; afterwards integrity, lost and duplicated articles.
3. Slow inputs: texts whose analysis time grows faster than their size, each ingested alone
   under a time limit; reported as seconds or TIMEOUT.
--quick makes the big files small and skips the 5 MB page (for development).
Exit status 1 when anything crashed, was lost or duplicated, or the store is damaged; slow
inputs over the limit are reported in the result line but do not change the exit status.
"""
from __future__ import annotations

import argparse
import codecs
import gzip
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# ------------------------------------------------------------------ good articles (own text)

_DE = [("Frankreich", "Deutschland", "Paris"), ("Japan", "China", "Tokio"), ("Polen", "Russland", "Warschau"),
       ("Italien", "Spanien", "Rom"), ("Kanada", "Mexiko", "Ottawa"), ("Brasilien", "Argentinien", "Brasília")]
_EN = [("France", "Germany", "Paris"), ("Japan", "China", "Tokyo"), ("Poland", "Russia", "Warsaw"),
       ("Italy", "Spain", "Rome"), ("Canada", "Mexico", "Ottawa"), ("Brazil", "Argentina", "Brasília")]


def marker(i: int) -> str:
    return f"Kennziffer G{i:04d}"


def good_body(i: int) -> tuple[str, str]:
    """(language, body) of good article i; the marker makes every text distinct and findable."""
    if i % 2 == 0:
        a, b, city = _DE[(i // 2) % len(_DE)]
        return "de", (f"{a} hat am Montag neue Sanktionen gegen {b} verhängt. Die Regierung in {city} "
                      f"kritisierte den Schritt als unangemessen und kündigte Gegenmaßnahmen an. "
                      f"Beide Seiten wollen am Freitag weiter verhandeln. Die Meldung trägt die {marker(i)}.")
    a, b, city = _EN[(i // 2) % len(_EN)]
    return "en", (f"{a} imposed new sanctions on {b} on Monday. The government in {city} called the step "
                  f"disproportionate and announced countermeasures. Both sides want to continue talks on "
                  f"Friday. The report carries the {marker(i)}.")


def write_good(folder: Path, n: int) -> tuple[list[int], int]:
    """N good articles spread over formats; returns (article numbers, files written)."""
    folder.mkdir(parents=True, exist_ok=True)
    ids, files = [], 0
    jsonl, feed_items = [], []
    for i in range(n):
        lang, body = good_body(i)
        kind = i % 8
        ids.append(i)
        if kind == 0:
            (folder / f"good-{i:04d}.txt").write_text(
                f"---\ntitle: Meldung {i}\npublished: 2025-03-{1 + i % 28:02d}\nlanguage: {lang}\n---\n{body}\n",
                encoding="utf-8")
        elif kind == 1:
            (folder / f"good-{i:04d}.html").write_text(
                f'<!DOCTYPE html><html lang="{lang}"><head><title>Meldung {i}</title>'
                f'<meta property="article:published_time" content="2025-03-04"></head><body>'
                f'<nav><a href="/">Start</a> | <a href="/welt">Welt</a></nav><article><h1>Meldung {i}</h1>'
                + "".join(f"<p>{s}.</p>" for s in body.rstrip(".").split(". "))
                + "</article><footer>Impressum</footer></body></html>", encoding="utf-8")
        elif kind == 2:
            jsonl.append(json.dumps({"id": f"rec-{i}", "text": body, "language": lang, "published": "2025-03-05"}))
        elif kind == 3:
            feed_items.append(f"<item><title>Meldung {i}</title><guid>feed-{i}</guid>"
                              f"<pubDate>Wed, 05 Mar 2025 10:00:00 +0100</pubDate>"
                              f"<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>")
        elif kind == 4:
            (folder / f"good-{i:04d}-utf16.txt").write_bytes(body.encode("utf-16-le"))   # no BOM
        elif kind == 5:
            (folder / f"good-{i:04d}-cp1252.txt").write_bytes(("„" + body + "“ – 5 €\r\n").encode("cp1252"))
        elif kind == 6:
            (folder / f"good-{i:04d}-crlf.md").write_bytes((body.replace(". ", ".\r\n") + "\r\n").encode("utf-8"))
        else:  # good text, but a JSON record whose metadata is junk and whose text has a lone surrogate
            jsonl.append(json.dumps({"id": {"x": 1}, "title": [[["deep"]]], "published": "2025-02-30",
                                     "text": body + " \ud800", "language": lang}))
        files += kind in (0, 1, 4, 5, 6)
    # the good JSONL records sit between broken lines
    lines = []
    for k, rec in enumerate(jsonl):
        lines += [rec, '{"text": "unterbrochen', "[1, 2, 3]", '"nur ein String"', "", '{"text": 42}', "{" * 50]
    (folder / "mixed-records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the good feed entries sit next to broken ones
    broken = ["<item><title>leer</title></item>", "<item><title>&#xD800; Ersatz</title>"
              "<description>&#99999999; und &#xDFFF;</description></item>"]
    (folder / "mixed-feed.rss").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Testdienst</title>'
        + "".join(x for pair in zip(feed_items, broken * len(feed_items)) for x in pair)
        + "</channel></rss>", encoding="utf-8")
    return ids, files + 2


# ------------------------------------------------------------------ hostile inputs

def write_hostile(folder: Path, quick: bool) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261127)
    para = "Die Regierung hat am Montag etwas beschlossen, sagte ein Sprecher am Abend in der Hauptstadt. "
    out: dict[str, bytes] = {}
    exts = [".txt", ".md", ".html", ".xml", ".rss", ".jsonl", ".json", "", ".bin"]
    for k in range(30):
        out[f"random-{k:02d}{exts[k % len(exts)]}"] = rng.randbytes(rng.choice([1, 17, 512, 4096, 65536]))
    out["truncated.gz"] = gzip.compress(para.encode() * 200)[:100]
    out["truncated-gz-named.txt"] = gzip.compress(para.encode() * 200)[:100]
    out["nul-bytes.txt"] = (para.encode() + b"\x00") * 100
    out["nul-in-utf8.txt"] = para.encode() * 5 + b"\x00\x00\x00"
    out["empty.txt"] = b""
    out["blank.txt"] = b"  \n\t\r\n \n"
    out["blank.html"] = b"\n\n"
    out["only-bom.txt"] = codecs.BOM_UTF8
    out["deep-10k.html"] = b"<html><body>" + b"<div>" * 10_000 + para.encode() + b"</div>" * 10_000 + b"</body></html>"
    out["deep-unclosed.html"] = b"<html><body>" + b"<div><span><b><i>" * 10_000 + para.encode()
    out["script-only.html"] = b"<html><body><script>" + para.encode() + b"</script></body></html>"
    out["laughs.xml"] = ('<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY l0 "lol">\n'
                         + "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">\n' for i in range(1, 10))
                         + ']>\n<rss version="2.0"><channel><title>&l9;</title><item><title>&l9;</title>'
                         '<description>&l9; Text</description></item></channel></rss>\n').encode()
    out["xxe.rss"] = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                      b'<rss version="2.0"><channel><item><title>t</title><description>&x; Inhalt'
                      b'</description></item></channel></rss>')
    out["truncated.rss"] = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>abgebroch'
    out["not-a-feed.xml"] = b"<?xml version='1.0'?><note><to>niemand</to></note>"
    out["yaml-bomb.txt"] = ("---\na: &a [x, x, x, x, x, x, x, x, x]\n"
                            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                                      for p, c in zip("abcdefgh", "bcdefghi"))
                            + "title: *i\n---\n" + para).encode()
    out["yaml-python-tag.txt"] = b"---\ntitle: !!python/object/apply:os.system [echo hallo]\n---\n" + para.encode()
    out["yaml-broken.txt"] = b"---\ntitle: [offen\npublished: 2025-01-01\n---\n" + para.encode()
    out["deep-100k.json"] = b"[" * 100_000 + b"]" * 100_000
    out["deep-line.jsonl"] = b'{"text": "x", "title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    out["not-records.json"] = b'[1, "zwei", null, {"html": 5}]'
    out["rtl-combining.txt"] = ("خبر عاجل من العاصمة " * 20 + "\u202e reversed \u202c " + "שלום " * 20
                                + "e\u0301\u0308\u0323" * 300 + " Z\u0335\u0321a\u0336l\u0337g\u0338o").encode()
    out["bidi-controls.txt"] = ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c" * 200).encode()
    out["utf16-be-nobom-junk.txt"] = "Ѐ ∀ ⊂ ⌘ ☃ ✓".encode("utf-16-be") * 50
    out["mixed-encodings.txt"] = (para.encode("utf-8") + "Größe Übersee".encode("latin-1")
                                  + "Größe".encode("utf-16-le") + para.encode("cp1252"))
    out["cyrillic-cp1251.txt"] = ("Правительство объявило о новых мерах. " * 20).encode("cp1251")
    out["controls.txt"] = bytes(range(1, 32)) * 100
    out["too-long-text.txt"] = (para * (250_000 // len(para) + 1)).encode()   # over 200,000 characters
    out["pdf-named.txt"] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + rng.randbytes(2000)
    out["png-named.html"] = b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000)
    # 20,000 broken JSON lines: memory and one message each
    out["many-broken.jsonl"] = b"\n".join(b'{"text": "kaputt %d' % k for k in range(2_000 if quick else 20_000))
    for name, data in out.items():
        (folder / name).write_bytes(data)
    n = len(out)
    # the big ones, written in pieces
    big = 21_000_000 if quick else 50_000_000
    with (folder / "huge-50mb.txt").open("wb") as fh:
        chunk = para.encode() * 10_000
        while fh.tell() < big:
            fh.write(chunk)
    n += 1
    if not quick:
        with (folder / "big-19mb.txt").open("wb") as fh:      # under the byte limit, over the text limit
            chunk = para.encode() * 10_000
            while fh.tell() < 19_000_000:
                fh.write(chunk)
        page = "<p>" + para + "</p>\n"
        (folder / "big-page-5mb.html").write_text(
            '<html lang="de"><body><article>' + "".join(page.replace("Montag", f"Tag {k}") for k in range(50_000))
            + "</article></body></html>", encoding="utf-8")
        n += 2
    try:
        os.mkfifo(folder / "a-fifo.txt")   # would block a naive reader forever
        n += 1
    except (AttributeError, OSError):
        pass
    return n


# ------------------------------------------------------------------ running and checking

def cli(*args: str, timeout: float | None = None) -> tuple[int | None, str, float]:
    env = dict(os.environ, PYTHONFAULTHANDLER="1", PYTHONPATH=str(ROOT / "src"))
    t = time.monotonic()
    try:
        p = subprocess.run([sys.executable, "-m", "lagebild.cli", *args], capture_output=True, text=True,
                           env=env, timeout=timeout, errors="replace")
        return p.returncode, p.stderr, time.monotonic() - t
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return None, err, time.monotonic() - t


def summary(stderr: str) -> tuple[int, int, int]:
    m = re.search(r"(\d+) added, (\d+) already stored, (\d+) not processed", stderr)
    return (int(m[1]), int(m[2]), int(m[3])) if m else (0, 0, 0)


def crashes(returncode: int | None, stderr: str) -> int:
    n = stderr.count("Traceback (most recent call last)") + stderr.count("Fatal Python error")
    return n + (1 if returncode is not None and returncode < 0 else 0)


def inspect_store(db: Path, n_good: int) -> dict:
    """Integrity, orphans (generic over tables), and the good articles found by marker."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        cols = {t: {r[1] for r in con.execute(f'PRAGMA table_info("{t}")')} for t in tables}
        orphans = 0
        for t in tables:
            if "article_id" in cols[t] and t != "articles":
                orphans += con.execute(f'SELECT count(*) FROM "{t}" WHERE article_id NOT IN '
                                       f'(SELECT id FROM articles)').fetchone()[0]
            if "event_id" in cols[t] and t != "events":
                orphans += con.execute(f'SELECT count(*) FROM "{t}" WHERE event_id NOT IN '
                                       f'(SELECT id FROM events)').fetchone()[0]
        found: dict[int, int] = {}
        for (text,) in con.execute("SELECT text FROM articles"):
            for m in re.finditer(r"Kennziffer G(\d{4})", text):
                found[int(m[1])] = found.get(int(m[1]), 0) + 1
        return {
            "integrity": con.execute("PRAGMA integrity_check").fetchone()[0],
            "fk_violations": len(con.execute("PRAGMA foreign_key_check").fetchall()),
            "orphans": orphans,
            "articles": con.execute("SELECT count(*) FROM articles").fetchone()[0],
            "dup_hashes": con.execute("SELECT count(*) FROM (SELECT hash FROM articles GROUP BY hash "
                                      "HAVING count(*) > 1)").fetchone()[0],
            "good_found": sum(1 for i in range(n_good) if found.get(i)),
            "good_twice": sum(1 for i in range(n_good) if found.get(i, 0) > 1),
            "events": con.execute("SELECT count(*) FROM events").fetchone()[0],
        }
    finally:
        con.close()


def count_articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def kill_loop(folder: Path, db: Path, kills: int, rng: random.Random) -> tuple[int, int]:
    """Start the ingest, SIGKILL it once it has stored a little more, K times; then finish."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done_kills = 0
    for _ in range(kills):
        before = count_articles(db)
        p = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "ingest", str(folder), "--db", str(db),
                              "--workers", "1", "--no-progress"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        want = before + rng.randint(1, 4)
        deadline = time.monotonic() + 300
        while p.poll() is None and count_articles(db) < want and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.random() * 0.05)   # land anywhere, also inside a write
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            done_kills += 1
        p.wait()
    code, err, _ = cli("ingest", str(folder), "--db", str(db), "--workers", "1", "--no-progress")
    return done_kills, crashes(code, err)


def slow_inputs(folder: Path, timeout: float) -> list[tuple[str, str]]:
    cases = {
        "German text with a 5,000-letter token": "Die Regierung sagte: " + "x" * 5000 + ".",
        "20,000 closing brackets": "Die Regierung sagte etwas" + ")" * 20_000,
        "one German sentence of 3,000 words": "Die USA verhängen Zölle gegen China und Japan und " * 375,
    }
    out = []
    for k, (label, text) in enumerate(cases.items()):
        f = folder / f"slow-{k}.txt"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
        code, err, secs = cli("ingest", str(f), "--db", str(folder / f"slow-{k}.db"), "--lang", "de",
                              "--workers", "1", "--no-progress", timeout=timeout)
        out.append((label, f"TIMEOUT after {timeout:.0f} s" if code is None else
                    f"{secs:.1f} s (incl. ~5 s start-up), crashes {crashes(code, err)}"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small big files, no 5 MB page")
    ap.add_argument("--good", type=int, default=48, help="good articles in the corpus")
    ap.add_argument("--kills", type=int, default=4, help="SIGKILLs in the crash loop (0: skip)")
    ap.add_argument("--slow-timeout", type=float, default=60, help="seconds per slow input (0: skip)")
    ap.add_argument("--keep", type=Path, help="write corpus and stores here and keep them")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="lagebild-robust-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, db = work / "corpus", work / "store.db"
    for p in (corpus, work / "kill", work / "slow"):
        shutil.rmtree(p, ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        (work / f"store.db{suffix}").unlink(missing_ok=True)
        (work / f"kill.db{suffix}").unlink(missing_ok=True)
    bad_files = write_hostile(corpus / "hostile", args.quick)
    good_ids, good_files = write_good(corpus / "good", args.good)
    ok = True
    try:
        print(f"corpus: {work}")
        code, err, secs = cli("ingest", str(corpus), "--db", str(db), "--workers", "1", "--no-progress")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        added, had, failed = summary(err)
        problems = sum(1 for ln in err.splitlines() if ln.startswith("lagebild: "))
        st = inspect_store(db, len(good_ids))
        n_crash = crashes(code, err)
        lost = len(good_ids) - st["good_found"]
        print(f"inputs tried:        {bad_files} hostile files + {good_files} files with good articles; "
              f"{added + had + failed} items (files, records, feed entries)")
        print(f"problems reported:   {problems} (one line each), exit status {code}, {secs:.0f} s, "
              f"peak RSS {peak:.0f} MB")
        print(f"crashes:             {n_crash} (tracebacks or fatal signals in stderr)")
        print(f"good articles:       {st['good_found']} stored / {len(good_ids)} expected, lost {lost}, "
              f"stored twice {st['good_twice']}")
        print(f"store:               {st['articles']} articles, {st['events']} events, integrity "
              f"{st['integrity']}, {st['fk_violations']} foreign-key violations, {st['orphans']} orphan rows, "
              f"{st['dup_hashes']} duplicate hashes")
        code2, err2, _ = cli("ingest", str(corpus), "--db", str(db), "--workers", "1", "--no-progress")
        added2, had2, _ = summary(err2)
        st2 = inspect_store(db, len(good_ids))
        print(f"same run again:      {added2} added, {had2} already stored, crashes {crashes(code2, err2)}, "
              f"articles {st2['articles']}")
        ok &= (n_crash == 0 and lost == 0 and st["good_twice"] == 0 and st["integrity"] == "ok"
               and st["orphans"] == 0 and st["fk_violations"] == 0 and st["dup_hashes"] == 0
               and added2 == 0 and crashes(code2, err2) == 0 and st2["articles"] == st["articles"])
        for line in err.splitlines():
            if "unexpected error" in line or "Traceback" in line:
                print("  !", line[:200])
                ok = False

        if args.kills:
            kill_dir = work / "kill"
            ids, _ = write_good(kill_dir, args.good)
            kdb = work / "kill.db"
            n_kills, kcrash = kill_loop(kill_dir, kdb, args.kills, random.Random(7))
            ks = inspect_store(kdb, len(ids))
            klost = len(ids) - ks["good_found"]
            print(f"SIGKILL loop:        {n_kills} kills then a full run; crashes {kcrash}, "
                  f"{ks['good_found']} / {len(ids)} good stored, lost {klost}, twice {ks['good_twice']}, "
                  f"integrity {ks['integrity']}, orphan rows {ks['orphans']}")
            ok &= (kcrash == 0 and klost == 0 and ks["good_twice"] == 0 and ks["integrity"] == "ok"
                   and ks["orphans"] == 0 and ks["fk_violations"] == 0)

        slow = 0
        if args.slow_timeout:
            for label, result in slow_inputs(work / "slow", args.slow_timeout):
                print(f"slow input:          {label}: {result}")
                slow += result.startswith("TIMEOUT")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    verdict = "PASS (no crash, nothing lost or doubled, store sound)" if ok else "FAIL"
    print(f"result:              {verdict}" + (f"; {slow} slow input(s) over the time limit" if slow else ""))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
