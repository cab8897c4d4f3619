"""Integrity of the city and region gazetteer (knowledge/cities.tsv, lang/*/cities.tsv)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"
KNOW = SRC / "knowledge"
LANGS = ("de", "en")
HEADER = ["id", "kind", "name_en", "country"]
LANG_HEADER = ["surface", "id"]
KINDS = {"city", "region"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")


def _lines(path: Path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def _places() -> tuple[tuple[str, ...], ...]:
    rows = _lines(KNOW / "cities.tsv")
    assert rows and rows[0] == HEADER, "knowledge/cities.tsv must start with the header row"
    return tuple(tuple(r) for r in rows[1:])


@lru_cache(maxsize=None)
def _surfaces(lang: str) -> tuple[tuple[str, ...], ...]:
    rows = _lines(SRC / "lang" / lang / "cities.tsv")
    assert rows and rows[0] == LANG_HEADER, f"lang/{lang}/cities.tsv must start with the header row"
    return tuple(tuple(r) for r in rows[1:])


def _ids() -> set[str]:
    return {r[0] for r in _places()}


def _mapping(lang: str) -> dict[str, str]:
    return {r[0]: r[1] for r in _surfaces(lang)}


def _state_rows(lang: str) -> list[list[str]] | None:
    f = SRC / "lang" / lang / "states.tsv"
    return _lines(f) if f.is_file() else None


def test_place_rows_well_formed():
    seen = set()
    for r in _places():
        assert len(r) == 4 and all(c.strip() == c and c for c in r), r
        ident, kind, _, country = r
        assert SLUG.match(ident), ident
        assert ident not in seen, f"duplicate id {ident}"
        seen.add(ident)
        assert kind in KINDS, r
        assert ISO3.match(country), r


def test_enough_places():
    assert len(_places()) >= 1000


def test_countries_known():
    f = KNOW / "states.tsv"
    if not f.is_file():
        pytest.skip("no knowledge/states.tsv")
    known = {r[0] for r in _lines(f)}
    unknown = sorted({r[3] for r in _places()} - known)
    assert not unknown, unknown


def test_shared_ids_agree_with_places_tsv():
    # An id that is also in places.tsv must name the same place: same owning state.
    f = KNOW / "places.tsv"
    if not f.is_file():
        pytest.skip("no knowledge/places.tsv")
    states = {r[0]: set(r[3].split("|")) for r in _lines(f) if len(r) > 3}
    bad = [r for r in _places() if r[0] in states and states[r[0]] != {""} and r[3] not in states[r[0]]]
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGS)
def test_surface_rows_well_formed(lang):
    ids = _ids()
    for r in _surfaces(lang):
        assert len(r) == 2 and r[0].strip() == r[0] and r[0] and r[1], r
        assert r[1] in ids, f"{lang}: {r[0]!r} points to unknown id {r[1]}"


@pytest.mark.parametrize("lang", LANGS)
def test_surface_maps_to_one_id(lang):
    by: dict[str, set[str]] = {}
    for s, i in _surfaces(lang):
        by.setdefault(s, set()).add(i)
    clashes = {s: ids for s, ids in by.items() if len(ids) > 1}
    assert not clashes, clashes


def test_every_place_has_a_surface():
    named = {i for l in LANGS for _, i in _surfaces(l)}
    assert not sorted(_ids() - named)


@pytest.mark.parametrize("lang", LANGS)
def test_no_national_capitals(lang):
    rows = _state_rows(lang)
    if rows is None:
        pytest.skip(f"no lang/{lang}/states.tsv")
    capitals = {c.strip() for r in rows if len(r) > 4 for c in r[4].split("|") if c.strip()}
    found = sorted(s for s in _mapping(lang) if s in capitals)
    assert not found, found


@pytest.mark.parametrize("lang", LANGS)
def test_no_state_names_or_metonyms(lang):
    # "Georgia" is the state; "Tel Aviv" and "Den Haag" are read as their governments.
    rows = _state_rows(lang)
    if rows is None:
        pytest.skip(f"no lang/{lang}/states.tsv")
    taken = {c.strip() for r in rows for k in (1, 5) if len(r) > k for c in r[k].split("|") if c.strip()}
    found = sorted(s for s in _mapping(lang) if s in taken)
    assert not found, found


@pytest.mark.parametrize("lang", LANGS)
def test_agrees_with_names_tsv(lang):
    # The gazetteer reads both files: one surface must not lead to two places.
    f = SRC / "lang" / lang / "names.tsv"
    if not f.is_file():
        pytest.skip(f"no lang/{lang}/names.tsv")
    names: dict[str, set[str]] = {}
    for r in _lines(f):
        if len(r) >= 2:
            names.setdefault(r[0].strip(), set()).add(r[1].strip())
    bad = sorted((s, i, names[s]) for s, i in _mapping(lang).items() if s in names and i not in names[s])
    assert not bad, bad


@pytest.mark.parametrize("lang,surface,ident", [
    ("de", "München", "munich"), ("de", "Bayern", "bavaria"), ("de", "Köln", "cologne"),
    ("de", "Frankfurt am Main", "frankfurt"), ("de", "Frankfurt (Oder)", "frankfurt-oder"),
    ("de", "Nordrhein-Westfalen", "north-rhine-westphalia"), ("de", "NRW", "north-rhine-westphalia"),
    ("de", "Kalifornien", "california"), ("de", "Charkiw", "kharkiv"), ("de", "Charkow", "kharkiv"),
    ("de", "Sankt Petersburg", "st-petersburg"), ("de", "St. Petersburg", "st-petersburg"),
    ("de", "Bachmut", "bakhmut"), ("de", "Awdijiwka", "avdiivka"), ("de", "Chan Junis", "khan-younis"),
    ("de", "Mossul", "mosul"), ("de", "Halle (Saale)", "halle-saale"), ("de", "Kanton Zürich", "canton-zurich"),
    ("en", "Munich", "munich"), ("en", "Bavaria", "bavaria"), ("en", "Cologne", "cologne"),
    ("en", "California", "california"), ("en", "Kharkiv", "kharkiv"), ("en", "St Petersburg", "st-petersburg"),
    ("en", "Texas", "texas"), ("en", "Washington State", "washington-state"), ("en", "Kursk Oblast", "kursk"),
])
def test_spot_checks(lang, surface, ident):
    assert _mapping(lang).get(surface) == ident


@pytest.mark.parametrize("lang,surface", [
    ("de", "Essen"), ("de", "Halle"), ("de", "Zug"), ("de", "Hof"), ("de", "Bergen"), ("de", "Kiew"),
    ("en", "Reading"), ("en", "Bath"), ("en", "Nice"), ("en", "Split"), ("en", "Georgia"),
    ("en", "Washington"), ("en", "Victoria"), ("en", "Florence"), ("en", "Phoenix"), ("en", "Kyiv"),
])
def test_ambiguous_words_left_out(lang, surface):
    assert surface not in _mapping(lang)
