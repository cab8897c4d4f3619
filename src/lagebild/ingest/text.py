"""Plain text files, with optional YAML front matter.

    ---
    title: Ein Titel
    published: 2025-02-07
    source: Beispielzeitung
    language: de
    url: https://example.org/a
    author: N. N.
    id: my-id
    ---
    The body, kept exactly as read (universal newlines).

Also home of the helpers every reader shares (Options, parse_date, make_article).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import yaml

from lagebild.model import Article, IngestProblem

from . import language as lang
from .decode import EMPTY, NotText, clean_text, decode_bytes


# Longest article text analysed (about 30,000 words). News reports are a few thousand characters;
# a longer text is a dump or junk, and analysis time grows faster than its length.
MAX_CHARS = 200_000
TOO_LONG = f"article text longer than the limit of {MAX_CHARS} characters; split it into several inputs"

# Characters no store can keep: NUL (PostgreSQL text refuses it) and lone surrogates (not
# encodable as UTF-8; a JSON "\\ud800" escape yields one). One U+FFFD for one: offsets stay valid.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    return _UNSTORABLE.sub("\ufffd", text)


@dataclass(frozen=True)
class Options:
    published: date | None = None   # fallback publication date
    language: str | None = None     # forced ISO 639-1 code, None = auto
    max_bytes: int = 20_000_000


# ---------------------------------------------------------------- shared helpers

def parse_date(value: object) -> date | None:
    """ISO date/datetime or RFC 2822; the date as written (no timezone shift). Never guesses."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    if len(s) < 8:  # "2025" or "2025-02" is not a day
        return None
    result: date | None = None
    try:
        result = date.fromisoformat(s)
    except ValueError:
        try:
            result = datetime.fromisoformat(s).date()
        except ValueError:
            try:
                result = parsedate_to_datetime(s).date()
            except (TypeError, ValueError, IndexError, OverflowError):
                result = None
    if result is None or not 1800 <= result.year <= 2200:
        return None
    return result


def meta_str(value: object) -> str | None:
    """A metadata field as one tidy line; None for empty or structured junk."""
    if isinstance(value, (list, tuple)):  # one level only: nested lists are junk, maybe deep
        parts = [meta_str(v) for v in value if not isinstance(v, (list, tuple, dict))]
        value = ", ".join(p for p in parts if p)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = storable(" ".join(value.split()))
    return value or None


def make_article(opts: Options, *, id: str, text: str, path: str | None,
                 title: object = None, url: object = None, author: object = None,
                 source: object = None, published: object = None,
                 language: object = None) -> Article:
    """Build an Article: the record's date beats the caller's fallback; language resolved.

    Raises NotText for a text over MAX_CHARS."""
    if len(text) > MAX_CHARS:
        raise NotText(TOO_LONG)
    text = storable(text)
    return Article(
        id=storable(id),
        text=text,
        language=lang.resolve(text, opts.language, language),
        published=parse_date(published) or opts.published,
        title=meta_str(title),
        url=meta_str(url),
        author=meta_str(author),
        source=meta_str(source),
        path=storable(path) if path is not None else None,
    )


# ---------------------------------------------------------------- front matter

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_LINE = re.compile(r"^\s*[A-Za-z_][\w-]*\s*:")


class _FrontLoader(yaml.SafeLoader):
    """SafeLoader without aliases (a few nested ones expand to billions of items) and with
    impossible dates such as 2025-13-45 kept as strings instead of raising ValueError."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def _timestamp(self, node):
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_FrontLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontLoader._timestamp)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body). Body starts right after the closing line's newline.

    A leading block that is not a YAML mapping (e.g. prose between two rules) is body text;
    one that looks like 'key: value' lines but is broken YAML raises NotText.
    """
    m = _FRONT.match(text)
    if not m:
        return {}, text
    block = m.group(1) or ""
    try:
        data = yaml.load(block, Loader=_FrontLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise NotText("invalid YAML front matter: nested too deeply") from None
    except yaml.YAMLError as exc:
        first = next((ln for ln in block.splitlines() if ln.strip()), "")
        if _KEY_LINE.match(first):
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or type(exc).__name__
            raise NotText(f"invalid YAML front matter: {problem}{where}") from None
        return {}, text
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, text
    meta = {str(k).strip().lower(): v for k, v in data.items()}
    return meta, text[m.end():]


def read_text(data: bytes, *, name: str, source: str, opts: Options) -> Iterator[Article | IngestProblem]:
    text = decode_bytes(data, use_declaration=False)
    yield from text_to_articles(text, name=name, source=source, opts=opts)


def text_to_articles(text: str, *, name: str, source: str, opts: Options) -> Iterator[Article | IngestProblem]:
    meta, body = split_front_matter(clean_text(text))
    if not body.strip():
        raise NotText(f"{EMPTY}: no text after the front matter" if meta else EMPTY)
    yield make_article(
        opts,
        id=meta_str(meta.get("id")) or name,
        text=body,
        path=source,
        title=meta.get("title"),
        url=meta.get("url"),
        author=meta.get("author"),
        source=meta.get("source"),
        published=meta.get("published", meta.get("date")),
        language=meta.get("language", meta.get("lang")),
    )
