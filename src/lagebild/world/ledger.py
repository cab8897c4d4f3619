"""The commitment ledger: when a new report repeats, executes, breaks or blocks a stored
commitment. Pure functions over small values; the store fetches candidates and writes updates.

A commitment's history is a list of changes, each from one article:

  made        the pledge or conditional threat is first stored
  reported    another mention of the same pledge (same event cluster, same article, or
              reported within two days: the same statement told by another outlet)
  reaffirmed  the same party pledges the same thing again, in a later report
  fulfilled   the party does what it promised (or carries out its threat)
  broken      the party is reported not to do it, or to break it
  withdrawn   the party takes it back ("zog seine Zusage zurück", "called off the visit")
  overtaken   a third party blocks it (a government blocks a takeover)
  approved    a third party clears it; lifts an earlier `overtaken`

`fold` turns the history, in date order, into the current status: made, reaffirmed, fulfilled,
broken, withdrawn or overtaken. Rules (`same_pledge`, `effect`):

* same pledge: the same actor set, overlapping (or unknown) recipients, the same kind (promise
  or threat), and the same action (a normalised verb: buy, invest, visit ...) and object (the
  normalised commodity: LNG, steel ...) where both sides name them; at least one of the two must
  be named on both sides, unless both mentions were fused into one event;
* a report touches a commitment when it is not older than the pledge, its actors include a
  committed party (own act) or a counterpart of it (third party), and its action or object
  matches with neither contradicting. Own act: a withdraw/break/fulfil cue decides; else a
  negated report breaks it; else an occurred report of the same action fulfils it (never a
  pledge verb: "promised again" is no execution). Third party: a block cue overtakes it, an
  approval cue approves it.

Words (pledge verbs, actions, cues) are per-language data: lang/<code>/ledger.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

from .. import lang as langdata
from ..model import Token
from .fusion import RELATED_ACTIONS, same_object

__all__ = ["Lexicon", "lexicon", "Reading", "read", "lemma_bag", "object_of", "Pledge", "Report",
           "same_pledge", "best_pledge", "effect", "effects", "fold", "OPEN", "CLOSED", "made_on", "not_before",
           "related_actions", "after", "SELF_CUES", "kind_of", "same_news_cycle"]

OPEN = frozenset({"made", "reaffirmed", "overtaken"})     # a block can still be lifted
CLOSED = frozenset({"fulfilled", "broken", "withdrawn"})
_PAST = frozenset({"occurred", "historical"})
SELF_CUES = ("withdrawn", "broken", "fulfilled")     # cues about the committed party's own act
_CUE_ORDER = ("withdrawn", "broken", "fulfilled", "blocked", "approved")
# the action a PLOVER event stands for when the sentence names none (language-neutral)
# (types whose act is clear from the type; the sentence's other verbs are often about something else)
_TYPE_ACTION = {"SANCTION": "sanction", "ASSAULT": "attack", "CONSULT": "meet", "RETREAT": "withdraw"}
# ... and the last resort when the sentence names no action at all
_TYPE_FALLBACK = {"AID": "aid", "MOBILIZE": "mobilize"}
_MODE_ACTION = {"visit": "visit", "withdraw": "withdraw", "ceasefire": "ceasefire", "release": "release"}
# actions that a report of the other one executes
_RELATED = RELATED_ACTIONS


# -- words ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lexicon:
    pledge: frozenset[str]
    actions: tuple[tuple[str, frozenset[str]], ...]       # in priority order
    cues: tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str]], ...]  # kind, verbs, with_noun, nouns
    commodities: tuple[tuple[str, str], ...]              # stem -> normalised commodity, longest first
    compound_min: int = 5


def _fold_words(xs: Iterable[str] | None) -> frozenset[str]:
    return frozenset(str(x).casefold() for x in xs or ())


@lru_cache(maxsize=None)
def lexicon(code: str) -> Lexicon:
    d = langdata.load_yaml(code, "ledger.yaml")
    q = langdata.load_yaml(code, "quantities.yaml").get("commodities") or {}
    cues = d.get("cues") or {}
    return Lexicon(
        pledge=_fold_words(d.get("pledge")),
        actions=tuple((k, _fold_words(v)) for k, v in (d.get("actions") or {}).items()),
        cues=tuple((k, _fold_words((cues.get(k) or {}).get("verbs")), _fold_words((cues.get(k) or {}).get("with_noun")),
                    _fold_words((cues.get(k) or {}).get("nouns"))) for k in _CUE_ORDER),
        commodities=tuple(sorted(((str(k).casefold(), v) for k, v in q.items()), key=lambda kv: -len(kv[0]))),
        compound_min=int(d.get("compound_min", 5)))


def lemma_bag(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    """(lemma, kind) of a sentence's words, kind "verb", "noun" or "other"; verbs also joined
    with their particles: German separable verbs ("zog ... zurück" -> "zurückziehen") and English
    phrasal verbs ("called off" -> "call off")."""
    out = [(t.lemma.casefold(), _KIND.get(t.pos, "other")) for t in tokens if t.lemma]
    verbs = [t for t in tokens if t.pos in ("VERB", "AUX")]
    parts = [t for t in tokens if t.pos in ("PART", "ADP", "ADV") and t.text.isalpha()]
    for v in verbs:
        for p in parts:
            if p.i > v.i:
                out.append((p.text.casefold() + v.lemma.casefold(), "verb"))
                if p.i - v.i <= 3:
                    out.append((v.lemma.casefold() + " " + p.text.casefold(), "verb"))
    return out


_KIND = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun"}


def _bag(words: Sequence) -> list[tuple[str, str]]:
    """Accept plain words (no tagger: kind "any") as well as lemma_bag output."""
    return [(w[0].casefold(), w[1]) if isinstance(w, tuple) else (str(w).casefold(), "any") for w in words]


def _hit(entries: frozenset[str], words: Sequence[tuple[str, str]], minlen: int) -> bool:
    """An entry is in the words: a phrase in the running text, a word exactly, or a noun (or an
    untagged word) as the last part of a compound. Verbs never match by ending: "betreffen" is
    no "treffen"."""
    phrases = [e for e in entries if " " in e]
    if phrases:
        joined = " " + " ".join(w for w, _ in words) + " "
        if any(f" {e} " in joined for e in phrases):
            return True
    for w, k in words:
        if w in entries:
            return True
        if k != "verb" and any(w[-n:] in entries for n in range(minlen, len(w))):
            return True
    return False


def _action_of_word(lex: Lexicon, word: str, compound: bool = True) -> str | None:
    """The action a single lemma names; the longest matching entry wins ("verkauf" over "kauf")."""
    best, blen = None, 0
    for key, words in lex.actions:
        for e in words:
            if (word == e or (compound and len(e) >= lex.compound_min and word.endswith(e))) and len(e) > blen:
                best, blen = key, len(e)
    return best


@dataclass(frozen=True)
class Reading:
    action: str | None
    cue: str | None
    pledge: bool          # the sentence only says that something is promised or intended


def read(lex: Lexicon, words: Sequence, predicate: str | None = None, event: str | None = None,
         modes: Iterable[str] = ()) -> Reading:
    """Action, status cue and pledge flag of one event from its sentence's words (`lemma_bag`
    output, or plain words).

    Cue: the predicate's own cue, else the first cue kind whose verb is in the sentence (a
    `with_noun` verb also needs one of its nouns). Action: the predicate's; else the action its
    PLOVER type stands for (CONSULT: meet, SANCTION: sanction ...); else the first action key
    among the sentence's verbs, then its nouns; pledge and cue words are skipped."""
    bag = _bag(words)
    pred = predicate.casefold() if predicate else None
    verbs = [(w, k) for w, k in bag if k in ("verb", "any")] + ([(pred, "verb")] if pred else [])
    nouns = [(w, k) for w, k in bag if k != "verb"]
    cue, cue_words = None, frozenset()
    for kind, vs, with_noun, ns in lex.cues:
        if pred and (pred in vs or (pred in with_noun and _hit(ns, nouns, lex.compound_min))):
            cue, cue_words = kind, vs | with_noun
            break
    if cue is None:
        for kind, vs, with_noun, ns in lex.cues:
            if _hit(vs, verbs, lex.compound_min) or (
                    with_noun and _hit(with_noun, verbs, lex.compound_min) and _hit(ns, nouns, lex.compound_min)):
                cue, cue_words = kind, vs | with_noun
                break
    pledge = bool(pred and pred in lex.pledge) or _hit(lex.pledge, verbs, lex.compound_min) or (
        event in ("AGREE", "THREATEN") and _hit(lex.pledge, nouns, lex.compound_min))
    skip = lex.pledge | cue_words
    action = _action_of_word(lex, pred) if pred and pred not in skip else None
    if action is None and event:
        action = next((_MODE_ACTION[m] for m in modes if m in _MODE_ACTION), None) or _TYPE_ACTION.get(event)
    for group in (verbs, nouns):
        if action is not None:
            break
        rest = [(w, k) for w, k in group if w not in skip]
        action = next((key for key, entries in lex.actions if _hit(entries, rest, lex.compound_min)), None)
    if action is None and event:
        action = _TYPE_FALLBACK.get(event)
    return Reading(action, cue, pledge)


def object_of(lex: Lexicon, commodity: str | None, words: Sequence) -> str | None:
    """The normalised object: the event's commodity, else one named in the sentence (surface
    words; the same stems as the quantity reader)."""
    if commodity:
        return commodity
    low = [(w[0] if isinstance(w, tuple) else str(w)).casefold() for w in words]
    joined = " ".join(low)
    for stem, name in lex.commodities:
        if " " in stem:
            if stem in joined:
                return name
        elif any(w == stem or (len(stem) >= 4 and w.startswith(stem)) or (len(stem) >= 5 and w.endswith(stem))
                 for w in low):
            return name
    return None


# -- matching ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pledge:
    """A commitment as the ledger sees it."""

    id: int | None
    actors: frozenset[str]
    recipients: frozenset[str]
    action: str | None
    object: str | None
    made: str | None              # when it was made (ISO date, month or year)
    kind: str = "AGREE"           # AGREE (promise) or THREATEN: kind_of(the pledge's event type)
    status: str = "made"
    event: int | None = None      # events.id of the pledge
    cluster: int | None = None    # its event cluster
    article: int | None = None
    reported: str | None = None   # publication date of the article that made it


@dataclass(frozen=True)
class Report:
    """An event mention that may update a commitment."""

    id: int
    event: str
    status: str
    date: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    action: str | None
    object: str | None
    cue: str | None = None
    pledge: bool = False
    cluster: int | None = None
    reported: str | None = None   # publication date of its article


def same_news_cycle(a: str | None, b: str | None, days: int = 2) -> bool:
    """Two reports at most `days` apart: the same statement told twice, not a repetition."""
    if not a or not b or len(a) < 10 or len(b) < 10:
        return False
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= days
    except ValueError:
        return False


def kind_of(event: str | None) -> str:
    """A commitment is a threat (THREATEN) or a promise (any other type a pledge is coded as)."""
    return "THREATEN" if event == "THREATEN" else "AGREE"


def made_on(event_date: str | None, published: str | None) -> str | None:
    """When a pledge was made: the report's date, or the event's date where that lies before it
    ("had promised in February"); a later event date is a deadline, not when it was made."""
    if event_date and published:
        n = min(len(event_date), len(published))
        return event_date if event_date[:n] < published[:n] else published
    return published or event_date


def after(a: str, b: str) -> bool:
    """a is later than b at the precision both dates have ("2025-03" is not after "2025-03-15")."""
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def not_before(a: str, b: str) -> bool:
    """a is not earlier than b, compared at the precision both dates have."""
    n = min(len(a), len(b))
    return a[:n] >= b[:n]


def related_actions(action: str) -> set[str]:
    """The actions `_act` accepts for `action` (for an indexed lookup)."""
    out = {action}
    for g in _RELATED:
        if action in g:
            out |= g
    return out


def _act(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    return a == b or any(a in g and b in g for g in _RELATED)


def _obj(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    return same_object(a, b)


def same_pledge(old: Pledge, new: Pledge) -> float | None:
    """Score of `old` as the commitment `new` repeats; None when it is another one."""
    if old.actors != new.actors or not old.actors or old.kind != new.kind:
        return None
    if old.recipients and new.recipients and not old.recipients & new.recipients:
        return None
    same_event = old.cluster is not None and old.cluster == new.cluster
    act, obj = _act(old.action, new.action), _obj(old.object, new.object)
    if act is False or obj is False or not (same_event or act or obj):
        return None
    return 4.0 * same_event + 2.0 * bool(act) + 1.0 * bool(obj) + 0.5 * (old.recipients == new.recipients)


def best_pledge(new: Pledge, stored: Iterable[Pledge]) -> Pledge | None:
    best, key = None, None
    for p in stored:
        if p.status not in OPEN:
            continue
        s = same_pledge(p, new)
        if s is not None and (key is None or (-s, p.id or 0) < key):
            best, key = p, (-s, p.id or 0)
    return best


def effect(p: Pledge, r: Report) -> tuple[str, float] | None:
    """The change report `r` makes to commitment `p`, with a score; None when it does not touch it."""
    if r.id == p.event or (r.cluster is not None and r.cluster == p.cluster):
        return None
    if p.made and r.date and not not_before(r.date, p.made):
        return None
    own = bool(r.actors & p.actors)
    third = not own and bool((r.actors & p.recipients) or (r.recipients & p.actors))
    others = r.recipients - r.actors      # a party named as its own recipient says nothing
    if not (own or third):
        return None
    act, obj = _act(p.action, r.action), _obj(p.object, r.object)
    if act is False or obj is False or not (act or obj):
        return None
    if own and p.recipients and others and not p.recipients & others and r.cue not in SELF_CUES:
        return None
    score = 2.0 * bool(act) + 1.0 * bool(obj) + 0.5 * own
    if own:
        if r.cue in SELF_CUES:
            return r.cue, score
        if r.cue == "blocked":
            return "withdrawn", score
        # without a cue, only a later report counts: the same day's reports of a pledge often
        # carry a garbled copy of it ("intends to lift investment" read as done)
        later = (not (p.reported and r.reported) or r.reported > p.reported) and (
            not (p.made and r.date) or after(r.date, p.made))
        if r.pledge or r.cue == "approved" or not later or not act:
            return None
        if r.status == "negated":
            return "broken", score
        if r.status in _PAST and r.event != "THREATEN":
            return "fulfilled", score
        return None
    if r.status not in _PAST:
        return None
    if r.cue == "blocked":
        return "overtaken", score
    if r.cue == "approved":
        return "approved", score
    return None


def effects(r: Report, stored: Iterable[Pledge]) -> list[tuple[Pledge, str]]:
    """The commitments a report changes: the best-scoring ones (ties all), open ones only."""
    hits = []
    for p in stored:
        if p.status not in OPEN:
            continue
        e = effect(p, r)
        if e is not None:
            hits.append((e[1], p, e[0]))
    if not hits:
        return []
    top = max(h[0] for h in hits)
    return [(p, change) for s, p, change in hits if s == top]


def fold(changes: Iterable[str]) -> str:
    """Current status after `changes` (in date order)."""
    status: str | None = None
    before_block: str | None = None
    for ch in changes:
        if ch in ("made", "reaffirmed"):
            if status is None:
                status = "made"
            elif status not in CLOSED:
                status = "reaffirmed" if status != "overtaken" else status
        elif ch == "reported":
            status = status or "made"
        elif ch == "overtaken":
            if status not in CLOSED:
                before_block, status = status or "made", "overtaken"
        elif ch == "approved":
            if status == "overtaken":
                status = before_block or "made"
        else:
            status = ch
    return status or "made"
