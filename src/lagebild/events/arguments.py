"""Who acts and who is acted upon: actor references in a sentence and their roles to a trigger.

German has no parser here, so roles come from word order and function words (verb-second,
prepositions, coordination, group anaphors); where the language backend gives dependencies
(English), they decide first and word order is the fallback.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..actors import participant
from ..model import Document, Participant, Sentence, Token


@dataclass
class Ref:
    i: int                         # token span within the sentence [i, j)
    j: int
    parts: list[Participant]
    text: str
    how: str = "core"              # core | recipient-prep | agent | symmetric | place | genitive | oblique
    prep: str | None = None
    anaphor: bool = False


@dataclass
class Discourse:
    """What pronouns can refer to: the last group of co-actors and the last person."""

    group: list[Participant] = field(default_factory=list)
    person: Participant | None = None


def _codes(parts: list[Participant]) -> set[str]:
    return {p.code for p in parts}


def sentence_refs(doc: Document, sent: Sentence, grammar: dict, disc: Discourse) -> list[Ref]:
    toks = doc.sentence_tokens(sent)
    base = sent.token_start
    start_of = {t.start: t.i - base for t in toks}
    end_of = {t.end: t.i - base + 1 for t in toks}
    refs: list[Ref] = []
    mentions = [m for m in doc.mentions if m.sentence == sent.i]
    for m in mentions:
        p = participant(m, doc)
        if p is None or m.start not in start_of or m.end not in end_of:
            continue
        refs.append(Ref(start_of[m.start], end_of[m.end], [p], m.text))
    refs = _merge_role_phrases(refs, toks)
    refs += _anaphors(toks, refs, grammar, disc)
    refs.sort(key=lambda r: r.i)
    refs = _coordinate(toks, refs, grammar)
    for r in refs:
        _classify(toks, r, grammar)
    return refs


def _merge_role_phrases(refs: list[Ref], toks: list[Token]) -> list[Ref]:
    """"der japanische Premierminister Shigeru Ishiba": the adjective joins the person it modifies."""
    refs.sort(key=lambda r: (r.i, -r.j))
    out: list[Ref] = []
    for r in refs:
        if out and r.i < out[-1].j:                 # nested in the previous one
            continue
        out.append(r)
    merged: list[Ref] = []
    for r in out:
        if merged:
            prev = merged[-1]
            gap = toks[prev.j:r.i]
            same = _codes(prev.parts) == _codes(r.parts)
            if same and len(gap) <= 3 and all(t.pos in ("NOUN", "ADJ", "PROPN", "X") for t in gap) \
                    and not any(t.text in (",", "und", "and") for t in gap):
                # keep the more specific one (person/body over bare state)
                keep = r if (r.parts[0].entity_id or "") != r.parts[0].code else prev
                merged[-1] = Ref(prev.i, r.j, keep.parts, keep.text)
                continue
        merged.append(r)
    return merged


def _anaphors(toks: list[Token], refs: list[Ref], grammar: dict, disc: Discourse) -> list[Ref]:
    out = []
    taken = {k for r in refs for k in range(r.i, r.j)}
    words = [t.text for t in toks]
    phrases = sorted((a.split() for a in grammar.get("group_anaphors") or []), key=len, reverse=True)
    k = 0
    while k < len(words):
        hit = None
        for ph in phrases:
            if words[k:k + len(ph)] == ph and not taken & set(range(k, k + len(ph))):
                hit = ph
                break
        if hit and disc.group:
            # "sie" is often singular ("she") or the object pronoun; take it as the group only
            # when no explicit actor stands before the verb position (weak cue, lower weight)
            out.append(Ref(k, k + len(hit), list(disc.group), " ".join(hit), anaphor=True))
            k += len(hit)
            continue
        k += 1
    return out


def _coordinate(toks: list[Token], refs: list[Ref], grammar: dict) -> list[Ref]:
    """"die USA und Japan", "Ishiba und Trump", "sowohl X als auch Y" -> one group ref."""
    coords = {c.split()[-1] for c in grammar.get("coordinators") or []}
    joiners = coords | {",", "als", "auch", "die", "der", "den", "the", "both", "sowohl"}
    out: list[Ref] = []
    for r in refs:
        if out:
            prev = out[-1]
            gap = [t.text for t in toks[prev.j:r.i]]
            if gap and set(gap) <= joiners and any(g in coords for g in gap):
                parts = prev.parts + [p for p in r.parts if p.code not in _codes(prev.parts)]
                out[-1] = Ref(prev.i, r.j, parts, prev.text + " … " + r.text, anaphor=prev.anaphor and r.anaphor)
                continue
        out.append(r)
    return out


def _classify(toks: list[Token], r: Ref, grammar: dict) -> None:
    """The function of a reference from the word before it (skipping articles)."""
    k = r.i - 1
    while k >= 0 and toks[k].pos == "DET":
        k -= 1
    prev = toks[k].text.lower() if k >= 0 else ""
    if prev in (grammar.get("symmetric_prepositions") or []):
        r.how, r.prep = "symmetric", prev
    elif prev in (grammar.get("actor_prepositions") or []):
        r.how, r.prep = "agent", prev
    elif prev in (grammar.get("recipient_prepositions") or []):
        r.how, r.prep = "recipient-prep", prev
    elif prev in (grammar.get("place_prepositions_event") or []):
        r.how, r.prep = "place", prev
    elif k >= 0 and toks[k].pos == "ADP":
        r.how, r.prep = "oblique", prev
    elif k >= 0 and toks[k].pos == "NOUN" and k == r.i - 1 and r.text[-1:] == "s":
        r.how = "genitive"           # "Verteidigung Japans", "Blockade Taiwans"
    # a dependency parse, where there is one, overrides word order
    heads = [toks[x] for x in range(r.i, r.j) if toks[x].head >= 0]
    if heads:
        dep = heads[-1].dep
        if dep in ("nsubj", "nsubjpass"):
            r.how = "core" if dep == "nsubj" else "passive-subject"
        elif dep in ("dobj", "dative", "iobj"):
            r.how = "object"


def assign(toks: list[Token], refs: list[Ref], trigger: int, subject_role: str,
           disc: Discourse) -> tuple[list[Participant], list[Participant]]:
    """Actor and recipient lists for a trigger at sentence-relative index `trigger`."""
    actors: list[Participant] = []
    recips: list[Participant] = []
    core = [r for r in refs if r.how in ("core",)]
    objects = [r for r in refs if r.how == "object"]
    sym = [r for r in refs if r.how == "symmetric"]
    if sym:
        for r in sym:
            actors += r.parts
        return _dedupe(actors), []
    explicit = [r for r in core if not r.anaphor]
    subj = _nearest(explicit or core, trigger)
    if subj:
        rest = [r for r in core if r is not subj and not (r.anaphor and explicit)]
        obj = _nearest(objects or rest, trigger)
        subject_parts, object_parts = subj.parts, (obj.parts if obj else [])
    else:
        subject_parts, object_parts = [], (objects[0].parts if objects else [])
    agent = next((r for r in refs if r.how == "agent"), None)
    passive = next((r for r in refs if r.how == "passive-subject"), None)
    if agent and passive:
        subject_parts, object_parts = agent.parts, passive.parts
    if not object_parts:
        prep = _nearest([r for r in refs if r.how == "recipient-prep"], trigger, after=True)
        genitive = _nearest([r for r in refs if r.how == "genitive"], trigger, after=True)
        place = _nearest([r for r in refs if r.how == "place"], trigger, after=True)
        pick = prep or genitive or place
        object_parts = pick.parts if pick else []
    if subject_role == "recipient":
        subject_parts, object_parts = object_parts, subject_parts
    actors = _dedupe(subject_parts)
    recips = [p for p in _dedupe(object_parts) if p.code not in _codes(actors)]
    return actors, recips


def _nearest(refs: list[Ref], trigger: int, after: bool = False) -> Ref | None:
    if not refs:
        return None
    if after:
        later = [r for r in refs if r.i > trigger]
        if later:
            return min(later, key=lambda r: r.i - trigger)
    # the subject of a German main clause stands right before or right after the finite verb
    return min(refs, key=lambda r: (abs((r.i if r.i > trigger else r.j - 1) - trigger), r.i))


def _dedupe(parts: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in parts:
        if p.code not in seen:
            seen.add(p.code)
            out.append(p)
    return out
