import os

import pytest

from ingest_helpers import DE, only_article, only_problem, run
from lagebild.ingest.decode import NotText, decode_bytes


def test_latin1_file(tmp_path):
    f = tmp_path / "alt.txt"
    f.write_bytes("Die Größe der Maßnahme überrascht.\n".encode("latin-1"))
    assert only_article(run([f])).text == "Die Größe der Maßnahme überrascht.\n"


def test_short_latin1_word():
    assert decode_bytes("Größe".encode("latin-1")) == "Größe"


def test_cp1252_quotes():
    raw = "„Wir bleiben dabei“, sagte die Ministerin – 5 € mehr.".encode("cp1252")
    assert decode_bytes(raw) == "„Wir bleiben dabei“, sagte die Ministerin – 5 € mehr."


def test_utf8_bom_dropped(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + DE.encode("utf-8"))
    assert only_article(run([f])).text == DE


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_32_with_bom(tmp_path, enc):
    f = tmp_path / "wide.txt"
    data = DE.encode(enc)
    if enc == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    art = only_article(run([f]))
    assert art.text == DE and "Größe" in art.text


def test_utf16_without_bom():
    assert decode_bytes(DE.encode("utf-16-le")) == DE


def test_html_meta_charset():
    raw = '<html><head><meta charset="windows-1252"></head><body>Übersee</body></html>'.encode("cp1252")
    assert "Übersee" in decode_bytes(raw)


def test_cyrillic_cp1251_not_read_as_western():
    text = "Правительство объявило о новых мерах поддержки сельского хозяйства."
    assert decode_bytes(text.encode("cp1251")) == text


def test_empty_file(tmp_path):
    f = tmp_path / "leer.txt"
    f.write_bytes(b"")
    assert only_problem(run([f])).message == "empty input"


def test_whitespace_file(tmp_path):
    f = tmp_path / "blank.txt"
    f.write_bytes(b" \n\t\r\n  \n")
    assert only_problem(run([f])).message == "empty input"


def test_binary_junk(tmp_path):
    f = tmp_path / "junk.txt"
    rnd = bytearray(os.urandom(4096))
    rnd[100] = 0
    f.write_bytes(bytes(rnd))
    prob = only_problem(run([f]))
    assert prob.message == "binary file, not text" and prob.source == str(f)


@pytest.mark.parametrize("head", [b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"%PDF-1.7\n"])
def test_binary_signatures(head):
    with pytest.raises(NotText, match="binary"):
        decode_bytes(head + b"abc" * 50)


def test_control_characters_without_nul():
    junk = bytes(range(1, 9)) * 40 + b"some text"
    with pytest.raises(NotText, match="binary"):
        decode_bytes(junk)
