import io
import json
from datetime import date, datetime

import pytest

from ingest_helpers import DE, EN, FR, articles, only_article, only_problem, problems, run
from lagebild.ingest import read_inputs, sniff
from lagebild.ingest import sources


def test_directory_recursive_sorted_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DE, encoding="utf-8")
    (tmp_path / "c.md").write_text(FR, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(DE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(DE, encoding="utf-8")
    items = run([tmp_path])
    assert [a.id for a in articles(items)] == ["a.txt", "z.txt", "c.md"]
    assert articles(items)[1].path == str(tmp_path / "b" / "z.txt")
    assert not problems(items)


def test_same_file_twice_read_once(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DE, encoding="utf-8")
    assert len(run([f, tmp_path])) == 1


def test_empty_directory(tmp_path):
    assert only_problem(run([tmp_path])).source == str(tmp_path)


def test_missing_path(tmp_path):
    missing = tmp_path / "gibt-es-nicht.txt"
    items = run([missing, tmp_path / "nope"])
    assert [(p.source, p.message) for p in items] == [
        (str(missing), "no such file or directory"),
        (str(tmp_path / "nope"), "no such file or directory"),
    ]


@pytest.mark.parametrize("data,kind", [
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b"  <html><body>x</body></html>", "html"),
    (b'<?xml version="1.0"?><rss version="2.0"></rss>', "feed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"></html>', "html"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b"{ kein json }\n", "text"),
    (b"Ein ganz normaler Satz.\n", "text"),
])
def test_sniff(data, kind):
    assert sniff(data) == kind


def test_stdin_text():
    art = only_article(run(["-"], stdin=io.BytesIO(DE.encode("utf-8"))))
    assert art.id == "stdin" and art.path == "stdin" and art.text == DE


def test_stdin_html():
    page = f"<html><body><article><p>{EN.strip()}</p></article></body></html>".encode("utf-8")
    art = only_article(run(["-"], stdin=io.BytesIO(page)))
    assert art.text == EN.strip() and art.language == "en"


def test_stdin_mixed_with_files(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(EN, encoding="utf-8")
    items = run([f, "-"], stdin=io.BytesIO(DE.encode("utf-8")))
    assert [a.id for a in articles(items)] == ["a.txt", "stdin"]


def test_oversize_file(tmp_path):
    f = tmp_path / "gross.txt"
    f.write_text(DE * 10, encoding="utf-8")
    prob = only_problem(run([f], max_bytes=100))
    assert "100" in prob.message and "limit" in prob.message


class _CountingStream(io.BytesIO):
    def read(self, n=-1):
        self.asked = n
        return super().read(n)


def test_oversize_stdin_reads_at_most_limit_plus_one():
    stream = _CountingStream(b"x" * 1000)
    prob = only_problem(run(["-"], stdin=stream, max_bytes=50))
    assert stream.asked == 51 and prob.source == "stdin" and "50" in prob.message


def test_exactly_at_limit_is_fine(tmp_path):
    f = tmp_path / "a.txt"
    data = DE.encode("utf-8")
    f.write_bytes(data)
    only_article(run([f], max_bytes=len(data)))


def test_published_precedence(tmp_path):
    with_date = tmp_path / "a.txt"
    with_date.write_text("---\npublished: 2025-02-07\n---\n" + DE, encoding="utf-8")
    bad_date = tmp_path / "b.txt"
    bad_date.write_text("---\npublished: irgendwann im Winter\n---\n" + DE, encoding="utf-8")
    no_date = tmp_path / "c.txt"
    no_date.write_text(DE, encoding="utf-8")
    fallback = date(2025, 3, 1)
    got = [a.published for a in articles(run([with_date, bad_date, no_date], published=fallback))]
    assert got == [date(2025, 2, 7), fallback, fallback]
    assert [a.published for a in articles(run([no_date]))] == [None]
    # a datetime argument becomes its date
    (a,) = articles(run([no_date], published=datetime(2025, 3, 1, 12, 0)))
    assert a.published == fallback and type(a.published) is date


def test_jsonl_published_rfc2822_and_bad(tmp_path):
    f = tmp_path / "p.jsonl"
    f.write_text(json.dumps({"text": DE, "published": "Fri, 07 Feb 2025 10:00:00 +0100"}) + "\n"
                 + json.dumps({"text": DE, "published": "2025"}) + "\n", encoding="utf-8")
    a, b = articles(run([f], published=date(2020, 1, 1)))
    assert a.published == date(2025, 2, 7)
    assert b.published == date(2020, 1, 1)  # a bare year is not a day: never guess


def test_language_detection(tmp_path):
    for name, text in (("de.txt", DE), ("en.txt", EN), ("fr.txt", FR)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    got = {a.id: a.language for a in articles(run([tmp_path]))}
    assert got == {"de.txt": "de", "en.txt": "en", "fr.txt": "fr"}  # fr kept, not filtered


def test_language_precedence(tmp_path):
    f = tmp_path / "l.jsonl"
    f.write_text(json.dumps({"text": EN, "language": "de"}) + "\n" + json.dumps({"text": FR}) + "\n",
                 encoding="utf-8")
    assert [a.language for a in articles(run([f]))] == ["de", "fr"]  # record, then detection
    assert [a.language for a in articles(run([f], language="en"))] == ["en", "en"]  # forced


def test_bad_arguments_raise_at_once():
    with pytest.raises(ValueError):
        read_inputs(["x"], language="deutsch")
    with pytest.raises(ValueError):
        read_inputs(["x"], max_bytes=0)


def test_unexpected_exception_is_contained(tmp_path, monkeypatch):
    def boom(data, **kw):
        raise RuntimeError("kaputt")
        yield  # pragma: no cover

    monkeypatch.setitem(sources._READERS, "html", boom)
    bad = tmp_path / "a.html"
    bad.write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    good = tmp_path / "b.txt"
    good.write_text(DE, encoding="utf-8")
    items = run([bad, good])
    assert problems(items)[0].source == str(bad)
    assert "RuntimeError" in problems(items)[0].message
    assert [a.id for a in articles(items)] == ["b.txt"]


def test_not_a_regular_file(tmp_path):
    import os
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert only_problem(run([fifo])).message == "not a regular file"


def test_xhtml_saved_as_xml_goes_to_html(tmp_path):
    f = tmp_path / "seite.xml"
    f.write_text('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                 f"<body><article><p>{DE.strip()}</p></article></body></html>", encoding="utf-8")
    assert only_article(run([f])).text == DE.strip()
