"""Helpers of the reliability tests: small articles of our own, store integrity checks
that query the schema generically (so new tables keep being checked), CLI subprocess runs."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Own sentences, combined into short, distinct articles that carry events. English only: the
# subprocess tests then load one language's models, which is most of their run time.
_PAIRS = [("France", "Germany", "Paris"), ("Japan", "China", "Tokyo"), ("Poland", "Russia", "Warsaw"),
          ("Italy", "Spain", "Rome"), ("Canada", "Mexico", "Ottawa"), ("India", "Pakistan", "New Delhi"),
          ("Brazil", "Argentina", "Brasilia"), ("Kenya", "Ethiopia", "Nairobi")]


def article_text(i: int) -> str:
    """Article number i; its text differs with i."""
    a, b, city = _PAIRS[i % len(_PAIRS)]
    return (f"---\ntitle: Report {i}\npublished: 2025-04-{1 + i % 28:02d}\nlanguage: en\n---\n"
            f"{a} imposed sanctions on {b} on Monday. The government in {city} sharply criticised "
            f"the move. Both sides agreed to meet for talks on Friday. This is round {i} of the talks.\n")


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"a{i:03d}.txt"
        p.write_text(article_text(i), encoding="utf-8")
        paths.append(p)
    return paths


def cli_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "lagebild.cli", *args]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONFAULTHANDLER"] = "1"   # a hard crash leaves a trace in stderr
    return env


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(cli_cmd(*args), capture_output=True, text=True, env=cli_env(), timeout=timeout)


# ------------------------------------------------------------------ store checks (SQLite)

def ro_connect(db: Path) -> sqlite3.Connection:
    """Read-only connection: the checks must not repair or change what they look at."""
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)


def count_articles(db: Path) -> int:
    """Articles committed so far; 0 while the store does not exist yet."""
    if not db.exists():
        return 0
    try:
        con = ro_connect(db)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:   # not created yet, or locked for a moment
        return 0


def _tables_with(con: sqlite3.Connection, column: str) -> list[str]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return [t for t in names
            if t not in ("articles", "events") and column in
            {r[1] for r in con.execute(f'PRAGMA table_info("{t}")')}]


# Rows that come from an article's own analysis, whatever else the store holds. Other tables
# (commitment history, sources) also depend on which articles were stored before.
OWN_ROWS = ("events", "mentions", "relations", "participants")


def own_rows(rows: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {h: {t: n for t, n in per.items() if t in OWN_ROWS} for h, per in rows.items()}


def check_store(db: Path) -> dict[str, dict[str, int]]:
    """Assert integrity, no orphan rows, no duplicate articles; return rows per article hash.

    Every table with an article_id column counts towards its article, every table with an
    event_id column (participants, ...) towards the article of its event."""
    con = ro_connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        dups = con.execute("SELECT hash, count(*) FROM articles GROUP BY hash HAVING count(*) > 1").fetchall()
        assert dups == [], f"duplicate articles: {dups}"
        rows: dict[str, dict[str, int]] = {h: {} for (h,) in con.execute("SELECT hash FROM articles")}
        for t in ["events", *_tables_with(con, "article_id")]:
            orphans = con.execute(f'SELECT count(*) FROM "{t}" WHERE article_id NOT IN '
                                  f'(SELECT id FROM articles)').fetchone()[0]
            assert orphans == 0, f"{orphans} orphan rows in {t}"
            for h, n in con.execute(f'SELECT a.hash, count(*) FROM "{t}" x JOIN articles a '
                                    f'ON a.id = x.article_id GROUP BY a.hash'):
                rows[h][t] = n
        for t in _tables_with(con, "event_id"):
            orphans = con.execute(f'SELECT count(*) FROM "{t}" WHERE event_id NOT IN '
                                  f'(SELECT id FROM events)').fetchone()[0]
            assert orphans == 0, f"{orphans} orphan rows in {t}"
            for h, n in con.execute(f'SELECT a.hash, count(*) FROM "{t}" x JOIN events e ON e.id = x.event_id '
                                    f'JOIN articles a ON a.id = e.article_id GROUP BY a.hash'):
                rows[h][t] = n
        return rows
    finally:
        con.close()


# a fixture, imported by the test modules that use it (a conftest.py here would shadow tests/conftest.py)
@pytest.fixture(scope="session")
def reference_rows(tmp_path_factory):
    """Rows per article for articles 0..29, stored without interruption (in this process):
    what a complete article looks like, to compare a crashed-and-resumed store against."""
    from lagebild.model import IngestProblem
    from lagebild.pipeline import analyze_inputs
    from lagebild.store import Store

    folder = tmp_path_factory.mktemp("reference")
    paths = write_articles(folder / "in", 30)
    db = folder / "ref.db"
    with Store(str(db)) as store:
        for doc in analyze_inputs([str(p) for p in paths], workers=1):
            assert not isinstance(doc, IngestProblem), doc
            assert store.add(doc)
    return check_store(db)
