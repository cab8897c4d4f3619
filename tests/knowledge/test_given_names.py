"""Integrity of knowledge/given_names.txt: format, order, size, and the words kept out on purpose."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

FILE = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "knowledge" / "given_names.txt"
# Letters only; hyphen or apostrophe may join parts (Jean-Luc, Jae-myung, Ze'ev).
NAME = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")
# Letters that NFD does not decompose; mapped so the sort key matches the header's rule.
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                       "æ": "ae", "Æ": "Ae", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
                       "ı": "i", "œ": "oe", "Œ": "Oe"})


def _key(name: str) -> tuple[str, str]:
    base = unicodedata.normalize("NFD", name.translate(_FOLD))
    return "".join(c for c in base if not unicodedata.combining(c)).casefold(), name


def _names() -> list[str]:
    text = FILE.read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln and not ln.startswith("#")]


NAMES = _names()
NAMESET = set(NAMES)


def test_header_comment():
    assert FILE.read_text(encoding="utf-8").startswith("#")


def test_size():
    assert len(NAMES) >= 3000


def test_unique_even_ignoring_case():
    assert len(NAMESET) == len(NAMES)
    folded = [n.casefold() for n in NAMES]
    assert len(set(folded)) == len(folded)


def test_sorted():
    for prev, cur in zip(NAMES, NAMES[1:]):
        assert _key(prev) < _key(cur), f"{cur!r} must come before {prev!r}"


def test_format():
    for n in NAMES:
        assert n == n.strip(), repr(n)
        assert NAME.match(n), f"bad name line {n!r} (no spaces, digits or punctuation)"
        assert n[0].isupper(), n
        assert unicodedata.normalize("NFC", n) == n, f"{n!r} not NFC"


def test_spot_checks_present():
    for n in ["Donald", "Olaf", "Wolodymyr", "Volodymyr", "Shigeru", "Emmanuel", "Friedrich",
              "Sergej", "Sergey", "Jewgeni", "Yevgeny", "Olena", "Julija", "Mohammed", "Muhammad",
              "Ahmed", "Jinping", "Fumio", "Sanae", "Suk-yeol", "Jae-myung", "Jürgen", "Jurgen",
              "Heinz", "Kurt", "Recep", "Narendra", "Luiz", "Cyril"]:
        assert n in NAMESET, n


def test_common_words_and_places_absent():
    # Words that look like names but would turn ordinary text into false persons.
    banned = """Will May Mark Grant Rose Art Bill Frank Hope Summer Ernst Gross Helm Sonne Engel Glück
        Mai Juni Juli August April June Mars Paris China India Georgia Jordan Israel Chad Victoria
        Florence Dallas Sydney Austin Berlin Roman Marine Christian Sofia Milan Santiago Duma Wagner
        Sheikh Emir Sultan Said Islam Nur Al Abu Bin Kuba Liga Tor Tal Hai Stein Wolf Morgan Hunter
        Chase Dean Earl King Prince Major Faith Grace Joy Dawn Eve Guy Don Ray Miles Long Sun Moon
        Januar Februar März Mai Oktober Dezember January February March October November December
        Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
    present = sorted(set(banned) & NAMESET)
    assert not present, present
