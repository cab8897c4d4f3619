"""The events stage: PLOVER-coded events with actors, recipients, status, date, attribution,
quantity, place and evidence.

`extract(doc)` fills `doc.events`. Per sentence: find actor references, triggers from the
language's lexicon, the attribution; then one event per trigger with its arguments, status
(auxiliary mode), date, quantity and context. At most one event per (sentence, type, actors,
recipients).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date as date_cls

from ..model import Document, Event, Participant, Place, Span
from . import attribution as attribution_
from . import quantity as quantity_
from . import triggers as triggers_
from .arguments import Discourse, assign, clause_bounds, leading_other, sentence_refs
from .lexicon import Predicate, load_lexicon
from .modality import status_of
from .ontology import load_ontology

__all__ = ["extract"]

_INTENT = Predicate(lemma="<intention>", pos="verb", event="AGREE", confidence=0.55)
# Acts whose doer is often unnamed, with the sector of who does them where they happen
_UNNAMED_LOCAL = {"ASSAULT": "UAF", "PROTEST": "CVL"}
_OBLIGE = Predicate(lemma="<obligation>", pos="verb", event="REQUEST", confidence=0.5)
_INTENT_TO = {"COOPERATE", "AID", "CONSULT", "SUPPORT", "RETREAT", "CONCEDE"}
# ...and an announced act of material conflict is a threat (coded by its content, PLOVER; an
# announced boycott, strike or blockade is THREATEN 'restrict')
_THREAT_OF = {"SANCTION", "COERCE", "ASSAULT", "PROTEST"}
_CONDITIONAL_THREAT = {"SANCTION", "COERCE", "ASSAULT", "RETREAT", "AGREE", "PROTEST"}
# Cooperation stated as not happening is a refusal (PLOVER REJECT)
_REFUSABLE = {"AGREE", "SUPPORT", "CONCEDE", "RETREAT", "CONSULT"}
# Events whose content is another act: "agreed to share", "urged X to withdraw", "threatened to
# shell": the embedded verb is the content, not a second event
_GOVERNING = {"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE"}
# Event types that aim at someone: without a named recipient they take the dyad's other side
# ...and with no party named at all, acts aimed at someone (refusals, demands, threats,
# concessions, crackdowns) are domestic: PLOVER's coders give the state itself as recipient
_DOMESTIC = {"PROTEST", "COERCE", "CONCEDE", "ASSAULT", "REJECT", "REQUEST", "THREATEN", "ACCUSE",
             "SANCTION", "RETREAT"}
_NONSTATE = {"IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "EUR"}
# Cooperation of one party alone names no partner: it takes the dyad's other side or is dropped
_DYADIC = {"CONSULT", "COOPERATE", "AID"}
_TARGETED = {"THREATEN", "SANCTION", "REQUEST", "ACCUSE", "REJECT", "COERCE"}


def extract(doc: Document) -> Document:
    lex = load_lexicon(doc.lang)
    onto = load_ontology()
    disc = Discourse()
    para_date: tuple[str | None, str | None] = (None, None)
    last_para_start = -1
    para_parties: dict[str, int] = {}      # parties named in earlier sentences of the paragraph
    named_before: dict[str, int] = {}
    subs = {s.lower() for s in lex.grammar.get("subordinators") or []}
    contrasts = {s.lower() for s in lex.grammar.get("contrast_conjunctions") or []}
    undoing = {s.lower() for s in lex.grammar.get("undoing_particles") or []}
    complementizers = {s.lower() for s in lex.grammar.get("complementizers") or []}
    statives = {s.lower() for s in lex.grammar.get("stative_participles") or []}
    symmetric = {s.lower() for s in lex.grammar.get("symmetric_prepositions") or []}
    frames = {s.lower() for s in lex.grammar.get("frame_nouns") or []}
    verb_final = {s.lower() for s in lex.grammar.get("verb_final_conjunctions") or []}
    coordinators = {c.lower() for c in lex.grammar.get("coordinators") or [] if " " not in c} | {","}
    joint = {w.lower() for w in lex.grammar.get("joint_markers") or []}
    # cooperation stated as the content of a declaration is a pledge ("Punkt der Erklärung")
    statement_nouns = set(lex.attribution.get("statement_nouns") or [])
    # relative and adverbial clauses tell the background ("where 28 people have been killed")
    background_subs = {w.lower() for w in lex.grammar.get("background_subordinators") or []}
    # verbs that only carry a noun event ("began a hunger strike", "hielten Gespräche ab")
    support_verbs = {w.lower() for w in lex.grammar.get("support_verbs") or []}
    announcing = set(lex.modality.get("announcing_verbs") or [])
    conditionals = {str(w).lower() for w in ((lex.modality.get("hypothetical") or {}).get("conjunctions") or [])}
    obligation = {str(w).lower() for w in lex.modality.get("obligation") or []}
    intent_words = {str(w).lower() for w in ((lex.modality.get("future") or {}).get("intent_adjectives") or [])}
    pub = doc.article.published
    events: dict[tuple, Event] = {}
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent)
        para = doc.text.rfind("\n\n", 0, sent.start)
        if para != last_para_start:
            last_para_start, para_date, para_parties = para, (None, None), {}
        else:
            for code, n in named_before.items():
                para_parties[code] = para_parties.get(code, 0) + n
        times = [t for t in doc.times if sent.start <= t.start < sent.end and t.value]
        if times:
            para_date = (times[-1].value, times[-1].precision)
        refs = sentence_refs(doc, sent, lex.grammar, disc)
        named_before = {}
        for r in refs:
            for p in r.parts:
                named_before[p.code] = named_before.get(p.code, 0) + 1
        for r in refs:     # states named in the sentence (a dateline's place is left out)
            if not r.anaphor and r.form != "adjective" and r.parts[0].entity_id == r.parts[0].code \
                    and len(r.parts[0].code) == 3:
                disc.counts[r.parts[0].code] = disc.counts.get(r.parts[0].code, 0) + 1
        attribution, speech_k = attribution_.find(toks, refs, lex)
        speaker = next((r for r in refs if speech_k is not None and attribution and attribution.speaker
                        and any(attribution.speaker in (p.entity_id, p.code) for p in r.parts)), None)
        background = {w.lower() for w in lex.grammar.get("background_prepositions") or []}
        found = [t for t in triggers_.find(toks, lex) if (t.k != speech_k or t.predicate.requires)
                 and not (not t.verbal and _governed_by(toks, t.k, background))
                 and not _modifier(toks, t, frames)]
        # a noun predicate beside a verb predicate is its object or topic ("sagte einen Besuch
        # zu", "erörterte Themen wie Investitionen"): the verb carries the event
        if any(t.verbal for t in found):
            found = [t for t in found if t.verbal or _supported(toks, t.k, support_verbs, undoing)]
        else:   # several event nouns in one clause name one event ("Zusammenarbeit im Quad-Dialog")
            found = _one_noun_per_clause(found, toks, refs, subs)
        found = _one_reading_per_token(found, toks, joint)
        found = _absorb_complements(found, toks)
        found = _main_clause_first(found, toks, background_subs)
        if _headline(doc, sent):
            continue          # headlines restate the body's events
        stated = bool(statement_nouns & {t.lemma for t in toks})
        announced = next((x for x, t in enumerate(toks) if t.lemma in announcing
                          and x + 1 < len(toks) and toks[x + 1].text == ","), 0) if announcing else 0
        if not found:
            found = [triggers_.Trigger(k, _INTENT, toks[k].lemma, (k,), True)
                     for k in triggers_.intentions(toks, doc.lang)]
        if not found and speaker is not None and obligation:
            # "Russia said Sudan must return the helicopter": a demand even when the demanded
            # act is in no lexicon; the obligation rule below turns it into the speaker's REQUEST
            found = [triggers_.Trigger(k, _OBLIGE, toks[k].lemma, (k,), True) for k, t in enumerate(toks)
                     if k > speech_k and t.text.lower() in obligation][:1]
        sentence_contexts = None
        for trig in found:
            pred = trig.predicate
            lo, hi = clause_bounds(toks, refs, trig.k, subs, contrasts)
            # "warned that police will no longer tolerate ...": the complement's cues are its own
            own_hi = next((x for x in range(trig.k + 1, hi) if toks[x].text.lower() in complementizers), hi)
            status = status_of(toks, lo, own_hi if trig.verbal else hi, lex, pred.status)
            if pred is _INTENT and status not in ("future", "hypothetical"):
                continue
            if status in ("hypothetical", "negated") and any(toks[x].text.lower() in conditionals
                                                             for x in range(lo, trig.k)):
                continue    # "... to help defend Saudi Arabia if it is attacked": the condition is no event
            if status == "negated" and pred.negated:
                # "schloss Sanktionen nicht aus": not ruling out keeps the threat open
                pred, status = replace(pred, event=pred.negated), "occurred"
            actors, recips = assign(toks, refs, trig.k, pred.subject, trig.verbal, coordinators, speaker, subs,
                                    verb_final, contrasts, statives, tuple(pred.prep or ()), symmetric)
            if not actors and any(toks[x].text.lower() in joint for x in range(lo, hi)):
                actors = list(disc.pair())     # "gemeinsame Militärübungen" of the current pair
            if not actors and pred.event in _UNNAMED_LOCAL:
                # "a roadside bomb near Samarra killed ...": violence or protest by no one named is
                # coded to the state where it happened (unidentified forces / civilians there)
                here = next((r for r in refs if r.how in ("place", "setting", "oblique") and len(r.parts) == 1
                             and r.parts[0].code not in _NONSTATE), None)
                code = here.parts[0].code if here is not None else (
                    recips[0].code if len({p.code for p in recips}) == 1 and recips[0].code not in _NONSTATE
                    else _located_state(doc, sent))
                if code:   # ("Soldaten schossen auf Demonstranten in Kairo": the place is inside the target)
                    actors = [Participant(code=code, sector=_UNNAMED_LOCAL[pred.event], entity_id=code)]
            if not actors:
                continue
            if not recips and pred.event in _TARGETED and len(actors) == 1:
                recips = list(disc.other_side(actors)) or _counterpart(para_parties, actors) \
                    or _counterpart(disc.counts, actors, margin=2.0)
            if not recips and pred.event in _DOMESTIC and len(actors) == 1 and actors[0].code not in _NONSTATE:
                # protests, crackdowns and concessions with no foreign party happen at home:
                # PLOVER codes the state itself (its government) as recipient
                recips = [Participant(code=actors[0].code, sector="GOV", entity_id=actors[0].code)]
            event = pred.event
            intent = status in ("future", "hypothetical") or stated or _intent_before(toks, lo, trig.k, intent_words)
            if intent and event in _INTENT_TO:
                event = "AGREE"   # PLOVER: intent to cooperate, consult or yield is AGREE
            elif intent and event in _THREAT_OF or (
                    event in _THREAT_OF and _intent_before(toks, lo, trig.k, intent_words)):
                event = "THREATEN"
            if pred.event in _CONDITIONAL_THREAT and status == "hypothetical" \
                    and _has_cue(toks, 0, len(toks), conditionals):
                event = "THREATEN"   # "will withdraw its troops unless ...": a conditional threat
            if status == "occurred" and announced and announced < trig.k:
                status = "future"   # "hat angekündigt, ... zu verdoppeln": the content is to come
                if event in _INTENT_TO:
                    event = "AGREE"
            if event == "AGREE" and status == "occurred" and intent:
                status = "future"
            if speaker and obligation and _has_cue(toks, lo, hi, obligation) \
                    and not set(p.code for p in speaker.parts) & set(p.code for p in actors):
                # "Russia said Sudan must return the helicopter": the speaker asks the subject
                event, actors, recips, status = "REQUEST", list(speaker.parts), actors, "occurred"
            if event in _DYADIC and not recips and len({p.code for p in actors}) < 2:
                recips = list(disc.other_side(actors))
                if not recips:
                    continue    # a meeting, cooperation or aid with no partner named is no event we can code
            if event == "MOBILIZE" and len({p.code for p in actors}) > 1:
                event = "COOPERATE"   # PLOVER: joint exercises are cooperation, one state's a mobilisation
            if status == "negated" and event in _REFUSABLE:
                event, status = "REJECT", "occurred"   # "will not accept", "nicht zustimmen": a refusal
            if recips:
                disc.dyad = (actors, recips)
            if len(actors) == 1 and actors[0].code not in _NONSTATE and len(actors[0].code) == 3:
                disc.state = Participant(code=actors[0].code, sector="GOV", entity_id=actors[0].code)
            if sentence_contexts is None:   # once per sentence: a long sentence has many triggers
                sentence_contexts = lex.contexts_of([t.lemma for t in toks])
            context = list(pred.context) + [c for c in sentence_contexts if c not in pred.context]
            date, precision = _date(times, para_date, toks[trig.k].start, pub)
            if status == "future" and precision == "day" and pub and date and _iso(pub, -7) < date < pub.isoformat() \
                    and any(t.relative and t.value == date for t in times):
                date = _iso(date_cls.fromisoformat(date), 7)   # "will meet on Tuesday": the coming one
            if status == "occurred" and precision == "day" and pub and date and date < _iso(pub, -31):
                status = "historical"
            ev = Event(
                id=f"e{sent.i}-{trig.k}-{event.lower()}", event=[event], actor=actors, recipient=recips,
                evidence=Span(sent.start, sent.end, doc.text[sent.start:sent.end]), sentence=sent.i,
                mode=[pred.mode] if pred.mode else [], context=context[:4], status=status,
                date=date, date_precision=precision,
                quantity=quantity_.find(toks, lo, hi, doc.lang) or quantity_.find(toks, 0, len(toks), doc.lang)
                if event in ("AGREE", "AID", "MOBILIZE", "SANCTION", "COOPERATE") else None,
                attribution=_attribution(attribution, actors),
                location=_place(doc, refs, sent),
                trigger=Span(toks[trig.k].start, toks[trig.k].end, toks[trig.k].text), predicate=trig.lemma,
                confidence=_confidence(pred, actors, recips, refs),
                quad=onto.quad_for(event), scale=onto.scale_for(event, pred.mode),
                cameo=onto.cameo_for(event, pred.mode))
            key = (sent.i, event, frozenset(p.code for p in actors), frozenset(p.code for p in recips))
            if key not in events or events[key].confidence < ev.confidence:
                events[key] = ev
        group = [r for r in refs if len(r.parts) >= 2 and not r.anaphor and r.how == "core"]
        if group:   # a coordinated subject ("die USA und Japan") is what "beide" takes up next
            disc.group, disc.group_age = group[-1].parts, 0
        else:       # ...for a while; then the document's leading pair again
            disc.group_age += 1
            if disc.group_age > 3:
                disc.group = []
    doc.events = sorted(events.values(), key=lambda e: (e.evidence.start, e.id))
    return doc


def _one_reading_per_token(found, toks, joint: set[str]):
    """One predicate per trigger token: joint action makes exercises COOPERATE, not MOBILIZE;
    otherwise the reading the lexicon trusts most."""
    by: dict[int, list] = {}
    for t in found:
        by.setdefault(t.k, []).append(t)
    out = []
    is_joint = any(t.text.lower() in joint for t in toks)
    for k, ts in by.items():
        if len(ts) > 1 and is_joint and any(t.predicate.event == "COOPERATE" for t in ts):
            out.append(next(t for t in ts if t.predicate.event == "COOPERATE"))
        else:   # a reading whose required context is present beats a general one
            out.append(max(ts, key=lambda t: (bool(t.predicate.requires), t.predicate.confidence)))
    return sorted(out, key=lambda t: t.k)


def _one_noun_per_clause(found, toks, refs, subs):
    best: dict[tuple[int, int], object] = {}
    for t in found:
        key = clause_bounds(toks, refs, t.k, subs)
        if key not in best or t.predicate.confidence > best[key].predicate.confidence:
            best[key] = t
    return sorted(best.values(), key=lambda t: t.k)


def _counterpart(parties: dict[str, int], actors: list[Participant], margin: float = 1.0) -> list[Participant]:
    """"Scholz wies den Vorstoß zurück": a refusal, demand or threat with no party named is
    aimed at the party the paragraph has named most besides the actor, else at the one the
    article is clearly about (named `margin` times as often as the next and 40% of the rest: a
    collection of unrelated reports has no one counterpart)."""
    code = leading_other(parties, {p.code for p in actors}, margin, 0.4 if margin > 1 else 0.0)
    return [Participant(code=code, sector="GOV", entity_id=code)] if code else []


def _modifier(toks, t, frames: set[str]) -> bool:
    """A noun trigger that only modifies another noun names no event ("invasion forces"), unless
    that noun frames an act ("a mediation effort", "a rescue mission")."""
    if t.verbal or toks[t.k].dep != "compound":
        return False
    head = toks[t.k].head - toks[0].i
    return not (0 <= head < len(toks) and toks[head].lemma.lower() in frames)


def _located_state(doc: Document, sent) -> str | None:
    """The state of the one place a sentence names with a known state ("in the Tyumen region")."""
    states = {e.country for m in doc.mentions if m.sentence == sent.i
              for e in doc.entities if e.id == m.entity_id and e.kind == "location" and e.country}
    return states.pop() if len(states) == 1 else None


def _supported(toks, k: int, verbs: set[str], undoing: set[str] = frozenset()) -> bool:
    """Whether the noun at k is the object of a support verb ("launched an attack"; not "called
    off the strike": a particle in `undoing` turns the support verb round)."""
    base = toks[0].i
    head = toks[k].head - base
    if 0 <= head < len(toks) and toks[k].head >= 0:
        undone = any(t.head - base == head and t.dep == "prt" and t.text.lower() in undoing for t in toks)
        return bool({toks[head].lemma.lower(), toks[head].text.lower()} & verbs) and not undone \
            and toks[k].dep in ("dobj", "nsubjpass", "attr")
    for step in (-1, 1):   # German puts the support verb second or last ("hat ... gestartet")
        x = k + step
        while 0 <= x < len(toks) and toks[x].text not in (",", ";", ":", "."):
            if toks[x].pos in ("VERB", "AUX") and toks[x].lemma.lower() in verbs:
                return True
            x += step
    return False


def _has_cue(toks, lo: int, hi: int, cues: set[str]) -> bool:
    text = " " + " ".join(t.text.lower() for t in toks[lo:hi]) + " "
    return any(f" {c} " in text for c in cues)


def _intent_before(toks, lo: int, k: int, words: set[str]) -> bool:
    """"is willing to send", "ist bereit, ... zu liefern": stated readiness before the verb."""
    return any(toks[x].text.lower() in words for x in range(max(0, lo - 6), k))


_COMPLEMENT_TAGS = {"VB", "VVINF", "VVIZU", "VAINF", "VMINF"}


def _absorb_complements(found, toks):
    """Drop verb triggers that are the content of an earlier governing trigger in the sentence."""
    governing = [t for t in found if t.verbal and t.predicate.event in _GOVERNING]
    if not governing:
        return found
    first = min(t.k for t in governing)
    out = []
    base = toks[0].i if toks else 0
    for t in found:
        tok = toks[t.k]
        if not t.verbal and 0 <= tok.head - base < len(toks):
            tok = toks[tok.head - base]      # a noun is embedded where its verb is
        embedded = t.k > first and (
            tok.tag in _COMPLEMENT_TAGS or tok.dep in ("xcomp", "ccomp", "pcomp")
            or (tok.i - base > 0 and toks[tok.i - base - 1].text.lower() in ("zu", "to")))
        if not embedded:
            out.append(t)
    return out


_SIDE_DEPS = {"relcl", "acl", "advcl", "amod", "pcomp", "csubj", "npadvmod", "nmod", "compound", "appos"}


def _main_clause_first(found, toks, background_subs: set[str]):
    """Keep the triggers of the main clause when it has any: relative and adverbial clauses
    give background, not the reported event."""
    base = toks[0].i if toks else 0

    def side(t) -> bool:
        k, steps = t.k, 0
        if any(x.head >= 0 for x in toks):        # a parse: walk up to the root
            while 0 <= k < len(toks) and toks[k].dep != "ROOT" and steps < 12:
                if toks[k].dep in _SIDE_DEPS:
                    return True
                k, steps = toks[k].head - base, steps + 1
            return False
        x = t.k                                   # no parse: the word opening the clause
        while x > 0 and toks[x - 1].text not in (",", ";", ":", "(", "–"):
            x -= 1
        return x > 0 and toks[x].text.lower() in background_subs

    main = [t for t in found if not side(t)]
    return main if main else found


def _headline(doc: Document, sent) -> bool:
    """A one-sentence paragraph without closing punctuation (a title or subheading)."""
    text = doc.text
    before = text[max(0, sent.start - 2):sent.start]
    after = text[sent.end:sent.end + 2]
    alone = (sent.start == 0 or before.endswith("\n")) and (sent.end == len(text) or after.startswith("\n"))
    return alone and text[sent.end - 1] not in ".!?\"“”'»«)"


def _governed_by(toks, k: int, preps: set[str]) -> bool:
    """Whether the noun at k follows one of `preps` (articles and adjectives may stand between)."""
    x = k - 1
    while x >= 0 and toks[x].pos in ("DET", "ADJ", "NUM"):
        x -= 1
    return x >= 0 and toks[x].text.lower() in preps


def _iso(day, offset_days: int) -> str:
    from datetime import timedelta
    return (day + timedelta(days=offset_days)).isoformat()


def _date(times, para_date, pos: int, pub) -> tuple[str | None, str | None]:
    if times:
        best = min(times, key=lambda t: abs(t.start - pos))
        return best.value, best.precision
    if para_date[0]:
        return para_date
    if pub:
        return pub.isoformat(), "day"
    return None, None


def _attribution(a, actors):
    if a is None:
        return None
    a.self_report = bool(a.speaker) and any(a.speaker in (p.entity_id, p.code) for p in actors)
    return a


def _place(doc: Document, refs, sent) -> Place | None:
    for m in doc.mentions:
        if m.sentence != sent.i:
            continue
        ent = next((e for e in doc.entities if e.id == m.entity_id), None)
        if ent and ent.kind == "location":
            return Place(ent.name, ent.country, ent.id)
    place = next((r for r in refs if r.how in ("place", "setting")), None)
    if place:
        return Place(place.text, place.parts[0].code)
    return None


def _confidence(pred: Predicate, actors, recips, refs) -> float:
    c = pred.confidence
    if recips:
        c += 0.1
    if any(r.anaphor for r in refs):
        c -= 0.05
    return max(0.05, min(0.99, c))
