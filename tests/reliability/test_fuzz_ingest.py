"""Hostile input through ingest: random bytes, broken formats, odd encodings and characters,
absurd sizes and nesting. read_inputs never raises; each bad input becomes one clear,
one-line problem; a good input in the same run still comes through untouched."""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.ingest import Article, IngestProblem, read_inputs
from lagebild.ingest.decode import clean_text
from lagebild.ingest.text import MAX_CHARS

# LAGEBILD_FUZZ_EXAMPLES=2000 for a long hunt; the default keeps the suite fast.
FUZZ = settings(max_examples=int(os.environ.get("LAGEBILD_FUZZ_EXAMPLES", "60")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

GOOD = ("Die Regierung in Berlin hat am Montag neue Hilfen für die Landwirtschaft beschlossen. "
        "Der Minister sagte, das Paket sei in der Geschichte des Landes einmalig.\n")
GOOD_NAME = "zz-good.txt"   # sorts after the hostile inputs of a directory
EXTENSIONS = [".txt", ".md", ".html", ".xml", ".rss", ".atom", ".jsonl", ".json", "", ".bin"]


def check_items(items: list) -> tuple[list[Article], list[IngestProblem]]:
    """The properties every ingest result has, whatever went in."""
    arts, probs = [], []
    for it in items:
        if isinstance(it, IngestProblem):
            msg = it.message
            assert isinstance(msg, str) and msg.strip(), it
            assert "\n" not in msg and "Traceback" not in msg, it
            assert not msg.startswith("unexpected error"), f"an unforeseen failure (bug): {it}"
            probs.append(it)
        else:
            assert isinstance(it, Article), it
            assert it.text.strip() and len(it.text) <= MAX_CHARS
            for value in (it.text, it.id, it.path, it.title, it.url, it.author, it.source):
                if value is not None:
                    value.encode("utf-8")   # storable: no lone surrogates
                    assert "\x00" not in value
            assert len(it.hash) == 64
            arts.append(it)
    return arts, probs


def ingest_with_good(name: str, data: bytes) -> tuple[list[Article], list[IngestProblem]]:
    """`data` as file `name` next to a good article, both through one read_inputs call."""
    with tempfile.TemporaryDirectory() as d:
        Path(d, name).write_bytes(data)
        Path(d, GOOD_NAME).write_text(GOOD, encoding="utf-8")
        arts, probs = check_items(list(read_inputs([d])))
    good = [a for a in arts if a.id == GOOD_NAME]
    assert len(good) == 1 and good[0].text == GOOD, "the good input of the run was lost"
    return [a for a in arts if a.id != GOOD_NAME], probs


# ------------------------------------------------------------------ random bytes, any format

@FUZZ
@given(data=st.binary(max_size=3000), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_any_format(data, ext):
    ingest_with_good("input" + ext, data)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_on_stdin(data):
    check_items(list(read_inputs(["-"], stdin=io.BytesIO(data))))


# Text of any script, combining marks, RTL and format characters, but no controls or
# unassigned code points (those make a file "binary", which is right but not tested here).
_TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"))
_ANY_TEXT = st.text(_TEXT_CHARS, min_size=1, max_size=400)


@FUZZ
@given(text=_ANY_TEXT, enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
       ext=st.sampled_from([".txt", ".md", ""]))
def test_unicode_text_round_trips(text, enc, ext):
    body = "Meldung: " + text   # a leading word: no front matter, no leading BOM
    arts, probs = ingest_with_good("input" + ext, body.encode(enc))
    if not clean_text(body).strip():
        return
    if probs:  # only a file sniffed as another format may fail (e.g. body looks like JSON)
        assert ext == "", probs
        return
    (art,) = arts
    assert art.text == clean_text(body)


@FUZZ
@given(text=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x17F), min_size=20, max_size=300),
       enc=st.sampled_from(["utf-16-le", "utf-16-be", "latin-1", "cp1252"]))
def test_other_encodings_without_bom(text, enc):
    try:
        data = ("Bericht " + text).encode(enc)
    except UnicodeEncodeError:
        data = ("Bericht " + text).encode(enc, errors="replace")
    ingest_with_good("input.txt", data)


@FUZZ
@given(parts=st.lists(st.tuples(_ANY_TEXT, st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16-le"])),
                      min_size=2, max_size=5))
def test_mixed_encodings_in_one_file(parts):
    data = b"".join(t.encode(enc, errors="replace") for t, enc in parts)
    ingest_with_good("mixed.txt", data)


# ------------------------------------------------------------------ structured formats

_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), _ANY_TEXT,
                    st.text(max_size=30))   # the last may hold lone surrogates: JSON can carry them
_JSON = st.recursive(_SCALAR, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                     st.dictionaries(st.text(max_size=8), kids, max_size=4)),
                     max_leaves=12)
_FIELDS = ["id", "url", "link", "title", "text", "html", "published", "date", "language", "lang",
           "source", "author", "authors"]
_RECORD = st.dictionaries(st.sampled_from(_FIELDS), _JSON, max_size=8)


def _line(rec) -> str:
    return json.dumps(rec, ensure_ascii=True)   # surrogates go in as \\udXXX escapes


_JSONL_LINE = st.one_of(
    _RECORD.map(_line),
    st.builds(lambda rec, cut: _line(rec)[:cut], _RECORD, st.integers(0, 40)),   # truncated
    _JSON.map(_line),                                                            # not an object
    st.text(_TEXT_CHARS, max_size=40),                                           # not JSON
    st.just(" "),
)


@FUZZ
@given(lines=st.lists(_JSONL_LINE, min_size=1, max_size=8), ext=st.sampled_from([".jsonl", ".ndjson"]))
def test_jsonl_one_result_per_line(lines, ext):
    """Each non-blank line gives exactly one article or one problem naming that line."""
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    arts, probs = ingest_with_good("input" + ext, data)
    text = "\n".join(lines)
    filled = [n for n, ln in enumerate(text.split("\n"), start=1) if ln.strip()]
    if not filled or text.lstrip().startswith("["):
        return   # blank file, or one JSON array: results for the file, not per line
    try:
        json.loads(text)
        return   # one object over several lines
    except ValueError:
        pass
    got = sorted([int(a.path.rsplit(":", 1)[1]) for a in arts] + [int(p.source.rsplit(":", 1)[1]) for p in probs])
    assert got == filled


_TAG = st.sampled_from(["div", "p", "span", "article", "main", "b", "i", "table", "tr", "td", "ul", "li",
                        "script", "style", "nav", "footer", "h1", "a", "iframe", "svg", "template",
                        "body", "html", "head", "title", "br", "img", "xmp", "plaintext", "noscript"])
_ATTR = st.sampled_from(['', ' class="x"', ' onload="alert(1)"', ' href="javascript:x()"', ' lang="de"',
                         ' style="display:none"', ' role="navigation"', ' x="<y>"', " a='", ' b="'])
_HTML_TEXT = st.one_of(_ANY_TEXT, st.sampled_from(["&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#99999999;",
                                                   "&bogus;", "<!--", "-->", "<![CDATA[", "]]>", "<", ">",
                                                   "</", "<?php ?>", "<!DOCTYPE html>", GOOD]))
_HTML = st.recursive(
    _HTML_TEXT,
    lambda kids: st.builds(lambda tag, attr, inner, close: f"<{tag}{attr}>{''.join(inner)}"
                           + (f"</{tag}>" if close else ""),
                           _TAG, _ATTR, st.lists(kids, max_size=4), st.booleans()),
    max_leaves=25)


@FUZZ
@given(markup=_HTML, ext=st.sampled_from([".html", ".htm", ".xhtml", ""]))
def test_malformed_html(markup, ext):
    ingest_with_good("page" + ext, ("<html><body>" + markup).encode("utf-8"))


_FEED_TEXT = st.one_of(_HTML_TEXT, st.sampled_from(["&lt;p&gt;" + GOOD + "&lt;/p&gt;", "<![CDATA[<p>x</p>]]>",
                                                    "&undefined;", "\u202eRTL", "e\u0301\u0301"]))
_ITEM = st.builds(
    lambda title, desc, date, guid: (f"<item><title>{title}</title><description>{desc}</description>"
                                     f"<pubDate>{date}</pubDate><guid>{guid}</guid></item>"),
    _FEED_TEXT, _FEED_TEXT, st.one_of(_ANY_TEXT, st.just("Fri, 07 Feb 2025 23:30:00 +0100"),
                                      st.just("Mon, 99 Foo 99999 99:99:99")), _ANY_TEXT)


@FUZZ
@given(items=st.lists(_ITEM, max_size=4), cut=st.one_of(st.none(), st.integers(0, 600)),
       ext=st.sampled_from([".xml", ".rss", ""]))
def test_malformed_feeds(items, cut, ext):
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{"".join(items)}</channel></rss>'
    data = feed.encode("utf-8", errors="replace")
    ingest_with_good("feed" + ext, data if cut is None else data[:cut])


_FRONT_VALUE = st.one_of(_ANY_TEXT.map(json.dumps), st.sampled_from(
    ["2025-13-45", "2025-02-30", "99999-01-01", "0000-00-00", "2025-02-07T25:61:00", "[1, [2, [3]]]",
     "{a: 1}", "!!binary xyz", "&a x", "*a", "'unclosed", '"\\ud800"', "|", ">", "- 1", "~", "null", "1e999"]))


@FUZZ
@given(meta=st.dictionaries(st.sampled_from(["title", "published", "date", "id", "language", "source",
                                             "url", "author", "lang"]), _FRONT_VALUE, max_size=6),
       body=st.one_of(st.just(GOOD), _ANY_TEXT))
def test_front_matter(meta, body):
    head = "".join(f"{k}: {v}\n" for k, v in meta.items())
    ingest_with_good("meldung.txt", f"---\n{head}---\n{body}".encode("utf-8"))


# ------------------------------------------------------------------ named hostile inputs

_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY l0 "lol">\n'
           + "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">\n' for i in range(1, 10))
           + ']>\n<rss version="2.0"><channel><title>&l9;</title><item><title>t</title>'
             '<description>&l9; Text</description></item></channel></rss>\n')
_XXE = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><item><title>t</title><description>&x; Text der Meldung'
        '</description></item></channel></rss>')
_YAML_BOMB = ("---\na: &a [x, x, x, x, x, x, x, x, x]\n"
              + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
              + "title: *i\n---\n" + GOOD)

HOSTILE: dict[str, tuple[bytes, str | None]] = {
    # name: (content, a word of the expected problem; None = may become an article)
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \t\r\n\n  \n", "empty"),
    "blank.jsonl": (b"\n\n  \n", "empty"),
    "nul.txt": (b"Hallo\x00Welt\x00" * 50, "binary"),
    "stray-nul.txt": (GOOD.encode() * 3 + b"\x00", None),
    "truncated.txt.gz": (gzip.compress(GOOD.encode() * 20)[:40], "binary"),
    "random.bin": (bytes(range(256)) * 8, "binary"),
    "png-named.txt": (b"\x89PNG\r\n\x1a\n" + os.urandom(200), "binary"),
    "deep.html": (b"<html><body>" + b"<div>" * 10_000 + GOOD.encode() + b"</div>" * 10_000 + b"</body></html>",
                  None),
    "deep-unclosed.html": (b"<html><body>" + b"<div><span><b>" * 10_000 + GOOD.encode(), None),
    "script-only.html": (b"<html><body><script>" + GOOD.encode() + b"</script></body></html>", "no main text"),
    "laughs.xml": (_LAUGHS.encode(), None),
    "xxe.xml": (_XXE.encode(), None),
    "truncated.rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti', None),
    "not-a-feed.xml": (b"<?xml version='1.0'?><note>kein Feed</note>", "feed"),
    "broken.jsonl": (b'{"text": "ok"\n[1, 2]\n"str"\n{"text": 5}\n{"html": 7}\n{}\n', None),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "deep-line.jsonl": (b'{"text": "x", "title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "nested too deeply"),
    "surrogates.jsonl": (b'{"text": "Bericht \\ud800 mit \\udfff halben Zeichen und \\u0000 NUL"}\n', None),
    "yaml-bomb.txt": (_YAML_BOMB.encode(), "aliases"),
    "yaml-python.txt": (b"---\ntitle: !!python/object/apply:os.system [echo]\n---\n" + GOOD.encode(), "front matter"),
    "yaml-bad-date.txt": (b"---\npublished: 2025-13-45\n---\n" + GOOD.encode(), None),
    "yaml-deep.txt": (b"---\ntitle: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n" + GOOD.encode(), "front matter"),
    "utf16-nobom.txt": (GOOD.encode("utf-16-le"), None),
    "utf16be-nobom.txt": (GOOD.encode("utf-16-be"), None),
    "mixed-enc.txt": (GOOD.encode() + "Größe, Übersee, Maßnahme.".encode("latin-1"), None),
    "rtl-combining.txt": (("خبر عاجل \u202e txet desrever \u202c שלום " + "e\u0301\u0308\u0323" * 200
                           + " Z\u0335\u0321\u0322a\u0336l\u0337g\u0338o").encode(), None),
    "bidi-controls.txt": (("\u2066\u2067\u2068\u2069\u200e\u200f\u061c" * 50 + GOOD).encode(), None),
    "lonely-bom.txt": (codecs.BOM_UTF8, "empty"),
    "odd-newlines.txt": (b"Zeile\r\r\n\n\r" * 100 + GOOD.encode(), None),
    "too-long.txt": (("Wort " * (MAX_CHARS // 5 + 10)).encode(), "limit"),
}


def test_named_hostile_inputs_in_one_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in HOSTILE.items():
        (folder / name).write_bytes(data)
    (folder / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    (folder / "good.jsonl").write_text(json.dumps({"id": "j1", "text": GOOD}) + "\n{broken\n", encoding="utf-8")
    (folder / os.fsdecode(b"name-\xff-not-utf8.txt")).write_text(GOOD + "Zwei.", encoding="utf-8")
    arts, probs = check_items(list(read_inputs([str(folder)])))

    by_file: dict[str, list[str]] = {}
    for p in probs:
        by_file.setdefault(Path(p.source.split("#")[0].rsplit(":", 1)[0]).name, []).append(p.message)
    for name, (_, word) in HOSTILE.items():
        if word is not None:
            assert any(word in m for m in by_file.get(name, [])), (name, by_file.get(name))
    texts = {a.id: a.text for a in arts}
    assert texts[GOOD_NAME] == GOOD and texts["j1"] == GOOD
    assert texts["utf16-nobom.txt"] == GOOD and texts["utf16be-nobom.txt"] == GOOD
    assert texts["mixed-enc.txt"].endswith("Größe, Übersee, Maßnahme.")
    assert texts["stray-nul.txt"] == GOOD * 3 + "\ufffd"   # kept, NUL made storable
    assert texts["name-\ufffd-not-utf8.txt"] == GOOD + "Zwei."   # an undecodable file name is no obstacle
    assert "root:" not in "".join(texts.values())            # no external entity was read
    assert all(len(t) < 100_000 for t in texts.values())      # no entity expanded
    surrogates = [a for a in arts if a.id == "surrogates.jsonl:1"]
    assert surrogates and surrogates[0].text.count("\ufffd") == 3


def test_over_long_record_does_not_stop_the_others(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "x" * (MAX_CHARS + 1)}) + "\n"
                 + json.dumps({"id": "ok", "text": GOOD}) + "\n", encoding="utf-8")
    arts, probs = check_items(list(read_inputs([str(f)])))
    assert [a.id for a in arts] == ["ok"]
    assert [p.source for p in probs] == [f"{f}:1"] and "limit" in probs[0].message


def test_fifty_megabytes_refused_in_bounded_memory(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:            # 50 MB of plausible text, written in pieces
        chunk = GOOD.encode() * 4000
        while fh.tell() < 50_000_000:
            fh.write(chunk)
    tracemalloc.start()
    try:
        (prob,) = check_items(list(read_inputs([str(big)])))[1]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "larger than the limit of 20000000 bytes" in prob.message
    assert peak < 5_000_000, f"{peak} bytes held to refuse a 50 MB file"
    # and in a run with a good input, that one still comes through
    (tmp_path / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    arts, probs = check_items(list(read_inputs([str(tmp_path)])))
    assert [a.id for a in arts] == [GOOD_NAME] and [p.source for p in probs] == [str(big)]


def test_fifty_megabytes_on_stdin_read_only_up_to_the_limit():
    class Stream(io.RawIOBase):   # 50 MB that is never held at once; counts what was read
        def __init__(self):
            self.left, self.read_total = 50_000_000, 0

        def readable(self):
            return True

        def read(self, n=-1):
            n = self.left if n is None or n < 0 else min(n, self.left)
            self.left -= n
            self.read_total += n
            return b"a" * n

    s = Stream()
    (prob,) = check_items(list(read_inputs(["-"], stdin=s, max_bytes=1_000_000)))[1]
    assert "limit" in prob.message and s.read_total <= 1_000_001


@pytest.mark.parametrize("kind", ["fifo", "directory-loop"])
def test_special_paths(tmp_path, kind):
    if kind == "fifo":
        target = tmp_path / "pipe.txt"
        os.mkfifo(target)
    else:
        target = tmp_path / "loop"
        target.mkdir()
        (target / "self").symlink_to(target)
        (target / "a.txt").write_text(GOOD, encoding="utf-8")
    arts, probs = check_items(list(read_inputs([str(target)])))
    if kind == "fifo":
        assert [p.message for p in probs] == ["not a regular file"]
    else:
        assert [a.text for a in arts] == [GOOD]
