"""The world stage: standing relations and commitments derived from a document's actors and events.

`derive(doc)` fills `doc.relations` and `doc.commitments`. Cross-article fusion happens in the
store, which sees every document.
"""
from __future__ import annotations

from ..model import Document
from .commitments import commitments_from
from .relations import relations_from

__all__ = ["derive"]


def derive(doc: Document) -> Document:
    doc.relations = relations_from(doc)
    doc.commitments = commitments_from(doc)
    return doc
