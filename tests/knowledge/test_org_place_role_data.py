"""Integrity of the organisation, place, name and role tables (knowledge/ and lang/*/)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"
KNOW = SRC / "knowledge"
LANGS = ("de", "en")

COLUMNS = {
    "organizations.tsv": ["id", "kind", "name_en", "code", "country", "sector", "members"],
    "places.tsv": ["id", "kind", "name_en", "states", "parent"],
    "names.tsv": ["surface", "id"],
    "roles.tsv": ["surface", "sector", "office", "person"],
}
ORG_KINDS = {"igo", "alliance", "party", "agency", "military", "company", "media", "ngo", "armed_group"}
PLACE_KINDS = {"territory", "sea", "strait", "region", "island", "city", "venue", "river", "lake", "mountain",
               "historical"}
# Codes that stand in for a state in an actor code (PLOVER non-state codes and CAMEO IGO codes).
NONSTATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "NAT", "ASN", "AFU", "ARL", "OPC",
            "WTO", "IMF", "WBK", "IAE", "WHO", "OSC", "GCC"}
MEMBER_SEATS = {"EUR", "AFU"}   # the EU and AU sit in the G7/G20 beside states
FALLBACK_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "PRM", "UAF", "UNK",
                    "SPY", "BUS", "AGR", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF",
                    "PRE", "REL", "SOC"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")


def _read(path: Path) -> list[list[str]]:
    """Data rows of a TSV: comment lines and the optional header row dropped."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and rows[0] == COLUMNS[path.name]:
        rows = rows[1:]
    return rows


def _states() -> set[str] | None:
    f = KNOW / "states.tsv"
    if not f.is_file():
        return None
    lines = [ln for ln in f.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return {r[0].strip() for r in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
            if r and ISO3.match(r[0].strip())}


def _sectors() -> set[str]:
    f = KNOW / "plover.yaml"
    if f.is_file():
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        if data.get("sectors"):
            return set(data["sectors"])
    return FALLBACK_SECTORS


ORGS = _read(KNOW / "organizations.tsv")
PLACES = _read(KNOW / "places.tsv")
ORG = {r[0]: dict(zip(COLUMNS["organizations.tsv"], r)) for r in ORGS}
PLACE = {r[0]: dict(zip(COLUMNS["places.tsv"], r)) for r in PLACES}
NAMES = {lg: _read(SRC / "lang" / lg / "names.tsv") for lg in LANGS}
ROLES = {lg: _read(SRC / "lang" / lg / "roles.tsv") for lg in LANGS}
STATES = _states()
SECTORS = _sectors()


def _members(org_id: str) -> list[str]:
    return [m for m in ORG[org_id]["members"].split("|") if m]


def _valid_state(code: str) -> bool:
    return bool(ISO3.match(code)) and (STATES is None or code in STATES)


@pytest.mark.parametrize("name,rows", [("organizations.tsv", ORGS), ("places.tsv", PLACES)]
                         + [("names.tsv", NAMES[lg]) for lg in LANGS]
                         + [("roles.tsv", ROLES[lg]) for lg in LANGS])
def test_column_counts(name, rows):
    assert rows, f"{name} is empty"
    bad = [r for r in rows if len(r) != len(COLUMNS[name])]
    assert not bad, f"{name}: wrong column count in {bad[:3]}"


def test_organizations():
    assert len(ORGS) >= 150
    assert len(ORG) == len(ORGS), "duplicate organisation ids"
    for o in ORG.values():
        assert SLUG.match(o["id"]), o["id"]
        assert o["kind"] in ORG_KINDS, o
        assert o["name_en"], o
        assert o["code"] in NONSTATE or _valid_state(o["code"]), o
        assert not o["country"] or _valid_state(o["country"]), o
        assert o["sector"] in SECTORS, o
        ms = _members(o["id"])
        assert len(ms) == len(set(ms)), f"duplicate members in {o['id']}"
        for m in ms:
            assert m in MEMBER_SEATS or _valid_state(m), (o["id"], m)
        if o["kind"] not in ("igo", "alliance") and o["code"] not in NONSTATE:
            assert o["code"] == o["country"], f"{o['id']}: a national body's code is its state"


def test_places():
    assert len(PLACE) == len(PLACES), "duplicate place ids"
    assert not set(PLACE) & set(ORG), "an id is both an organisation and a place"
    for p in PLACE.values():
        assert SLUG.match(p["id"]), p["id"]
        assert p["kind"] in PLACE_KINDS, p
        for s in filter(None, p["states"].split("|")):
            assert _valid_state(s), (p["id"], s)
        assert not p["parent"] or p["parent"] in PLACE, p


@pytest.mark.parametrize("lg", LANGS)
def test_names(lg):
    ids = set(ORG) | set(PLACE)
    seen: dict[str, str] = {}
    for surface, ident in NAMES[lg]:
        assert surface.strip() == surface and surface, (lg, surface)
        assert ident in ids, f"{lg}/names.tsv: unknown id {ident!r} for {surface!r}"
        assert seen.setdefault(surface, ident) == ident, \
            f"{lg}/names.tsv: {surface!r} maps to {seen[surface]!r} and {ident!r}"
    unnamed = ids - set(seen.values())
    assert not unnamed, f"{lg}/names.tsv: no surface form for {sorted(unnamed)}"


@pytest.mark.parametrize("lg", LANGS)
def test_roles(lg):
    assert len(ROLES[lg]) >= 80
    owner: dict[str, int] = {}
    for k, (surface, sector, office, person) in enumerate(ROLES[lg]):
        forms = surface.split("|")
        assert all(f.strip() == f and f for f in forms), (lg, surface)
        assert not sector or sector in SECTORS, (lg, surface, sector)
        assert office == "-" or SLUG.match(office.replace("_", "-")), (lg, surface, office)
        assert person in ("yes", "no"), (lg, surface, person)
        for f in forms:
            assert owner.setdefault(f, k) == k, f"{lg}/roles.tsv: {f!r} in two rows"


def _name(lg: str, surface: str) -> str | None:
    return dict((s, i) for s, i in NAMES[lg]).get(surface)


def _role(lg: str, form: str) -> tuple[str, str, str] | None:
    for surface, sector, office, person in ROLES[lg]:
        if form in surface.split("|"):
            return sector, office, person
    return None


def test_spot_checks():
    nato = set(_members("nato"))
    assert {"DEU", "USA", "FIN", "SWE"} <= nato and len(nato) == 32
    assert len(_members("european-union")) == 27 and "GBR" not in _members("european-union")
    assert set(_members("quad")) == {"USA", "JPN", "IND", "AUS"}
    assert set(_members("aukus")) == {"AUS", "GBR", "USA"}
    assert set(_members("g7")) - MEMBER_SEATS == {"USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN"}
    assert set(_members("gcc")) == {"SAU", "ARE", "QAT", "KWT", "BHR", "OMN"}
    assert ORG["ccp"]["code"] == "CHN" and ORG["ccp"]["sector"] == "PTY"
    assert (ORG["china-coast-guard"]["country"], ORG["china-coast-guard"]["sector"]) == ("CHN", "COP")
    assert ORG["united-nations"]["code"] == "UNO" and ORG["nato"]["code"] == "NAT"
    assert set(PLACE["senkaku-islands"]["states"].split("|")) == {"JPN", "CHN", "TWN"}
    assert PLACE["spratly-islands"]["parent"] == "south-china-sea"


def test_name_spot_checks():
    for surface, ident in [("Kommunistischen Partei Chinas", "ccp"), ("KPCh", "ccp"),
                           ("Südchinesischen Meer", "south-china-sea"), ("Senkaku-Inseln", "senkaku-islands"),
                           ("Vereinten Nationen", "united-nations"), ("Europäischen Union", "european-union"),
                           ("Quadrilateralen Sicherheitsdialog", "quad"), ("Indopazifik", "indo-pacific"),
                           ("Huthis", "houthis"), ("Volksbefreiungsarmee", "pla")]:
        assert _name("de", surface) == ident, surface
    for surface, ident in [("Chinese Communist Party", "ccp"), ("U.N.", "united-nations"),
                           ("South China Sea", "south-china-sea"), ("Senkakus", "senkaku-islands"),
                           ("NATO", "nato"), ("Houthis", "houthis")]:
        assert _name("en", surface) == ident, surface


def test_role_spot_checks():
    assert _role("de", "Präsidentin") == ("GOV", "head_of_state", "yes")
    assert _role("de", "Bundeskanzler") == ("GOV", "head_of_government", "yes")
    assert _role("de", "Küstenwache") == ("COP", "-", "no")
    assert _role("de", "Staatsmedien")[0] == "JRN"
    assert _role("de", "Regierung")[2] == "no"
    assert _role("en", "Secretary of State") == ("GOV", "foreign_minister", "yes")
    assert _role("en", "coast guard") == ("COP", "-", "no")
    assert _role("en", "troops")[0] == "MIL"


def test_listed_companies():
    """The generated company table (train/gazetteer/build_companies.py): unique ids apart from the
    hand-curated ones, a valid home state where one is given, and forms without legal forms."""
    lines = [ln.split("\t") for ln in (KNOW / "companies_listed.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")][1:]
    assert len(lines) >= 1000 and all(len(r) == 4 for r in lines)
    ids = [r[0] for r in lines]
    assert len(ids) == len(set(ids)) and not set(ids) & (set(ORG) | set(PLACE))
    for ident, name, country, surfaces in lines:
        assert SLUG.match(ident) and name in surfaces.split("|"), ident
        assert not country or _valid_state(country), (ident, country)
        assert not re.search(r"\b(Inc|Corp|plc|AG)\.?$", name), name
    assert sum(1 for r in lines if r[2]) / len(lines) > 0.9
