"""The command line: a thin shell over lagebild.pipeline, lagebild.store and lagebild.export."""
from __future__ import annotations

import json
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import click

from . import __version__
from .model import Document, IngestProblem


def _published(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD") from None


def _problem(p: IngestProblem) -> None:
    click.echo(f"lagebild: {p.source}: {p.message}", err=True)


def _default_workers() -> int:
    import os

    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


_common = [
    click.option("--workers", type=click.IntRange(1), default=_default_workers, show_default="all cores",
                 help="Processes for the analysis; results are identical to a serial run."),
    click.option("--published", callback=_published, metavar="YYYY-MM-DD",
                 help="Publication date for inputs that carry none (relative dates resolve against it)."),
    click.option("--lang", "language", type=click.Choice(["auto", "de", "en"]), default="auto",
                 show_default=True, help="Language of the inputs; auto detects per article."),
]


def common(f):
    for opt in reversed(_common):
        f = opt(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lagebild")
def main() -> None:
    """Lagebild: news reports into an evidence-linked model of international relations."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@common
@click.option("--format", "fmt", type=click.Choice(["json", "plover"]), default="json", show_default=True,
              help="json: one analysis object per document (the output contract); plover: PLOVER event records.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE instead of stdout.")
def analyze(paths, workers, published, language, fmt, output) -> None:
    """Analyse articles without touching the store; prints JSONL. PATH may be '-' for stdin."""
    from .export import to_contract, to_plover
    from .pipeline import analyze_inputs

    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    done = 0
    try:
        for item in analyze_inputs(list(paths), published=published, language=language,
                                   stdin=sys.stdin.buffer, workers=workers):
            if isinstance(item, IngestProblem):
                _problem(item)
                continue
            records = [to_contract(item)] if fmt == "json" else to_plover(item)
            for rec in records:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()
            done += 1
    finally:
        if output:
            out.close()
    if done == 0:
        sys.exit(1)


def _ingest(paths, published, language, db, progress: bool, workers: int = 1,
            scheduler: str | None = None) -> tuple[int, int, int]:
    from tqdm import tqdm

    from .pipeline import analyze_inputs
    from .store import Store

    if scheduler:   # the analysis on a Dask cluster; this process still writes the store
        from .distributed import analyze_distributed
        items = analyze_distributed(list(paths), scheduler, published=published, language=language,
                                    stdin=sys.stdin.buffer)
    else:
        items = analyze_inputs(list(paths), published=published, language=language,
                               stdin=sys.stdin.buffer, workers=workers)
    added = skipped = failed = 0
    with Store(db) as store:
        bar = tqdm(desc="ingest", unit="article", disable=not progress, file=sys.stderr)
        for item in items:
            if isinstance(item, IngestProblem):
                _problem(item)
                failed += 1
                continue
            try:
                stored = store.add(item)
            except Exception as exc:  # the article's transaction rolled back; the rest go on
                _problem(IngestProblem(item.article.path or item.article.id,
                                       f"not stored: {type(exc).__name__}: {exc}"[:300]))
                failed += 1
                continue
            added += stored
            skipped += not stored
            bar.update(1)
        bar.close()
    return added, skipped, failed


_db_option = click.option("--db", default=None, metavar="PATH|URL",
                          help="Store location (default: $LAGEBILD_DB or the user data directory).")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@common
@_db_option
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="Run the analysis on the Dask cluster with this scheduler instead of local processes "
                   "(--workers is then ignored); the store is written from here. Needs lagebild[dask] "
                   "here and lagebild on every worker: docs/distributed.md.")
def ingest(paths, workers, published, language, db, progress, scheduler) -> None:
    """Analyse articles and store them; the same article twice is stored once."""
    if progress is None:
        progress = sys.stderr.isatty()
    from .distributed import ClusterError

    try:
        added, skipped, failed = _ingest(paths, published, language, db, progress, workers, scheduler)
    except ClusterError as exc:   # no scheduler there, no workers, lagebild missing on a worker
        raise click.ClickException(str(exc)) from None
    click.echo(f"{added} added, {skipped} already stored, {failed} not processed", err=True)
    if added + skipped == 0:
        sys.exit(1)


@main.command()
@_db_option
def stats(db) -> None:
    """Counts of what the store holds."""
    from .store import Store

    with Store(db) as store:
        for k, v in store.stats().items():
            click.echo(f"{k:15} {v}")


def examples_dir() -> Path:
    return Path(str(resources.files("lagebild").joinpath("examples")))


@main.command()
@_db_option
def demo(db) -> None:
    """Ingest the bundled example articles and print the resulting world model."""
    from .report import summary
    from .store import Store

    files = sorted(str(p) for p in examples_dir().glob("*.txt"))
    added, skipped, _ = _ingest(files, None, "auto", db, sys.stderr.isatty())
    with Store(db) as store:
        click.echo(f"Store: {store.url}  ({added} new articles, {skipped} already stored)\n")
        click.echo(summary(store))


@main.group()
def actors() -> None:
    """What Lagebild knows about actors."""


@actors.command("lookup")
@click.argument("name")
@click.option("--date", "day", callback=_published, metavar="YYYY-MM-DD", help="Resolve offices on this date.")
@click.option("--lang", "language", type=click.Choice(["de", "en"]), default="de", show_default=True)
def actors_lookup(name, day, language) -> None:
    """Show what a name resolves to (with the office held on --date)."""
    from .actors import lookup

    hits = lookup(name, language, day)
    if not hits:
        click.echo(f"nothing known for {name!r}", err=True)
        sys.exit(1)
    for h in hits:
        click.echo(json.dumps(h, ensure_ascii=False))


def _register() -> None:
    from .commands.query import export, query, show
    from .commands.serve import serve

    for command in (query, show, export, serve):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
