"""Analysis on a Dask cluster gives exactly the serial result, in input order, and ingests into the store.

One LocalCluster (two worker processes, one thread each) for the whole module; its workers are
forked from this process after the serial run, so they start with the language models loaded."""
import pytest

pytest.importorskip("dask.distributed")

import dask  # noqa: E402
from dask.distributed import Client, LocalCluster, get_task_stream  # noqa: E402

from lagebild.cli import examples_dir  # noqa: E402
from lagebild.distributed import analyze_distributed, ingest_distributed  # noqa: E402
from lagebild.export import to_contract  # noqa: E402
from lagebild.model import IngestProblem  # noqa: E402
from lagebild.pipeline import analyze_inputs  # noqa: E402
from lagebild.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def client(serial_items):
    # Worker processes, as on a real cluster: articles and documents cross a pickle boundary.
    # Forked after the serial run, so they inherit the loaded language models instead of
    # spending half a minute loading them again.
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):
        cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("inputs")
    (d / "empty.txt").write_text("")                  # a problem in the middle keeps its place
    files = sorted(str(p) for p in examples_dir().glob("*.txt"))
    return files[:3] + [str(d / "empty.txt")] + files[3:]


def _shape(items):
    return [("problem", i.source, i.message) if isinstance(i, IngestProblem) else ("doc", to_contract(i))
            for i in items]


@pytest.fixture(scope="module")
def serial_items(inputs):
    return list(analyze_inputs(inputs))


@pytest.fixture(scope="module")
def serial(serial_items):
    return _shape(serial_items)


def test_cluster_output_is_the_serial_output_in_order(client, inputs, serial):
    with get_task_stream(client) as ts:
        got = _shape(analyze_distributed(inputs, client))
    assert got == serial
    assert [g[0] for g in got].count("doc") == len(inputs) - 1
    assert len(ts.data) >= len(inputs) - 1          # the analysis really ran on the workers


def test_small_window_keeps_order(client, inputs, serial):
    assert _shape(analyze_distributed(inputs, client, window=1)) == serial


def test_ingest_on_cluster_matches_serial_store(client, inputs, serial_items, tmp_path):
    problems = []
    added, skipped, failed = ingest_distributed(inputs, client, str(tmp_path / "d.db"), on_problem=problems.append)
    assert (added, skipped, failed) == (len(inputs) - 1, 0, 1)
    assert [p.source for p in problems] == [inputs[3]]
    with Store(str(tmp_path / "s.db")) as ref:
        for item in serial_items:
            if not isinstance(item, IngestProblem):
                ref.add(item)
        with Store(str(tmp_path / "d.db")) as dist:
            assert dist.stats() == ref.stats()
            assert dist.events() == ref.events()
            assert dist.relations() == ref.relations()
            assert dist.commitments() == ref.commitments()
    # a second run stores nothing new
    assert ingest_distributed(inputs, client, str(tmp_path / "d.db")) == (0, len(inputs) - 1, 1)


def test_cli_ingest_with_scheduler(client, inputs, tmp_path):
    from click.testing import CliRunner

    from lagebild.cli import ingest, main
    if "scheduler" not in {p.name for p in ingest.params}:
        pytest.skip("lagebild ingest has no --scheduler option yet")
    db = str(tmp_path / "cli.db")
    res = CliRunner().invoke(main, ["ingest", *inputs, "--scheduler", client.scheduler.address, "--db", db,
                                    "--no-progress"])
    assert res.exit_code == 0, res.output
    with Store(db) as store:
        assert store.stats()["articles"] == len(inputs) - 1


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    from lagebild import distributed

    def refuse(*a, **k):
        raise OSError("connection refused")

    monkeypatch.setattr("dask.distributed.Client", refuse)
    with pytest.raises(distributed.ClusterError, match="cannot reach the Dask scheduler at tcp://nowhere:8786"):
        next(analyze_distributed(["x.txt"], "tcp://nowhere:8786"))
