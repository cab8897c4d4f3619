"""Cross-article fusion: when two event mentions tell the same real-world event, and when two
article texts are the same report from different feeds. Pure functions over small values; the
store fetches candidates and writes the decisions.

The event rule (`match`), in order; every step must pass:

1. same PLOVER event type;
2. compatible status: occurred and historical report the same past; future, hypothetical and
   negated each stand alone (an announcement and its later execution are two events, linked by
   the commitment ledger, never fused);
3. compatible dates (of the event, not of the report): two days at most one day apart (time
   zones, "yesterday" vs "on Friday"); a day inside a month-precision date; equal months;
   equal years (a year is never fused with a finer date: too many events share a year).
   Undated mentions fuse only within one article. Announced (future, hypothetical) mentions
   must also be reported within two days of each other: their date is when the act is due,
   and a repetition weeks later is a new statement (the ledger calls it a reaffirmation);
4. the same parties: actor set and recipient set equal, or for mutual types (CONSULT, AGREE,
   COOPERATE, except announced pledges) the same set of all parties. A *partial* match (one
   side's parties missing, or contained in the other's) is accepted within one article, or
   across articles only when both dates are days. Generic codes (IGO, NGO, MNC ...) count as
   the entity behind them: the EU is not NATO;
5. no contradiction where both mentions say something: a disjoint mode (a phone call is not
   a visit), another place, another commodity, an amount more than 15 % apart, another
   normalised action (world/ledger.py: buy is not invest; a visit is a meeting);
6. AGREE mentions also need a positive tie, the same action or object: one meeting yields many
   agreements between the same parties on the same day.

Among the candidates that pass, the best score wins (exact parties, same day, same place, same
mode, same amount, same action and same article each add); ties go to the oldest cluster. A
cluster is joined only when the new mention contradicts none of its mentions in the window, so
a vague mention cannot chain two different events together.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Mention", "normalized_hash", "party_key", "status_group", "dates_compatible", "date_window",
           "parties_match", "match", "best_match", "same_object", "same_action", "object_variants",
           "GENERIC_CODES", "RELATED_ACTIONS"]

# codes that name a kind of party, not one party: the entity tells the parties apart
GENERIC_CODES = frozenset({"IGO", "NGO", "MNC", "ISM", "IMG"})
_MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_GROUP = {"occurred": "past", "historical": "past"}
# a specific commodity counts as the same object as the broader one it belongs to
_BROADER = {"LNG": "gas"}
# normalised actions (world/ledger.py) that can name the same act: a visit is a meeting
RELATED_ACTIONS = (frozenset({"visit", "meet"}), frozenset({"deliver", "aid"}), frozenset({"fund", "aid"}))


@dataclass(frozen=True)
class Mention:
    """What fusion needs of one stored (or about to be stored) event mention."""

    id: int
    event: str                               # PLOVER type
    status: str
    date: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    article: int | None = None
    modes: frozenset[str] = frozenset()
    place: str | None = None                 # country where it happened
    reported: str | None = None              # publication date of its article
    amount: float | None = None
    object: str | None = None
    action: str | None = None                # normalised action (world/ledger.py)
    cluster: int | None = None               # None while unassigned
    precision: str | None = None             # derived from the date when not given

    @property
    def prec(self) -> str | None:
        return self.precision or _precision(self.date)


# -- syndication ---------------------------------------------------------------------------------
_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)


def normalized_hash(text: str) -> str:
    """Hash of a text that ignores case, punctuation, typographic variants and spacing: a
    syndicated copy (other quotes, dashes, line breaks) hashes the same as its original."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _PUNCT.sub(" ", t)
    return hashlib.sha256(" ".join(t.split()).encode("utf-8")).hexdigest()


# -- pieces of the rule --------------------------------------------------------------------------
def party_key(code: str, entity_id: str | None) -> str:
    """Identity of a party for matching: the code, or for a generic code the entity behind it."""
    return f"{code}:{entity_id}" if code in GENERIC_CODES and entity_id else code


def status_group(status: str) -> str:
    return _GROUP.get(status, status)


def _precision(d: str | None) -> str | None:
    if not d:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(d))


def _day(d: str) -> date | None:
    try:
        return date.fromisoformat(d)
    except ValueError:
        return None


def dates_compatible(a: Mention, b: Mention) -> bool:
    if not a.date or not b.date:
        return a.date is None and b.date is None and a.article is not None and a.article == b.article
    pa, pb = a.prec, b.prec
    if pa == "day" and pb == "day":
        da, db = _day(a.date), _day(b.date)
        return da is not None and db is not None and abs((da - db).days) <= 1
    if {pa, pb} == {"day", "month"}:
        return a.date[:7] == b.date[:7]
    return pa == pb and a.date == b.date


def date_window(d: str | None, precision: str | None = None) -> tuple[list[str], tuple[str, str] | None]:
    """Stored dates a mention dated `d` can fuse with, as (exact values, inclusive string range),
    so the store can ask an index for them. Mirrors `dates_compatible`."""
    if not d:
        return [], None
    p = precision or _precision(d)
    if p == "day":
        day = _day(d)
        if day is None:
            return [d], None
        return [d[:7]], ((day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat())
    if p == "month":
        return [], (d, d + "-99")          # the month itself and every day in it
    return [d], None


def _reported_together(a: Mention, b: Mention) -> bool:
    """An announcement's date is when the announced act is due; two announcements of one act are
    one event only when they were reported at about the same time (else a later one repeats it,
    which the ledger records as a reaffirmation)."""
    if not a.reported or not b.reported:
        return True
    da, db = _day(a.reported), _day(b.reported)
    return da is None or db is None or abs((da - db).days) <= 2


def parties_match(a: Mention, b: Mention) -> int:
    """2 the same parties, 1 a partial match, 0 different parties (or none named)."""
    if not (a.actors or a.recipients) or not (b.actors or b.recipients):
        return 0
    if a.event in _MUTUAL and not _pledge(a) and not _pledge(b):
        ua, ub = a.actors | a.recipients, b.actors | b.recipients
        if ua == ub:
            return 2
        small, big = (ua, ub) if len(ua) <= len(ub) else (ub, ua)
        if small and small < big and (len(small) >= 2 or a.article == b.article):
            return 1
        return 0
    if a.actors == b.actors and a.recipients == b.recipients:
        return 2
    if a.actors and a.actors == b.actors and (not a.recipients or not b.recipients):
        return 1
    if a.recipients and a.recipients == b.recipients and (a.actors < b.actors or b.actors < a.actors) \
            and min(len(a.actors), len(b.actors)) >= 1:
        return 1
    return 0


def _pledge(m: Mention) -> bool:
    return m.event == "AGREE" and m.status in ("future", "hypothetical")


def same_object(a: str | None, b: str | None) -> bool:
    """Equal objects, or one the broader kind of the other (LNG is gas). None matches nothing."""
    if not a or not b:
        return False
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    broader = {k.casefold(): v.casefold() for k, v in _BROADER.items()}
    return broader.get(a) == b or broader.get(b) == a


def object_variants(obj: str) -> set[str]:
    """The stored object keys `same_object` accepts for `obj` (for an indexed lookup)."""
    out = {obj}
    for narrow, broad in _BROADER.items():
        if obj.casefold() == narrow.casefold():
            out.add(broad)
        if obj.casefold() == broad.casefold():
            out.add(narrow)
    return out


def _contradict(a: Mention, b: Mention) -> bool:
    if a.modes and b.modes and not a.modes & b.modes:
        return True
    if a.place and b.place and a.place.casefold() != b.place.casefold():
        return True
    if a.object and b.object and not same_object(a.object, b.object):
        return True
    if a.amount and b.amount and abs(a.amount - b.amount) > 0.15 * max(abs(a.amount), abs(b.amount)):
        return True
    if a.action and b.action and not same_action(a.action, b.action):
        return True
    return False


def same_action(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a == b or any(a in g and b in g for g in RELATED_ACTIONS)


def match(new: Mention, old: Mention) -> float | None:
    """Score of `old` as another mention of the event `new` reports; None when it is not."""
    if new.id == old.id or new.event != old.event or status_group(new.status) != status_group(old.status):
        return None
    if not dates_compatible(new, old):
        return None
    if status_group(new.status) != "past" and not _reported_together(new, old):
        return None
    parties = parties_match(new, old)
    if parties == 0:
        return None
    same_article = new.article is not None and new.article == old.article
    if parties == 1 and not same_article and not (new.prec == "day" and old.prec == "day"):
        return None
    if _contradict(new, old):
        return None
    if new.event == "AGREE" and not (same_action(new.action, old.action) or same_object(new.object, old.object)):
        return None     # a meeting yields many agreements on one day between the same parties
    score = 2.0 * parties
    score += 1.0 if new.date == old.date else 0.0
    score += 0.5 if new.place and old.place else 0.0       # equal: else _contradict refused it
    score += 0.5 if new.modes and new.modes == old.modes else 0.0
    score += 0.5 if new.object and old.object else 0.0
    score += 0.5 if new.amount and old.amount else 0.0
    score += 0.5 if new.action and old.action else 0.0
    score += 0.25 if same_article else 0.0
    return score


def best_match(new: Mention, candidates: list[Mention]) -> Mention | None:
    """The candidate whose cluster `new` joins, or None for a new cluster. A cluster qualifies
    when `new` matches one of its mentions and contradicts none (no chaining of a visit onto a
    phone call through a vaguer third mention)."""
    clusters: dict[int, list[Mention]] = {}
    for c in candidates:
        clusters.setdefault(c.cluster if c.cluster is not None else c.id, []).append(c)
    best, best_key = None, None
    for cid, members in clusters.items():
        if any(_contradict(new, m) for m in members):
            continue
        for c in members:
            s = match(new, c)
            if s is None:
                continue
            key = (-s, cid, c.id)
            if best_key is None or key < best_key:
                best, best_key = c, key
    return best
