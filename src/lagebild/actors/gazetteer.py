"""Surface forms of actors for one language, in a token trie for longest-match lookup.

Built from lang/<code>/{states,names,cities,roles}.tsv and knowledge/offices.tsv, with the inflected
variants that lang/<code>/inflection.yaml describes (Japans, japanischen, Weißen Haus); last the
cities generated from GeoNames (lang/<code>/cities_geonames.tsv), each form only where the
hand-curated data has none.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import lang as langdata
from . import knowledge


STATE_COLUMNS = ("iso3", "names", "adjectives", "demonyms", "capitals", "metonyms", "prefixes", "ambiguous")


@dataclass(frozen=True)
class Entry:
    kind: str            # state | org | place | person | role
    id: str              # ISO alpha-3, organisation/place/person id, or role key
    form: str            # name | genitive | adjective | demonym | capital | metonym | role
    sector: str = ""
    office: str = ""
    person_role: bool = False
    ambiguous: bool = False
    generated: bool = False   # from lang/<code>/cities_geonames.tsv, not hand-curated


@dataclass
class Node:
    children: dict[str, "Node"] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Gazetteer:
    lang: str
    root: Node = field(default_factory=Node)
    prefixes: dict[str, str] = field(default_factory=dict)   # "US" -> "USA" for "US-Präsident"
    size: int = 0
    given_names: frozenset[str] = frozenset()   # a generated name right after one is a surname

    def _node(self, words: list[str]) -> Node:
        node = self.root
        for w in words:
            node = node.children.setdefault(w, Node())
        return node

    def add(self, words: list[str], entry: Entry) -> None:
        if not words:
            return
        node = self._node(words)
        if entry not in node.entries:
            node.entries.append(entry)
            self.size += 1

    def add_new(self, words: list[str], entry: Entry) -> bool:
        """Add unless some entry already sits at exactly these words; whether it was added."""
        if not words:
            return False
        node = self._node(words)
        if node.entries:
            return False
        node.entries.append(entry)
        self.size += 1
        return True

    def longest(self, words: list[str], i: int) -> tuple[int, list[Entry]]:
        """Longest match starting at words[i]: (end index, entries) or (i, [])."""
        node, best = self.root, (i, [])
        j = i
        while j < len(words):
            node = node.children.get(words[j])
            if node is None:
                break
            j += 1
            if node.entries:
                best = (j, node.entries)
        if best[1] and best[1][0].generated and i and words[i - 1] in self.given_names:
            return (i, [])      # "Hayao Miyazaki", "Angelo Barletta": a surname, not the town
        return best

    def lookup(self, surface: str) -> list[Entry]:
        words = split_words(self.lang, surface)
        end, entries = self.longest(words, 0)
        return entries if end == len(words) else []


@lru_cache(maxsize=None)
def _tokenizer(lang: str):
    import spacy

    return spacy.blank(lang).tokenizer


@lru_cache(maxsize=None)
def _special_cases(lang: str) -> frozenset[str]:
    """Tokenizer exceptions made of letters only ("cannot" -> can not)."""
    return frozenset(k for k in _tokenizer(lang).rules if k.isalpha())


def split_words(lang: str, text: str) -> list[str]:
    """The tokens of a gazetteer form, split as the tokenizer splits running text. A form of
    letters and single blanks (nearly all of the ~60,000 generated city names) splits at the
    blanks unless it is a tokenizer exception ("cannot"): that skips the tokenizer's ~50 µs a
    form. tests/actors/test_geonames_cities.py checks that the two ways agree."""
    words = text.split(" ")
    if all(w.isalpha() for w in words) and not any(w in _special_cases(lang) for w in words):
        return words
    return [t.text for t in _tokenizer(lang)(text) if not t.is_space]


def _capitalised(form: str) -> str:
    return form[:1].upper() + form[1:]


class _Inflector:
    def __init__(self, lang: str):
        cfg = langdata.load_yaml(lang, "inflection.yaml") or {}
        self.adj_endings = cfg.get("adjective_endings") or [""]
        self.gen = cfg.get("genitive_suffixes") or []
        self.gen_exempt = tuple(cfg.get("genitive_exempt_endings") or [])
        self.phrase_adj = cfg.get("phrase_adjective_endings") or {}
        self.phrase_gen = cfg.get("phrase_noun_genitive") or []
        self.place_adj = cfg.get("place_adjective_suffixes") or []
        self.place_adj_bases = tuple(cfg.get("place_adjective_bases") or ())
        self.place_adj_exempt = tuple(cfg.get("place_adjective_exempt") or ())
        self.place_adj_stems = cfg.get("place_adjective_stems") or {}
        self.region_adj = cfg.get("region_adjective") or {}

    def place_adjectives(self, name: str) -> list[str]:
        """"Frankfurter", "Berlinern", "Tübinger": uninflected adjectives and inhabitants of a town."""
        if " " in name or "-" in name or not name.endswith(self.place_adj_bases) \
                or name.endswith(self.place_adj_exempt) or name.isupper():
            return []
        stem = next((name[:-len(end)] + repl for end, repl in self.place_adj_stems.items()
                     if name.endswith(end)), name)
        return [stem + s for s in self.place_adj]

    def region_adjectives(self, name: str, kind: str) -> list[str]:
        """"Kalifornien" -> "kalifornische", "Bayern" -> "bayerischen", "Saarland" -> "Saarländer":
        regions and territories take an adjective in -isch, and some an inhabitants' noun, by the
        regular endings of inflection.yaml (irregular ones are in place_words.tsv)."""
        if kind not in self.region_adj.get("kinds", ()) or " " in name or "-" in name or name.isupper():
            return []
        low = name.lower()
        out = next((self.adjectives(low[:len(low) - len(end)] + repl)
                    for end, repl in (self.region_adj.get("endings") or {}).items() if low.endswith(end)), [])
        for end, suffixes in (self.region_adj.get("inhabitants") or {}).items():
            if low.endswith(end):
                out += [name[:len(name) - len(end)] + s for s in suffixes]
        return out

    def genitives(self, name: str) -> list[str]:
        if not self.gen or name.endswith(self.gen_exempt) or name.isupper():
            return []
        return [name + s for s in self.gen]

    def adjectives(self, stem: str) -> list[str]:
        forms = [stem + e for e in self.adj_endings]
        return forms + [_capitalised(f) for f in forms]

    def phrase(self, words: list[str]) -> list[list[str]]:
        """Inflected variants of a multiword name: leading adjectives and a genitive last noun."""
        if len(words) < 2:
            return [words]
        heads = [words[:-1]]
        for k, w in enumerate(words[:-1]):
            for base, others in self.phrase_adj.items():
                if w[:1].isupper() and w.endswith(base) and len(w) > len(base) + 2:
                    stem = w[: -len(base)]
                    heads += [h[:k] + [stem + o] + h[k + 1:] for h in list(heads) for o in others]
        last = [words[-1]] + [words[-1] + s for s in self.phrase_gen if not words[-1].endswith(self.gen_exempt)]
        return [h + [l] for h in heads for l in last]


@lru_cache(maxsize=None)
def gazetteer(lang: str) -> Gazetteer:
    # ~100,000 trie nodes: the cyclic garbage collector would walk the growing heap again and
    # again while they are made (a third of the build time); none of them is garbage. They live
    # as long as the process, so afterwards they (and what was loaded before them) are frozen out
    # of the collector's sight: otherwise every later full collection walks them again, which
    # cost the actor stage half its time on text with many new word forms.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(lang)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _build(lang: str) -> Gazetteer:
    g = Gazetteer(lang)
    inf = _Inflector(lang)

    def add(surface: str, entry: Entry, variants: bool = True) -> None:
        words = split_words(lang, surface)
        for ws in (inf.phrase(words) if variants else [words]):
            g.add(ws, entry)

    for row in langdata.load_tsv(lang, "states.tsv", STATE_COLUMNS):
        iso = row.get("iso3", "")
        amb = row.get("ambiguous", "").lower() in ("yes", "true", "1")
        for name in langdata.split_list(row.get("names", "")):
            add(name, Entry("state", iso, "name", ambiguous=amb))
            for gen in inf.genitives(name):
                add(gen, Entry("state", iso, "genitive", ambiguous=amb), variants=False)
        for stem in langdata.split_list(row.get("adjectives", "")):
            for form in inf.adjectives(stem):
                add(form, Entry("state", iso, "adjective"), variants=False)
        for dem in langdata.split_list(row.get("demonyms", "")):
            add(dem, Entry("state", iso, "demonym", sector="CVL"))
        for cap in langdata.split_list(row.get("capitals", "")):
            add(cap, Entry("state", iso, "capital", sector="GOV"))
            for gen in inf.genitives(cap):
                add(gen, Entry("state", iso, "capital", sector="GOV"), variants=False)
            for adj in inf.place_adjectives(cap):    # "die Pekinger Führung"
                add(adj, Entry("state", iso, "adjective", ambiguous=True), variants=False)
        for met in langdata.split_list(row.get("metonyms", "")):
            add(met, Entry("state", iso, "metonym", sector="GOV"))
        for pre in langdata.split_list(row.get("prefixes", "")):
            g.prefixes[pre] = iso

    orgs, places = knowledge.organizations(), knowledge.places()
    name_rows = langdata.load_tsv(lang, "names.tsv", ("surface", "id")) + \
        langdata.load_tsv(lang, "cities.tsv", ("surface", "id"))
    for row in name_rows:
        ident = row.get("id", "")
        surface = row.get("surface", "")
        if ident in orgs:
            entry = Entry("org", ident, "name", sector=orgs[ident].sector)
        elif ident in places:
            entry = Entry("place", ident, "name")
        else:
            continue
        add(surface, entry)
        if " " not in surface:   # "des KP-Regimes", "der Nato" (no -s), "Gazproms"
            for gen in inf.genitives(surface):
                add(gen, entry, variants=False)
        if entry.kind == "place":
            for adj in inf.place_adjectives(surface) + inf.region_adjectives(surface, places[ident].kind):
                add(adj, Entry("place", ident, "adjective"), variants=False)

    for row in langdata.load_tsv(lang, "place_words.tsv", ("id", "adjectives", "inhabitants")):
        ident = row.get("id", "")
        if ident not in places:
            continue
        forms = [f for stem in langdata.split_list(row.get("adjectives", "")) for f in inf.adjectives(stem)]
        for form in forms + langdata.split_list(row.get("inhabitants", "")):
            add(form, Entry("place", ident, "adjective"), variants=False)

    for t in knowledge.terms():
        for alias in {t.name, *t.aliases}:
            if alias:
                add(alias, Entry("person", t.person_id, "name", sector=t.sector), variants=False)

    for row in langdata.load_tsv(lang, "roles.tsv", ("surface", "sector", "office", "person")):
        forms = langdata.split_list(row.get("surface", ""))
        if not forms:
            continue
        key = forms[0]
        person = row.get("person", "").lower() in ("yes", "true", "1")
        office = row.get("office", "")
        office = "" if office in ("-", "") else office
        for f in forms:
            add(f, Entry("role", key, "role", sector=row.get("sector", ""), office=office,
                         person_role=person), variants=False)
            if f[:1].islower():   # English roles start sentences capitalised
                add(_capitalised(f), Entry("role", key, "role", sector=row.get("sector", ""),
                                           office=office, person_role=person), variants=False)

    _add_generated(g, inf, places, orgs)
    _add_companies(g, inf)
    return g


def _add_companies(g: Gazetteer, inf: _Inflector) -> None:
    """Listed companies (knowledge/companies_listed.tsv), after everything hand-curated: a form the
    gazetteer already has stays with what it has."""
    for ident, surfaces in knowledge.listed_companies().items():
        entry = Entry("org", ident, "name", sector="BUS", generated=True)
        for surface in surfaces:
            words = split_words(g.lang, surface)
            if g.add_new(words, entry) and len(words) == 1:
                for gen in inf.genitives(surface):     # "Nvidias Umsatz"
                    g.add_new([gen], entry)


def _add_generated(g: Gazetteer, inf: _Inflector, places, orgs) -> None:
    """Cities generated from GeoNames (lang/<code>/cities_geonames.tsv, built by
    train/gazetteer/build_cities.py), read after everything hand-curated: a form, or an
    inflected variant of it, that the gazetteer already has stays with what it has. Some
    30,000 rows, so the file is read without the generic TSV loader."""
    f = resources.files(langdata.__name__).joinpath(g.lang, "cities_geonames.tsv")
    if not f.is_file():
        return
    lang = g.lang
    g.given_names = knowledge.given_names()
    for line in f.read_text(encoding="utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        surface, _, ident = line.partition("\t")
        surface, ident = surface.strip(), ident.strip()
        if not surface or ident not in places or ident in orgs:
            continue
        entry = Entry("place", ident, "name", generated=True)
        words = split_words(lang, surface)
        if not g.add_new(words, entry):
            continue             # the hand-curated data has this form
        if len(words) > 1:
            for ws in inf.phrase(words)[1:]:
                g.add_new(ws, entry)
        if " " not in surface:
            simple = len(words) == 1
            for gen in inf.genitives(surface):
                g.add_new([gen] if simple else split_words(lang, gen), entry)
            for adj in inf.place_adjectives(surface):
                g.add_new([adj], Entry("place", ident, "adjective", generated=True))
