"""Standing relations stated by a document: treaty, treaty-covers, claims, rejects-claim,
member-of, partnership and leader-of.

The rules work on the tokens, the actor mentions and the events of the document; every cue word
comes from lang/<code>/relations.yaml, so the code reads German and English alike. German has no
parser here, so the rules use word order inside a clause (a stretch between commas) and the
function words around a cue; they are written to say nothing rather than guess.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from .. import lang as langdata
from ..actors import knowledge
from ..actors.gazetteer import gazetteer
from ..model import Document, Mention, Relation, Sentence, Span

# ---------------------------------------------------------------------------------------------
# configuration


@dataclass
class _Cfg:
    raw: dict
    _memo: dict = field(default_factory=dict)

    def words(self, *path: str) -> frozenset[str]:
        if path not in self._memo:
            self._memo[path] = frozenset(str(w).lower() for w in self.get(*path) or [])
        return self._memo[path]

    def get(self, *path: str):
        node = self.raw
        for p in path:
            node = (node or {}).get(p) if isinstance(node, dict) else None
        return node

    def phrases(self, *path: str) -> list[list[str]]:
        key = ("phrases",) + path
        if key not in self._memo:
            self._memo[key] = sorted(([w.lower() for w in str(p).split()] for p in self.get(*path) or []),
                                     key=len, reverse=True)
        return self._memo[key]


@lru_cache(maxsize=None)
def _config(lang: str) -> _Cfg:
    return _Cfg(langdata.load_yaml(lang, "relations.yaml") or {})


@lru_cache(maxsize=None)
def _known_treaties(lang: str) -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for row in _config(lang).get("treaty", "known") or []:
        for form in row.get("forms") or []:
            out.append((row["name"], re.compile(rf"(?<!\w){form}(?!\w)", re.I)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# references: what a stretch of tokens stands for


@dataclass
class _Ref:
    i: int                      # document token range [i, j)
    j: int
    codes: tuple[str, ...]      # states it stands for (a person's or body's state included)
    place: str | None = None    # a location entity id
    org: str | None = None      # an international body or alliance id
    how: str = "name"           # the mention's kind, or "dyad"
    mention: Mention | None = None
    country: bool = False       # names a state itself (not its leader, body or people)

    @property
    def target(self) -> str | None:
        """What the reference can be as the object of a claim or a treaty's coverage: a place,
        or a state named as such ("beansprucht Taiwan")."""
        if self.place:
            return self.place
        if self.country and self.how in ("name", "genitive") and len(self.codes) == 1:
            return self.codes[0]
        return None


@dataclass
class _Group:
    i: int
    j: int
    refs: list[_Ref]

    @property
    def codes(self) -> list[str]:
        return _unique(c for r in self.refs for c in r.codes)


def _unique(xs: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out


# PLOVER sectors of bodies and persons that do not act for a state: a company's deal is no treaty
_NONSTATE_SECTORS = {"BUS", "JRN", "MED", "SOC", "REB", "OPP", "CVL", "EDU", "REL", "REF", "LAB", "CRM",
                     "AGR", "UAF", "NGO", "IMG"}


def _is_state(code: str) -> bool:
    return code in knowledge.states()


class _Doc:
    """The document as the rules see it: tokens, references per sentence, clauses, the dyad."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.cfg = _config(doc.lang)
        self.t = doc.tokens
        self.ents = {e.id: e for e in doc.entities}
        self.orgs = knowledge.organizations()
        self.places = knowledge.places()
        self.gaz = gazetteer(doc.lang)
        self.quotes = self.cfg.words("quotes")
        self.breaks = self.cfg.words("clause_breaks")
        self.joiners = self.cfg.words("list_joiners")
        self.coords = self.cfg.words("list_coordinators")
        self._starts = [t.start for t in self.t]
        self._ends = [t.end for t in self.t]
        self._mentions: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            self._mentions.setdefault(m.sentence, []).append(m)
        self._top2 = self._count_states()
        self.refs: dict[int, list[_Ref]] = {}
        for s in doc.sentences:
            self.refs[s.i] = self._sentence_refs(s)
        self.groups = {s.i: self._groups(self.refs[s.i]) for s in doc.sentences}

    # --- tokens
    def low(self, k: int) -> str:
        return self.t[k].text.lower()

    def lem(self, k: int) -> str:
        return (self.t[k].lemma or self.t[k].text).lower()

    def forms(self, k: int) -> set[str]:
        return {self.low(k), self.lem(k)}

    def span(self, a: int, b: int) -> Span:
        """Evidence from token a to token b-1 (document indices)."""
        s, e = self.t[a].start, self.t[b - 1].end
        return Span(s, e, self.doc.text[s:e])

    # --- references
    def _codes_of(self, m: Mention) -> tuple[tuple[str, ...], str | None, str | None]:
        ent = self.ents.get(m.entity_id)
        if ent is None:
            return (), None, None
        if ent.kind == "location":
            return (), ent.id, None
        if ent.kind == "country":
            return (ent.id,), None, None
        org = self.orgs.get(ent.id)
        if org is not None and org.kind in ("igo", "alliance"):
            return (), None, ent.id
        if (m.sector or ent.sector) in _NONSTATE_SECTORS:
            return (), None, None
        return ((ent.country,) if ent.country and _is_state(ent.country) else ()), None, None

    def _tokens_of(self, m: Mention) -> tuple[int, int] | None:
        """The document tokens a mention covers (it may start or end inside a token)."""
        i = bisect.bisect_right(self._starts, m.start) - 1
        j = bisect.bisect_left(self._ends, m.end) + 1
        if i < 0 or j > len(self.t) or self.t[i].end <= m.start:
            return None
        return i, j

    def _sentence_refs(self, s: Sentence) -> list[_Ref]:
        refs: list[_Ref] = []
        for m in self._mentions.get(s.i, []):
            span = self._tokens_of(m)
            if span is None:
                continue
            i, j = span
            codes, place, org = self._codes_of(m)
            if not (codes or place or org):
                continue
            if refs and i < refs[-1].j:          # nested in the one before: keep the outer
                continue
            ent = self.ents.get(m.entity_id)
            refs.append(_Ref(i, j, codes, place, org, m.kind, m, country=ent is not None and ent.kind == "country"))
        refs += self._dyad_refs(s, refs)
        refs.sort(key=lambda r: r.i)
        return self._merge_same(refs)

    def _merge_same(self, refs: list[_Ref]) -> list[_Ref]:
        """"der japanische Premierminister Shigeru Ishiba": one reference, not two."""
        out: list[_Ref] = []
        for r in refs:
            if out and r.codes and out[-1].codes == r.codes and not r.place and not out[-1].place \
                    and 0 < r.i - out[-1].j <= 3 \
                    and all(self.t[k].pos in ("NOUN", "PROPN", "ADJ") for k in range(out[-1].j, r.i)):
                out[-1] = _Ref(out[-1].i, r.j, r.codes, None, None, r.how, r.mention, r.country and out[-1].country)
                continue
            out.append(r)
        return out

    def _dyad_refs(self, s: Sentence, refs: list[_Ref]) -> list[_Ref]:
        taken = {k for r in refs for k in range(r.i, r.j)}
        out = []
        k = s.token_start
        phrases = self.cfg.phrases("dyad_phrases")
        firsts = {p[0] for p in phrases}
        while k < s.token_end:
            hit = None
            if self.low(k) in firsts:
                hit = next((p for p in phrases if [self.low(x) for x in range(k, min(k + len(p), s.token_end))] == p
                            and not taken & set(range(k, k + len(p)))), None)
            if hit and len(hit) == 1 and k + 1 < s.token_end \
                    and self.t[k + 1].pos not in ("VERB", "AUX", "ADV", "PUNCT"):
                hit = None      # "beide Parteien", "both the army and the rebels": not the pair
            if hit:
                out.append(_Ref(k, k + len(hit), tuple(self.dyad(s.i, k)), how="dyad"))
                k += len(hit)
            else:
                k += 1
        return [r for r in out if len(r.codes) == 2]

    def _groups(self, refs: list[_Ref], places: bool = False) -> list[_Group]:
        """Coordinated references: "die USA und Japan", "A, B und C", "sowohl X als auch Y";
        with places=True, of the things a claim or a treaty's coverage can be about."""
        out: list[_Group] = []
        for r in refs:
            if not (r.target if places else r.codes):
                continue
            if out:
                g = out[-1]
                gap = [self.low(k) for k in range(g.j, r.i)]
                if gap and set(gap) <= self.joiners and set(gap) & self.coords:
                    out[-1] = _Group(g.i, r.j, g.refs + [r])
                    continue
            out.append(_Group(r.i, r.j, [r]))
        return out

    def place_groups(self, s: int) -> list[_Group]:
        return self._groups(self.refs[s], places=True)

    def ref_at(self, s: int, k: int) -> _Ref | None:
        return next((r for r in self.refs[s] if r.i <= k < r.j), None)

    def group_at(self, s: int, k: int) -> _Group | None:
        """The group that starts at token k, skipping articles and quote marks."""
        k = self.skip(k, s, ("DET",))
        return next((g for g in self.groups[s] if g.i == k), None)

    def group_ending(self, s: int, k: int) -> _Group | None:
        return next((g for g in self.groups[s] if g.j == k), None)

    def skip(self, k: int, s: int, pos: tuple[str, ...] = ("DET",), words: set[str] = frozenset()) -> int:
        end = self.doc.sentences[s].token_end
        while k < end and (self.t[k].pos in pos or self.low(k) in self.quotes or self.lem(k) in words):
            k += 1
        return k

    # --- clauses
    def clause(self, s: int, k: int) -> tuple[int, int]:
        """The stretch around token k between clause breaks; commas inside a list do not break."""
        sent = self.doc.sentences[s]
        inside = {x for g in self.groups[s] for x in range(g.i, g.j)}
        lo = k
        while lo > sent.token_start and not self._break(lo - 1, inside):
            lo -= 1
        hi = k + 1
        while hi < sent.token_end and not self._break(hi, inside):
            hi += 1
        while hi - 1 > k and self.t[hi - 1].pos == "PUNCT" and self.low(hi - 1) not in self.quotes:
            hi -= 1                                   # the full stop is no part of it
        return lo, hi

    def _break(self, x: int, inside: set[int]) -> bool:
        return self.low(x) in self.breaks and x not in inside

    def relative_after(self, s: int, hi: int) -> tuple[int, int] | None:
        """A relative clause right after a clause that ends at hi (", die China ... erhebt")."""
        sent = self.doc.sentences[s]
        if hi >= sent.token_end or self.low(hi) != ",":
            return None
        k = hi + 1
        if k < sent.token_end and self.t[k].pos == "ADP":
            k += 1
        if k >= sent.token_end or self.low(k) not in self.cfg.words("relative_pronouns"):
            return None
        lo2, hi2 = self.clause(s, k)
        if self.low(k) in self.cfg.words("relative_only") or (
                self.t[hi2 - 1].pos in ("VERB", "AUX") and self.t[hi2 - 2].pos != "PART"):
            return lo2, hi2      # ("..., den Status quo ... zu ändern" is no relative clause)
        return None

    def relative_head(self, s: int, lo: int) -> tuple[int, bool] | None:
        """When the clause at lo is a relative clause: (index of its comma, whether a
        preposition opens it). Its antecedent stands before the comma."""
        sent = self.doc.sentences[s]
        if lo <= sent.token_start or self.low(lo - 1) != ",":
            return None
        k, prep = lo, False
        if self.t[k].pos == "ADP":
            k, prep = k + 1, True
        if k < sent.token_end and self.low(k) in self.cfg.words("relative_pronouns"):
            return lo - 1, prep
        return None

    def negated(self, k: int, lo: int, before: int = 2) -> bool:
        neg = self.cfg.words("negators")
        return any(self.low(x) in neg or self.lem(x) in neg for x in range(max(lo, k - before), k))

    def verb_at(self, lo: int, hi: int, verbs: set[str]) -> int | None:
        """A verb of the list in [lo, hi), also split from its particle ("weisen ... zurück")."""
        parts = self.cfg.words("particles")
        pts = [self.low(x) for x in range(lo, hi) if self.low(x) in parts and self.t[x].pos in ("PART", "ADP", "ADV")]
        for x in range(lo, hi):
            if self.t[x].pos not in ("VERB", "AUX", "NOUN", "ADJ") and self.t[x].pos != "X":
                continue
            if self.lem(x) in verbs or self.low(x) in verbs or any(p + self.lem(x) in verbs for p in pts):
                return x
        return None

    # --- the pair of states a document is about
    def dyad(self, s: int, k: int) -> list[str]:
        """"beide Länder": the pair named before it in its sentence, else the pair of the latest
        bilateral event, else the two states the document names most."""
        for g in reversed(self._raw_groups(s, k)):
            if len(g.codes) == 2:
                return g.codes
        para = self.doc.text.rfind("\n\n", 0, self.t[k].start)
        recent = [e for e in self.doc.events if e.sentence <= s and (
            e.evidence.start > para or e.sentence >= s - 3)]
        for e in sorted(recent, key=lambda e: e.sentence, reverse=True):
            acts = _unique(p.code for p in e.actor if _is_state(p.code))
            recs = _unique(p.code for p in e.recipient if _is_state(p.code))
            if len(acts) == 2:
                return acts
            if len(acts) == 1 and len(recs) == 1 and acts != recs:
                return acts + recs
        return list(self._top2)

    def _raw_groups(self, s: int, k: int) -> list[_Group]:
        refs: list[_Ref] = []
        for m in self._mentions.get(s, []):
            codes, _, _ = self._codes_of(m)
            span = self._tokens_of(m)
            if codes and span is not None and span[1] <= k and (not refs or span[0] >= refs[-1].j):
                refs.append(_Ref(span[0], span[1], codes, how=m.kind, mention=m))
        return self._groups(self._merge_same(refs))

    def _count_states(self) -> list[str]:
        counts: dict[str, int] = {}
        for m in self.doc.mentions:
            codes, _, _ = self._codes_of(m)
            if m.kind != "adjective":
                for c in codes:
                    counts[c] = counts.get(c, 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
        return [c for c, n in top] if len(top) == 2 and top[1][1] >= 2 else []

    # --- states named inside hyphenated words ("deutsch-französische", "U.S.-Japan")
    def hyphen_states(self, k: int, last: bool = True) -> list[str]:
        pieces = [p for p in self.t[k].text.split("-") if p]
        if not last:
            pieces = pieces[:-1]
        out = []
        for p in pieces:
            code = self.gaz.prefixes.get(p) or self.gaz.prefixes.get(p.lower()) \
                or self.gaz.prefixes.get(p.capitalize())
            if code is None:
                code = next((e.id for e in self.gaz.lookup(p) if e.kind == "state"), None)
            if code and _is_state(code):
                out.append(code)
        return out


# ---------------------------------------------------------------------------------------------
# the relations a document states


@dataclass
class _Out:
    items: list[Relation] = field(default_factory=list)
    keys: dict[tuple, Relation] = field(default_factory=dict)

    def add(self, rel: Relation, extra: str = "") -> Relation:
        """Add unless the same fact is there; a repeat fills in what the first one lacked."""
        key = (rel.type, frozenset(rel.subject), rel.object, extra)
        old = self.keys.get(key)
        if old is not None:
            for f in ("name", "note", "role", "valid_from", "valid_to"):
                if getattr(old, f) is None and getattr(rel, f) is not None:
                    setattr(old, f, getattr(rel, f))
            return old
        self.keys[key] = rel
        self.items.append(rel)
        return rel


def relations_from(doc: Document) -> list[Relation]:
    out = _Out()
    _leaders(doc, out)
    if not doc.tokens or not doc.sentences:
        return out.items
    d = _Doc(doc)
    treaties = _Treaties(d, out)
    for s in doc.sentences:
        treaties.sentence(s.i)
        _covers(d, s.i, treaties, out)
        _claims(d, s.i, out)
        _membership(d, s.i, out)
        _partnership(d, s.i, out)
    return out.items


# --- leader-of -------------------------------------------------------------------------------

def _leaders(doc: Document, out: _Out) -> None:
    """Who leads what, from a role noun before a known person ("US-Präsident Donald Trump");
    first seen on the publication date."""
    persons = {e.id: e for e in doc.entities if e.kind == "person"}
    published = doc.article.published.isoformat() if doc.article.published else None
    for m in doc.mentions:
        ent = persons.get(m.entity_id)
        if ent is None or not m.role or not ent.country or not ent.office:
            continue
        sent = doc.sentences[m.sentence] if m.sentence < len(doc.sentences) else None
        start = _role_start(doc, m, sent.start if sent else 0)
        out.add(Relation("leader-of", [ent.id], ent.country, Span(start, m.end, doc.text[start:m.end]),
                         role=ent.office, valid_from=published))


def _role_start(doc: Document, m: Mention, floor: int) -> int:
    """Start of the role phrase before a name ("US-Präsident Donald Trump")."""
    idx = next((t.i for t in doc.tokens if t.start == m.start), None)
    if idx is None:
        return m.start
    k = idx - 1
    while k >= 0 and doc.tokens[k].start >= floor and doc.tokens[k].pos in ("NOUN", "ADJ", "PROPN") \
            and idx - k <= 3:
        k -= 1
    if k + 1 < idx and k >= 0 and doc.tokens[k].start >= floor and doc.tokens[k].pos == "DET":
        k -= 1                                  # "der japanische Premierminister ..."
    return doc.tokens[k + 1].start


# --- treaty ----------------------------------------------------------------------------------

def _is_cue(d: _Doc, k: int, section: str, nouns: str = "nouns", heads: str = "heads") -> bool:
    lem, low = d.lem(k), d.low(k)
    if d.t[k].pos not in ("NOUN", "PROPN", "X"):
        return False
    if {lem, low} & d.cfg.words(section, "exclude"):
        return False
    if {lem, low} & d.cfg.words(section, nouns):
        return True
    return any(w.endswith(h) and len(w) > len(h) + 2 for w in (lem, low.replace("-", ""))
               for h in d.cfg.words(section, heads))


@lru_cache(maxsize=None)
def _alliances_of_known(lang: str) -> dict[str, str]:
    return {row["name"]: row["members_of"] for row in _config(lang).get("treaty", "known") or []
            if row.get("members_of")}


def _known_alliance(lang: str, known: str | None) -> str | None:
    return _alliances_of_known(lang).get(known) if known else None


@dataclass
class _Treaty:
    rel: Relation
    ident: str          # known name, the compound's lemma, or "" for a bare "Vertrag"


class _Treaties:
    def __init__(self, d: _Doc, out: _Out):
        self.d, self.out = d, out
        self.seen: list[_Treaty] = []
        self.at: dict[int, _Treaty | None] = {}      # treaty noun token -> its treaty
        self.phrase: dict[int, tuple[int, int, str]] = {}   # noun -> (np start, np end, name)
        self.extent: dict[int, tuple[int, int]] = {}         # noun -> tokens of name and parties

    def sentence(self, s: int) -> None:
        d = self.d
        sent = d.doc.sentences[s]
        for k in range(sent.token_start, sent.token_end):
            if not _is_cue(d, k, "treaty"):
                continue
            owner = d.ref_at(s, k)
            if owner is not None and owner.org and ("-" not in d.t[k].text or any(
                    d.lem(k).endswith(w) for w in d.cfg.words("treaty", "alliance_nouns"))):
                continue        # part of a body's name ("Collective Security Treaty ...", "Quad-Bündnis")
            lo, hi = d.clause(s, k)
            if d.negated(k, lo) or any(d.forms(x) & d.cfg.words("treaty", "not_yet") for x in range(lo, hi)):
                continue
            start, end, name = self._phrase(s, k, hi)
            known = self._known(s, k)
            self.phrase[k] = (start, end, known or name)
            parties, p_lo, p_hi = self._parties(s, k, lo, hi, start, owner, known)
            self.extent[k] = (min(start, p_lo), max(end, p_hi))
            note, n_lo, n_hi = self._article(s, k, lo, hi)
            ident = known or (d.lem(k) if d.lem(k) not in d.cfg.words("treaty", "nouns") else "")
            if len(parties) < 2:
                # "der Sicherheitsvertrag" after the treaty was introduced: the same one
                prev = self.link(ident)
                self.at[k] = prev
                if prev is not None and note and prev.rel.note is None:
                    prev.rel.note = note
                continue
            ev = d.span(min(start, p_lo, n_lo), max(end, p_hi, n_hi))
            rel = Relation("treaty", parties, None, ev, name=known or name, note=note)
            self.at[k] = self._add(rel, ident)

    def _add(self, rel: Relation, ident: str) -> _Treaty:
        """One treaty per set of parties, unless two specific treaties are named."""
        for tr in self.seen:
            if set(tr.rel.subject) == set(rel.subject) and (not ident or not tr.ident or ident == tr.ident):
                if tr.rel.note is None:
                    tr.rel.note = rel.note
                if not tr.ident and ident:         # the specific name wins over a bare "Vertrag"
                    tr.rel.name, tr.ident = rel.name, ident
                return tr
        tr = _Treaty(self.out.add(rel, ident), ident)
        self.seen.append(tr)
        return tr

    def link(self, ident: str) -> _Treaty | None:
        same = [t for t in self.seen if ident and t.ident == ident]
        return (same or self.seen or [None])[-1]

    def _known(self, s: int, k: int) -> str | None:
        sent = self.d.doc.sentences[s]
        text = self.d.doc.text[sent.start:sent.end]
        tok = self.d.t[k]
        for name, rx in _known_treaties(self.d.doc.lang):
            for m in rx.finditer(text):
                if m.start() + sent.start < tok.end and m.end() + sent.start > tok.start:
                    return name
        return None

    def _phrase(self, s: int, k: int, hi: int) -> tuple[int, int, str]:
        """The treaty as written: modifiers, the noun (in its dictionary form) and a name
        complement ("Vertrag über gegenseitige Zusammenarbeit und Sicherheit")."""
        d = self.d
        sent = d.doc.sentences[s]
        a = k
        while a - 1 >= sent.token_start and k - a < 4 and (d.t[a - 1].pos in ("ADJ", "PROPN", "NOUN")
                                                          or d.low(a - 1) == "-") \
                and d.low(a - 1) not in d.cfg.words("group_possessives"):
            a -= 1
        start = a
        while start - 1 >= sent.token_start and d.t[start - 1].pos == "DET":
            start -= 1
        b = k + 1
        if b < hi and d.low(b) in d.cfg.words("treaty", "name_links"):
            c = b + 1
            links = d.cfg.words("treaty", "name_links")
            while c < hi and (d.t[c].pos in ("ADJ", "NOUN", "PROPN", "DET", "CCONJ") or d.low(c) in links
                              or d.low(c) == "-") and not (d.ref_at(s, c) and d.ref_at(s, c).codes):
                c += 1
            while c > b + 1 and d.t[c - 1].pos not in ("NOUN", "PROPN"):
                c -= 1
            if c > b + 1 and d.t[c - 1].pos in ("NOUN", "PROPN"):
                b = c
        words = []
        for x in range(a, b):
            w = d.t[x].lemma if x == k and d.t[x].lemma and d.t[x].lemma[:1] == d.t[x].text[:1] else d.t[x].text
            words.append(w)
        name = re.sub(r"\s*-\s*", "-", " ".join(words))
        return d.t[start].i, b, name

    def _parties(self, s: int, k: int, lo: int, hi: int, start: int, owner: _Ref | None,
                 known: str | None = None) -> tuple[list[str], int, int]:
        """The states a treaty binds, by the strongest cue found: the alliance in its name,
        "deutsch-französisch", "zwischen X und Y", a genitive, "mit X", a possessive, a dyad
        phrase or a list of states in its clause. Returns (parties, evidence lo, hi)."""
        d = self.d
        p_lo, p_hi = start, k + 1
        org = owner.org if owner is not None and owner.org else _known_alliance(d.doc.lang, known)
        if org and org in d.orgs:                        # "Nato-Vertrag": the alliance's members
            members = [m for m in d.orgs[org].members if _is_state(m)]
            return (members or [org]), p_lo, p_hi
        # states in the modifiers; a city in a treaty's name ("Warschauer Pakt") is no party
        mods = _unique(c for x in range(start, k) for c in (d.ref_at(s, x).codes if d.ref_at(s, x)
                                                             and d.ref_at(s, x).how != "capital" else ()))
        mods = _unique(mods + [c for x in range(start, k + 1) for c in d.hyphen_states(x, last=x != k)])
        parties = list(mods) if len(mods) >= 2 else []
        # "Vertrag zwischen X und Y"
        for x in range(k + 1, min(hi, k + 8)):
            if d.low(x) in d.cfg.words("treaty", "between"):
                g = d.group_at(s, x + 1)
                if g and len(g.codes) >= 2:
                    return _unique(mods + g.codes) if len(mods) == 1 else g.codes, p_lo, max(p_hi, g.j)
        # genitive after the noun: "Abkommen der beiden Länder"
        gen = None
        if k + 1 < hi and (d.low(k + 1) in d.cfg.words("genitive_words") or
                           (d.ref_at(s, k + 1) and d.ref_at(s, k + 1).how in ("genitive", "dyad"))):
            gen = d.group_at(s, k + 2 if d.low(k + 1) in d.cfg.words("genitive_words") else k + 1)
        if gen is not None:
            if len(gen.codes) >= 2:
                return gen.codes, p_lo, max(p_hi, gen.j)
            mods = _unique(mods + gen.codes)
            p_hi = max(p_hi, gen.j)
        # "mit X" right after the noun or shortly before it ("hat mit Japan ein Abkommen"): the
        # other side is the modifier, the clause's subject or, after a possessive, the sentence's
        poss_before = start - 1 >= lo and d.low(start - 1) in d.cfg.words("group_possessives")
        for x in list(range(k + 1, min(hi, k + 3))) + list(range(max(lo, start - 5), start)):
            if d.low(x) in d.cfg.words("treaty", "with"):
                g = d.group_at(s, x + 1)
                if g is None or (x < start and g.j > start):
                    continue
                other = mods or _subject_codes(d, s, lo, min(x, start), exclude=g) or \
                    (_subject_codes(d, s, d.doc.sentences[s].token_start, lo, exclude=g) if poss_before else [])
                if other and set(other) != set(g.codes):
                    ev_lo = min(p_lo, x) if x < k else p_lo
                    return _unique(other + g.codes), ev_lo, max(p_hi, g.j if g.j <= hi else p_hi)
        if parties:
            return parties, p_lo, p_hi
        # "ihres Bündnisses": the group the possessive points at
        if poss_before:
            for g in d.groups[s]:
                if g.j < start and len(g.codes) >= 2:
                    return g.codes, p_lo, p_hi
        # a dyad phrase or a list of states in the clause ("Beide Seiten betonen ... des Vertrags")
        for g in d.groups[s]:
            if g.i >= lo and g.j <= hi and len(g.codes) >= 2:
                return g.codes, p_lo, p_hi
        return [], p_lo, p_hi

    def _article(self, s: int, k: int, lo: int, hi: int) -> tuple[str | None, int, int]:
        """"dessen Artikel 5 eine gegenseitige Beistandspflicht vorsieht" -> "Article 5: mutual defence";
        also "Artikel 5 des Nato-Vertrags verpflichtet ... zum Beistand"."""
        d = self.d
        sent = d.doc.sentences[s]
        for x in range(max(lo, k - 8), k):
            if d.low(x) in d.cfg.words("treaty", "article_words") and re.fullmatch(r"\d+[a-z]?", d.t[x + 1].text):
                text = " ".join(d.low(y) for y in range(k + 1, hi))
                return self._note(d.t[x + 1].text, text), x, hi
        for x in range(k + 1, sent.token_end - 1):
            if _is_cue(d, x, "treaty") and x != k:
                break                       # another treaty's article
            if d.low(x) in d.cfg.words("treaty", "article_words") and re.fullmatch(r"\d+[a-z]?", d.t[x + 1].text):
                lo2, hi2 = d.clause(s, x)
                text = " ".join(d.low(y) for y in range(x + 2, hi2))
                return self._note(d.t[x + 1].text, text), k, hi2
        return None, k, 0

    def _note(self, number: str, text: str) -> str:
        label = next((lab for lab, cues in (self.d.cfg.get("treaty", "provisions") or {}).items()
                      if any(str(c).lower() in text for c in cues)), None)
        return f"Article {number}" + (f": {label}" if label else "")


def _subject_codes(d: _Doc, s: int, lo: int, before: int, exclude: _Group | None = None) -> list[str]:
    """States of the clause's subject: the first group in [lo, before) not inside a
    prepositional phrase."""
    for g in d.groups[s]:
        if g is exclude or g.i < lo or g.j > before:
            continue
        k = g.i - 1
        while k >= lo and (d.t[k].pos == "DET" or d.low(k) in d.quotes):
            k -= 1
        if k >= lo and d.t[k].pos == "ADP":
            continue
        return g.codes
    return []


# --- treaty-covers ---------------------------------------------------------------------------

def _covers(d: _Doc, s: int, treaties: _Treaties, out: _Out) -> None:
    """"der Sicherheitsvertrag gilt auch für die Senkaku-Inseln", "the treaty covers X"."""
    sent = d.doc.sentences[s]
    nouns = [k for k in range(sent.token_start, sent.token_end) if k in treaties.phrase]
    if not nouns:
        return
    for verb, prep in d.cfg.get("covers") or []:
        for k in nouns:
            lo, hi = d.clause(s, k)
            v = d.verb_at(lo, hi, {str(verb).lower()})
            if v is None or v == k or d.negated(v, lo, before=hi - lo):
                continue
            places = []
            own = treaties.extent.get(k, (k, k + 1))
            for g in d.place_groups(s):
                if not (lo <= g.i and g.j <= hi) or own[0] <= g.i < own[1]:
                    continue
                if prep:
                    x = g.i - 1
                    while x >= lo and (d.t[x].pos in ("DET", "ADV", "ADJ") or d.low(x) in d.quotes):
                        x -= 1
                    if x < lo or d.low(x) != str(prep).lower():
                        continue
                elif not (g.i > v or k < g.i < v):     # object after the verb, or before it
                    continue                            # in a verb-final clause
                places.append(g)
            if not places:
                continue
            tr = treaties.at.get(k)
            a, b, name = treaties.phrase[k]
            name = tr.rel.name if tr is not None else name
            for g in places:
                for r in g.refs:
                    if r.target is None or (tr is not None and r.target in tr.rel.subject):
                        continue
                    ev = d.span(min(a, v, g.i), max(b, v + 1, g.j))
                    out.add(Relation("treaty-covers", [name], r.target, ev, name=name))
            return


# --- claims and rejects-claim ----------------------------------------------------------------

def _claims(d: _Doc, s: int, out: _Out) -> None:
    sent = d.doc.sentences[s]
    for k in range(sent.token_start, sent.token_end):
        verb = d.t[k].pos in ("VERB", "AUX") and d.forms(k) & d.cfg.words("claims", "verbs")
        noun = not verb and _is_cue(d, k, "claims")
        if not (verb or noun):
            continue
        lo, hi = d.clause(s, k)
        rel_after = d.relative_after(s, hi) if noun else None
        scope = (lo, rel_after[1]) if rel_after else (lo, hi)
        obj, obj_ref = _claim_object(d, s, k, lo, hi, scope, bool(verb))
        if obj is None:
            continue
        claimant, c_ref = _claimant(d, s, k, lo, hi, scope, rel_after, obj, bool(verb))
        if not claimant or obj in claimant:
            continue
        rejecters = _rejecters(d, s, k, lo, hi, claimant)
        pieces = [x for x in (c_ref, obj_ref) if x is not None and scope[0] <= x[0] and x[1] <= scope[1]]
        rh = d.relative_head(s, lo)
        np = k
        while np - 1 >= lo and d.t[np - 1].pos in ("ADJ", "DET") and d.ref_at(s, np - 1) is None:
            np -= 1
        start = min([np] + [p[0] for p in pieces] + ([lo] if rh else []))
        end = max([k + 1] + [p[1] for p in pieces] + ([hi] if rh else []))
        if rel_after:
            end = max(end, rel_after[1])
        negated = d.negated(k, lo, before=2) or (verb and d.negated(k, lo, before=k - lo))
        if not negated:
            out.add(Relation("claims", claimant, obj, d.span(start, end)))
        if rejecters:
            r_lo, r_hi = rejecters[1]
            out.add(Relation("rejects-claim", rejecters[0], obj, d.span(min(start, r_lo), max(end, r_hi)),
                             name=",".join(claimant), note="claimant: " + ", ".join(claimant)))


def _claim_object(d: _Doc, s: int, k: int, lo: int, hi: int, scope: tuple[int, int], verb: bool
                  ) -> tuple[str | None, tuple[int, int] | None]:
    """What is claimed: a place (or a state such as Taiwan); None when the claim is not to
    territory ("Anspruch auf Entschädigung")."""
    cfg = d.cfg
    fillers = cfg.words("claims", "object_fillers") | cfg.words("claims", "sovereignty_words")
    x = k + 1
    if not verb:     # "Gebietsansprüche Russlands auf die Kurilen", "claims of China to X"
        g = d.group_at(s, x + 1 if x < hi and d.low(x) in cfg.words("genitive_words") else x)
        r0 = d.ref_at(s, g.i) if g else None
        if g is not None and r0 is not None and (r0.how == "genitive" or g.i > x):
            x = g.j
    # "Anspruch auf X", "claim to X", "Souveränität über X"
    y = d.skip(x, s, ("DET", "ADJ", "ADV"), fillers)
    if y < hi and d.low(y) in cfg.words("claims", "object_preps") | cfg.words("claims", "sovereignty_preps"):
        z = d.skip(y + 1, s, ("DET", "ADJ", "ADV"), fillers | cfg.words("genitive_words"))
        r = d.ref_at(s, z)
        if r is not None and r.target:
            return r.target, (r.i, r.j)
        if d.low(y) in cfg.words("claims", "object_preps") and not verb:
            if z < hi and d.low(z) in cfg.words("claims", "region_words"):
                t = _region(d, s, k)
                return (t, None) if t else (None, None)
            return None, None                  # a claim to something else
    if verb:
        z = d.skip(x, s, ("DET", "ADJ", "ADV"), fillers | cfg.words("genitive_words"))
        r = d.ref_at(s, z)
        if r is not None and r.target and z < hi:
            return r.target, (r.i, r.j)
    # relative clause: ", auf die China Anspruch erhebt" -> the place before the comma
    rh = d.relative_head(s, lo)
    if rh is not None:
        comma, prep = rh
        if (prep and d.low(lo) in cfg.words("claims", "object_preps")) or (verb and not prep):
            r = next((r for r in reversed(d.refs[s]) if r.j <= comma and r.target), None)
            if r is not None:
                return r.target, (r.i, r.j)
    elif verb:      # "the East China Sea that Japan administers and China claims" (no comma)
        rels = d.cfg.words("relative_pronouns")
        for x in range(k - 1, lo, -1):
            r = d.ref_at(s, x - 1)
            if d.low(x) in rels and r is not None and r.j == x and r.target:
                return r.target, (r.i, r.j)
    # "Ansprüche im Südchinesischen Meer" (right after the noun), "China claims islands in the
    # South China Sea", "..., die China in der Region erhebt" (the relative clause after it)
    spots = [y] if not verb else []
    if verb:
        z = d.skip(x, s, ("DET", "ADJ", "ADV"), fillers)
        if z < hi and d.lem(z) in cfg.words("claims", "region_words"):
            spots = [z + 1]
    spots += list(range(hi, scope[1]))
    for x in spots:
        if x < scope[1] and d.low(x) in cfg.words("claims", "place_preps"):
            z = d.skip(x + 1, s, ("DET", "ADJ"))
            r = d.ref_at(s, z)
            if r is not None and r.place and _claimable(d, r.place):
                return r.target, (r.i, r.j)
            if z < scope[1] and d.lem(z) in cfg.words("claims", "region_words"):
                t = _region(d, s, k)
                if t:
                    return t, None
    # German verb-final clause: "dass China Taiwan beansprucht"
    if verb:
        before = [r for r in d.refs[s] if lo <= r.i and r.j <= k and r.how != "dyad"]
        if len(before) == 2 and before[1].target and before[0].codes:
            return before[1].target, (before[1].i, before[1].j)
    return None, None


def _claimable(d: _Doc, place: str) -> bool:
    """A place states can claim: one with states concerned (not the "Indo-Pacific") and no venue."""
    p = d.places.get(place)
    return p is not None and bool(p.states) and p.kind != "venue"


def _region(d: _Doc, s: int, k: int) -> str | None:
    """"in der Region", "dort": the last disputable place named before, in this paragraph."""
    para = d.doc.text.rfind("\n\n", 0, d.t[k].start)
    for si in range(s, max(-1, s - 4), -1):
        for r in reversed(d.refs[si]):
            if r.place and (si < s or r.j <= k) and d.t[r.i].start > para and _claimable(d, r.place):
                return r.place
    return None


def _claimant(d: _Doc, s: int, k: int, lo: int, hi: int, scope: tuple[int, int],
              rel_after: tuple[int, int] | None, obj: str, verb: bool
              ) -> tuple[list[str], tuple[int, int] | None]:
    cfg = d.cfg
    poss = cfg.words("possessive_markers")
    if not verb:
        # "Chinas Ansprüche", "China's claims", "die chinesischen Gebietsansprüche"
        x = k - 1
        while x >= lo and (d.t[x].pos == "ADJ" and d.ref_at(s, x) is None or d.low(x) in poss):
            x -= 1
        r = d.ref_at(s, x) if x >= lo else None
        if r is not None and r.codes and r.how != "dyad" and r.target != obj:
            return list(r.codes), (r.i, r.j)
        # "Ansprüche Chinas", "claims of China"
        y = k + 1
        if y < hi and d.low(y) in cfg.words("genitive_words"):
            y = d.skip(y + 1, s, ("DET",))
        r = d.ref_at(s, y)
        if r is not None and r.codes and r.how != "dyad" and (y > k + 1 or r.how == "genitive") \
                and r.target != obj:
            return list(r.codes), (r.i, r.j)
    # "von China beansprucht", "claimed by China"
    for x in range(scope[0], scope[1]):
        if d.low(x) in cfg.words("claims", "agent_preps"):
            g = d.group_at(s, x + 1)
            if g and obj not in g.codes:
                return g.codes, (g.i, g.j)
    # the subject of a relative clause: "die China in der Region erhebt", "auf die das KP-Regime ..."
    rel = rel_after or ((lo, hi) if d.relative_head(s, lo) else None)
    if rel is not None:
        gs = [g for g in d.groups[s] if rel[0] <= g.i and g.j <= rel[1] and obj not in g.codes
              and not any(r.how == "dyad" for r in g.refs)]
        near = [g for g in gs if g.j <= k] if rel != rel_after else []
        if near:      # "... that Japan administers and China claims": the one before the cue
            return near[-1].codes, (near[-1].i, near[-1].j)
        if gs:
            return gs[0].codes, (gs[0].i, gs[0].j)
    # the subject of a claim in a main clause, unless the clause rejects the claim
    if d.verb_at(lo, hi, cfg.words("claims", "reject_verbs")) is None and not _reject_events(d, s, lo, hi):
        gs = [g for g in d.groups[s] if lo <= g.i and g.j <= k and obj not in g.codes]
        if gs:     # the nearest: "... that Japan administers and China claims"
            return gs[-1].codes, (gs[-1].i, gs[-1].j)
    # a rejection's target: "Japan weist die Ansprüche zurück" with the claimant as recipient
    for e in _reject_events(d, s, lo, hi):
        recs = _unique(p.code for p in e.recipient if _is_state(p.code))
        acts = {p.code for p in e.actor}
        if recs and not set(recs) & acts and obj not in recs:
            return recs, None
    return [], None


def _reject_events(d: _Doc, s: int, lo: int, hi: int):
    a, b = d.t[lo].start, d.t[hi - 1].end
    return [e for e in d.doc.events if e.sentence == s and "REJECT" in e.event
            and (e.trigger is None or a <= e.trigger.start < b)]


def _rejecters(d: _Doc, s: int, k: int, lo: int, hi: int, claimant: list[str]
               ) -> tuple[list[str], tuple[int, int]] | None:
    """Who rejects the claim: the actors of a REJECT event in the clause, or the subject of a
    rejecting verb ("weisen ... zurück", "erkennen ... nicht an")."""
    for e in _reject_events(d, s, lo, hi):
        acts = [c for c in _unique(p.code for p in e.actor) if _is_state(c) and c not in claimant]
        if acts:
            t = next((x for x in range(lo, hi) if e.trigger and d.t[x].start == e.trigger.start), lo)
            return acts, (min(t, k), max(t + 1, k + 1))
    v = d.verb_at(lo, hi, d.cfg.words("claims", "reject_verbs"))
    if v is None:
        v = d.verb_at(lo, hi, d.cfg.words("claims", "reject_negated"))
        if v is None or not d.negated(hi, lo, before=hi - lo):
            return None
    codes = [c for c in _subject_codes(d, s, lo, max(v, k)) if c not in claimant]
    if not codes:
        agent = next((d.group_at(s, x + 1) for x in range(v, hi)
                      if d.low(x) in d.cfg.words("claims", "agent_preps")), None)
        codes = [c for c in (agent.codes if agent else []) if c not in claimant]
    return (codes, (min(v, k), max(v + 1, k + 1))) if codes else None


# --- member-of -------------------------------------------------------------------------------

def _membership(d: _Doc, s: int, out: _Out) -> None:
    sent = d.doc.sentences[s]
    cfg = d.cfg
    not_yet = cfg.words("membership", "not_yet")

    def pending(lo: int, hi: int) -> bool:
        return any(d.forms(x) & not_yet for x in range(lo, hi)) or d.negated(hi, lo, before=hi - lo)

    def emit(codes: list[str], org: str, a: int, b: int, since: str | None = None) -> None:
        codes = [c for c in _unique(codes) if _is_state(c)]
        if codes:
            out.add(Relation("member-of", codes, org, d.span(a, b), name=d.orgs[org].name, valid_from=since))

    for r in d.refs[s]:
        if not r.org:
            continue
        org = d.orgs[r.org]
        lo, hi = d.clause(s, r.i)
        last = d.t[r.j - 1].text.lower()
        # "Nato-Mitglied Polen", "EU-Staaten Ungarn und Österreich", "NATO members Poland and ..."
        head_end = None
        if "-" in last and last.rsplit("-", 1)[1] in cfg.words("membership", "compound_heads"):
            head_end = r.j
        else:
            x = r.j
            while x < hi and d.low(x) in cfg.words("membership", "after_org_nouns"):
                x += 1
            if x > r.j and any(d.low(y) != "-" for y in range(r.j, x)):
                head_end = x
        if head_end is not None:
            g = d.group_at(s, head_end)
            if g is not None and not pending(lo, hi):
                emit(g.codes, r.org, r.i, g.j)
                continue
            # "Polen ist Nato-Mitglied", "Poland, a NATO member": only after a copula or article
            x = r.i - 1
            while x >= lo and d.t[x].pos == "ADJ":
                x -= 1
            subj = _subject_codes(d, s, lo, r.i) if x >= lo and \
                d.forms(x) & cfg.words("membership", "predicative") else []
            g2 = next((g for g in d.groups[s] if g.codes == subj and g.i >= lo), None)
            if subj and g2 is not None and not pending(lo, hi):
                emit(subj, r.org, g2.i, head_end)
                continue
        # "Mitglied der Nato", "member of NATO"
        x = r.i - 1
        while x >= lo and (d.low(x) in cfg.words("genitive_words") or d.t[x].pos == "DET"):
            x -= 1
        if x >= lo + 1 and d.low(x) in cfg.words("membership", "noun_followers"):
            x -= 1                                      # "member states of the EU"
        if lo <= x < r.i - 1 and d.forms(x) & cfg.words("membership", "nouns") and not pending(lo, hi):
            subj = _subject_codes(d, s, lo, x)
            g2 = next((g for g in d.groups[s] if g.codes == subj and g.i >= lo), None)
            if subj and g2 is not None:
                emit(subj, r.org, g2.i, r.j)
                continue
        # "Finnland trat der Nato bei", "Finland joined NATO"
        v = d.verb_at(lo, hi, cfg.words("membership", "join_verbs"))
        if v is not None and not pending(lo, hi):
            subj = _subject_codes(d, s, lo, min(v, r.i))
            g2 = next((g for g in d.groups[s] if g.codes == subj and g.i >= lo), None)
            if subj and g2 is not None:
                since = next((t.value for t in d.doc.times if sent.start <= t.start < sent.end and t.value), None)
                emit(subj, r.org, min(g2.i, v, r.i), max(r.j, v + 1), since)
                continue
        # "der Quad-Dialog beider Länder mit Indien und Australien": a member list after the name,
        # accepted where the organisations table confirms every member
        if org.members:
            x = d.skip(r.j, s, ("DET",))
            if x < sent.token_end and d.low(x) == ",":     # "the Quad, a grouping of A, B, C and D"
                y = d.skip(x + 1, s, ("DET", "ADJ"))
                if y + 1 < sent.token_end and d.t[y].pos == "NOUN" \
                        and d.low(y + 1) in cfg.words("membership", "list_intro"):
                    x, hi = y + 1, d.clause(s, y + 2)[1]
            codes, end = [], r.j
            if x >= sent.token_end:
                continue
            gen = d.group_at(s, x + 1 if d.low(x) in cfg.words("genitive_words") else x)
            if gen is not None and gen.i <= x + 2:
                codes, end = gen.codes, gen.j
                x = gen.j
            if x < hi and d.low(x) in cfg.words("membership", "list_intro"):
                g = d.group_at(s, x + 1)
                if g is not None:
                    codes, end = codes + g.codes, g.j
            if len(_unique(codes)) >= 2 and set(codes) <= set(org.members) and not pending(lo, hi):
                emit(codes, r.org, r.i, end)


# --- partnership -----------------------------------------------------------------------------

def _partnership(d: _Doc, s: int, out: _Out) -> None:
    sent = d.doc.sentences[s]
    cfg = d.cfg
    for k in range(sent.token_start, sent.token_end):
        if not _is_cue(d, k, "partnership"):
            continue
        if k > sent.token_start and d.forms(k - 1) & cfg.words("partnership", "exclude"):
            continue
        lo, hi = d.clause(s, k)
        if d.negated(k, lo, before=3):
            continue
        a = k
        while a - 1 >= lo and d.t[a - 1].pos == "ADJ" and (d.ref_at(s, a - 1) is None
                                                          or d.ref_at(s, a - 1).how == "adjective"):
            a -= 1
        if any(d.low(x) in cfg.words("partnership", "vague") for x in range(max(lo, a - 2), k)):
            continue
        name = " ".join(d.t[x].text for x in range(a, k + 1)) if a < k else d.t[k].lemma
        relation_noun = bool(d.forms(k) & cfg.words("partnership", "relation_nouns")) or \
            any(d.lem(k).endswith(h) for h in cfg.words("partnership", "heads"))
        parties, ev = _partners(d, s, k, a, lo, hi, relation_noun)
        if len(parties) >= 2:
            out.add(Relation("partnership", parties, None, d.span(min(ev[0], a), max(ev[1], k + 1)),
                             name=name.strip()))


def _partners(d: _Doc, s: int, k: int, a: int, lo: int, hi: int, relation_noun: bool
              ) -> tuple[list[str], tuple[int, int]]:
    cfg = d.cfg
    # "deutsch-französische Partnerschaft", "die US-japanische Allianz"
    mods = _unique(c for x in range(a, k + 1) for c in d.hyphen_states(x, last=x != k))
    if len(mods) >= 2:
        return mods, (a, k + 1)
    # "Partnerschaft zwischen X und Y"
    for x in range(k + 1, min(hi, k + 4)):
        if d.low(x) in cfg.words("treaty", "between"):
            g = d.group_at(s, x + 1)
            if g and len(g.codes) >= 2:
                return g.codes, (a, g.j)
    # the owner before the noun: "Amerikas Verbündeter Japan", "America's ally Japan"
    x = a - 1
    while x >= lo and d.low(x) in cfg.words("possessive_markers"):
        x -= 1
    owner = d.group_ending(s, x + 1) if x >= lo else None
    # the other side after it: "Partner der USA", "a partner for the United States"
    y = k + 1
    other = None
    if y < hi and d.low(y) in cfg.words("partnership", "of"):
        other = d.group_at(s, y + 1)
    elif y < hi:
        other = d.group_at(s, y)               # apposition: "Verbündeter Japan", "allies Japan and ..."
    if other is not None and owner is not None:
        return _unique(owner.codes + other.codes), (owner.i, other.j)
    if other is not None:
        if len(other.codes) >= 2 and relation_noun:
            return other.codes, (a, other.j)
        # the nearest state before it ("Japan ist ein enger Verbündeter der USA", "Haiti's
        # efforts ... and said it was a partner for the United States")
        g0 = next((g for g in reversed(d.groups[s]) if lo <= g.i and g.j <= a
                   and not set(g.codes) & set(other.codes)), None)
        if g0 is not None:
            return _unique(g0.codes + other.codes), (g0.i, other.j)
    if owner is not None:
        subj = _subject_codes(d, s, lo, owner.i)
        if subj and not set(subj) & set(owner.codes):
            return _unique(subj + owner.codes), (owner.i, k + 1)
    # "Japan und Indien vertiefen ihre strategische Partnerschaft"
    if relation_noun:
        for g in d.groups[s]:
            if lo <= g.i and g.j <= hi and len(g.codes) >= 2:
                return g.codes, (min(g.i, a), max(g.j, k + 1))
    return [], (a, k + 1)
