"""The whole analysis, one article at a time: nlp -> actors -> events -> world.

`analyze_article` is the unit of work (pure: no store); `analyze_inputs` reads inputs through
ingest and yields analysed documents or problems, skipping languages Lagebild does not read.
"""
from __future__ import annotations

import itertools
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import BinaryIO, Iterator

from . import actors, events, lang, nlp, world
from .ingest import read_inputs
from .model import Article, Document, IngestProblem


def analyze_article(article: Article) -> Document:
    doc = Document(article)
    nlp.annotate(doc)
    actors.recognize(doc)
    events.extract(doc)
    world.derive(doc)
    return doc


def _safe_analyze(article: Article) -> Document | IngestProblem:
    try:
        return analyze_article(article)
    except Exception as exc:  # one bad document must not stop a batch
        return IngestProblem(article.path or article.id, f"analysis failed: {type(exc).__name__}: {exc}")


def _readable(items: Iterator[Article | IngestProblem]) -> Iterator[Article | IngestProblem]:
    for item in items:
        if isinstance(item, Article) and item.language not in lang.supported():
            yield IngestProblem(item.path or item.id,
                                f"language {item.language or 'unknown'!r} is not analysed "
                                f"(Lagebild reads {', '.join(lang.supported())}); skipped")
        else:
            yield item


def analyze_inputs(paths: list[str], *, published: date | None = None, language: str = "auto",
                   stdin: BinaryIO | None = None, workers: int = 1) -> Iterator[Document | IngestProblem]:
    """Analysed documents (or problems) in input order. With workers > 1 the analysis runs in
    a process pool; the output is the same as a serial run, only faster on many articles."""
    items = _readable(read_inputs(paths, published=published, language=language, stdin=stdin))
    if workers <= 1:
        for item in items:
            yield item if isinstance(item, IngestProblem) else _safe_analyze(item)
        return
    head = list(itertools.islice(items, 4 * workers))
    if len(head) < 4 * workers:        # a handful of articles: starting workers costs more
        for item in head:
            yield item if isinstance(item, IngestProblem) else _safe_analyze(item)
        return
    with ProcessPoolExecutor(workers) as pool:
        window: deque = deque()
        for item in itertools.chain(head, items):
            window.append(item if isinstance(item, IngestProblem) else pool.submit(_safe_analyze, item))
            while len(window) > 8 * workers:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())


def _result(x):
    return x if isinstance(x, IngestProblem) else x.result()
