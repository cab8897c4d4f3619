"""Read-side queries over the store, shared by the CLI, the HTTP API and the exports.

Plain functions over a `Store`, written with SQLAlchemy Core so the same SQL runs on SQLite and
PostgreSQL. Every filter is applied in SQL; related rows (participants) come in one extra query
per page, never one per event. Results are JSON-serialisable dicts and lists.

Dates in the store have day, month or year precision ("2025-02-07", "2025-02", "2025"). A
`since`/`until` filter (YYYY, YYYY-MM or YYYY-MM-DD, both inclusive) keeps an event whose period
overlaps the range: "2025-02" passes since="2025-02-10", "2025" passes until="2025-01-31".

Counting (dyad, network, counterparts) leaves out events whose status is "negated" or
"hypothetical": they did not happen. Listings (events, actor_profile's recent events) keep them
and say so in `status`.
"""
from __future__ import annotations

import json
import re
from datetime import date as _date
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from sqlalchemy import and_, case, func, or_, select

from . import schema as t

if TYPE_CHECKING:
    from . import Store

__all__ = ["COOPERATION", "CONFLICT", "QUADS", "COUNTED_STATUSES", "events", "iter_event_batches",
           "commitments", "relations", "dyad", "actor_profile", "articles", "article", "search",
           "network"]

COOPERATION = ("verbal_cooperation", "material_cooperation")
CONFLICT = ("verbal_conflict", "material_conflict")
QUADS = COOPERATION + CONFLICT
COUNTED_STATUSES = ("occurred", "historical", "future")
OPEN_COMMITMENT = ("made", "reaffirmed")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CHUNK = 5000   # ids per IN (...) list: stays far below SQLite's bound-parameter limit


# -- small helpers -------------------------------------------------------------------------------
def _iso(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _date):
        return value.isoformat()
    value = str(value).strip()
    if not _DATE.match(value):
        raise ValueError(f"{name}: use YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _date_filters(col, since: Any, until: Any) -> list:
    out = []
    since, until = _iso(since, "since"), _iso(until, "until")
    if since:
        # the period of a coarser date reaches `since` when it is a prefix of it
        alts = [col >= since] + [col == since[:n] for n in (4, 7) if n < len(since)]
        out.append(or_(*alts))
    if until:
        # pad to the period's last day so "2025-02-07" <= "2025-02" + "-31"; a coarser event
        # date sorts before its own days, so it passes whenever its period starts in time
        out.append(col <= until + {4: "-12-31", 7: "-31"}.get(len(until), ""))
    return out


def _loads(s: str | None) -> Any:
    return json.loads(s) if s else None


def _span(r) -> dict[str, Any]:
    return {"start": r.evidence_start, "end": r.evidence_end, "text": r.evidence_text}


def _num(x: Any, nd: int = 2) -> float | None:
    return None if x is None else round(float(x), nd)


def _json_has(col, value: str):
    """`col` holds a JSON list of strings and one of them is `value` (LIKE on the quoted form,
    with %, _ and the escape character escaped)."""
    return col.contains(json.dumps(value, ensure_ascii=False), autoescape=True)


def _lower(s: Any) -> Any:
    return s.lower() if isinstance(s, str) else s


def _icontains(conn, col, needle: str):
    """Case-insensitive substring match, % and _ taken literally.

    SQLite's LIKE folds ASCII case only and its lower() does the same, so a needle with letters
    like Ü gets a Python lower() registered on the connection; PostgreSQL's lower() knows Unicode.
    """
    if conn.dialect.name == "sqlite":
        if needle.isascii():
            return col.contains(needle, autoescape=True)
        conn.connection.driver_connection.create_function("lagebild_lower", 1, _lower, deterministic=True)
        return func.lagebild_lower(col).contains(needle.lower(), autoescape=True)
    return col.icontains(needle, autoescape=True)


def _chunks(ids: list, n: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


def _statuses(status: str | Iterable[str] | None) -> list[str] | None:
    if status is None or status == "":
        return None
    if isinstance(status, str):
        return [s.strip() for s in status.split(",") if s.strip()]
    return list(status)


_labels_cache: dict[str, str] | None = None


def _nonstate() -> dict[str, str]:
    """Labels of the non-state codes (IGO, EUR, ...) from the ontology, "the" dropped."""
    global _labels_cache
    if _labels_cache is None:
        from ..events.ontology import load_ontology

        _labels_cache = {k: re.sub(r"^the ", "", v) for k, v in load_ontology().nonstate_codes.items()}
    return _labels_cache


def _code_labels(conn, codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """code -> (label, kind): a state's entity name, or the ontology's name for a non-state code."""
    codes = sorted(set(codes))
    found: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(codes):
        for r in conn.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.kind)
                              .where(t.entities.c.id.in_(chunk))):
            found[r.id] = (r.name, r.kind)
    nonstate = _nonstate()
    out = {}
    for c in codes:
        if c in nonstate:
            out[c] = (nonstate[c], "organization")
        elif c in found:
            out[c] = found[c]
        else:
            out[c] = (c, "country")
    return out


# -- events --------------------------------------------------------------------------------------
def _participant(p) -> dict[str, Any]:
    return {"code": p.code, "sector": p.sector, "entity_id": p.entity_id, "entity_text": p.entity_text}


_ARTICLE_COLS = (t.articles.c.doc_id, t.articles.c.title, t.articles.c.published)
_EXPORT_COLS = (t.articles.c.url, t.articles.c.source, t.articles.c.language,
                t.articles.c.hash.label("article_hash"), t.articles.c.ingested_at)


def _event_where(*, actor=None, recipient=None, type=None, since=None, until=None, status=None,
                 article_id=None, code=None, cutoff=None) -> list:
    e, p = t.events, t.participants
    where = []
    # cutoff bounds the participant range read from ix_participants_history (see _history_cutoff)
    bound = [p.c.date <= cutoff] if cutoff else []
    if actor:
        where.append(e.c.id.in_(select(p.c.event_id).where(p.c.side == "actor", p.c.code == actor, *bound)))
    if recipient:
        where.append(e.c.id.in_(select(p.c.event_id).where(p.c.side == "recipient", p.c.code == recipient,
                                                            *bound)))
    if code:   # either side
        where.append(e.c.id.in_(select(p.c.event_id).where(p.c.code == code)))
    if type:
        where.append(e.c.event == type.upper())
    sts = _statuses(status)
    if sts:
        where.append(e.c.status.in_(sts))
    if article_id is not None:
        where.append(e.c.article_id == int(article_id))
    return where + _date_filters(e.c.date, since, until)


def _event_rows(conn, q, *, export: bool = False) -> list[dict[str, Any]]:
    rows = conn.execute(q).all()
    parts: dict[int, dict[str, list]] = {r.id: {"actor": [], "recipient": []} for r in rows}
    for chunk in _chunks(list(parts)):
        for p in conn.execute(select(t.participants).where(t.participants.c.event_id.in_(chunk))
                              .order_by(t.participants.c.id)):
            parts[p.event_id][p.side].append(_participant(p))
    out = []
    for r in rows:
        d = {"id": r.id, "article_id": r.article_id, "doc_id": r.doc_id, "title": r.title,
             "published": r.published, "local_id": r.local_id, "event": r.event,
             "mode": _loads(r.mode) or [], "context": _loads(r.context) or [], "status": r.status,
             "date": r.date, "date_precision": r.date_precision, "quad": r.quad, "scale": r.scale,
             "cameo": r.cameo, "confidence": r.confidence, "evidence": _span(r),
             "actor": parts[r.id]["actor"], "recipient": parts[r.id]["recipient"],
             "quantity": _loads(r.quantity), "attribution": _loads(r.attribution),
             "location": _loads(r.location)}
        if export:
            d.update(url=r.url, source=r.source, language=r.language, article_hash=r.article_hash,
                     ingested_at=r.ingested_at)
        out.append(d)
    return out


def _chrono(e, newest_first: bool = False) -> list:
    # undated events last in either direction (NULL ordering differs between databases)
    if newest_first:
        return [e.c.date.is_(None), e.c.date.desc(), e.c.id.desc()]
    return [e.c.date.is_(None), e.c.date, e.c.article_id, e.c.evidence_start, e.c.id]


def _history_cutoff(conn, side: str, code: str, need: int, since: Any, until: Any) -> str | None:
    """The date of the `need`-th dated event of `code` on `side`, read in date order from
    ix_participants_history; None when there are fewer (or too many repeated participants).
    Every event of the first `need` in date order is dated on or before it."""
    p = t.participants
    rows = conn.execute(select(p.c.date, p.c.event_id)
                        .where(p.c.code == code, p.c.side == side, p.c.date.is_not(None),
                               *_date_filters(p.c.date, since, until))
                        .order_by(p.c.date, p.c.event_id).limit(2 * need)).all()
    seen: set[int] = set()
    for r in rows:
        seen.add(r.event_id)
        if len(seen) == need:
            return r.date
    return None


def events(store: "Store", *, actor: str | None = None, recipient: str | None = None,
           type: str | None = None, since: Any = None, until: Any = None, status: str | None = None,
           article_id: int | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Events in date order (undated last), each with its participants and its article's
    doc_id/title/published. actor/recipient: participant code on that side; type: PLOVER event;
    status: one status or several separated by commas."""
    e = t.events
    with store.engine.connect() as conn:
        cutoff = None
        if limit is not None and bool(actor) != bool(recipient) and not type and not _statuses(status) \
                and article_id is None:
            # one actor's page: read only its participants dated up to the page's last date,
            # not all of a busy state's events
            cutoff = _history_cutoff(conn, "actor" if actor else "recipient", actor or recipient,
                                     int(offset) + int(limit), since, until)
        q = (select(e, *_ARTICLE_COLS).join(t.articles, t.articles.c.id == e.c.article_id)
             .where(*_event_where(actor=actor, recipient=recipient, type=type, since=since, until=until,
                                  status=status, article_id=article_id, cutoff=cutoff))
             .order_by(*_chrono(e)))
        if limit is not None:
            q = q.limit(int(limit))
        if offset:
            q = q.offset(int(offset))
        return _event_rows(conn, q)


def iter_event_batches(store: "Store", *, batch: int = 1000, **filters) -> Iterator[list[dict[str, Any]]]:
    """All events matching `filters` (as for `events`) in id order, `batch` at a time, with the
    article's url, source, language, hash and ingest time added: the exports stream from this."""
    e = t.events
    where = _event_where(**filters)
    last = 0
    with store.engine.connect() as conn:
        while True:
            q = (select(e, *_ARTICLE_COLS, *_EXPORT_COLS).join(t.articles, t.articles.c.id == e.c.article_id)
                 .where(e.c.id > last, *where).order_by(e.c.id).limit(batch))
            rows = _event_rows(conn, q, export=True)
            if not rows:
                return
            yield rows
            last = rows[-1]["id"]


# -- commitments and relations -------------------------------------------------------------------
def _commitment_query():
    c, e = t.commitments, t.events
    return (select(c, *_ARTICLE_COLS, e.c.id.label("event_id"), e.c.date.label("date"))
            .join(t.articles, t.articles.c.id == c.c.article_id)
            .outerjoin(e, and_(e.c.article_id == c.c.article_id, e.c.local_id == c.c.event_local_id)))


def _commitment_dict(r) -> dict[str, Any]:
    return {"id": r.id, "article_id": r.article_id, "doc_id": r.doc_id, "title": r.title,
            "published": r.published, "local_id": r.local_id, "event_local_id": r.event_local_id,
            "event_id": r.event_id, "date": r.date, "actor": _loads(r.actor) or [],
            "recipient": _loads(r.recipient) or [], "action": r.action, "object": r.object,
            "quantity": _loads(r.quantity), "deadline": r.deadline, "condition": r.condition,
            "status": r.status, "evidence": _span(r)}


def _commitment_where(actor=None, recipient=None, status=None) -> list:
    c = t.commitments
    where = []
    if actor:
        where.append(_json_has(c.c.actor, actor))
    if recipient:
        where.append(_json_has(c.c.recipient, recipient))
    if status == "open":
        where.append(c.c.status.in_(OPEN_COMMITMENT))
    elif status:
        where.append(c.c.status == status)
    return where


def commitments(store: "Store", *, actor: str | None = None, recipient: str | None = None,
                status: str | None = None) -> list[dict[str, Any]]:
    """Commitments with their article and the date of the event that made them; status "open"
    means made or reaffirmed, any other value matches exactly."""
    c = t.commitments
    q = (_commitment_query().where(*_commitment_where(actor, recipient, status))
         .order_by(t.articles.c.published.is_(None), t.articles.c.published, c.c.id))
    with store.engine.connect() as conn:
        rows = [_commitment_dict(r) for r in conn.execute(q)]
    # LIKE on the JSON text could in theory hit a longer string; confirm on the decoded list
    return [r for r in rows if (not actor or actor in r["actor"])
            and (not recipient or recipient in r["recipient"])]


def _relation_dict(r) -> dict[str, Any]:
    return {"id": r.id, "article_id": r.article_id, "doc_id": r.doc_id, "title": r.title,
            "published": r.published, "type": r.type, "subject": _loads(r.subject) or [],
            "object": r.object, "name": r.name, "role": r.role, "note": r.note,
            "valid_from": r.valid_from, "valid_to": r.valid_to, "evidence": _span(r)}


def _relations(conn, where: list) -> list[dict[str, Any]]:
    r = t.relations
    q = (select(r, *_ARTICLE_COLS).join(t.articles, t.articles.c.id == r.c.article_id)
         .where(*where).order_by(r.c.type, r.c.id))
    return [_relation_dict(x) for x in conn.execute(q)]


def relations(store: "Store", *, type: str | None = None, subject: str | None = None,
              object: str | None = None) -> list[dict[str, Any]]:
    """Standing relations; subject: one id or code in the relation's subject list."""
    r = t.relations
    where = []
    if type:
        where.append(r.c.type == type)
    if subject:
        where.append(_json_has(r.c.subject, subject))
    if object:
        where.append(r.c.object == object)
    with store.engine.connect() as conn:
        rows = _relations(conn, where)
    return [x for x in rows if not subject or subject in x["subject"]]


# -- dyads and the network -----------------------------------------------------------------------
def _period(d: str, by: str) -> str:
    """The period label of a date; a date coarser than `by` keeps its own label ("2025-02")."""
    if by == "year":
        return d[:4]
    if by == "month":
        return d[:7]
    if by == "week":
        if len(d) < 10:
            return d
        y, w, _ = _date.fromisoformat(d[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    return d[:10]


def dyad(store: "Store", a: str, b: str, *, by: str = "month", since: Any = None,
         until: Any = None) -> list[dict[str, Any]]:
    """Events between `a` and `b` (one on the actor side, the other on the recipient side, either
    direction) per period (day, ISO week "2025-W06", month or year), oldest first.

    Each row: period, events, a_to_b, b_to_a, cooperation (verbal+material), conflict, one count
    per quad class, score = MEAN PLOVER event_scale (-10..+10, Goldstein-like) of the period's
    scored events, and scale_sum = their sum. Undated, negated and hypothetical events are left
    out; an event dated coarser than `by` gets a row of its own ("2025-02" among weeks).
    """
    if by not in ("day", "week", "month", "year"):
        raise ValueError("by: day, week, month or year")
    lo_, hi_ = _iso(since, "since"), _iso(until, "until")
    if a != b and by in ("month", "year") and len(lo_ or "") <= 7 and len(hi_ or "") <= 7:
        return _dyad_totals(store, a, b, by, lo_, hi_)
    e = t.events
    pa, pr = t.participants.alias("pa"), t.participants.alias("pr")
    q = (select(e.c.id, e.c.date, e.c.quad, e.c.scale, pa.c.code.label("from_code")).distinct()
         .select_from(e).join(pa, pa.c.event_id == e.c.id).join(pr, pr.c.event_id == e.c.id)
         .where(pa.c.side == "actor", pr.c.side == "recipient",
                or_(and_(pa.c.code == a, pr.c.code == b), and_(pa.c.code == b, pr.c.code == a)),
                e.c.status.in_(COUNTED_STATUSES), e.c.date.is_not(None), *_date_filters(e.c.date, since, until)))
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    per_event: dict[int, dict[str, Any]] = {}
    for r in rows:
        ev = per_event.setdefault(r.id, {"date": r.date, "quad": r.quad, "scale": r.scale, "from": set()})
        ev["from"].add(r.from_code)
    periods: dict[str, dict[str, Any]] = {}
    for ev in per_event.values():
        key = _period(ev["date"], by)
        row = periods.setdefault(key, {"period": key, "events": 0, "a_to_b": 0, "b_to_a": 0,
                                       "cooperation": 0, "conflict": 0, **{q_: 0 for q_ in QUADS},
                                       "_scales": []})
        row["events"] += 1
        row["a_to_b"] += a in ev["from"]
        row["b_to_a"] += b in ev["from"]
        if ev["quad"] in QUADS:
            row[ev["quad"]] += 1
            row["cooperation" if ev["quad"] in COOPERATION else "conflict"] += 1
        if ev["scale"] is not None:
            row["_scales"].append(float(ev["scale"]))
    out = []
    for key in sorted(periods):
        row = periods[key]
        sc = row.pop("_scales")
        row["score"] = round(sum(sc) / len(sc), 2) if sc else None
        row["scale_sum"] = round(sum(sc), 2)
        out.append(row)
    return out


def _dyad_totals(store: "Store", a: str, b: str, by: str, since: str | None, until: str | None) -> list[dict[str, Any]]:
    """dyad() by month or year from the running totals in dyad_months: as many rows as periods,
    however many events the pair has. Same rows as counting the events one by one."""
    d = t.dyad_months
    lo, hi = sorted((a, b))
    q = select(d).where(d.c.lo == lo, d.c.hi == hi, *_date_filters(d.c.period, since, until))
    periods: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(q):
            key = _period(r.period, by)
            row = periods.setdefault(key, {"period": key, "events": 0, "a_to_b": 0, "b_to_a": 0, "cooperation": 0,
                                           "conflict": 0, **{q_: 0 for q_ in QUADS}, "_sum": 0.0, "_n": 0})
            fwd, back = (r.lo_to_hi, r.hi_to_lo) if a == lo else (r.hi_to_lo, r.lo_to_hi)
            row["events"] += r.events
            row["a_to_b"] += fwd
            row["b_to_a"] += back
            for q_ in QUADS:
                row[q_] += getattr(r, q_)
            row["cooperation"] += sum(getattr(r, q_) for q_ in COOPERATION)
            row["conflict"] += sum(getattr(r, q_) for q_ in CONFLICT)
            row["_sum"] += r.scale_sum
            row["_n"] += r.scale_n
    out = []
    for key in sorted(periods):
        row = periods[key]
        total, n = row.pop("_sum"), row.pop("_n")
        row["score"] = round(total / n, 2) if n else None
        row["scale_sum"] = round(total, 2)
        out.append(row)
    return out


def _pair_subquery(where: list):
    """Distinct (source, target, event) over actor x recipient pairs, the pair in code order."""
    e = t.events
    pa, pr = t.participants.alias("pa"), t.participants.alias("pr")
    lo = case((pa.c.code < pr.c.code, pa.c.code), else_=pr.c.code)
    hi = case((pa.c.code < pr.c.code, pr.c.code), else_=pa.c.code)
    return (select(lo.label("source"), hi.label("target"), e.c.id.label("event_id"), e.c.quad, e.c.scale)
            .distinct().select_from(e).join(pa, pa.c.event_id == e.c.id).join(pr, pr.c.event_id == e.c.id)
            .where(pa.c.side == "actor", pr.c.side == "recipient", pa.c.code != pr.c.code, *where)
            .subquery())


def _quad_sums(col):
    return (func.sum(case((col.in_(COOPERATION), 1), else_=0)).label("cooperation"),
            func.sum(case((col.in_(CONFLICT), 1), else_=0)).label("conflict"))


def network(store: "Store", *, since: Any = None, until: Any = None, type: str | None = None) -> dict[str, Any]:
    """The actor network over participant codes (states, IGO codes): nodes with the number of
    events they take part in, undirected edges (source < target) per actor-recipient pair with
    event counts, cooperation/conflict counts and score = mean event_scale. Negated and
    hypothetical events are left out; so are self-pairs (a state acting on itself)."""
    e, p = t.events, t.participants
    where = [e.c.status.in_(COUNTED_STATUSES), *_event_where(type=type, since=since, until=until)]
    pairs = _pair_subquery(where)
    eq = (select(pairs.c.source, pairs.c.target, func.count().label("events"), *_quad_sums(pairs.c.quad),
                 func.avg(pairs.c.scale).label("score"))
          .group_by(pairs.c.source, pairs.c.target)
          .order_by(func.count().desc(), pairs.c.source, pairs.c.target))
    nq = (select(p.c.code, func.count(func.distinct(p.c.event_id)).label("events"))
          .select_from(p).join(e, e.c.id == p.c.event_id).where(*where).group_by(p.c.code)
          .order_by(func.count(func.distinct(p.c.event_id)).desc(), p.c.code))
    with store.engine.connect() as conn:
        edges = [{"source": r.source, "target": r.target, "events": int(r.events),
                  "cooperation": int(r.cooperation or 0), "conflict": int(r.conflict or 0),
                  "score": _num(r.score)} for r in conn.execute(eq)]
        counts = [(r.code, int(r.events)) for r in conn.execute(nq)]
        labels = _code_labels(conn, [c for c, _ in counts])
    nodes = [{"id": c, "label": labels[c][0], "kind": labels[c][1], "events": n} for c, n in counts]
    return {"nodes": nodes, "edges": edges}


# -- actors --------------------------------------------------------------------------------------
def actor_profile(store: "Store", code: str, *, recent: int = 20, top: int = 20) -> dict[str, Any] | None:
    """What the store knows about one actor code: its entities (with roles and offices seen in
    mentions), relations and commitments that name it, its `recent` latest events, event
    counts and its `top` counterparts. None when the store has nothing on it."""
    ent, m, e, p = t.entities, t.mentions, t.events, t.participants
    with store.engine.connect() as conn:
        entities = [dict(r._mapping) for r in conn.execute(
            select(ent).where(or_(ent.c.code == code, ent.c.id == code)).order_by(ent.c.kind, ent.c.name))]
        ids = [x["id"] for x in entities]
        seen: dict[str, dict[str, Any]] = {i: {"mentions": 0, "roles": {}, "offices": {}} for i in ids}
        for chunk in _chunks(ids):
            for r in conn.execute(select(m.c.entity_id, m.c.role, m.c.office, func.count().label("n"))
                                  .where(m.c.entity_id.in_(chunk)).group_by(m.c.entity_id, m.c.role, m.c.office)):
                s = seen[r.entity_id]
                s["mentions"] += r.n
                if r.role:
                    s["roles"][r.role] = s["roles"].get(r.role, 0) + r.n
                if r.office:
                    s["offices"][r.office] = s["offices"].get(r.office, 0) + r.n
        for x in entities:
            s = seen[x["id"]]
            x["mentions"] = s["mentions"]
            x["roles"] = sorted(s["roles"], key=lambda k: -s["roles"][k])
            x["offices"] = sorted(s["offices"], key=lambda k: -s["offices"][k])
        entities.sort(key=lambda x: (x["id"] != code, -x["mentions"], x["name"]))

        # totals over its counted events, by side and by quad class (grouped in SQL)
        mine = [p.c.code == code, e.c.status.in_(COUNTED_STATUSES)]
        n_events = func.count(func.distinct(p.c.event_id))
        totals = {"events": 0, "as_actor": 0, "as_recipient": 0, **{q_: 0 for q_ in QUADS}}
        totals["events"] = conn.execute(select(n_events).select_from(p).join(e, e.c.id == p.c.event_id)
                                        .where(*mine)).scalar() or 0
        for r in conn.execute(select(p.c.side, n_events.label("n")).select_from(p).join(e, e.c.id == p.c.event_id)
                              .where(*mine).group_by(p.c.side)):
            totals["as_" + r.side] = int(r.n)
        for r in conn.execute(select(e.c.quad, n_events.label("n")).select_from(p).join(e, e.c.id == p.c.event_id)
                              .where(*mine).group_by(e.c.quad)):
            if r.quad in QUADS:
                totals[r.quad] = int(r.n)
        if not entities and not totals["events"]:
            if conn.execute(select(p.c.id).where(p.c.code == code).limit(1)).first() is None:
                return None

        # counterparts: codes on the other side of its events
        me, other = t.participants.alias("me"), t.participants.alias("other")
        cp = (select(other.c.code, e.c.id, e.c.quad, e.c.scale).distinct().select_from(e)
              .join(me, me.c.event_id == e.c.id).join(other, other.c.event_id == e.c.id)
              .where(me.c.code == code, other.c.side != me.c.side, other.c.code != code,
                     e.c.status.in_(COUNTED_STATUSES)).subquery())
        cq = (select(cp.c.code, func.count().label("events"), *_quad_sums(cp.c.quad),
                     func.avg(cp.c.scale).label("score"))
              .group_by(cp.c.code).order_by(func.count().desc(), cp.c.code).limit(top))
        counterparts = [{"code": r.code, "events": int(r.events), "cooperation": int(r.cooperation or 0),
                         "conflict": int(r.conflict or 0), "score": _num(r.score)} for r in conn.execute(cq)]
        labels = _code_labels(conn, [code] + [c["code"] for c in counterparts])
        for c in counterparts:
            c["label"] = labels[c["code"]][0]

        rq = (select(e, *_ARTICLE_COLS).join(t.articles, t.articles.c.id == e.c.article_id)
              .where(*_event_where(code=code)).order_by(*_chrono(e, newest_first=True)).limit(recent))
        recent_events = _event_rows(conn, rq)

        r = t.relations
        rel_where = [or_(r.c.object == code, _json_has(r.c.subject, code),
                         *([r.c.object.in_(ids)] if ids else []))]
        rels = _relations(conn, rel_where)
        cq2 = (_commitment_query().where(or_(_json_has(t.commitments.c.actor, code),
                                             _json_has(t.commitments.c.recipient, code)))
               .order_by(t.articles.c.published.is_(None), t.articles.c.published, t.commitments.c.id))
        comms = [x for x in (_commitment_dict(y) for y in conn.execute(cq2))
                 if code in x["actor"] or code in x["recipient"]]

    label, kind = labels[code]
    if label == code and entities:
        label = entities[0]["name"]
    return {"code": code, "label": label, "kind": kind, "entities": entities, "totals": totals,
            "counterparts": counterparts, "relations": rels, "commitments": comms,
            "events": recent_events}


# -- articles ------------------------------------------------------------------------------------
def _article_list_cols():
    a, e = t.articles, t.events
    n = select(func.count()).select_from(e).where(e.c.article_id == a.c.id).scalar_subquery()
    return (a.c.id, a.c.doc_id, a.c.title, a.c.url, a.c.source, a.c.published, a.c.language, n.label("events"))


def _newest(a) -> list:
    return [a.c.published.is_(None), a.c.published.desc(), a.c.id.desc()]


def articles(store: "Store", *, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles, newest first, with their event counts (no text). q: case-insensitive
    words in the title or the text (one substring, % and _ literal)."""
    a = t.articles
    with store.engine.connect() as conn:
        qry = select(*_article_list_cols()).order_by(*_newest(a))
        if q and q.strip():
            qry = qry.where(or_(_icontains(conn, a.c.title, q.strip()), _icontains(conn, a.c.text, q.strip())))
        if limit is not None:
            qry = qry.limit(int(limit))
        if offset:
            qry = qry.offset(int(offset))
        return [dict(r._mapping) for r in conn.execute(qry)]


def article(store: "Store", id: int) -> dict[str, Any] | None:
    """One article with its text, its events (evidence spans index into the text) and the
    entity mentions; None when there is no such article."""
    a, m = t.articles, t.mentions
    with store.engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.id == int(id))).first()
        if row is None:
            return None
        out = {k: v for k, v in row._mapping.items()}
        out["mentions"] = [{"start": r.start, "end": r.end, "text": r.text, "entity_id": r.entity_id,
                            "role": r.role, "sector": r.sector}
                           for r in conn.execute(select(m).where(m.c.article_id == row.id).order_by(m.c.start))]
        e = t.events
        out["events"] = _event_rows(conn, select(e, *_ARTICLE_COLS).join(a, a.c.id == e.c.article_id)
                                    .where(e.c.article_id == row.id).order_by(e.c.evidence_start, e.c.id))
    return out


def _snippet(text: str, needle: str, width: int = 80) -> tuple[int, str]:
    hit = re.search(re.escape(needle), text, re.IGNORECASE)
    if hit is None:   # matched in a way Python folds differently: show the beginning
        return -1, " ".join(text[:2 * width].split())
    s, e = hit.span()
    lo, hi = max(0, s - width), min(len(text), e + width)
    # widen to word boundaries so the snippet does not start or end mid-word
    while lo > 0 and not text[lo - 1].isspace() and s - lo < width + 20:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - e < width + 20:
        hi += 1
    body = " ".join(text[lo:hi].split())
    return s, ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")


def search(store: "Store", text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Articles whose text contains `text` (case-insensitive, % and _ literal), newest first,
    each with a snippet around the first hit and its offset (`start`, -1 if not located)."""
    text = (text or "").strip()
    if not text:
        return []
    a = t.articles
    with store.engine.connect() as conn:
        qry = (select(*_article_list_cols(), a.c.text).where(_icontains(conn, a.c.text, text))
               .order_by(*_newest(a)).limit(int(limit)))
        rows = conn.execute(qry).all()
    out = []
    for r in rows:
        d = dict(r._mapping)
        body = d.pop("text")
        d["start"], d["snippet"] = _snippet(body, text)
        out.append(d)
    return out
