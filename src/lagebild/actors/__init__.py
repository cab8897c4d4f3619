"""The actors stage: find who and what a document names and resolve it to stable ids.

`recognize(doc)` fills `doc.entities` and `doc.mentions`; `participant(mention, doc)` turns a
mention into the PLOVER entity object that events use.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..model import Document, Entity, Mention, Participant
from . import knowledge
from .gazetteer import gazetteer
from . import names
from .grammar import Found, Grammar, slug
from .tagger import NameTagger

__all__ = ["recognize", "participant", "lookup"]


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    return Grammar.for_lang(lang, gazetteer(lang))


def recognize(doc: Document, tag_names: bool = True) -> Document:
    day = doc.article.published
    entities: dict[str, Entity] = {}
    bare: list[tuple[Found, list, object]] = []      # roles with no state: resolved below
    findings = findings_of(doc)
    tagger = NameTagger.for_lang(doc.lang) if tag_names else None
    cues = names.NameCues.for_lang(doc.lang)
    tagged = [_tag(tagger, toks, found, cues) for _, toks, found in findings]
    for sent, toks, found in findings:
        for f in found:
            if f.ref.startswith("body:?:"):
                bare.append((f, toks, sent))
                continue
            if f.ref.startswith("newperson:") and f.j - f.i == 1:   # "sprach Charles" after "König Charles III."
                known = _name_parts(entities).get(toks[f.i].text)
                f = replace(f, ref="newperson:" + known) if known else f
            _mention(doc, f, toks, sent, day, entities)
    _tagged_names(doc, findings, tagged, day, entities, cues)
    _place_stateless_officials(doc, entities)
    _place_bare_roles(doc, entities, bare, day)
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    doc.entities = sorted(entities.values(), key=lambda e: (e.mentions[0].start if e.mentions else 0))
    return doc


def _tag(tagger, toks, found: list[Found], cues: names.NameCues) -> list[tuple[int, int, str]]:
    """The tagger's names for one sentence. It has the last word on names that only a cue found
    (names.py), having read the same cue in context: such a name stays where the tagger marks the
    same words, takes the tagger's class, and is dropped otherwise (the tagger's own span, if any,
    is added later). A surname that repeats an earlier full name stays as it is."""
    if tagger is None:
        return []
    focus = [k for k, t in enumerate(toks) if cues.name_candidate(t.tag)]
    if not focus and not any(_cue_only(f, toks) for f in found):
        return []   # no name only a cue found and no word the dictionary does not know: nothing to decide
    focus += [k for f in found for k in range(f.i, f.j)]
    spans = tagger.tag(toks, marks(len(toks), found), focus, [cues.window_break(t.tag) for t in toks])
    same = {(i, j): lab for i, j, lab in spans if lab in _TAGGED}
    named_after = _places_inside_names(spans, found, toks, tagger.lang)
    kept = []
    for f in found:
        if f in named_after:
            continue
        if not _cue_only(f, toks):
            kept.append(f)
        elif (f.i, f.j) in same:
            kind = _TAGGED[same[f.i, f.j]]
            kept.append(replace(f, ref=kind + ":" + f.ref.partition(":")[2]))
    found[:] = kept
    return spans


def _places_inside_names(spans, found: list[Found], toks, lang: str) -> list[Found]:
    """Listed places inside a longer name the tagger reads, which then wins: an organisation whose
    other words are names, not nouns ("THW Kiel", "Juventus Turin"; "Stadtwerke Norderstedt" stays
    a place), or a place with names before the listed one and anything after it ("New Yorker",
    "Frankfurter Hauptbahnhof"; not "Kreisstadt Torgau"), or two listed places read as one name
    ("Preußen Münster"). Nothing else the grammar found may straddle the name, and a listed name
    the tagger reads as it is stays listed."""
    out = []
    for i, j, lab in spans:
        if lab not in ("ORG", "LOC") or j - i < 2:
            continue
        inside = [f for f in found if f.i < j and i < f.j]
        if not inside or not all(i <= f.i and f.j <= j and f.ref.startswith("place:") for f in inside):
            continue
        placed = {k for f in inside for k in range(f.i, f.j)}
        rest = [k for k in range(i, j) if k not in placed]
        if not rest and len(inside) == 1:
            continue     # the tagger reads the listed name itself
        first = min(placed)
        if all(names.name_word(toks[k].text, lang, last=k == j - 1) if lab == "ORG" or k < first
               else toks[k].text[:1].isupper() for k in rest):
            out += inside
    return out


def findings_of(doc: Document) -> list[tuple[object, list, list[Found]]]:
    """(sentence, tokens, what the grammar found) per sentence, in order: surnames and organisation
    head nouns met in one sentence are known in the next."""
    g = grammar(doc.lang)
    forms = names.NameCues.for_lang(doc.lang).legal_forms
    surnames: dict[str, Found] = {}
    heads: dict[str, Found] = {}                     # "Kommission" -> the EU-Kommission met before
    out = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent)
        found = _with_legal_forms(toks, g.compose(toks, g.scan(toks), surnames), forms)
        found += _short_names(toks, found, heads, doc.lang)
        found += _unlisted(toks, found, doc.lang, surnames)
        out.append((sent, toks, found))
    return out


def _with_legal_forms(toks, found: list[Found], forms: frozenset[str]) -> list[Found]:
    """A listed organisation's mention takes in the legal form after it ("Audi AG", "Bosch GmbH &
    Co. KG"), where nothing else was found there; a trailing "& Co." ("Volkswagen & Co.": and
    the others) stays out."""
    taken = {k for f in found for k in range(f.i, f.j)}
    out = []
    for f in found:
        j = f.j
        if f.ref.startswith("org:"):
            while j < len(toks) and j not in taken and toks[j].text in forms:
                j += 1
            while j > f.j and (toks[j - 1].text == "&" or (j - 2 >= f.j and toks[j - 2].text == "&")):
                j -= 1
        out.append(replace(f, j=j) if j > f.j else f)
    return out


def _mention(doc: Document, f: Found, toks, sent, day, entities: dict[str, Entity]) -> None:
    ent = _entity(f, day, entities)
    if ent is None:
        return
    start, end = toks[f.i].start, toks[f.j - 1].end
    m = Mention(start, end, doc.text[start:end], ent.id, sent.i, f.role, f.sector or ent.sector, f.form)
    ent.mentions.append(m)
    doc.mentions.append(m)


def marks(n: int, found: list[Found]) -> list[str]:
    """What the grammar made of each of n tokens, for the name tagger: "state/adjective/B"."""
    out = [""] * n
    for f in found:
        kind = f.ref.partition(":")[0]
        for k in range(f.i, min(f.j, n)):
            out[k] = f"{kind}/{f.form}/{'B' if k == f.i else 'I'}"
    return out


_TAGGED = {"PER": "newperson", "ORG": "neworg", "LOC": "newplace"}
_CUE_FOUND = tuple(v + ":" for v in _TAGGED.values())


def _name_parts(entities: dict[str, Entity]) -> dict[str, str]:
    """Each word of the persons' names -> the person, where only one person has that word."""
    parts: dict[str, set[str]] = {}
    for e in entities.values():
        if e.kind == "person":
            for w in e.name.split()[-3:]:
                if len(w) > 2 and w[:1].isupper():
                    parts.setdefault(w, set()).add(e.id)
    return {w: ids.pop() for w, ids in parts.items() if len(ids) == 1}


def _cue_only(f: Found, toks) -> bool:
    key = f.ref.partition(":")[2]
    return f.ref.startswith(_CUE_FOUND) and key == slug(" ".join(t.text for t in toks[f.i:f.j]))


def _tagged_names(doc: Document, findings, tagged, day, entities: dict[str, Entity],
                  cues: names.NameCues) -> None:
    """Names the tagger found where the grammar found nothing, except one word whose part of speech
    rules out a name ("Vieles", a sentence-initial "Politische"). One word of a person's name met
    before ("Charles" after "König Charles III.") joins that person."""
    known = _name_parts(entities)
    for (sent, toks, found), spans in zip(findings, tagged):
        covered = {k for f in found for k in range(f.i, f.j)}
        for i, j, label in spans:
            if label not in _TAGGED or any(k in covered for k in range(i, j)):
                continue
            if j - i == 1 and not cues.may_name(toks[i].tag, initial=i == 0):
                continue
            text = doc.text[toks[i].start:toks[j - 1].end]
            key = slug(text)
            if label == "PER" and j - i == 1 and text in known:
                key = known[text]
            elif label == "PER" and j - i >= 2:
                known.setdefault(toks[j - 1].text, key)
            if key in entities and entities[key].kind != "person" and label == "PER":
                continue
            _mention(doc, Found(i, j, f"{_TAGGED[label]}:{key}", "name", name=text), toks, sent, day, entities)


_UNLISTED = {"person": "newperson", "org": "neworg", "place": "newplace"}


def _short_names(toks, found: list[Found], heads: dict[str, Found], lang: str) -> list[Found]:
    """"die EU-Kommission ... die Kommission": after an organisation's name, its head noun with a
    determiner refers to it (the last one named with that head). Records this sentence's heads."""
    covered = {k for f in found for k in range(f.i, f.j)}
    dets = names.NameCues.for_lang(lang).definite
    out = [Found(k, k + 1, heads[t.text].ref, "name", heads[t.text].sector)
           for k, t in enumerate(toks) if k not in covered and t.text in heads and k > 0
           and toks[k - 1].text.lower() in dets]
    for f in found:
        if f.ref.startswith("org:") and f.form == "name":
            head = toks[f.j - 1].text.rpartition("-")[2]
            if head[:1].isupper() and len(head) >= 5 and head.isalpha():
                heads[head] = f
    return out


def _unlisted(toks, found: list[Found], lang: str, surnames: dict[str, Found]) -> list[Found]:
    """Names in no list (actors/names.py) in what the grammar left over. An organisation whose
    name holds a known place ("Baghdad University", "SC Paderborn") takes that place's state."""
    covered = {k for f in found for k in range(f.i, f.j)}
    places = {k for f in found if f.form in ("name", "adjective", "capital")
              and f.ref.startswith(("place:", "state:", "newperson:")) for k in range(f.i, f.j)}
    out = []
    for n in names.find(toks, covered, lang, surnames, places):
        inside = [g for g in found if g.i < n.j and g.j > n.i]
        states = {_state_of(g) for g in inside} - {None}
        f = Found(n.i, n.j, f"{_UNLISTED[n.kind]}:{slug(n.text)}", "name", name=n.text,
                  country=states.pop() if len(states) == 1 else None)
        found[:] = [g for g in found if g not in inside]
        out.append(f)
        if n.kind == "person" and n.j - n.i >= 2:
            surnames.setdefault(toks[n.j - 1].text, f)
    return out


def _state_of(f: Found) -> str | None:
    kind, _, key = f.ref.partition(":")
    if kind == "state":
        return key
    p = knowledge.places().get(key) if kind == "place" else None
    return p.states[0] if p and len(p.states) == 1 else None


def _place_stateless_officials(doc: Document, entities: dict[str, Entity]) -> None:
    """"President Dos Santos ... Angola": an official in no list, introduced by a role without a
    state, belongs to the state his paragraph names most, else the one the whole article names
    most (only when one clearly leads)."""
    states = [e for e in entities.values() if e.kind == "country"]
    for ent in entities.values():
        if ent.kind != "person" or ent.country or not ent.mentions or ent.mentions[0].role is None:
            continue
        home = _home_state(doc, states, ent.mentions[0].start, ent.mentions[0].end)
        if home:
            ent.country = ent.code = home


def _place_bare_roles(doc: Document, entities: dict[str, Entity], bare, day) -> None:
    """"Die Polizei ging gegen die Menge vor": a state body named without its state belongs to the
    state its paragraph names most, else the one the whole article is about (clear leaders only)."""
    states = [e for e in entities.values() if e.kind == "country"]
    for f, toks, sent in bare:
        start, end = toks[f.i].start, toks[f.j - 1].end
        home = _home_state(doc, states, start, end)
        if home:
            _, _, role = f.ref.split(":", 2)
            f = Found(f.i, f.j, f"body:{home}:{role}", f.form, f.sector, f.role, f.office, home, f.name)
            _mention(doc, f, toks, sent, day, entities)


def _home_state(doc: Document, states: list[Entity], start: int, end: int) -> str | None:
    """The state the paragraph around [start, end) names most, else the one the whole article is
    clearly about (named twice as often as the next)."""
    lo = doc.text.rfind("\n\n", 0, start)
    hi = doc.text.find("\n\n", end)
    hi = len(doc.text) if hi < 0 else hi
    for a, b, margin in ((lo, hi, 1.0), (0, len(doc.text), 2.0)):
        leader = _leading({e.id: sum(1 for m in e.mentions if a <= m.start < b) for e in states}, margin)
        if leader:
            return leader
    return None


def _leading(counts: dict[str, int], margin: float) -> str | None:
    """The state named most, when it leads the next by more than `margin` times (an article about
    one country names it far more often; a collection of unrelated reports does not)."""
    ranked = sorted((n, c) for c, n in counts.items() if n)
    return ranked[-1][1] if ranked and (len(ranked) == 1 or ranked[-1][0] > margin * ranked[-2][0]) else None


def _entity(f: Found, day, entities: dict[str, Entity]) -> Entity | None:
    kind, _, key = f.ref.partition(":")
    if kind == "state":
        st = knowledge.states().get(key)
        return entities.setdefault(key, Entity(key, "country", st.name if st else key, key, key))
    if kind == "org":
        o = knowledge.organizations().get(key)
        if o is None:
            return None
        code = o.code if o.code and o.code != "IGO" else (o.country or o.code or None)
        return entities.setdefault(key, Entity(key, "organization", o.name, o.country or None,
                                               code, o.sector or None))
    if kind == "place":
        p = knowledge.places().get(key)
        if p is None:
            return None
        return entities.setdefault(key, Entity(key, "location", p.name,
                                               p.states[0] if len(p.states) == 1 else None))
    if kind == "person":
        if key in entities:
            return entities[key]
        term = knowledge.term_on(key, day) or knowledge.term_on(key, None)
        name = term.name if term else key
        country = term.country if term else f.country
        office = term.title if term and (day is None or term.holds_on(day)) else None
        return entities.setdefault(key, Entity(key, "person", name, country, country,
                                               (term.sector if term else None) or "GOV", office))
    if kind == "newperson":
        return entities.setdefault(key, Entity(key, "person", f.name or key, f.country, f.country,
                                               f.sector, f.office))
    if kind == "neworg":
        return entities.setdefault(key, Entity(key, "organization", f.name or key, f.country, f.country))
    if kind == "newplace":
        return entities.setdefault(key, Entity(key, "location", f.name or key, None))
    if kind == "body":
        state, _, role = key.partition(":")
        if f.office and day is not None:
            held = knowledge.holders(state, f.office, day)
            if len(held) == 1:   # "der US-Präsident" on a date names one person
                t = held[0]
                return entities.setdefault(t.person_id, Entity(t.person_id, "person", t.name, t.country,
                                                               t.country, t.sector, t.title))
        ident = f"{state.lower()}-{slug(role)}"
        return entities.setdefault(ident, Entity(ident, "organization", f.name or role, state, state,
                                                 f.sector))
    return None


def participant(m: Mention, doc: Document) -> Participant | None:
    """The PLOVER entity object for a mention; None when it has no state or IGO code."""
    ent = next((e for e in doc.entities if e.id == m.entity_id), None)
    if ent is None or ent.kind == "location" or not ent.code:
        return None
    sector = m.sector or ent.sector
    if ent.kind == "country" and m.kind in ("name", "genitive", "capital", "metonym", "prefix") and not sector:
        sector = "GOV"
    code, specific = ent.code, None
    org = knowledge.organizations().get(ent.id)
    if org and org.kind in ("igo", "alliance"):
        # PLOVER's reference coding marks every intergovernmental body "IGO"; the body itself
        # (UN, EU, NATO, ...) stays identifiable in identifier_id
        code, specific = "IGO", ent.code if ent.code != "IGO" else ent.id
    return Participant(code=code, sector=sector, entity_id=ent.id, entity_text=m.text,
                       identifier_id=specific, identifier_text=ent.name if ent.kind != "country" else None,
                       office=ent.office)


def lookup(name: str, lang: str = "de", day=None) -> list[dict]:
    """What Lagebild knows about a surface form: entries, and for persons the office on `day`."""
    out = []
    for e in gazetteer(lang).lookup(name):
        info = {"kind": e.kind, "id": e.id, "form": e.form, "sector": e.sector or None}
        if e.kind == "person":
            t = knowledge.term_on(e.id, day)
            info["office"] = t.title if t else None
            info["country"] = t.country if t else None
            info["terms"] = [{"office": x.title, "country": x.country,
                              "start": x.start.isoformat() if x.start else None,
                              "end": x.end.isoformat() if x.end else None}
                             for x in knowledge.persons().get(e.id, [])]
        elif e.kind == "org":
            o = knowledge.organizations().get(e.id)
            if o:
                info.update(name=o.name, code=o.code, country=o.country or None, members=list(o.members))
        elif e.kind == "place":
            p = knowledge.places().get(e.id)
            if p:
                info.update(name=p.name, states=list(p.states))
        elif e.kind == "state":
            st = knowledge.states().get(e.id)
            info["name"] = st.name if st else e.id
        out.append(info)
    return out
