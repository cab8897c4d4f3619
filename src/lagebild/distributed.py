"""The analysis on a Dask distributed cluster (`lagebild ingest --scheduler tcp://HOST:8786`).

Inputs are read here, on the client, so the workers need no access to the files; each article is
sent to the cluster as one task running `pipeline.analyze_article`, and the analysed documents
come back in input order, exactly as `pipeline.analyze_inputs` yields them: the store is written
by this process only. Workers must have the same lagebild installed (docs/distributed.md).
Needs the `dask` extra: pip install 'lagebild[dask]'.
"""
from __future__ import annotations

import warnings
from collections import deque
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Any, BinaryIO, Callable, Iterator

from .ingest import read_inputs
from .model import Document, IngestProblem
from .pipeline import _readable, _safe_analyze

__all__ = ["ClusterError", "analyze_distributed", "ingest_distributed", "check_workers"]


class ClusterError(RuntimeError):
    """The cluster cannot do the work: no scheduler there, no workers, lagebild missing on one."""


def _client(scheduler: Any):
    """A Client for an address, a Client, or a cluster object; and whether we must close it."""
    try:
        from dask.distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ClusterError("--scheduler needs Dask: pip install 'lagebild[dask]'") from exc
    if isinstance(scheduler, str):
        try:
            return Client(scheduler, timeout="30s"), True
        except OSError as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    if isinstance(scheduler, Client):
        return scheduler, False
    return Client(scheduler), True        # a LocalCluster or any other cluster object


def _local_version() -> str | None:
    try:
        return version("lagebild")
    except PackageNotFoundError:
        return None


def check_workers(client) -> int:
    """Fail early and clearly when a worker cannot import lagebild; returns the worker threads.

    Without this check a worker lacking lagebild fails on every task with a pickling error."""
    workers = client.get_versions(packages=["lagebild"])["workers"]
    if not workers:
        raise ClusterError("the Dask cluster has no workers (start some with `dask worker ADDRESS`)")
    mine = _local_version()
    missing, other = [], []
    for addr, info in workers.items():
        theirs = (info.get("packages") or {}).get("lagebild")
        if theirs is None:
            missing.append(addr)
        elif mine and theirs != mine:
            other.append(f"{addr} ({theirs})")
    if missing:
        raise ClusterError("lagebild is not installed on the Dask worker(s) " + ", ".join(sorted(missing))
                           + "; install the same version there (docs/distributed.md)")
    if other:
        warnings.warn(f"Dask workers run another lagebild than this client ({mine}): {', '.join(other)}; "
                      "results may differ from a local run", stacklevel=2)
    return max(1, sum(client.nthreads().values()))


def analyze_distributed(paths: list[str], scheduler: Any, *, published: date | None = None,
                        language: str = "auto", stdin: BinaryIO | None = None,
                        window: int | None = None) -> Iterator[Document | IngestProblem]:
    """Analysed documents (or problems) in input order, computed on the Dask cluster at `scheduler`
    (an address such as "tcp://HOST:8786", a Client or a cluster object).

    At most `window` articles (default: four per worker thread) are in flight, so memory stays
    bounded on long inputs; the output is the same as `analyze_inputs` with one worker."""
    client, owned = _client(scheduler)
    pending: deque = deque()
    try:
        threads = check_workers(client)
        limit = window or 4 * threads
        for item in _readable(read_inputs(paths, published=published, language=language, stdin=stdin)):
            if isinstance(item, IngestProblem):
                pending.append((item, None))
            else:
                pending.append((item, client.submit(_safe_analyze, item, pure=False)))
            while sum(f is not None for _, f in pending) > limit:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        left = [f for _, f in pending if f is not None]
        if left:                      # the caller stopped early: drop the rest of the work
            client.cancel(left)
        if owned:
            client.close()


def _result(entry) -> Document | IngestProblem:
    item, fut = entry
    if fut is None:
        return item
    try:
        return fut.result()
    except Exception as exc:  # a worker died or the task was lost: one article, not the run
        return IngestProblem(item.path or item.id,
                             f"analysis failed on the cluster: {type(exc).__name__}: {exc}"[:300])


def ingest_distributed(paths: list[str], scheduler: Any, db: str | None = None, *,
                       published: date | None = None, language: str = "auto",
                       stdin: BinaryIO | None = None,
                       on_problem: Callable[[IngestProblem], None] | None = None,
                       on_stored: Callable[[], None] | None = None) -> tuple[int, int, int]:
    """Analyse on the cluster and write to the store here; returns (added, already stored, failed)."""
    from .store import Store

    added = skipped = failed = 0
    with Store(db) as store:
        for item in analyze_distributed(paths, scheduler, published=published, language=language,
                                        stdin=stdin):
            if isinstance(item, IngestProblem):
                failed += 1
                if on_problem:
                    on_problem(item)
                continue
            try:
                stored = store.add(item)
            except Exception as exc:  # the article's transaction rolled back; the rest go on
                failed += 1
                if on_problem:
                    on_problem(IngestProblem(item.article.path or item.article.id,
                                             f"not stored: {type(exc).__name__}: {exc}"[:300]))
                continue
            added += stored
            skipped += not stored
            if on_stored:
                on_stored()
    return added, skipped, failed
