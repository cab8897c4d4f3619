"""Who acts and who is acted upon: actor references in a sentence and their roles to a trigger.

German has no parser here, so roles come from word order and function words (verb-second,
prepositions, coordination, group anaphors); where the language backend gives dependencies
(English), they decide first and word order is the fallback.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..actors import participant
from ..model import Document, Participant, Sentence, Token


@dataclass
class Ref:
    i: int                         # token span within the sentence [i, j)
    j: int
    parts: list[Participant]
    text: str
    how: str = "core"              # core | recipient-prep | agent | symmetric | place | genitive | oblique
                                   # | object | passive-subject | setting (a place only, never a party)
    prep: str | None = None
    anaphor: bool = False
    gov: int = -1                  # where a parser has read the sentence: the verb or noun it attaches to
    form: str = ""                 # the mention's form (adjective, name, role, ...)


@dataclass
class Discourse:
    """What pronouns can refer to: the last group of co-actors, the last dyad (actor side,
    recipient side) and, before any group was named, the document's two most named states."""

    group: list[Participant] = field(default_factory=list)
    group_age: int = 0
    person: Participant | None = None
    state: Participant | None = None        # the last state that acted alone ("das Land", "the country")
    dyad: tuple[list[Participant], list[Participant]] | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def pair(self) -> list[Participant]:
        if self.group:
            return self.group
        top = sorted(self.counts.items(), key=lambda kv: -kv[1])[:2]
        return [Participant(code=c, sector="GOV", entity_id=c) for c, n in top if n >= 2] if len(top) == 2 else []

    def other_side(self, actors: list[Participant]) -> list[Participant]:
        """The counterpart in the current dyad: "Trump ... behält sich Zölle vor" -> Japan."""
        if not self.dyad or not actors:
            return []
        codes = _codes(actors)
        a, r = self.dyad
        if _codes(a) == _codes(r):
            return []      # a domestic event (X against X) names no counterpart
        if codes == _codes(a):
            return r
        if codes == _codes(r):
            return a
        return []


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
        refs.append(Ref(start_of[m.start], end_of[m.end], [p], m.text, form=m.kind))
    opens_paragraph = not doc.text[:sent.start].strip() or doc.text[:sent.start].rstrip(" \t").endswith("\n")
    cut = _dateline_end(toks) if opens_paragraph else 0
    refs = [r for r in refs if r.i >= cut]
    refs = _merge_role_phrases(refs, toks)
    persons = {e.id for e in doc.entities if e.kind == "person"}
    refs += _anaphors(toks, refs, grammar, disc)
    refs += _person_anaphors(toks, refs, grammar, disc)
    refs += _state_anaphors(toks, refs, grammar, disc)
    refs += _counterpart_anaphors(toks, refs, grammar, disc)
    named = [r for r in refs if not r.anaphor and r.parts[0].entity_id in persons]
    if named:
        disc.person = named[-1].parts[0]
    refs.sort(key=lambda r: r.i)
    refs = _coordinate(toks, refs, grammar)
    places = set(grammar.get("location_nouns") or ())
    for r in refs:
        _classify(toks, r, grammar)
        if r.form == "adjective" and r.j < len(toks) and toks[r.j].lemma.lower() in places:
            r.how = "setting"   # "on the Thai border", "in Iraqi waters": where, never a participant
    return refs


_DASHES = {"–", "—", "-", "--"}


def _dateline_end(toks: list[Token]) -> int:
    """A dateline opening a paragraph ("Prag/Wien – ...", "SEOUL (Reuters) - ...") says where
    the report was filed: its places are no participants. Index of the first token after it."""
    for x, t in enumerate(toks[:8]):
        if t.text in _DASHES and x > 0 and t.start > toks[x - 1].end:    # "Vietnamese-led" is no dateline
            head = toks[:x]
            # "Russland – so Putin – wird": a second free-standing dash makes an aside, not a dateline
            parenthetical = any(t2.text in _DASHES and t2.start > p2.end for p2, t2 in zip(toks[x:], toks[x + 1:]))
            if not parenthetical and all(h.text[:1].isupper() or h.text in ("/", "(", ")", ",", ".") for h in head):
                return x + 1
            return 0
    return 0


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
    pronouns = {p.lower() for p in grammar.get("plural_pronouns") or []}
    k = 0
    while k < len(words):
        hit = None
        for ph in phrases:
            if words[k:k + len(ph)] == ph and not taken & set(range(k, k + len(ph))):
                hit = ph
                break
        if hit and len(hit) == 1 and hit[0].lower() in pronouns:
            # "French farmers said they would ...": a pronoun takes up an earlier name of its
            # own sentence before anything from the discourse
            earlier = [r for r in refs if r.j <= k]
            if earlier:
                out.append(Ref(k, k + 1, list(earlier[0].parts), hit[0], anaphor=True))
                k += 1
                continue
        if hit and disc.pair():
            out.append(Ref(k, k + len(hit), list(disc.pair()), " ".join(hit), anaphor=True))
            k += len(hit)
            continue
        k += 1
    return out


def _person_anaphors(toks: list[Token], refs: list[Ref], grammar: dict, disc: Discourse) -> list[Ref]:
    """"Er behält sich Zölle vor": a singular pronoun takes up the last named person."""
    if disc.person is None:
        return []
    words = set(grammar.get("person_anaphors") or [])
    taken = {k for r in refs for k in range(r.i, r.j)}
    return [Ref(k, k + 1, [disc.person], t.text, anaphor=True)
            for k, t in enumerate(toks) if t.text in words and k not in taken]


def _state_anaphors(toks: list[Token], refs: list[Ref], grammar: dict, disc: Discourse) -> list[Ref]:
    """"Die Regierung des Landes", "the country said": a definite "country" takes up the last
    state that acted alone."""
    if disc.state is None:
        return []
    return _phrase_refs(toks, refs, grammar.get("state_anaphors") or [], disc.state)


def _phrase_refs(toks: list[Token], refs: list[Ref], phrases: list[str], part: Participant) -> list[Ref]:
    """Anaphoric references: each listed phrase not already inside a reference stands for `part`."""
    split = sorted((a.split() for a in phrases), key=len, reverse=True)
    taken = {k for r in refs for k in range(r.i, r.j)}
    words = [t.text for t in toks]
    out = []
    for k in range(len(words)):
        for ph in split:
            if words[k:k + len(ph)] == ph and not taken & set(range(k, k + len(ph))):
                out.append(Ref(k, k + len(ph), [part], " ".join(ph), anaphor=True))
                taken.update(range(k, k + len(ph)))
                break
    return out


def _counterpart_anaphors(toks: list[Token], refs: list[Ref], grammar: dict, disc: Discourse) -> list[Ref]:
    """"Neu-Delhi wirft dem Nachbarland vor": "the neighbour" is the state the article names most
    besides those named in the sentence."""
    phrases = grammar.get("counterpart_anaphors") or []
    other = leading_other(disc.counts, _codes([p for r in refs for p in r.parts]))
    if not phrases or other is None:
        return []
    return _phrase_refs(toks, refs, phrases, Participant(code=other, sector="GOV", entity_id=other))


def leading_other(counts: dict[str, int], exclude: set[str], margin: float = 1.0, share: float = 0.0) -> str | None:
    """The party named most apart from `exclude`, when it leads the next by more than `margin`
    times and has at least `share` of all those mentions; None otherwise."""
    ranked = sorted(((n, c) for c, n in counts.items() if c not in exclude), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] <= margin * ranked[1][0]):
        return None
    if ranked[0][0] < share * sum(n for n, _ in ranked):
        return None
    return ranked[0][1]


def _coordinate(toks: list[Token], refs: list[Ref], grammar: dict) -> list[Ref]:
    """"die USA und Japan", "Ishiba und Trump", "sowohl X als auch Y" -> one group ref."""
    coords = {c.split()[-1] for c in grammar.get("coordinators") or []}
    joiners = coords | {",", "als", "auch", "die", "der", "den", "the", "both", "sowohl"}
    out: list[Ref] = []
    for r in refs:
        if out:
            prev = out[-1]
            gap = [t.text for t in toks[prev.j:r.i]]
            if gap and set(gap) <= joiners and (any(g in coords for g in gap) or gap == [","]) \
                    and not ("," in gap and _heads_own_clause(toks, r)):
                parts = prev.parts + [p for p in r.parts if p.code not in _codes(prev.parts)]
                out[-1] = Ref(prev.i, r.j, parts, prev.text + " … " + r.text, anaphor=prev.anaphor and r.anaphor)
                continue
        out.append(r)
    return out


def _heads_own_clause(toks: list[Token], r: Ref) -> bool:
    """Where a parser has read the sentence: "..., and Washington agreed" opens a clause of its
    own (the name is a subject), unlike "Japan and Washington agreed" (a conjunct)."""
    return any(toks[x].dep in ("nsubj", "nsubjpass") for x in range(r.i, r.j))


def _classify(toks: list[Token], r: Ref, grammar: dict) -> None:
    """The function of a reference from the word before it (skipping articles)."""
    k = r.i - 1
    while k >= 0 and (toks[k].pos == "DET" or toks[k].text in _QUOTES):
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
    elif prev in (grammar.get("verb_final_conjunctions") or []):
        pass                         # "als er ... traf": a conjunction the tagger took for a preposition
    elif k >= 0 and toks[k].pos == "ADP":
        r.how, r.prep = "oblique", prev
    elif k >= 0 and toks[k].pos == "NOUN" and (k == r.i - 1 and r.text[-1:] == "s" or
                                                prev in (grammar.get("genitive_articles") or [])):
        r.how = "genitive"           # "Verteidigung Japans", "Übungen des KP-Regimes"
    elif k >= 0 and k < r.i - 1 and toks[k + 1].pos == "DET" and toks[k].pos == "NOUN" \
            and toks[k + 1].text.lower() in (grammar.get("genitive_articles") or []):
        r.how = "genitive"
    # a dependency parse, where there is one, overrides word order
    if any(toks[x].head >= 0 for x in range(r.i, r.j)):
        _classify_by_dependency(toks, r, grammar)


_NP_INTERNAL = {"compound", "amod", "poss", "nmod", "appos", "det", "case", "nummod", "flat", "nn"}


def _classify_by_dependency(toks: list[Token], r: Ref, grammar: dict) -> None:
    """Climb from the reference to the head of its noun phrase and read that head's function:
    "A top U.S. official praised ..." -> the subject, "Haiti's efforts" -> the object."""
    base = toks[0].i
    span = set(range(r.i, r.j))
    head = next((x for x in span if toks[x].head - base not in span), r.j - 1)
    seen = 0
    while toks[head].dep in _NP_INTERNAL and 0 <= toks[head].head - base < len(toks) and seen < 6:
        head = toks[head].head - base
        seen += 1
    dep = toks[head].dep
    r.gov = toks[head].head - base
    if dep == "pobj" and 0 <= r.gov < len(toks):
        r.gov = toks[r.gov].head - base     # through the preposition to what it modifies
    if dep == "pobj":   # "Doctors from two American aid groups donated": part of the subject
        prep = toks[head].head - base
        owner = toks[prep].head - base if 0 <= prep < len(toks) else -1
        if 0 <= owner < len(toks) and toks[owner].dep in ("nsubj", "nsubjpass") and toks[prep].text.lower() in ("from", "of"):
            dep = toks[owner].dep
    if dep == "nsubj":
        r.how = "core"
    elif dep == "nsubjpass":
        r.how = "passive-subject"
    elif dep in ("dobj", "dative", "iobj", "attr", "oprd", "conj"):
        r.how = "object" if dep != "conj" else r.how
    elif dep == "pobj" and 0 <= toks[head].head - base < len(toks):
        prep_tok = toks[toks[head].head - base]
        prep = prep_tok.text.lower()
        r.prep = prep
        owner = toks[prep_tok.head - base] if 0 <= prep_tok.head - base < len(toks) else None
        if prep in (grammar.get("actor_prepositions") or []) and owner is not None and owner.pos == "NOUN":
            r.how = "recipient-prep"   # "rejected calls by Belarus": the author of what is rejected
        elif prep in (grammar.get("actor_prepositions") or []):
            r.how = "agent"
        elif prep in (grammar.get("symmetric_prepositions") or []):
            r.how = "symmetric"
        elif prep in (grammar.get("recipient_prepositions") or []):
            r.how = "recipient-prep"
        elif prep in (grammar.get("place_prepositions_event") or []):
            r.how = "place"
        else:
            r.how = "oblique"


_HARD = {".", "!", "?", ";", ":"}
_QUOTES = {"„", "“", "”", "\"", "»", "«", "‚", "‘", "’"}


_FINITE = ("FIN", "VBD", "VBZ", "VBP", "MD")


def clause_bounds(toks: list[Token], refs: list[Ref], k: int,
                  subordinators: frozenset[str] | set[str] = frozenset(),
                  conjunctions: frozenset[str] | set[str] = frozenset()) -> tuple[int, int]:
    """The clause around token k. A comma opens a new clause when a subordinator, a relative
    pronoun or a finite verb follows it ("..., kündigte Trump an", "..., die China erhebt");
    enumeration commas ("Wirtschaft, Energie und Technologie") and lists of actors do not."""
    inside = {x for r in refs for x in range(r.i, r.j)}

    def is_break(x: int) -> bool:
        t = toks[x].text
        if t in _HARD:
            return True
        if t.lower() in conjunctions and any(y.tag.endswith(_FINITE) or y.tag in _FINITE
                                             for y in toks[x + 1:x + 4]):
            return True     # "is committed to opening up but will not be rushed": two clauses
        if t != ",":
            return False
        if x - 1 in inside and any(y in inside for y in range(x + 1, min(x + 3, len(toks)))):
            return False
        nxt = toks[x + 1] if x + 1 < len(toks) else None
        if nxt is None:
            return True
        if not subordinators:
            return True
        return (nxt.text.lower() in subordinators or nxt.tag.endswith(_FINITE)
                or nxt.tag in _FINITE or nxt.pos == "VERB")

    lo = k
    while lo > 0 and not is_break(lo - 1):
        lo -= 1
    hi = k
    while hi < len(toks) - 1 and not is_break(hi + 1):
        hi += 1
    return lo, hi + 1


def assign(toks: list[Token], refs: list[Ref], trigger: int, subject_role: str,
           verbal: bool = True, coordinators: set[str] = frozenset(),
           speaker: Ref | None = None, subordinators: set[str] = frozenset(),
           conjunctions: set[str] = frozenset(),
           contrasts: set[str] = frozenset(),
           statives: set[str] = frozenset(), preps: tuple[str, ...] = (),
           symmetric: set[str] = frozenset()) -> tuple[list[Participant], list[Participant]]:
    """Actor and recipient lists for a trigger at sentence-relative index `trigger`: arguments
    come from the trigger's clause; the whole sentence only when the clause names no actor."""
    refs = [r for r in refs if not (r.i <= trigger < r.j)]   # a name is not its own argument
    stative = toks[trigger].text.lower() in statives          # "Israel is opposed to": Israel opposes
    lo, hi = clause_bounds(toks, refs, trigger, subordinators, contrasts)
    local = [r for r in refs if lo <= r.i < hi]
    if speaker is not None and speaker.i > trigger and any(
            r.how == "core" and r is not speaker for r in local):
        # "..., a state-owned newspaper said": the source of the report is no participant
        local = [r for r in local if r is not speaker]
    prev = toks[trigger - 1].text.lower() if trigger > 0 else ""
    # a verb opening a conjunct shares the subject of the verb before ("drang ein, begleitete
    # ... und vertrieb"); a comma after a fronted adverbial ("Am Freitag, 7.2., empfing") does not
    elided = verbal and (prev in coordinators - {","} or (prev == "," and any(
        t.tag.endswith("FIN") or t.tag in ("VBD", "VBZ", "VBP") for t in toks[:trigger - 1])))
    before = [r for r in local if r.how == "core" and r.j < trigger - 1 and not r.anaphor] if elided else []
    if before:   # "Die Polizei ging gegen die Menge vor und nahm ... fest": the first verb's subject
        after = [replace(r, how="object") if r.how == "core" else r for r in local if r.i > trigger]
        actors = _dedupe(before[0].parts)
        recips = _assign(after, trigger, "actor", verbal)[1] if after else []
    elif elided:   # "..., begleitete Boote und vertrieb japanische": the subject is the first verb's
        local_objects = [replace(r, how="object") if r.how == "core" else r for r in local]
        actors, recips = [], _assign(local_objects, trigger, "actor", verbal)[1] or [
            p for r in local_objects for p in r.parts]
    else:
        if verbal and english_like(toks) and (toks[trigger].tag != "VBN" or stative) and not any(
                r.how in ("core", "agent") for r in local):
            # "Putin is expected to meet Witkoff": the subject of the passive frame does the meeting
            local = [replace(r, how="core") if r.how == "passive-subject" else r for r in local]
        if verbal and not english_like(toks) and _german_passive(toks, lo, hi, trigger):
            # "Russland wird von Polen kritisiert": the von-phrase acts, the subject undergoes
            local = [replace(r, how="passive-subject") if r.how == "core" else r for r in local]
        if set(preps) & set(symmetric):
            # "mediated between Syria and the PLO": the parties are the mediator's recipients
            local = [replace(r, how="recipient-prep") if r.how == "symmetric" else r for r in local]
        actors, recips = _assign(local, trigger, subject_role, verbal, _finite_anchor(toks, lo, trigger, verbal),
                                 _parsed_subject(toks, local, trigger)
                                 or _verb_final_subject(toks, local, lo, verbal, conjunctions),
                                 participle=toks[trigger].tag in ("VBN", "VVPP"),
                                 complements=_complements(toks, trigger), preps=preps)
    if not actors:
        outside = [r for r in refs if not (lo <= r.i < hi) and r.how == "core" and r.i < lo]
        if outside:   # coordinated verbs share the subject of the first ("drang ein, ... und vertrieb")
            actors = _dedupe(outside[0].parts)
            if not recips:
                _, recips = _assign([r for r in local if r.how != "core"] + outside, trigger, subject_role, verbal)
    group_codes = _codes(actors)
    explicit_recips = [p for p in recips if p.code in group_codes]
    if explicit_recips and len(actors) > 1:
        # "beide betonen ... die Verteidigung Japans": the group acts on its member
        actors = [p for p in actors if p.code not in _codes(explicit_recips)] or actors
    recips = [p for p in recips if p.code not in _codes(actors) or p.entity_id not in
              {a.entity_id for a in actors}]
    if not recips and actors:
        # the recipient may stand in a clause attached to the object ("die Ansprüche zurück,
        # die China erhebt"): nearest other reference, after the trigger first
        rest = [r for r in refs if not (lo <= r.i < hi) and r is not speaker and not r.anaphor
                and r.how not in ("agent",) and not _codes(r.parts) & _codes(actors)]
        rest.sort(key=lambda r: (r.i < trigger, abs(r.i - trigger)))
        if rest:
            recips = _dedupe(rest[0].parts)
        elif len(actors) > 1:
            # "Beide betonen die Entschlossenheit ... zur Verteidigung Japans": a pair acting
            # towards one of its own members
            member = [r for r in refs if not r.anaphor and r is not speaker and r.how != "core"
                      and _codes(r.parts) < _codes(actors)]
            if member:
                recips = _dedupe(member[0].parts)
                actors = [p for p in actors if p.code not in _codes(recips)]
    return actors, recips


def _complements(toks: list[Token], trigger: int) -> set[int] | None:
    """Verbs of clauses that complete the trigger ("demanded that X match"), where a parser has read
    the sentence; None without a parse."""
    if not english_like(toks) or toks[trigger].head < 0:
        return None
    base = toks[0].i
    return {x for x, t in enumerate(toks) if t.head - base == trigger and t.dep in ("ccomp", "xcomp")}


def _german_passive(toks: list[Token], lo: int, hi: int, trigger: int) -> bool:
    """A participle trigger with a form of "werden" in its clause and no infinitive beside it."""
    span = toks[lo:hi]
    return (toks[trigger].tag == "VVPP" and any(t.lemma == "werden" for t in span)
            and not any(t.tag.endswith(("INF", "IZU")) for t in span))


def _verb_final_subject(toks: list[Token], refs: list[Ref], lo: int, verbal: bool,
                        conjunctions: frozenset[str] | set[str]) -> Ref | None:
    """German clauses opened by a conjunction ("als er ... Xi Jinping traf", "dass Japan ... kaufen
    werde") put the verb last and the subject first: the first core reference after the
    conjunction. (Relative clauses are left out: their pronoun may itself be the subject.)"""
    if not verbal or english_like(toks) or toks[lo].text.lower() not in conjunctions:
        return None
    return next((r for r in sorted(refs, key=lambda r: r.i) if r.how == "core" and r.i > lo), None)


def _finite_anchor(toks: list[Token], lo: int, trigger: int, verbal: bool) -> int | None:
    """Where the subject stands in a German clause whose event verb is a participle or
    infinitive ("Russland hat die Ukraine angegriffen", "China wird Japan ... bestrafen"): next to
    the finite auxiliary or modal, not next to the event verb at the end. None where a parser
    gives the subject (English) or the trigger is itself finite."""
    if not verbal or english_like(toks) or toks[trigger].tag.endswith("FIN"):
        return None
    fin = [x for x in range(lo, trigger) if toks[x].tag.endswith("FIN")]
    return fin[0] if fin else None


def _parsed_subject(toks: list[Token], refs: list[Ref], trigger: int) -> Ref | None:
    """Where a parser has read the sentence: the reference that is the subject of the trigger or of
    the verb it depends on ("Washington agreed to resume aid", "Macron said Europe would keep
    supporting Ukraine, while Starmer ..." -> not Starmer)."""
    if not english_like(toks):
        return None
    base = toks[0].i
    chain, v = [], trigger
    for _ in range(4):
        chain.append(v)
        if toks[v].dep not in ("xcomp", "conj", "acomp", "advcl", "pcomp") or not 0 <= toks[v].head - base < len(toks):
            break
        v = toks[v].head - base
    by_verb = {}
    for r in refs:
        if r.how != "core":
            continue
        span = set(range(r.i, r.j))
        head = next((x for x in span if toks[x].head - base not in span), r.j - 1)
        if toks[head].dep in ("nsubj", "nsubjpass"):
            by_verb.setdefault(toks[head].head - base, r)
    return next((by_verb[v] for v in chain if v in by_verb), None)


def _assign(refs: list[Ref], trigger: int, subject_role: str, verbal: bool, anchor: int | None = None,
            subject_hint: Ref | None = None, participle: bool = False,
            complements: set[int] | None = None, preps: tuple[str, ...] = ()) -> tuple[list[Participant], list[Participant]]:
    core = [r for r in refs if r.how == "core"]
    # with a parse, "between X and Y" makes X and Y the actors only where it belongs to the
    # trigger ("talks between X and Y"), not deep in its object ("an offer ... for peace between")
    sym = [r for r in refs if r.how == "symmetric" and (complements is None or r.gov == trigger)]
    if sym and all(r.anaphor for r in sym) and any(not r.anaphor for r in core):
        sym = []          # "X and Y agreed on a pact between the two countries": X and Y act
    if sym:
        return _dedupe([p for r in sym for p in r.parts]), []
    agent = next((r for r in refs if r.how == "agent"), None)
    passive = next((r for r in refs if r.how == "passive-subject"), None)
    if agent and passive:
        return _dedupe(agent.parts), _dedupe(passive.parts)
    if agent and not core and participle:
        subj = agent      # "a camp was attacked by Burundian militiamen": the by-phrase acts
    elif verbal and subject_hint is not None and subject_hint in core:
        subj = subject_hint   # from the parse, or first in a verb-final clause
    elif verbal and anchor is not None:
        # V2: the subject stands right before the finite verb, or right after a fronted phrase
        subj = (next((r for r in core if r.j == anchor), None) or next((r for r in core if r.i == anchor + 1), None)
                or _subject(core, anchor))
    elif verbal:
        subj = _subject(core, trigger)
    else:   # a noun's possessor acts: "Militärübungen des KP-Regimes", "Chinas Blockade"
        owner = [r for r in refs if r.how == "genitive" and r.parts[0].entity_id != r.parts[0].code]
        subj = owner[0] if owner else _subject(core, trigger)
    subject_parts = subj.parts if subj else []
    order = [r for r in refs if r is not subj]
    def near(how: str) -> list[Ref]:
        # the predicate's own prepositions first, in the lexicon's order ("complained about X to Y")
        rank = {p: n for n, p in enumerate(preps)}
        return sorted([r for r in order if r.how == how],
                      key=lambda r: (rank.get(r.prep or "", len(rank)), r.i < trigger, abs(r.i - trigger)))

    def governed(rs: list[Ref]) -> list[Ref]:
        # with a parse, arguments of the trigger itself come before those of verbs below it
        # ("demanded that the United States match the EU's support": not the EU)
        return sorted(rs, key=lambda r: r.gov != trigger and not (r.how == "core" and r.gov in complements)) \
            if complements is not None else rs

    # "Three US servicemen were killed by a bomb": with no named agent the passive subject undergoes
    ranked = governed([r for r in near("passive-subject") if not r.anaphor] + near("object") + near("core")
                      + near("recipient-prep") + near("genitive") + near("place") + near("oblique"))
    object_parts: list[Participant] = []
    for r in ranked:
        if not _codes(r.parts) <= _codes(subject_parts):
            object_parts = r.parts
            break
    else:
        # a domestic event: "Judge X opened investigations against Chilean officials"
        own = [r for r in ranked if not r.anaphor and r.how != "place"
               and {p.entity_id for p in r.parts}.isdisjoint({p.entity_id for p in subject_parts})
               and any(p.sector != q.sector for p in r.parts for q in subject_parts)]
        if own:
            object_parts = own[0].parts
    if subject_role == "recipient":
        subject_parts, object_parts = object_parts, subject_parts
    return _dedupe(subject_parts), _dedupe(object_parts)


def _subject(core: list[Ref], trigger: int) -> Ref | None:
    """German main clauses put the subject right before or right after the finite verb;
    English puts it before. Prefer the nearest core reference, before over after."""
    if not core:
        return None
    return min(core, key=lambda r: (min(abs(r.j - 1 - trigger), abs(r.i - trigger)) + (0 if r.i < trigger else 0.5)))


def english_like(toks: list[Token]) -> bool:
    return any(t.head >= 0 for t in toks)


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
