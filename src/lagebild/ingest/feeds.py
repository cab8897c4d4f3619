"""RSS and Atom feeds: one Article per entry (feedparser).

feedparser always gets the bytes as a stream, never a string: a string that looks like a URL
or a file name would make it fetch or open that instead.
"""
from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from lagebild.model import Article, IngestProblem

from .decode import clean_text, decode_bytes, NotText
from .html import html_to_text
from .text import Options, make_article, meta_str, parse_date

_HTML_TYPES = ("text/html", "application/xhtml+xml")


# Numeric character references feedparser cannot turn into a character: it raises on
# surrogates (&#xD800;) and on numbers past U+10FFFF instead of reporting a bozo feed.
_CHARREF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")


def _safe_charref(m: re.Match) -> bytes:
    digits = m[1] or m[2]
    if len(digits) > 7:
        return b"&#xFFFD;"
    code = int(digits, 16 if m[1] else 10)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else m[0]


def _as_text(detail: Any, value: str | None = None) -> str:
    """Plain text of a feed text construct (content item, summary_detail, title_detail)."""
    if value is None:
        value = (detail or {}).get("value")
    if not isinstance(value, str):
        return ""
    kind = ((detail or {}).get("type") or "text/html").lower()
    if kind in _HTML_TYPES or "html" in kind:
        return html_to_text(value)
    return clean_text(value).strip()


def _entry_text(entry: Any) -> str:
    """Longest of the full content items, else the summary."""
    best = ""
    for item in entry.get("content") or []:
        text = _as_text(item)
        if len(text) > len(best):
            best = text
    if not best:
        best = _as_text(entry.get("summary_detail"), entry.get("summary"))
    return best


def _entry_date(entry: Any) -> date | None:
    # Our own parse keeps the date as written; feedparser's *_parsed is shifted to UTC.
    for key in ("published", "updated", "created"):
        found = parse_date(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if isinstance(st, time.struct_time):
            try:
                return date(st.tm_year, st.tm_mon, st.tm_mday)
            except ValueError:
                continue
    return None


def _entry_language(entry: Any) -> str | None:
    for item in [*(entry.get("content") or []), entry.get("summary_detail") or {}]:
        code = (item or {}).get("language")
        if code:
            return code
    return None


def read_feed(data: bytes, *, name: str, source: str, opts: Options) -> Iterator[Article | IngestProblem]:
    decode_bytes(data)  # refuses binary and empty input; feedparser decodes by itself
    import feedparser  # slow import, only when a feed shows up

    data = _CHARREF.sub(_safe_charref, data)  # ASCII-compatible encodings; UTF-16 feeds: below
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except (ValueError, OverflowError) as exc:  # UnicodeError included: feedparser's own failures
        raise NotText(f"malformed feed: {type(exc).__name__}") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            detail = " ".join(str(exc).split()) if exc else "parse error"
            raise NotText(f"malformed feed: {detail}")
        raise NotText("feed has no entries")
    feed = parsed.get("feed") or {}
    feed_title = meta_str(_as_text(feed.get("title_detail"), feed.get("title")))
    for n, entry in enumerate(entries, start=1):
        where = f"{source}#{n}"
        try:
            text = _entry_text(entry)
            if not text.strip():
                yield IngestProblem(source=where, message="feed entry has no text")
                continue
            yield make_article(
                opts,
                id=meta_str(entry.get("id")) or meta_str(entry.get("link")) or f"{name}#{n}",
                text=text,
                path=where,
                title=_as_text(entry.get("title_detail"), entry.get("title")),
                url=entry.get("link"),
                author=entry.get("author"),
                source=feed_title,
                published=_entry_date(entry),
                language=_entry_language(entry),
            )
        except NotText as exc:  # e.g. a text over the length limit
            yield IngestProblem(source=where, message=str(exc))
        except Exception as exc:  # one bad entry must not stop the others
            yield IngestProblem(source=where, message=f"unexpected error: {type(exc).__name__}: "
                                                      f"{' '.join(str(exc).split())}")
