"""The event lexicon of a language: predicates (verbs, nouns) mapped to PLOVER event, mode, context.

Data: lang/<code>/events.yaml (predicates), contexts.tsv (context cues), modality.yaml (auxiliary
mode cues), attribution.yaml (speech and source cues), grammar.yaml (function words).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import lang as langdata


@dataclass(frozen=True)
class Predicate:
    lemma: str
    pos: str
    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    subject: str = "actor"       # role of the grammatical subject
    object: str = "recipient"    # role of the object
    status: str | None = None
    reflexive: bool = False
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    confidence: float = 0.7
    negated: str | None = None   # the event a negated use states ("schloss ... nicht aus": THREATEN)


@dataclass
class Lexicon:
    lang: str
    verbs: dict[str, list[Predicate]] = field(default_factory=dict)
    nouns: dict[str, list[Predicate]] = field(default_factory=dict)   # lowercased heads
    noun_heads: tuple[str, ...] = ()                                  # longest first
    contexts: list[tuple[str, str]] = field(default_factory=list)     # (cue, context)
    modality: dict = field(default_factory=dict)
    attribution: dict = field(default_factory=dict)
    grammar: dict = field(default_factory=dict)

    def noun(self, lemma: str) -> list[Predicate]:
        """Noun predicates by exact lemma, else by compound head ("Marinemanöver" -> "Manöver")."""
        low = lemma.lower()
        hit = self.nouns.get(low)
        if hit:
            return hit
        for head in self.noun_heads:
            if low.endswith(head) and len(low) - len(head) >= 3:
                return self.nouns[head]
        return []

    def contexts_of(self, lemmas: list[str]) -> list[str]:
        out: list[str] = []
        for lem in lemmas:
            low = lem.lower()
            for cue, ctx in self.contexts:
                if (low.startswith(cue) or (len(cue) >= 4 and cue in low)) and ctx not in out:
                    out.append(ctx)
        return out


def _words(key: str, data: dict) -> set[str]:
    out: set[str] = set()
    val = data.get(key)
    if isinstance(val, dict):
        for v in val.values():
            out.update(str(x) for x in (v or []))
    elif isinstance(val, list):
        out.update(str(x) for x in val)
    return out


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    lex = Lexicon(lang)
    data = langdata.load_yaml(lang, "events.yaml") or {}
    for p in data.get("predicates") or []:
        if not isinstance(p, dict) or not p.get("lemma") or not p.get("event"):
            continue
        roles = p.get("roles") or {}
        pred = Predicate(
            lemma=str(p["lemma"]), pos=p.get("pos", "verb"), event=p["event"], mode=p.get("mode"),
            context=tuple(p.get("context") or ()), subject=roles.get("subject", "actor"),
            object=roles.get("object", "recipient"), status=p.get("status"),
            reflexive=bool(p.get("reflexive")), requires=tuple(p.get("requires") or ()),
            excludes=tuple(p.get("excludes") or ()),
            prep=tuple(p.get("prep") or ()), confidence=float(p.get("confidence", 0.7)),
            negated=p.get("negated"))
        table = lex.nouns if pred.pos == "noun" else lex.verbs
        key = pred.lemma.lower() if pred.pos == "noun" else pred.lemma
        table.setdefault(key, []).append(pred)
    lex.noun_heads = tuple(sorted(lex.nouns, key=len, reverse=True))
    lex.contexts = [(r["cue"].lower(), r["context"]) for r in langdata.load_tsv(lang, "contexts.tsv", ("cue", "context"))
                    if r.get("cue") and r.get("context")]
    lex.modality = langdata.load_yaml(lang, "modality.yaml") or {}
    lex.attribution = langdata.load_yaml(lang, "attribution.yaml") or {}
    lex.grammar = langdata.load_yaml(lang, "grammar.yaml") or {}
    return lex


def cue_set(data: dict, key: str) -> set[str]:
    """All cue words of a modality/attribution group, flattened."""
    return _words(key, data)
