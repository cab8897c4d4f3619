"""Where inputs come from (files, directories, stdin) and which reader gets them.

Format by extension; content sniffing for stdin, files without an extension and unknown
extensions. Every failure is turned into an IngestProblem here; nothing escapes.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from lagebild.model import Article, IngestProblem

from . import language as lang
from .decode import NotText
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .text import Options, read_text

Item = Article | IngestProblem
Reader = Callable[..., Iterator[Item]]

_READERS: dict[str, Reader] = {
    "text": read_text, "html": read_html, "feed": read_feed, "jsonl": read_jsonl,
}
_BY_EXTENSION = {
    ".txt": "text", ".md": "text", ".markdown": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}
_STDIN = "stdin"
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)\b", re.I)
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body)\b", re.I)


def sniff(data: bytes) -> str:
    """Format of content with no telling extension."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        head_text = head[: len(head) // 4 * 4].decode("utf-32", errors="ignore")
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head_text = head[: len(head) // 2 * 2].decode("utf-16", errors="ignore")
    else:
        head_text = head.decode("utf-8", errors="ignore")
    start = head_text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<?xml"):
        if _FEED_ROOT.search(start):
            return "feed"
        return "html" if _HTML_START.search(start) else "feed"
    if _FEED_ROOT.match(start):
        return "feed"
    if _HTML_START.match(start) or (start.startswith("<!--") and _HTML_START.search(start)):
        return "html"
    if start.startswith(("{", "[")):
        first = data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            pass
        if start.startswith("["):
            try:
                value = json.loads(data)
                if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                    return "jsonl"
            except (ValueError, RecursionError):
                pass
    return "text"


def _format_of(path: Path, data: bytes) -> str:
    kind = _BY_EXTENSION.get(path.suffix.lower())
    if kind is None:
        return sniff(data)
    if kind == "feed" and sniff(data) == "html":  # XHTML saved as .xml
        return "html"
    return kind


def _too_big(limit: int) -> str:
    return f"input larger than the limit of {limit} bytes (max_bytes)"


def _os_message(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(top: Path) -> list[Path]:
    """Every non-hidden file below top, sorted; hidden directories are not entered."""
    found: list[Path] = []
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        found.extend(Path(root, f) for f in files if not _hidden(f))
    return sorted(found, key=lambda p: p.relative_to(top).parts)


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if isinstance(data, str):  # a text stream handed in by mistake
        data = data.encode("utf-8")
    return data or b""


def _run(reader: Reader, data: bytes, *, name: str, source: str, opts: Options) -> Iterator[Item]:
    """One input through its reader; any failure becomes a problem, earlier articles stay."""
    try:
        yield from reader(data, name=name, source=source, opts=opts)
    except NotText as exc:
        yield IngestProblem(source=source, message=str(exc))
    except Exception as exc:  # a bug or library failure must not stop the other inputs
        detail = " ".join(str(exc).split())
        yield IngestProblem(source=source,
                            message=f"unexpected error: {type(exc).__name__}" + (f": {detail}" if detail else ""))


def _from_stdin(stream: BinaryIO | None, opts: Options) -> Iterator[Item]:
    if stream is None:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    try:
        data = _read_limited(stream, opts.max_bytes)
    except (OSError, ValueError) as exc:
        yield IngestProblem(source=_STDIN, message=f"cannot read stdin: {type(exc).__name__}")
        return
    if len(data) > opts.max_bytes:
        yield IngestProblem(source=_STDIN, message=_too_big(opts.max_bytes))
        return
    try:
        reader = _READERS[sniff(data)]
    except Exception as exc:  # defensive, as for files: a bad sniff must not abort the run
        yield IngestProblem(source=_STDIN, message=f"unexpected error: {type(exc).__name__}")
        return
    yield from _run(reader, data, name=_STDIN, source=_STDIN, opts=opts)


def _from_file(path: Path, given: str, opts: Options) -> Iterator[Item]:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # FIFOs and devices would block or never end
            yield IngestProblem(source=given, message="not a regular file")
            return
        if st.st_size > opts.max_bytes:
            yield IngestProblem(source=given, message=_too_big(opts.max_bytes))
            return
        with path.open("rb") as fh:
            data = _read_limited(fh, opts.max_bytes)
    except OSError as exc:
        yield IngestProblem(source=given, message=_os_message(exc))
        return
    if len(data) > opts.max_bytes:  # grew while we looked
        yield IngestProblem(source=given, message=_too_big(opts.max_bytes))
        return
    yield from _run(_READERS[_format_of(path, data)], data, name=path.name, source=given, opts=opts)


def _from_path(given: str, opts: Options, seen: set[str]) -> Iterator[Item]:
    path = Path(given)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield IngestProblem(source=given, message=_os_message(exc))
        return
    if not exists:
        yield IngestProblem(source=given, message="no such file or directory")
        return
    files = _walk(path) if is_dir else [path]
    if is_dir and not files:
        yield IngestProblem(source=given, message="directory has no input files")
        return
    for f in files:
        try:
            key = os.path.realpath(f)
        except (OSError, ValueError):
            key = str(f)
        if key in seen:  # the same file named twice (directly and via its directory)
            continue
        seen.add(key)
        shown = given if not is_dir else str(f)
        try:
            yield from _from_file(f, shown, opts)
        except Exception as exc:  # defensive: the walk itself must never abort the run
            yield IngestProblem(source=shown, message=f"unexpected error: {type(exc).__name__}")


def _options(published: date | None, language: str, max_bytes: int) -> Options:
    if isinstance(published, datetime):
        published = published.date()
    if published is not None and not isinstance(published, date):
        raise TypeError("published must be a datetime.date or None")
    if not isinstance(max_bytes, int) or max_bytes < 1:
        raise ValueError("max_bytes must be a positive integer")
    choice = (language or "auto").strip().lower()
    forced = None
    if choice != "auto":
        forced = lang.normalise_code(choice)
        if forced is None:
            raise ValueError(f"language must be 'auto' or an ISO 639-1 code, not {language!r}")
    return Options(published=published, language=forced, max_bytes=max_bytes)


def read_inputs(paths: list[str], *, published: date | None = None, language: str = "auto",
                stdin: BinaryIO | None = None, max_bytes: int = 20_000_000) -> Iterator[Item]:
    """Articles and problems from files, directories (recursive) and "-" (stdin), in order.

    Bad arguments raise at once (ValueError/TypeError); bad input never raises, it becomes an
    IngestProblem with a one-line message and the other inputs go on.
    """
    opts = _options(published, language, max_bytes)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # type: ignore[list-item]
    return _generate([os.fspath(p) for p in paths], stdin, opts)


def _generate(paths: list[str], stdin: BinaryIO | None, opts: Options) -> Iterator[Item]:
    seen: set[str] = set()
    for given in paths:
        if given == "-":
            yield from _from_stdin(stdin, opts)
        else:
            yield from _from_path(given, opts, seen)
