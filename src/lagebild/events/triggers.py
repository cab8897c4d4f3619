"""Event triggers: lexicon predicates found in a sentence (verbs with their separable particles,
phrasal verbs, nouns by compound head), plus future-intention verbs."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import lang as langdata
from ..model import Token
from .lexicon import Lexicon, Predicate

_END = {".", "!", "?", ",", ";", ":", "–", "—", "“", "”", "\"", ")"}


@dataclass
class Trigger:
    k: int                 # sentence-relative index of the head token
    predicate: Predicate
    lemma: str
    tokens: tuple[int, ...]  # head (+ particle) indices
    verbal: bool


@lru_cache(maxsize=None)
def intention_verbs(lang: str) -> frozenset[str]:
    return frozenset((langdata.load_yaml(lang, "intentions.yaml") or {}).get("verbs") or [])


def _particle(toks: list[Token], k: int, particles: set[str], coordinators: set[str] = frozenset()) -> int | None:
    """A separable particle closing the clause of the finite verb at k ("sagte ... zu.")."""
    for x in range(k + 1, len(toks)):
        t = toks[x]
        if t.text in coordinators and x - 1 > k and toks[x - 1].text in particles:
            return x - 1     # "wies die Vorwürfe zurück und bestritt ...": the conjunct closes the clause
        if t.text in _END:
            prev = toks[x - 1]
            if x - 1 > k and prev.text in particles:
                return x - 1
            if t.text != ",":
                return None
            return None
    last = toks[-1]
    return len(toks) - 1 if last.text in particles and len(toks) - 1 > k else None


_HARD_END = {".", "!", "?", ";", ":"}


def _clause_lemmas(toks: list[Token], k: int) -> set[str]:
    """Words around a trigger up to hard punctuation: what a `requires` reading may look at."""
    lo = k
    while lo > 0 and toks[lo - 1].text not in _HARD_END:
        lo -= 1
    hi = k
    while hi < len(toks) - 1 and toks[hi + 1].text not in _HARD_END:
        hi += 1
    return {t.lemma for t in toks[lo:hi + 1]} | {t.text for t in toks[lo:hi + 1]}


def find(toks: list[Token], lex: Lexicon) -> list[Trigger]:
    particles = set(lex.grammar.get("separable_particles") or [])
    coordinators = {c for c in lex.grammar.get("coordinators") or [] if " " not in c} | \
        set(lex.grammar.get("contrast_conjunctions") or [])
    out: list[Trigger] = []
    for k, t in enumerate(toks):
        if t.pos in ("VERB", "AUX"):
            cands: list[tuple[str, tuple[int, ...]]] = []
            p = _particle(toks, k, particles, coordinators) if particles and t.tag.endswith("FIN") else None
            if p is not None:
                cands.append((toks[p].text + t.lemma, (k, p)))
            for x, u in enumerate(toks):
                if u.dep == "prt" and u.head == t.i:
                    cands.append((f"{t.lemma} {u.text.lower()}", (k, x)))
            cands.append((t.lemma, (k,)))
            for lemma, idx in cands:
                preds = lex.verbs.get(lemma) or []
                preds = [pr for pr in preds if _requirements_met(pr, toks, k)]
                if preds:
                    out += [Trigger(k, pr, lemma, idx, True) for pr in preds]
                    break
        elif t.pos in ("NOUN", "PROPN") and t.text[:1].isalpha():
            for pr in lex.noun(t.lemma):
                if _requirements_met(pr, toks, k):
                    out.append(Trigger(k, pr, t.lemma, (k,), False))
    return out


def _requirements_met(pr: Predicate, toks: list[Token], k: int) -> bool:
    if not pr.requires and not pr.excludes:
        return True
    lemmas = _clause_lemmas(toks, k)
    if any(x in lemmas for x in pr.excludes):
        return False
    return not pr.requires or any(r in lemmas for r in pr.requires) or any(
        _compound_of(w, r) for r in pr.requires if r[:1].isupper() for w in lemmas)


def _compound_of(word: str, head: str) -> bool:
    """A capitalised requirement (a German noun) is met by compounds ending in it too:
    "Zusatzzöllen" for "Zöllen", "Massenproteste" for "Proteste"."""
    return len(head) >= 5 and len(word) >= len(head) + 3 and word[:1].isupper() \
        and word.lower().endswith(head.lower())     # not "Haft": "Botschaft", "Bereitschaft"


def intentions(toks: list[Token], lang: str) -> list[int]:
    verbs = intention_verbs(lang)
    return [k for k, t in enumerate(toks) if t.pos in ("VERB",) and t.lemma in verbs]
