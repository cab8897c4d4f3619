"""Write knowledge/companies_listed.tsv: the companies of twenty stock indices (DAX, MDAX, SDAX,
TecDAX, S&P 500/100/600, NASDAQ 100, Dow Jones, FTSE 100, CAC 40, EURO STOXX 50, Nikkei 225, ...)
with their home state, read from the PyPI package `pytickersymbols` (MIT). Hand-curated
organisations (knowledge/organizations.tsv, lang/*/names.tsv) always win over these rows.

    pip install pytickersymbols==1.17.10 && python train/gazetteer/build_companies.py

Each company is listed under its name without the legal form ("Mizuho Financial Group, Inc." ->
"Mizuho Financial Group") and, where that is safe, under its first word alone ("Mizuho"): only when
no other listed company starts with it and it is no given name, no place Lagebild knows and no
common German or English word. A one-word name that is a common word ("Target", "Visa", "Ball")
is left out: in German news it is far more often the word.
"""
from __future__ import annotations

import collections
import pathlib
import re

import simplemma
from pytickersymbols import PyTickerSymbols

from lagebild import actors, nlp
from lagebild.actors import knowledge
from lagebild.actors.grammar import slug

OUT = pathlib.Path(__file__).resolve().parents[2] / "src" / "lagebild" / "knowledge" / "companies_listed.tsv"

_LEGAL = re.compile(r"(,?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|plc|PLC|AG|SE|S\.?A\.?|"
                    r"N\.?V\.?|AB|ASA|Oyj|Ltd\.?|Limited|LLC|KGaA|GmbH|& Co\.?|Holdings?|Group))+$")
_US_STATES = {"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
              "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
              "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
              "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
              "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
              "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
              "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "D.C."}
# Words that start many company names without naming one ("General Mills", "First Solar").
_GENERIC = {"American", "General", "United", "National", "International", "First", "Global", "Royal",
            "Deutsche", "Universal", "Old", "New", "Western", "Eastern", "Southern", "Northern", "Central",
            "Air", "Bank", "Banco", "Banca", "Energy", "Digital", "Advanced", "Applied", "Standard",
            "Public", "Federal", "Capital", "Health", "Home", "Great", "Allied", "Community", "Mid",
            "Pacific", "Atlantic", "Continental", "Northwest", "Southwest", "Kansai", "Tokyo", "Osaka",
            "Japan", "Nippon", "China", "Hong", "Park", "Main", "Real", "Iron", "Steel", "Nord", "Sud",
            "Zurich", "London", "Paris", "Texas", "Carolina", "Boston", "Chicago", "Dallas", "Denver",
            "Banc", "Groupe", "Laboratorios", "Inmobiliaria", "Société", "Métropole", "Compagnie"}


def _country(raw: str | None, by_name: dict[str, str]) -> str:
    if not raw:
        return ""
    raw = raw.strip()
    if raw in by_name:
        return by_name[raw]
    tail = raw.rpartition(",")[2].strip()
    return "USA" if tail in _US_STATES or raw in _US_STATES else by_name.get(tail, "")


def _common_word(w: str) -> bool:
    """A German noun or adjective, or an English word that German does not know as a name."""
    reading = nlp.lexicon_reading("de", w)
    return "NN" in reading or (simplemma.is_known(w.lower(), lang="en") and "NE" not in reading)


def _known_word(w: str) -> bool:
    """Any word the German or English dictionary knows (many surnames and places among them):
    too risky as a company's only name."""
    return simplemma.is_known(w, lang="de") or simplemma.is_known(w.lower(), lang="en") or bool(nlp.lexicon_reading("de", w))


def main() -> None:
    by_name = {s.name: iso for iso, s in knowledge.states().items()}
    by_name.update({"United States": "USA", "United Kingdom": "GBR", "South Korea": "KOR", "Netherlands": "NLD",
                    "Czech Republic": "CZE", "Russia": "RUS", "Taiwan": "TWN"})
    persons = knowledge.given_names() | knowledge.surnames()
    rows: dict[str, tuple[str, str, list[str]]] = {}
    for c in PyTickerSymbols().get_all_stocks():
        full = re.sub(r"\s+", " ", c["name"]).strip()
        name = _LEGAL.sub("", re.sub(r"^The\s+", "", full)).strip(" ,")
        if len(name) < 3 or not name[:1].isupper():
            continue
        ident = "co-" + slug(name)
        if ident in rows:
            continue
        surfaces = [name] + ([full] if full != name and "," not in full else [])
        rows[ident] = (name, _country(c.get("country"), by_name), surfaces)
    firsts = collections.Counter(name.split()[0] for name, _, _ in rows.values())
    out = []
    for ident, (name, country, surfaces) in sorted(rows.items()):
        words = name.split()
        if len(words) == 1 and (_common_word(name) or name in persons or name in _GENERIC):
            continue
        first = words[0]
        if (len(words) > 1 and firsts[first] == 1 and len(first) >= 4 and re.fullmatch(r"[A-ZÄÖÜ][\w-]+", first)
                and first not in _GENERIC and first not in persons and not actors.lookup(first)
                and not _known_word(first)):
            surfaces.append(first)
        out.append(f"{ident}\t{name}\t{country}\t{'|'.join(dict.fromkeys(surfaces))}\n")
    header = ("# Listed companies of twenty stock indices with their home state, from the PyPI package\n"
              "# `pytickersymbols` (MIT). Made by train/gazetteer/build_companies.py; do not edit.\n"
              "# Columns: id, name, country (ISO alpha-3, empty when unknown), surfaces (|-separated).\n")
    OUT.write_text(header + "id\tname\tcountry\tsurfaces\n" + "".join(out), encoding="utf-8")
    print(f"{len(out)} companies ({sum(1 for r in out if r.split(chr(9))[2])} with a state) -> {OUT}")


if __name__ == "__main__":
    main()
