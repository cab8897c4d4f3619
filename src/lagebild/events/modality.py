"""PLOVER auxiliary modes of an event from cues in its clause (lang/<code>/modality.yaml):
negated, hypothetical, future, historical, else occurred."""
from __future__ import annotations

from ..model import Token
from .lexicon import Lexicon, cue_set

def _has(words: list[str], lemmas: list[str], cues: set[str]) -> str | None:
    text = " " + " ".join(words).lower() + " "
    for c in cues:
        c = str(c).lower()
        if " " in c:
            if f" {c} " in text:
                return c
        elif c in words or c in lemmas or c in (w.lower() for w in words):
            return c
    return None


def status_of(toks: list[Token], lo: int, hi: int, lex: Lexicon, intrinsic: str | None) -> str:
    """The auxiliary mode of an event whose clause is toks[lo:hi]."""
    span = toks[lo:hi]
    words = [t.text for t in span]
    lemmas = [t.lemma for t in span]
    m = lex.modality
    if _has(words, lemmas, cue_set(m, "negated")) and not _has(words, lemmas, set(m.get("negation_exceptions") or [])):
        return "negated"
    # a conditional clause of the sentence ("sollte ... nicht", "falls", "wenn") makes it hypothetical
    hyp = cue_set(m, "hypothetical")
    if _has(words, lemmas, hyp) or (intrinsic == "hypothetical"):
        return "hypothetical"
    if any(t.text.lower() in hyp for t in toks[hi:hi + 2]):
        return "hypothetical"
    if intrinsic == "future" or _future(span, m):
        return "future"
    if _has(words, lemmas, cue_set(m, "historical")) or _pluperfect(span, m):
        return "historical"
    return intrinsic or "occurred"


def _future(span: list[Token], m: dict) -> bool:
    fut = cue_set(m, "future")
    past_forms = {str(x).lower() for x in (m.get("past_forms") or [])}
    perfect = {str(x).lower() for x in (m.get("perfect_infinitives") or [])}
    if perfect and any(a.tag in ("VVPP", "VAPP", "VMPP", "VBN") and b.text.lower() in perfect
                       for a, b in zip(span, span[1:])):
        return False   # hearsay about the past: "soll ... gesprochen haben"
    for t in span:
        low = t.text.lower()
        if low in past_forms:
            continue
        if t.lemma in fut or low in fut:
            # "werden" is future only in its present forms ("wird", "werden", "werde")
            if t.lemma == "werden" and low.startswith(("wurd", "würd", "word", "geword")):
                continue
            if t.lemma == "werden" and _passive(span):
                continue   # "er werde verdächtigt": werden + participle is a passive, not a future
            return True
    return False


def _pluperfect(span: list[Token], m: dict) -> bool:
    aux = {str(x).lower() for x in (m.get("pluperfect_auxiliaries") or [])}
    return bool(aux) and any(t.text.lower() in aux for t in span) and any(
        t.tag in ("VVPP", "VAPP", "VBN") for t in span)


def _passive(span: list[Token]) -> bool:
    """A participle and no infinitive: "wird ... kritisiert" (passive), unlike "wird ... kritisieren"
    or "wird ... unterzeichnet werden" (future)."""
    tags = [t.tag for t in span]
    return any(x in ("VVPP", "VAPP") for x in tags) and not any(x.endswith(("INF", "IZU")) for x in tags)
