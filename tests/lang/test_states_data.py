"""Sanity checks of the state gazetteers (knowledge/states.tsv, lang/*/states.tsv)."""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"
KNOWLEDGE = SRC / "knowledge" / "states.tsv"
LANGS = ("de", "en")
COLUMNS = ("iso3", "names", "adjectives", "demonyms", "capitals", "metonyms", "prefixes", "ambiguous")
LIST_COLUMNS = COLUMNS[1:7]
# Not UN members but reported on as states.
EXTRA = {"TWN", "PSE", "XKX", "VAT", "ESH", "HKG"}


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _knowledge() -> dict[str, list[str]]:
    rows = _read(KNOWLEDGE)
    assert rows[0] == ["iso3", "iso2", "name_en", "region"]
    return {r[0]: r for r in rows[1:]}


def _lang_rows(lang: str) -> list[dict[str, str]]:
    rows = _read(SRC / "lang" / lang / "states.tsv")
    for r in rows:
        assert len(r) == len(COLUMNS), r
    return [dict(zip(COLUMNS, r)) for r in rows]


def _items(value: str) -> list[str]:
    return value.split("|") if value else []


def test_knowledge_table() -> None:
    rows = _read(KNOWLEDGE)[1:]
    iso3 = [r[0] for r in rows]
    iso2 = [r[1] for r in rows]
    assert len(iso3) == len(set(iso3)) and len(iso2) == len(set(iso2))
    assert len(rows) >= 193 + len(EXTRA)
    assert EXTRA <= set(iso3)
    for r in rows:
        assert len(r) == 4 and all(r), r
        assert len(r[0]) == 3 and r[0].isupper() and len(r[1]) == 2 and r[1].isupper(), r


@pytest.mark.parametrize("lang", LANGS)
def test_rows_well_formed(lang: str) -> None:
    known = _knowledge()
    rows = _lang_rows(lang)
    ids = [r["iso3"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate rows"
    assert set(ids) <= set(known), set(ids) - set(known)
    assert set(known) <= set(ids), f"states without a {lang} row: {set(known) - set(ids)}"
    for r in rows:
        assert _items(r["names"]), r
        if lang == "de":
            assert _items(r["adjectives"]), r
        assert r["ambiguous"] in ("", "yes"), r
        for col in LIST_COLUMNS:
            items = _items(r[col])
            assert all(i and i == i.strip() for i in items), (r["iso3"], col, r[col])
            assert len(items) == len(set(items)), (r["iso3"], col, "repeated item")


def test_german_forms_are_base_forms() -> None:
    for r in _lang_rows("de"):
        names = set(_items(r["names"]))
        # The code derives genitive -s; listing it would double the entry.
        assert not {n for n in names if n.endswith("s") and n[:-1] in names}, r["iso3"]
        for adj in _items(r["adjectives"]):
            assert not adj.endswith(("e", "en", "er", "es", "em")), (r["iso3"], adj)


@pytest.mark.parametrize("lang", LANGS)
def test_surface_forms_unique_unless_ambiguous(lang: str) -> None:
    rows = _lang_rows(lang)
    ambiguous = {r["iso3"] for r in rows if r["ambiguous"] == "yes"}
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for col in LIST_COLUMNS:
            for item in _items(r[col]):
                owners[item.casefold()].add(r["iso3"])
    # A shared form is allowed when at most one of its states is unmarked: that one wins.
    clashes = {f: s for f, s in owners.items() if len(s) > 1 and len(s - ambiguous) > 1}
    assert not clashes, clashes
