"""The served API keeps answering while `lagebild ingest` writes into the same SQLite store (WAL)."""
import subprocess
import sys
import time

import httpx
import pytest

from lagebild.cli import examples_dir
from lagebild.store import Store
from live_server import live_server  # noqa: E402  (tests/ is on the path via its conftest)


@pytest.fixture()
def served(tmp_path):
    db = str(tmp_path / "store.db")
    Store(db).close()                       # an empty store, schema in place
    with live_server(db) as url:
        yield db, url


def test_reads_answer_while_an_ingest_writes(served, tmp_path):
    db, url = served
    # several copies of the examples with distinct texts, so the ingest writes for a while
    src = sorted(examples_dir().glob("*.txt"))
    for k in range(3):
        for p in src:
            (tmp_path / f"{k}-{p.name}").write_text(p.read_text(encoding="utf-8") + f"\n\nKopie {k}.\n",
                                                   encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "ingest", str(tmp_path), "--db", db,
                             "--workers", "1", "--no-progress"], stderr=subprocess.PIPE, text=True)
    answered, seen = 0, set()
    with httpx.Client(base_url=url, timeout=10) as client:
        while proc.poll() is None:
            for path in ("/stats", "/events?limit=5", "/network"):
                r = client.get(path)
                assert r.status_code == 200, (path, r.status_code, r.text[:200])
                answered += 1
            seen.add(client.get("/stats").json()["articles"])
            time.sleep(0.05)
        final = client.get("/stats").json()
    assert proc.returncode == 0, proc.stderr.read()
    assert final["articles"] == 3 * len(src)
    assert answered > 10
    # the server saw the store grow while the ingest ran, not only before and after
    assert len(seen) > 2, seen
