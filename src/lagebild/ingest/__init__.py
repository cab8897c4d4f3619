"""Ingest: files, directories, stdin -> Article objects (or IngestProblem for bad input).

Article.text is the text as read: decoded, BOM dropped, "\\r\\n"/"\\r" turned into "\\n",
and each NUL or lone surrogate (which no store can keep) replaced by one U+FFFD.
All character offsets later in the pipeline refer to that text.

Limits: an input over `max_bytes` (20 MB) is refused (a file without reading it); an article text over
`text.MAX_CHARS` (200,000 characters) is refused with a message asking to split it.
"""
from lagebild.model import Article, IngestProblem

from .sources import read_inputs, sniff

__all__ = ["Article", "IngestProblem", "read_inputs", "sniff"]
