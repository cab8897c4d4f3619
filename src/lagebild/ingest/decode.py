"""Bytes -> str for every reader.

Order: BOM (UTF-8/16/32), strict UTF-8, a charset declared inside the document (XML
declaration or HTML meta), then a guess. Binary junk is refused before any guessing.

The only changes made to the text: the BOM is dropped and "\\r\\n" / "\\r" become "\\n"
(universal newlines). Every character offset downstream refers to the text in this form.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer


class NotText(ValueError):
    """The input cannot become text; the message is one line for the user."""


BINARY = "binary file, not text"
EMPTY = "empty input"

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats whose first bytes may still look like text. Those that
# begin with letters are matched with the bytes after them, so that a text starting "RIFF" or
# "BZh" is not taken for a sound file or an archive.
_MAGIC = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xfd7zXZ",
          b"7z\xbc\xaf", b"Rar!\x1a\x07", b"\x7fELF", b"MZ\x90\x00", b"\xd0\xcf\x11\xe0", b"OggS\x00")
_MAGIC_RE = re.compile(rb"GIF8[79]a|BZh[1-9]1AY&SY|ID3[\x02-\x04]\x00|RIFF.{4}(?:WAVE|AVI |WEBP|RMID)", re.S)

# C0 controls except tab, LF, VT, FF, CR and ESC; text files practically never contain them.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CONTROL_RATIO = 0.05
_NUL_RATIO = 0.01
_SAMPLE = 1 << 16

_DECL_XML = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_DECL_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)

# Western European letters and punctuation that a cp1252 reading of German, English,
# French, ... text produces; a reading full of other symbols is probably another code page.
_WESTERN = set("ÄÖÜäöüßÀÁÂÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕØÙÚÛÝàáâãåæçèéêëìíîïñòóôõøùúûýÿŒœŠšŽžŸ"
               "„“”‚‘’–—…€«»°§·×£¥©®™ ¡¿ªº±²³½¼¾µ¶")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """The only normalisation any text gets: drop a leading BOM, universal newlines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return normalise_newlines(text)


def declared_encoding(data: bytes) -> str | None:
    """Charset named by an XML declaration or an HTML <meta>, if Python knows it."""
    head = data[:2048]
    m = _DECL_XML.match(head) or _DECL_META.search(head)
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def looks_binary(data: bytes) -> bool:
    if data.startswith(_MAGIC) or _MAGIC_RE.match(data):
        return True
    sample = data[:_SAMPLE]
    # Binary formats are full of NULs; a text with a stray one (a botched copy) stays text, and
    # the NUL becomes U+FFFD in the article (see text.storable).
    if sample.count(0) > _NUL_RATIO * len(sample):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _CONTROL_RATIO * len(sample)


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text: every other byte is NUL, on one side only."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.6 * half and even == 0:
        return "utf-16-le"
    if even > 0.6 * half and odd == 0:
        return "utf-16-be"
    return None


def _text_is_junk(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    bad = sum(1 for ch in sample
              if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\x0b\x0c\r\x1b")
    return bad > _CONTROL_RATIO * len(sample)


def _western(data: bytes) -> str | None:
    """cp1252 reading when it looks like Western European text (mostly ASCII letters)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = non_ascii = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
        if ord(ch) > 127:
            if ch not in _WESTERN:
                return None
            non_ascii += 1
    if letters and non_ascii <= 0.5 * letters:
        return text
    return None


def _guess(data: bytes) -> str:
    """Non-UTF-8 bytes without a declaration.

    charset-normalizer alone misreads short Latin-1 snippets (e.g. as EBCDIC), so a clean
    Western European cp1252 reading wins; anything else goes to charset-normalizer.
    """
    text = _western(data)
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise NotText("could not determine the text encoding")
    return str(best)


def decode_bytes(data: bytes, *, use_declaration: bool = True) -> str:
    """Decode one input; raise NotText with a one-line message when it is not text."""
    if not data.strip():
        raise NotText(EMPTY)
    bom = _bom(data)
    if bom:
        enc, skip = bom
        text = data[skip:].decode(enc, errors="replace")
    else:
        enc16 = _utf16_without_bom(data)
        if enc16:
            text = data.decode(enc16, errors="replace")
        elif looks_binary(data):
            raise NotText(BINARY)
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                declared = declared_encoding(data) if use_declaration else None
                text = None
                if declared and declared not in ("utf-8", "utf-16", "utf-32"):
                    try:
                        text = data.decode(declared)
                    except UnicodeDecodeError:
                        text = None
                if text is None:
                    text = _guess(data)
    if _text_is_junk(text):
        raise NotText(BINARY)
    text = clean_text(text)
    if not text.strip():
        raise NotText(EMPTY)
    return text
