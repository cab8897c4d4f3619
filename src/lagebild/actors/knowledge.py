"""Language-neutral facts about actors: states, offices with terms, organisations, places.

Read from lagebild/knowledge/*.tsv; every table is loaded once and cached.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from ..lang import parse_tsv, split_list


_COLUMNS = {
    "states.tsv": ("iso3", "iso2", "name_en", "region"),
    "offices.tsv": ("person_id", "name", "aliases", "country", "office", "title_en", "sector", "start", "end"),
    "organizations.tsv": ("id", "kind", "name_en", "code", "country", "sector", "members"),
    "places.tsv": ("id", "kind", "name_en", "states", "parent"),
    "cities.tsv": ("id", "kind", "name_en", "country"),
    "companies_listed.tsv": ("id", "name", "country", "surfaces"),
}


def _table(name: str) -> list[dict[str, str]]:
    f = resources.files("lagebild.knowledge").joinpath(name)
    return parse_tsv(f.read_text(encoding="utf-8"), _COLUMNS[name]) if f.is_file() else []


@dataclass(frozen=True)
class State:
    iso3: str
    name: str
    region: str = ""


@dataclass(frozen=True)
class Term:
    person_id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    title: str
    sector: str
    start: date | None
    end: date | None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Organization:
    id: str
    kind: str
    name: str
    code: str
    country: str
    sector: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    id: str
    kind: str
    name: str
    states: tuple[str, ...]
    parent: str = ""


def _date(s: str) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def states() -> dict[str, State]:
    return {r["iso3"]: State(r["iso3"], r.get("name_en", r["iso3"]), r.get("region", ""))
            for r in _table("states.tsv") if r.get("iso3")}


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    out = []
    for r in _table("offices.tsv"):
        if not r.get("person_id"):
            continue
        out.append(Term(r["person_id"], r.get("name", ""), tuple(split_list(r.get("aliases", ""))),
                        r.get("country", ""), r.get("office", ""), r.get("title_en", ""),
                        r.get("sector") or "GOV", _date(r.get("start", "")), _date(r.get("end", ""))))
    return tuple(out)


@lru_cache(maxsize=1)
def persons() -> dict[str, list[Term]]:
    by: dict[str, list[Term]] = {}
    for t in terms():
        by.setdefault(t.person_id, []).append(t)
    for ts in by.values():
        ts.sort(key=lambda t: t.start or date.min)
    return by


def term_on(person_id: str, day: date | None) -> Term | None:
    """The office a person held on `day`; without a day, the latest one."""
    ts = persons().get(person_id) or []
    if not ts:
        return None
    if day is None:
        return ts[-1]
    held = [t for t in ts if t.holds_on(day)]
    if held:   # several at once (party chief and head of state): the higher office first
        rank = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister"]
        held.sort(key=lambda t: rank.index(t.office) if t.office in rank else len(rank))
        return held[0]
    return None


def holders(country: str, office: str, day: date | None) -> list[Term]:
    """Who held an office of a state on a day (for "der US-Präsident" without a name)."""
    if day is None:
        return []
    return [t for t in terms() if t.country == country and t.office == office and t.holds_on(day)]


@lru_cache(maxsize=1)
def organizations() -> dict[str, Organization]:
    """The hand-curated organisations, then the listed companies (companies_listed.tsv)."""
    out = {r["id"]: Organization(r["id"], r.get("kind", ""), r.get("name_en", r["id"]),
                                 r.get("code", ""), r.get("country", ""), r.get("sector", ""),
                                 tuple(split_list(r.get("members", ""))))
           for r in _table("organizations.tsv") if r.get("id")}
    for r in _companies():
        if r["id"] not in out:
            out[r["id"]] = Organization(r["id"], "company", r.get("name", r["id"]), r.get("country", ""),
                                        r.get("country", ""), "BUS", ())
    return out


@lru_cache(maxsize=1)
def _companies() -> tuple[dict[str, str], ...]:
    """Rows of companies_listed.tsv (read once for organizations() and listed_companies())."""
    return tuple(r for r in _table("companies_listed.tsv") if r.get("id"))


def listed_companies() -> dict[str, tuple[str, ...]]:
    """Listed companies (train/gazetteer/build_companies.py) -> the forms they are named by."""
    return {r["id"]: tuple(split_list(r.get("surfaces", ""))) for r in _companies()}


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Territories, seas and regions (places.tsv), then cities and provinces (cities.tsv), then
    the cities generated from GeoNames (cities_geonames.tsv); an id read earlier wins."""
    out = {r["id"]: Place(r["id"], r.get("kind", ""), r.get("name_en", r["id"]),
                          tuple(split_list(r.get("states", ""))), r.get("parent", ""))
           for r in _table("places.tsv") if r.get("id")}
    for r in _table("cities.tsv"):
        if r.get("id") and r["id"] not in out:
            out[r["id"]] = Place(r["id"], r.get("kind", ""), r.get("name_en", r["id"]),
                                 tuple(split_list(r.get("country", ""))))
    f = resources.files("lagebild.knowledge").joinpath("cities_geonames.tsv")
    if f.is_file():      # ~30,000 rows of id, kind, name_en, one country: read without the TSV loader
        for line in f.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) == 4 and line[0] != "#" and cells[0] != "id" and cells[0] not in out:
                out[cells[0]] = Place(cells[0], cells[1], cells[2], (cells[3].strip(),))
    return out


def _word_list(name: str) -> frozenset[str]:
    f = resources.files("lagebild.knowledge").joinpath(name)   # shipped as package data
    return frozenset(ln.strip() for ln in f.read_text(encoding="utf-8").splitlines()
                     if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Personal given names (knowledge/given_names.txt): "Given Surname" marks an unknown person."""
    return _word_list("given_names.txt")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Frequent surnames of many origins (knowledge/surnames.txt): a clue for the name tagger."""
    return _word_list("surnames.txt")
