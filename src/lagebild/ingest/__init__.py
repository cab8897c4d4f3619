"""Ingest: files, directories, stdin -> Article objects (or IngestProblem for bad input).

Article.text is the text as read: decoded, BOM dropped, "\\r\\n"/"\\r" turned into "\\n".
All character offsets later in the pipeline refer to that text.
"""
from lagebild.model import Article, IngestProblem

from .sources import read_inputs, sniff

__all__ = ["Article", "IngestProblem", "read_inputs", "sniff"]
