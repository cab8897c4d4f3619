"""Integrity of knowledge/offices.tsv: format, dates, no two holders of a single-holder office."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

TSV = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "knowledge" / "offices.tsv"
COLUMNS = ["person_id", "name", "aliases", "country", "office", "title_en", "sector", "start", "end"]
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
           "finance_minister", "secretary_general", "commission_president", "council_president",
           "high_representative", "parliament_president", "central_bank_governor", "other"}
SINGLE = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
SECTORS = {"GOV", "MIL", "OPP"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY = re.compile(r"^[A-Z]{3}$")


def _read() -> tuple[list[str], list[list[str]]]:
    lines = [ln for ln in TSV.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


HEADER, ROWS = _read()


def _parse() -> list[dict]:
    out = []
    for r in ROWS:
        d = dict(zip(COLUMNS, r))
        d["start_d"] = date.fromisoformat(d["start"])
        d["end_d"] = date.fromisoformat(d["end"]) if d["end"] else None
        out.append(d)
    return out


RECORDS = _parse()


BY_OFFICE: dict[tuple[str, str], list[dict]] = defaultdict(list)
for _d in RECORDS:
    BY_OFFICE[(_d["country"], _d["office"])].append(_d)


def _holders(country: str, office: str, day: date) -> set[str]:
    return {d["person_id"] for d in BY_OFFICE[(country, office)]
            if d["start_d"] <= day and (d["end_d"] is None or day < d["end_d"])}


def test_header_and_width():
    assert HEADER == COLUMNS
    assert len(ROWS) > 300
    for i, r in enumerate(ROWS):
        assert len(r) == 9, (i, r)
        assert all(c == c.strip() for c in r), r


def test_fields():
    for r in ROWS:
        d = dict(zip(COLUMNS, r))
        assert SLUG.match(d["person_id"]), d
        assert d["name"], d
        assert COUNTRY.match(d["country"]), d
        assert d["office"] in OFFICES, d
        assert d["title_en"], d
        assert d["sector"] in SECTORS, d
        assert all(a.strip() == a and a for a in d["aliases"].split("|")) or not d["aliases"], d


def test_dates():
    for r in ROWS:
        d = dict(zip(COLUMNS, r))
        start = date.fromisoformat(d["start"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["start"]), d
        if d["end"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["end"]), d
            assert start <= date.fromisoformat(d["end"]), d


def test_person_consistent():
    """One id, one name and alias set; an alias names one person only."""
    seen: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for r in ROWS:
        d = dict(zip(COLUMNS, r))
        key = (d["name"], d["aliases"])
        assert seen.setdefault(d["person_id"], key) == key, d["person_id"]
        for form in [d["name"], *filter(None, d["aliases"].split("|"))]:
            assert owner.setdefault(form, d["person_id"]) == d["person_id"], form


def test_no_duplicate_rows():
    keys = [tuple(r[i] for i in (0, 3, 4, 7)) for r in ROWS]
    assert len(keys) == len(set(keys))


def test_single_holder_offices_do_not_overlap():
    by: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for d in RECORDS:
        if d["office"] in SINGLE:
            by[(d["country"], d["office"])].append(d)
    far = date(9999, 1, 1)
    for key, terms in by.items():
        terms.sort(key=lambda d: d["start_d"])
        for i, a in enumerate(terms):
            for b in terms[i + 1:]:
                if a["person_id"] == b["person_id"]:
                    continue
                overlap = b["start_d"] < (a["end_d"] or far) and a["start_d"] < (b["end_d"] or far)
                assert not overlap, (key, a["person_id"], a["start"], b["person_id"], b["start"])


@pytest.mark.parametrize("country,office,day,person", [
    ("USA", "head_of_state", date(2025, 2, 7), "donald-trump"),
    ("USA", "head_of_state", date(2022, 6, 1), "joe-biden"),
    ("USA", "head_of_state", date(2019, 6, 1), "donald-trump"),
    ("JPN", "head_of_government", date(2025, 2, 7), "shigeru-ishiba"),
    ("JPN", "head_of_government", date(2025, 11, 1), "sanae-takaichi"),
    ("DEU", "head_of_government", date(2025, 5, 6), "friedrich-merz"),
    ("DEU", "head_of_government", date(2023, 3, 1), "olaf-scholz"),
    ("DEU", "head_of_government", date(2010, 1, 1), "angela-merkel"),
    ("RUS", "head_of_government", date(2010, 1, 1), "vladimir-putin"),
    ("RUS", "head_of_state", date(2010, 1, 1), "dmitry-medvedev"),
    ("ISR", "head_of_government", date(2024, 1, 1), "benjamin-netanyahu"),
    ("UKR", "head_of_state", date(2023, 1, 1), "volodymyr-zelensky"),
    ("NAT", "secretary_general", date(2025, 1, 1), "mark-rutte"),
])
def test_known_holders(country, office, day, person):
    assert _holders(country, office, day) == {person}


def test_coverage_g20_and_extra_states():
    """Each listed state has a leader, and each G20 state a foreign and defence minister, in
    every year (short vacancies between two holders are real and allowed)."""
    g20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
    extra = ("UKR ISR IRN PRK TWN POL PSE EGY QAT ARE PAK NLD ESP SWE FIN HUN AUT CHE PHL "
             "VNM SYR VEN BLR").split()

    def covered(country: str, offices: tuple[str, ...], year: int) -> bool:
        days = [date(year, m, 15) for m in (2, 5, 8, 11)]
        return any(_holders(country, o, d) for o in offices for d in days)

    for year in range(2005, 2026):
        for c in g20 + extra:
            assert covered(c, ("head_of_state", "head_of_government"), year), (c, year)
    for year in range(2015, 2026):
        for c in g20:
            assert covered(c, ("foreign_minister",), year), (c, year, "foreign_minister")
            assert covered(c, ("defence_minister",), year), (c, year, "defence_minister")
