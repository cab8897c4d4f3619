"""Names in no list: persons, organisations and places that the gazetteers do not know.

Capitalisation alone says little in German (every noun is capitalised), so a run of
capitalised words becomes a name only with a cue, all from lang/<code>/name_cues.yaml:
  person   a listed given name, a title or person noun before it ("Trainer Rummenigge"),
           a speech verb beside it ("sagte Möller"), an earlier full name's surname
  org      a legal-form or club word inside it ("SSV Reutlingen", "Century Media GmbH"),
           an organisation noun before it ("die Firma Schering"), an unknown acronym
  place    a place-name ending ("Büdingen", "Schwanitzstraße") or a place preposition before
           a word the dictionary does not know ("in Mardscha")
Names found here carry no state or sector code: they are entities for the analyst and for
linking, not event actors.
"""
from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from .. import lang as langdata
from .. import nlp
from ..model import Token
from .knowledge import given_names

_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,5}$|^[A-ZÄÖÜ][A-ZÄÖÜa-zäöü]{1,3}[A-ZÄÖÜ]$")  # NATO, RFdS
_WORD = re.compile(r"^[^\W\d_][\w'’.&-]*$")


@dataclass(frozen=True)
class Tails:
    """Lower-case words matched whole or as the tail of a compound, and the tail lengths to try."""
    words: frozenset[str]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, words) -> "Tails":
        low = frozenset(w.lower() for w in words)
        return cls(low, tuple(sorted({len(w) for w in low})))


@dataclass(frozen=True)
class NameCues:
    person_titles: frozenset[str]
    person_nouns: Tails                 # matched as whole words or compound tails
    speech_verbs: frozenset[str]
    org_words: frozenset[str]
    org_heads: frozenset[str]
    org_linkers: frozenset[str]         # "Hochschule für Technik": words that open the rest of a name
    org_joiners: frozenset[str]         # "... für Technik und Wirtschaft"
    institution_prefixes: tuple[str, ...]
    org_suffixes: Tails
    org_nouns: Tails
    place_prepositions: frozenset[str]
    place_suffixes: Tails
    place_nouns: Tails
    particles: frozenset[str]
    determiners: frozenset[str]
    definite: frozenset[str]            # "die Kommission": refers back to a body named before
    not_names: frozenset[str]
    not_acronyms: frozenset[str]
    lang: str
    compounds: bool                     # the language writes compounds as one word
    genitive_suffix: str                # "Zabels Entscheidung"; empty where the language has none
    not_name_tags: tuple[str, ...] = ()          # a one-word name never has these tags (prefixes)
    not_initial_name_tags: tuple[str, ...] = ()  # ... nor these at the start of a sentence
    candidate_tags: frozenset[str] = frozenset()  # words the dictionary does not know: names to look for
    window_breaks: tuple[str, ...] = ()           # tags (prefixes) of words that are never part of a name
    legal_forms: frozenset[str] = frozenset()     # "AG", "Inc.": part of a listed organisation's mention

    def window_break(self, tag: str) -> bool:
        """Whether a word with this tag ends a stretch the name tagger reads (never part of a name)."""
        return bool(self.window_breaks) and tag.startswith(self.window_breaks)

    def name_candidate(self, tag: str) -> bool:
        """Whether a word with this tag may start a name no list knows; a language that lists no
        such tags treats every word as one."""
        return not self.candidate_tags or tag in self.candidate_tags

    def may_name(self, tag: str, initial: bool = False) -> bool:
        """Whether one word with this part-of-speech tag can be a name on its own."""
        return not tag.startswith(self.not_name_tags) and not (
            initial and tag.startswith(self.not_initial_name_tags))

    @classmethod
    @lru_cache(maxsize=None)
    def for_lang(cls, lang: str) -> "NameCues":
        d = langdata.load_yaml(lang, "name_cues.yaml") or {}
        tails = lambda key: Tails.of(d.get(key) or ())  # noqa: E731
        return cls(frozenset(d.get("person_titles") or ()), tails("person_nouns"),
                   frozenset(d.get("speech_verbs") or ()), frozenset(d.get("org_words") or ()),
                   frozenset(d.get("org_heads") or ()), frozenset(d.get("org_linkers") or ()),
                   frozenset(d.get("org_joiners") or ()), tuple(d.get("institution_prefixes") or ()),
                   tails("org_suffixes"), tails("org_nouns"), frozenset(d.get("place_prepositions") or ()),
                   tails("place_suffixes"), tails("place_nouns"), frozenset(d.get("particles") or ()),
                   frozenset(d.get("determiners") or ()), frozenset(d.get("definite_articles") or ()),
                   frozenset(d.get("not_names") or ()), frozenset(d.get("not_acronyms") or ()),
                   lang, bool(d.get("compound_nouns")), str(d.get("genitive_suffix") or ""),
                   tuple(d.get("not_name_tags") or ()), tuple(d.get("not_initial_name_tags") or ()),
                   frozenset(d.get("name_candidate_tags") or ()), tuple(d.get("window_break_tags") or ()),
                   frozenset(d.get("legal_forms") or ()))


def _tail(word: str, tails: Tails, whole_only: bool = False, suffix_only: bool = False) -> bool:
    """`word` is one of `tails` or a compound ending in one ("Bayern-Vorstand", "Mieterverein")."""
    w = word.lower()
    if w in tails.words and not suffix_only:
        return True
    return not whole_only and any(w[-n:] in tails.words for n in tails.lengths if len(w) > n + 2)


@dataclass
class Name:
    i: int
    j: int
    kind: str        # person | org | place
    text: str
    cue: str         # which cue decided: given-name, title, speech, surname, org-word, ...


def find(toks: list[Token], covered: set[int], lang: str, surnames: Container[str],
         places: Container[int] = ()) -> list[Name]:
    """Unlisted names among `toks` (one sentence), skipping covered token indices; `surnames`
    are those of persons met earlier in the document ("Stanleys" is then a person). Covered
    tokens in `places` (a known place or state) may become part of an organisation's name
    ("SC Paderborn", "Universität Gießen"); the caller drops the place mention then."""
    cues = NameCues.for_lang(lang)
    given = given_names()
    words = [t.text for t in toks]
    out: list[Name] = []
    k = 0
    while k < len(toks):
        if (k in covered and not (k in places and k + 1 < len(toks) and toks[k + 1].text in cues.org_words)) \
                or not _capital(toks[k], cues):
            k += 1
            continue
        j = _run_end(toks, k, covered, cues, given, places)
        name = _classify(toks, words, k, j, cues, given, surnames, places)
        inside = next((m for m in range(k, j) if m in covered), None)
        if name and name.kind != "org" and inside is not None:
            name = _classify(toks, words, k, inside, cues, given, surnames, ()) if inside > k else None
        if name:
            out.append(name)
            k = name.j
        else:
            k += 1
    return out


_NAME_POS = ("NOUN", "PROPN", "X", "ADJ")


def _capital(t: Token, cues: NameCues) -> bool:
    w = t.text
    return w[:1].isupper() and bool(_WORD.match(w)) and w not in cues.not_names and t.pos in _NAME_POS


def _run_end(toks: list[Token], k: int, covered: set[int], cues: NameCues, given, places) -> int:
    # particles join only personal names: "Ursula von der Leyen", not "Präsident der Kammer"
    personal = toks[k].text in given or (k > 0 and toks[k - 1].text in cues.person_titles)
    j = k + 1
    while j < len(toks) and j - k < 6 and (j not in covered or j in places):
        w = toks[j].text
        if _capital(toks[j], cues):
            j += 1
        elif (w == "&" or (personal and w in cues.particles) or _joiner(toks, j)) and j + 1 < len(toks) \
                and j + 1 not in covered and _capital(toks[j + 1], cues):
            j += 2
        else:
            break
    return j


def _institution(word: str, cues: NameCues) -> bool:
    """A public body named by a compound: a state-level prefix and an organisation ending."""
    return any(word.startswith(p) and len(word) > len(p) + 3 for p in cues.institution_prefixes) \
        and _tail(word, cues.org_suffixes)


def _org_complement(toks: list[Token], name: Name, cues: NameCues) -> Name:
    """Take in what completes an organisation's name: "... für Technik und Wirtschaft"."""
    j = name.j
    if j + 1 < len(toks) and toks[j].text in cues.org_linkers and _capital(toks[j + 1], cues):
        j += 2
        while j + 1 < len(toks) and toks[j].text in cues.org_joiners and _capital(toks[j + 1], cues):
            j += 2
    if j == name.j:
        return name
    return Name(name.i, j, "org", " ".join(t.text for t in toks[name.i:j]), name.cue)


def _noun_follows(toks: list[Token], j: int) -> bool:
    """A noun phrase follows (adjectives may stand first): the word before it is its possessor."""
    while j < len(toks) and toks[j].pos == "ADJ":
        j += 1
    return j < len(toks) and toks[j].pos == "NOUN"


def _joiner(toks: list[Token], j: int) -> bool:
    """A hyphen written without spaces inside a name ("Okonkwo-Barre" split by the tokenizer)."""
    return toks[j].text == "-" and toks[j - 1].end == toks[j].start and j + 1 < len(toks) \
        and toks[j].end == toks[j + 1].start


def _unknown(t: Token) -> bool:
    """The dictionary does not know the word (tagged as a proper name)."""
    return t.tag in ("NE", "FM", "NNP", "NNPS")


def _uninflected(t: Token) -> bool:
    """Names keep their form; a common noun in the plural or genitive lemmatises to another."""
    return t.lemma == t.text or _unknown(t)


def _intro(word: str, cues: NameCues) -> str | None:
    if word in cues.person_titles or _tail(word, cues.person_nouns):
        return "person"
    if _tail(word, cues.org_nouns, whole_only=True):
        return "org"
    if _tail(word, cues.place_nouns, whole_only=True):
        return "place"
    return None


def _classify(toks, words: list[str], k: int, j: int, cues: NameCues, given, persons: Container[str],
              places) -> Name | None:
    span = words[k:j]
    prev = words[k - 1] if k > 0 else ""
    nxt = words[j] if j < len(words) else ""
    initial = k == 0 or prev in ('"', "„", "(", ":", "–", "-", "“", "«", "»", "*")

    # organisations: a legal-form or club word inside a longer run ("SSV Reutlingen"); an
    # organisation noun or compound only beside a name ("Universität Gießen", not "Großes Theater")
    if j - k >= 2:
        named = any(m in places or _unknown(toks[m]) for m in range(k, j))
        for m in range(k, j):
            if words[m] in cues.org_words or words[m].rstrip(".") in cues.org_words or (named and (words[m] in cues.org_heads
                                                         or (m > k and _tail(words[m], cues.org_suffixes)))):
                return Name(k, j, "org", " ".join(span), "org-word")
    # an institution with what it is for: "Hochschule für Technik und Wirtschaft",
    # "Bundesstiftung zur Aufarbeitung der SED-Diktatur"
    if j - k == 1 and (_institution(span[0], cues) or span[0] in cues.org_heads):
        name = _org_complement(toks, Name(k, j, "org", span[0], "institution"), cues)
        if name.j > j:
            return name

    # a noun that introduces the name: "Trainer X", "die Firma X", "die Stadt X"
    head, intro = k, _intro(prev, cues)
    while head < j - 1 and words[head] not in given:
        cue = _intro(words[head], cues)
        if cue is None:
            break
        head, intro = head + 1, cue
    if head > k and intro is None:
        head = k
    body = words[head:j]
    text = " ".join(body)
    if intro and all(_uninflected(t) for t in toks[head:j]):
        return Name(head, j, intro, text, "intro-noun")

    first = body[0]
    if first in given and (len(body) >= 2 or (_unknown(toks[head]) and not initial)):
        return Name(head, j, "person", text, "given-name")
    bare = first[:-1] if first.endswith("s") and first[:-1] in persons else first
    if bare in persons:       # "Weidenbachs Bilder": the genitive of a surname met before
        return Name(head, head + 1, "person", first, "surname")
    if len(body) <= 3 and all(_unknown(t) for t in toks[head:j]):
        if prev in cues.speech_verbs or (nxt in cues.speech_verbs and not initial):
            return Name(head, j, "person", text, "speech")
        if prev in cues.place_prepositions and not _compound_noun(body[-1], cues):
            return Name(head, j, "place", text, "place-preposition")
    finite = lambda m: 0 <= m < len(toks) and toks[m].tag.endswith("FIN")  # noqa: E731
    bare = all(_unknown(t) and t.text.isalpha() and not t.text.isupper() and not _compound_noun(t.text, cues)
               for t in toks[head:j])
    if bare and prev not in cues.determiners and len(body) <= 3 and (finite(j) or (finite(k - 1) and not initial)):
        return Name(head, j, "person", text, "unknown-name")   # most unlisted bare names are persons
    if bare and len(body) == 1 and cues.genitive_suffix and first.endswith(cues.genitive_suffix) \
            and prev not in cues.determiners and _noun_follows(toks, j):
        return Name(head, j, "person", text, "genitive-name")  # "Zabels Entscheidung", "Nerudas Gesundheit"
    if len(body) == 1 and _ACRONYM.match(first) and sum(c.isalpha() for c in first) >= 2 \
            and first not in cues.not_acronyms and _defined_as_org(words, head, cues):
        return Name(head, j, "org", first, "acronym")
    if _tail(body[-1], cues.place_suffixes, suffix_only=True) and _uninflected(toks[j - 1]) \
            and not _compound_noun(body[-1], cues, depth=2) and _unknown(toks[j - 1]):
        return Name(head, j, "place", text, "place-ending")
    return None


def _defined_as_org(words: list[str], k: int, cues: NameCues) -> bool:
    """An acronym after its long form, "Open Radio Access Networks (Open RAN)", is an
    organisation only when the long form names one."""
    if k == 0 or words[k - 1] != "(" and not (k > 1 and words[k - 2] == "("):
        return True
    m = k - 2 if words[k - 1] == "(" else k - 3
    start = m
    while start > 0 and m - start < 8 and (words[start - 1][:1].isupper() or words[start - 1] in cues.particles):
        start -= 1
    return any(w in cues.org_words or w in cues.org_heads or _tail(w, cues.org_suffixes)
               for w in words[start:m + 1])


def _compound_noun(word: str, cues: NameCues, depth: int = 0) -> bool:
    """A compound of dictionary words ("Marktstart", "Ticketvorverkauf"), not a name
    ("Büdingen", "Taiskirchen": their first part is no word)."""
    if not cues.compounds:
        return False
    return _compound(word.lower().replace("-", ""), _dictionary(cues.lang), depth)


def name_word(word: str, lang: str, last: bool = False) -> bool:
    """A word that can only be part of a name: capitalised and neither a noun the tagger's lexicon
    holds nor a word ending in one ("Eisenbahndirektion", "Maximilianmuseum": unlike
    `_compound_noun`, the head need not be a word); a club's number may end a name ("Mainz 05")."""
    if last and word.isdigit() and len(word) <= 2:
        return True
    if not (word[:1].isupper() and word.replace("-", "").isalpha()):
        return False
    heads = [word] + [word[k:].capitalize() for k in range(3, len(word) - 3)]
    return not any("NN" in nlp.lexicon_reading(lang, h) for h in heads)


def _compound(w: str, known, depth: int) -> bool:
    for i in range(3, len(w) - 2):
        head, tail = w[:i], w[i:]
        if not known(tail):
            continue
        heads = (head, head + "e", head[:-1] if head.endswith(("s", "n")) else "", head[:-2] if head.endswith("en") else "")
        if any(len(h) >= 3 and known(h) for h in heads) or (depth < 2 and _compound(head, known, depth + 1)):
            return True
    return False


@lru_cache(maxsize=None)
def _dictionary(lang: str):
    import simplemma

    @lru_cache(maxsize=100_000)
    def known(word: str) -> bool:
        return simplemma.is_known(word.capitalize(), lang=lang)
    return known
