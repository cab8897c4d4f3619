"""Two ingests into one store at the same time: nothing corrupted, nothing stored twice."""
from __future__ import annotations

import re
import subprocess
import threading

import pytest

from reliability_helpers import check_store, cli_cmd, cli_env, own_rows, reference_rows, write_articles  # noqa: F401 (reference_rows: a fixture)


def _summary(stderr: str) -> tuple[int, int, int]:
    m = re.search(r"(\d+) added, (\d+) already stored, (\d+) not processed", stderr)
    assert m, stderr
    return int(m[1]), int(m[2]), int(m[3])


def test_two_ingests_at_once_overlapping(tmp_path, reference_rows):
    from lagebild.store import Store

    db = tmp_path / "store.db"
    Store(str(db)).close()   # the store exists; opening a new one concurrently: see below
    a = write_articles(tmp_path / "a", 20)              # articles 0..19
    b = write_articles(tmp_path / "b", 20, start=10)    # articles 10..29: half shared with a
    procs = [subprocess.Popen(cli_cmd("ingest", *map(str, files), "--db", str(db), "--workers", "1",
                                      "--no-progress"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=cli_env())
             for files in (a, b)]
    outs = [p.communicate(timeout=300)[1] for p in procs]
    for p, err in zip(procs, outs):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    (added_a, had_a, bad_a), (added_b, had_b, bad_b) = map(_summary, outs)
    assert bad_a == bad_b == 0
    assert added_a + had_a == 20 and added_b + had_b == 20
    assert added_a + added_b == 30          # each shared article went in once, by either run
    rows = check_store(db)
    assert len(rows) == 30
    # the stored order differs from the reference's, so only order-free rows compare exactly
    assert own_rows(rows) == own_rows({h: reference_rows[h] for h in rows})


def test_new_store_opened_by_several_at_once(tmp_path):
    from lagebild.store import Store

    errors: list[str] = []

    def open_store(db, barrier):
        barrier.wait()
        try:
            Store(str(db)).close()
        except Exception as exc:   # collected, reported below
            errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")

    for i in range(5):
        barrier = threading.Barrier(4)
        threads = [threading.Thread(target=open_store, args=(tmp_path / f"s{i}.db", barrier)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    for i in range(5):
        check_store(tmp_path / f"s{i}.db")
