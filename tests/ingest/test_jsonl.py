import io
import json
from datetime import date

from ingest_helpers import DE, EN, FR, articles, only_article, problems, run


def test_jsonl_broken_middle_line(tmp_path):
    f = tmp_path / "recs.jsonl"
    f.write_text(json.dumps({"id": "r1", "text": DE, "title": "Eins", "published": "2025-02-07",
                             "source": "Blatt", "author": "A. B.", "url": "https://example.org/1"})
                 + "\n{not json at all\n"
                 + json.dumps({"text": EN}) + "\n", encoding="utf-8")
    items = run([f])
    a1, a3 = articles(items)
    (prob,) = problems(items)
    assert prob.source == f"{f}:2" and "\n" not in prob.message
    assert a1.id == "r1" and a1.text == DE and a1.title == "Eins"
    assert a1.published == date(2025, 2, 7) and a1.source == "Blatt" and a1.author == "A. B."
    assert a3.id == "recs.jsonl:3" and a3.text == EN and a3.path == f"{f}:3"
    assert [x for x in items].index(prob) == 1  # order kept


def test_record_without_text(tmp_path):
    f = tmp_path / "r.ndjson"
    f.write_text('{"id": "a", "title": "nur Titel"}\n\n[1, 2]\n{"text": "   "}\n', encoding="utf-8")
    items = run([f])
    assert not articles(items)
    assert [p.source for p in problems(items)] == [f"{f}:1", f"{f}:3", f"{f}:4"]


def test_html_record(tmp_path):
    f = tmp_path / "h.jsonl"
    rec = {"html": "<p>Die Ministerin reiste nach Rom.</p><script>alert(1)</script>", "language": "de-DE"}
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    art = only_article(run([f]))
    assert art.text == "Die Ministerin reiste nach Rom."
    assert art.language == "de"


def test_record_newlines_normalised(tmp_path):
    f = tmp_path / "n.jsonl"
    f.write_text(json.dumps({"text": "Zeile eins.\r\nZeile zwei.\rEnde."}) + "\n", encoding="utf-8")
    assert only_article(run([f])).text == "Zeile eins.\nZeile zwei.\nEnde."


def test_json_array_file(tmp_path):
    f = tmp_path / "all.json"
    f.write_text(json.dumps([{"text": DE}, {"text": FR}], indent=2), encoding="utf-8")
    a, b = articles(run([f]))
    assert (a.language, b.language) == ("de", "fr")
    assert a.id == "all.json:1"


def test_stdin_jsonl():
    data = (json.dumps({"id": "s1", "text": EN}) + "\n").encode("utf-8")
    art = only_article(run(["-"], stdin=io.BytesIO(data)))
    assert art.id == "s1" and art.path == "stdin:1"
