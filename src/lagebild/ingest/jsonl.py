"""JSON Lines records, one article each:

    {"id": "...", "url": "...", "title": "...", "text": "..." | "html": "<p>...</p>",
     "published": "2025-02-07", "language": "de", "source": "...", "author": "..."}

Only "text" or "html" is required. A bad line becomes a problem naming "path:line" and the
other lines go on. A .json file holding one array of such records (or one record) works too.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lagebild.model import Article, IngestProblem

from .decode import NotText, clean_text, decode_bytes
from .html import extract, html_to_text
from .text import Options, make_article, meta_str


def _one_line(msg: str) -> str:
    return " ".join(msg.split())


def _loads(text: str) -> Any:
    """json.loads; ValueError also for nesting so deep that the parser would recurse out."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _record(rec: Any, *, name: str, where: str, lineno: int, opts: Options) -> Article | IngestProblem:
    if not isinstance(rec, dict):
        return IngestProblem(source=where, message=f"not a JSON object but {type(rec).__name__}")
    text = rec.get("text")
    markup = rec.get("html")
    meta: dict[str, Any] = {}
    if text is not None and not isinstance(text, str):
        return IngestProblem(source=where, message="field 'text' is not a string")
    if markup is not None and not isinstance(markup, str):
        return IngestProblem(source=where, message="field 'html' is not a string")
    if isinstance(text, str) and text.strip():
        text = clean_text(text)
    elif isinstance(markup, str) and markup.strip():
        text, meta = extract(markup)
        if text is None:  # fragments too small for trafilatura: plain text of the markup
            text = html_to_text(markup)
        if not text.strip():
            return IngestProblem(source=where, message="field 'html' has no text")
    elif text is None and markup is None:
        return IngestProblem(source=where, message="record has neither 'text' nor 'html'")
    else:
        return IngestProblem(source=where, message="record text is empty")

    def field(key: str, *alts: str) -> Any:
        for k in (key, *alts):
            if rec.get(k) not in (None, ""):
                return rec[k]
        return meta.get(key)

    return make_article(
        opts,
        id=meta_str(rec.get("id")) or f"{name}:{lineno}",
        text=text,
        path=where,
        title=field("title"),
        url=field("url", "link"),
        author=field("author", "authors"),
        source=field("source"),
        published=field("published", "date"),
        language=field("language", "lang"),
    )


def _whole_json(text: str) -> list[Any] | None:
    """Records of a .json file that is one array or one pretty-printed object, else None."""
    try:
        value = _loads(text)
    except ValueError:
        return None
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    return None


def read_jsonl(data: bytes, *, name: str, source: str, opts: Options) -> Iterator[Article | IngestProblem]:
    text = decode_bytes(data, use_declaration=False)
    head = text.lstrip()
    # One array, or one object spread over several lines; JSON Lines otherwise.
    if head.startswith("[") or (head.startswith("{") and "\n" in head.strip()):
        records = _whole_json(text)
        if records is not None:
            if not records:
                raise NotText("JSON array has no records")
            for i, rec in enumerate(records, start=1):
                where = f"{source}:{i}" if len(records) > 1 else source
                yield _safe(rec, name=name, where=where, lineno=i, opts=opts)
            return
        if head.startswith("["):
            try:
                _loads(text)
            except ValueError as exc:
                raise NotText(f"not valid JSON: {_one_line(str(exc))}") from None
    found = False
    # split("\n") rather than splitlines(): JSON strings may hold U+2028 and friends.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{source}:{lineno}"
        try:
            rec = _loads(line)
        except ValueError as exc:
            yield IngestProblem(source=where, message=f"not valid JSON: {_one_line(str(exc))}")
            continue
        yield _safe(rec, name=name, where=where, lineno=lineno, opts=opts)
    if not found:
        raise NotText("empty input")


def _safe(rec: Any, **kw: Any) -> Article | IngestProblem:
    try:
        return _record(rec, **kw)
    except NotText as exc:  # e.g. a text over the length limit
        return IngestProblem(source=kw["where"], message=str(exc))
    except Exception as exc:  # one bad record must not stop the others
        return IngestProblem(source=kw["where"], message=f"unexpected error: {type(exc).__name__}: "
                                                         f"{_one_line(str(exc))}")
