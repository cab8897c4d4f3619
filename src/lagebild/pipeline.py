"""The whole analysis, one article at a time: nlp -> actors -> events -> world.

`analyze_article` is the unit of work (pure: no store); `analyze_inputs` reads inputs through
ingest and yields analysed documents or problems, skipping languages Lagebild does not read.
"""
from __future__ import annotations

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


def analyze_inputs(paths: list[str], *, published: date | None = None, language: str = "auto",
                   stdin: BinaryIO | None = None) -> Iterator[Document | IngestProblem]:
    for item in read_inputs(paths, published=published, language=language, stdin=stdin):
        if isinstance(item, IngestProblem):
            yield item
            continue
        if item.language not in lang.supported():
            yield IngestProblem(item.path or item.id,
                                f"language {item.language or 'unknown'!r} is not analysed "
                                f"(Lagebild reads {', '.join(lang.supported())}); skipped")
            continue
        try:
            yield analyze_article(item)
        except Exception as exc:  # one bad document must not stop a batch
            yield IngestProblem(item.path or item.id, f"analysis failed: {type(exc).__name__}: {exc}")
