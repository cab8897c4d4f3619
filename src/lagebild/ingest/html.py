"""HTML pages -> plain text and metadata (trafilatura), plus a small lxml text extractor for
HTML fragments (feed summaries, JSONL "html" fields).

Markup is never kept or executed: scripts, styles, event attributes and the like vanish,
only text nodes survive.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from lagebild.model import Article, IngestProblem

from .decode import NotText, clean_text, decode_bytes
from .text import Options, make_article, storable

NO_MAIN_TEXT = "no main text found in HTML"

# Elements whose content is never reading text.
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "applet",
         "svg", "math", "head", "title", "form", "button", "select", "option", "textarea",
         "canvas", "video", "audio", "map")
# Page furniture: used only to decide whether a page has any main text at all.
_FURNITURE = ("nav", "header", "footer", "aside", "menu")
_FURNITURE_ROLES = ("navigation", "banner", "contentinfo", "menu", "menubar", "search")
_BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
          "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
          "tr", "ul", "caption"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace only: keep no-break spaces
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")
_LANG = re.compile(r"""<html\b[^>]*?\b(?:xml:)?lang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
                   re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")

_TRAFILATURA = dict(
    with_metadata=True,
    include_comments=False,   # reader comments are not the report
    include_tables=False,     # table cells make poor sentences
    include_images=False,
    include_links=False,
    include_formatting=False,
    # Only dates the page states; no guessing from free text or the current day.
    date_extraction_params={"extensive_search": False, "original_date": True},
)


def _parse(markup: str) -> Any | None:
    markup = _XML_DECL.sub("", markup, count=1)  # lxml refuses str with an encoding declaration
    markup = storable(markup)  # lxml silently drops the rest of a text after a lone surrogate
    if not markup.strip():
        return None
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _tree_text(root: Any) -> str:
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        is_element = isinstance(el.tag, str)
        block = is_element and el.tag.lower() in _BLOCK
        if event == "start":
            if block:
                parts.append("\n")
            if is_element and el.text:
                parts.append(el.text)
        else:
            if block:
                parts.append("\n")
            if el is not root and el.tail:
                parts.append(el.tail)
    lines = (_HTML_SPACE.sub(" ", ln).strip() for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment or page: one block per line, no markup."""
    root = _parse(markup)
    if root is None:
        return ""
    etree.strip_elements(root, *_DROP, with_tail=False)
    return _tree_text(root)


def _has_main_text(markup: str) -> bool:
    """Is there any prose outside navigation, header, footer and sidebars?"""
    root = _parse(markup)
    if root is None:
        return False
    etree.strip_elements(root, *_DROP, *_FURNITURE, with_tail=False)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and (el.get("role") or "").lower() in _FURNITURE_ROLES:
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
    return len(_WORD.findall(_tree_text(root))) >= 3


def declared_language(markup: str) -> str | None:
    m = _LANG.search(markup[:4096])
    return m.group(1) if m else None


def extract(markup: str) -> tuple[str | None, dict[str, Any]]:
    """(main text or None, metadata) of a whole page, via trafilatura."""
    import trafilatura  # slow import, only when HTML shows up

    doc = trafilatura.bare_extraction(storable(markup), **_TRAFILATURA)
    if doc is None:
        return None, {}
    get = (doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None))
    text = get("text")
    meta = {
        "title": get("title"),
        "author": get("author"),
        "url": get("url"),
        "source": get("sitename") or get("hostname"),
        "published": get("date"),
        "language": declared_language(markup),
    }
    if not isinstance(text, str) or not text.strip():
        return None, meta
    return clean_text(text), meta


def read_html(data: bytes, *, name: str, source: str, opts: Options) -> Iterator[Article | IngestProblem]:
    markup = decode_bytes(data)
    text, meta = extract(markup) if _has_main_text(markup) else (None, {})
    if text is None:
        raise NotText(NO_MAIN_TEXT)
    yield make_article(opts, id=name, text=text, path=source, **meta)
