"""Crash safety: `lagebild ingest` killed with SIGKILL part way leaves a sound store, and the
same ingest run again completes the rest without duplicates."""
from __future__ import annotations

import signal
import subprocess
import time

from reliability_helpers import check_store, cli_cmd, cli_env, count_articles, reference_rows, run_cli, write_articles  # noqa: F401 (reference_rows: a fixture)

N = 30


def _ingest_until_killed(folder, db, at_least: int) -> int:
    proc = subprocess.Popen(cli_cmd("ingest", str(folder), "--db", str(db), "--workers", "1", "--no-progress"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cli_env())
    try:
        deadline = time.monotonic() + 120
        while count_articles(db) < at_least:
            assert proc.poll() is None, "ingest ended before it could be killed: " + proc.stderr.read().decode()
            assert time.monotonic() < deadline, "ingest stored nothing in 120 s"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return count_articles(db)


def test_sigkill_mid_ingest_then_resume(tmp_path, reference_rows):
    folder = tmp_path / "in"
    write_articles(folder, N)
    db = tmp_path / "store.db"

    stored = _ingest_until_killed(folder, db, at_least=3)
    assert 3 <= stored < N, f"kill came too late to test anything ({stored} of {N} stored)"

    # What survived is complete: every committed article has exactly the rows an uninterrupted
    # run in the same order gives it (events, participants, mentions, ...), and nothing else.
    rows = check_store(db)
    assert len(rows) == stored
    for h, per_table in rows.items():
        assert per_table == reference_rows[h], f"article {h[:12]} is incomplete after the kill"
    assert any(r.get("events") for r in rows.values()), "the articles should carry events"

    # Same command again: the rest is added, nothing twice.
    done = run_cli("ingest", str(folder), "--db", str(db), "--workers", "1", "--no-progress")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{N - stored} added, {stored} already stored, 0 not processed" in done.stderr
    rows = check_store(db)
    assert len(rows) == N
    assert rows == {h: reference_rows[h] for h in rows}
