"""Who says so: speech verbs with their speaker, impersonal cues ("hieß es"), source phrases."""
from __future__ import annotations

from ..model import Attribution, Participant, Token
from .arguments import Ref
from .lexicon import Lexicon, cue_set


def find(toks: list[Token], refs: list[Ref], lex: Lexicon) -> tuple[Attribution | None, int | None]:
    """The attribution of a sentence and the index of its speech verb (not itself an event)."""
    a = lex.attribution
    words = [t.text for t in toks]
    low = " ".join(w.lower() for w in words)
    for cue in sorted(cue_set(a, "impersonal"), key=len, reverse=True):
        if f" {cue.lower()} " in f" {low} ":
            return Attribution(None, cue), None
    speech = cue_set(a, "speech_verbs")
    particles = set(lex.grammar.get("separable_particles") or [])
    for k, t in enumerate(toks):
        if t.pos not in ("VERB", "AUX"):
            continue
        lemma = t.lemma
        cue = t.text
        # separable verbs: "kündigte Trump an" is speech, "sagte ... einen Besuch zu" is not
        for x in range(k + 1, min(len(toks), k + 12)):
            if toks[x].text in (".", ",", ";", ":"):
                break
            if toks[x].text in particles and (x + 1 == len(toks) or toks[x + 1].text in (".", ",", ";")):
                lemma, cue = toks[x].text + lemma, f"{t.text} … {toks[x].text}"
                break
        if lemma not in speech:
            continue
        speaker = _speaker(refs, k)
        return Attribution(_id(speaker), cue), k
    for cue in sorted(cue_set(a, "source_phrases"), key=len, reverse=True):
        c = cue.lower().replace(" ... ", " ").replace("...", "").strip()
        if c and f" {c} " in f" {low} ":
            pos = low.find(c)
            after = [r for r in refs if sum(len(w) + 1 for w in words[:r.i]) >= pos]
            return Attribution(_id(after[0].parts[0]) if after else None, cue), None
    return None, None


def _speaker(refs: list[Ref], k: int) -> Participant | None:
    near = [r for r in refs if r.how == "core" and not r.anaphor]
    if not near:
        return None
    r = min(near, key=lambda r: min(abs(r.i - k), abs(r.j - 1 - k)))
    return r.parts[0]


def _id(p: Participant | None) -> str | None:
    if p is None:
        return None
    return p.entity_id or p.code
