from datetime import date

from ingest_helpers import DE, EN, only_article, only_problem, run


def test_plain_text_kept_exactly(tmp_path):
    f = tmp_path / "bericht.de.txt"
    f.write_text("  " + DE + "\n\nZweiter Absatz.  \n", encoding="utf-8")
    art = only_article(run([f]))
    assert art.text == "  " + DE + "\n\nZweiter Absatz.  \n"
    assert art.id == "bericht.de.txt"
    assert art.path == str(f)
    assert art.language == "de"
    assert art.published is None
    assert len(art.hash) == 64


def test_front_matter(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "---\ntitle: Neue Hilfen\npublished: 2025-02-07\nsource: Testblatt\n"
        "url: https://example.org/a\nauthor: Erika Muster\nid: meine-id\nlanguage: de\n---\n"
        "\n" + DE, encoding="utf-8")
    art = only_article(run([f]))
    assert art.text == "\n" + DE  # only the block and the single newline after it go
    assert art.title == "Neue Hilfen"
    assert art.published == date(2025, 2, 7)
    assert art.source == "Testblatt"
    assert art.url == "https://example.org/a"
    assert art.author == "Erika Muster"
    assert art.id == "meine-id"
    assert art.language == "de"


def test_front_matter_datetime_and_quoted(tmp_path):
    f = tmp_path / "b.md"
    f.write_text('---\npublished: "2024-11-30T23:30:00+01:00"\n---\n' + EN, encoding="utf-8")
    art = only_article(run([f]))
    assert art.published == date(2024, 11, 30)  # the date as written, no UTC shift
    assert art.text == EN


def test_dashes_around_prose_are_not_front_matter(tmp_path):
    f = tmp_path / "c.txt"
    body = "---\nEin Satz ohne Schlüssel und Wert.\n---\n" + DE
    f.write_text(body, encoding="utf-8")
    assert only_article(run([f])).text == body


def test_broken_front_matter_is_a_problem(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text("---\ntitle: [unclosed\npublished: 2025-01-01\n---\n" + DE, encoding="utf-8")
    prob = only_problem(run([f]))
    assert "front matter" in prob.message


def test_front_matter_without_body_is_empty(tmp_path):
    f = tmp_path / "e.txt"
    f.write_text("---\ntitle: Nur Kopf\n---\n  \n", encoding="utf-8")
    assert "empty input" in only_problem(run([f])).message


def test_crlf_and_cr_become_newlines(tmp_path):
    f = tmp_path / "f.txt"
    f.write_bytes(b"Erste Zeile.\r\nZweite Zeile.\rDritte Zeile.\r\n")
    assert only_article(run([f])).text == "Erste Zeile.\nZweite Zeile.\nDritte Zeile.\n"


def test_no_extension_is_text(tmp_path):
    f = tmp_path / "meldung"
    f.write_text(EN, encoding="utf-8")
    art = only_article(run([f]))
    assert art.text == EN and art.language == "en"
