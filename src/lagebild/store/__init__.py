"""The store: analysed documents kept in SQLite (default) or any SQLAlchemy database URL.

Every article is written in one transaction with its mentions, events, relations and
commitments; an article whose content hash is already stored is skipped, so ingest is
idempotent. The same transaction fuses the world across articles:

* a syndicated copy (the same text up to case, punctuation and spacing, from another feed) is
  not stored again; `article_sources` records every feed and URL an article came from;
* every event mention is kept and gets a `cluster_id`: mentions of one real-world event, in any
  article or language, share it (rule: lagebild/world/fusion.py);
* a commitment that repeats a stored one becomes a `reaffirmed` (or `reported`) entry of that
  one's history instead of a second commitment, and later reports fulfil, break, withdraw or
  block it (rule: lagebild/world/ledger.py). `commitments.status` is always the current status,
  `commitment_updates` the history, each entry with the article and event that reported it.
"""
from __future__ import annotations

import bisect
import json
from contextlib import contextmanager
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, create_engine, event, exists, func, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from ..model import Commitment, Document, Event, Span
from ..world import fusion, ledger
from ..world.fusion import normalized_hash
from . import dyads
from . import schema as t
from .migrations import migrate

__all__ = ["Store", "Added", "default_db", "to_url"]


def default_db() -> str:
    """`LAGEBILD_DB`, else lagebild.db in the user's data directory."""
    env = os.environ.get("LAGEBILD_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("lagebild", appauthor=False)) / "lagebild.db")


def to_url(db: str) -> str:
    if db.startswith(("postgresql://", "postgres://")):
        # the psycopg 3 driver of the postgres extra (SQLAlchemy 2.0 would pick psycopg2)
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    path = Path(db).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _json(obj: Any) -> str | None:
    if obj is None:
        return None
    if hasattr(obj, "__dataclass_fields__"):
        obj = {k: v for k, v in vars(obj).items() if v is not None}
    return json.dumps(obj, ensure_ascii=False)


_MAX_CANDIDATES = 500     # stored mentions compared per date window of a new event; oldest first
_MAX_PLEDGES = 200        # open commitments compared per article (the newest) ...
_MAX_REPLAY = 200         # ... and stored later reports per new commitment
_CHUNK = 5000             # ids per IN (...) list, far below SQLite's bound-parameter limit
_HORIZON_YEARS = 3        # a report is matched against commitments made at most this long before it


@dataclass(frozen=True)
class Added:
    """What `Store.put` did with a document."""

    status: str          # "new", "duplicate" (same text stored) or "syndicated" (same text, other form)
    article_id: int

    @property
    def new(self) -> bool:
        return self.status == "new"


@dataclass
class _Stored:
    """An event of the document being written, with what fusion and the ledger made of it."""

    eid: int
    cluster: int
    event: Event
    action: str | None
    object: str | None
    cue: str | None
    pledge: bool


class Store:
    def __init__(self, db: str | None = None):
        self.url = to_url(db or default_db())
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        with _migration_lock(self.url), self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":   # one migrator at a time across processes
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7411)")
            self.version = migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def has(self, content_hash: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.articles.c.id).where(t.articles.c.hash == content_hash)).first() is not None

    def add(self, doc: Document) -> bool:
        """Store a document atomically; False when its text is already stored (then only the
        new source is recorded, see `put`)."""
        return self.put(doc).new

    def put(self, doc: Document) -> Added:
        """Store a document atomically, fusing its events with stored ones and updating the
        commitment ledger. A text already stored, exactly or up to case, punctuation and spacing
        (a syndicated copy), is not analysed again: its feed, URL and id are added to the stored
        article's sources."""
        a = doc.article
        norm = normalized_hash(a.text)
        for attempt in range(2):
            try:
                with self.engine.begin() as conn:
                    row = conn.execute(select(t.articles.c.id, t.articles.c.hash).where(
                        or_(t.articles.c.hash == a.hash, t.articles.c.norm_hash == norm))
                        .order_by(t.articles.c.id).limit(1)).first()
                    if row is not None:
                        self._link(conn, row.id, a)
                        return Added("duplicate" if row.hash == a.hash else "syndicated", row.id)
                    aid = conn.execute(insert(t.articles).values(
                        hash=a.hash, norm_hash=norm, doc_id=a.id, path=a.path, title=a.title, url=a.url,
                        source=a.source, author=a.author, language=a.language,
                        published=a.published.isoformat() if a.published else None, text=a.text,
                        ingested_at=_now())).inserted_primary_key[0]
                    self._link(conn, aid, a, new=True)
                    self._write(conn, aid, doc)
                return Added("new", aid)
            except IntegrityError:
                # a concurrent ingest stored the same text first: the retry links to it
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _link(self, conn, aid: int, a, new: bool = False) -> None:
        """Record where a copy of article `aid` came from, once per (id, url, source, text)."""
        src = t.article_sources
        key = (a.hash, a.id, a.url, a.source)
        if not new and any(tuple(r) == key for r in conn.execute(
                select(src.c.hash, src.c.doc_id, src.c.url, src.c.source).where(src.c.article_id == aid))):
            return
        conn.execute(insert(src).values(article_id=aid, hash=a.hash, doc_id=a.id, path=a.path, title=a.title,
                                        url=a.url, source=a.source,
                                        published=a.published.isoformat() if a.published else None,
                                        seen_at=_now()))

    def _write(self, conn, aid: int, doc: Document) -> None:
        known = {r[0] for r in conn.execute(select(t.entities.c.id).where(
            t.entities.c.id.in_([e.id for e in doc.entities])))} if doc.entities else set()
        new = [dict(id=e.id, kind=e.kind, name=e.name, country=e.country, code=e.code, sector=e.sector)
               for e in doc.entities if e.id not in known]
        if new:
            conn.execute(insert(t.entities), new)
        offices = {e.id: e.office for e in doc.entities}
        if doc.mentions:
            conn.execute(insert(t.mentions), [
                dict(article_id=aid, entity_id=m.entity_id, start=m.start, end=m.end, text=m.text,
                     sentence=m.sentence, role=m.role, sector=m.sector, office=offices.get(m.entity_id))
                for m in doc.mentions])
        published = doc.article.published.isoformat() if doc.article.published else None
        stored = self._write_events(conn, aid, doc, published) if doc.events else {}
        if doc.relations:
            conn.execute(insert(t.relations), [
                dict(article_id=aid, type=r.type, subject=_json(r.subject), object=r.object, name=r.name,
                     role=r.role, note=r.note, valid_from=r.valid_from, valid_to=r.valid_to,
                     evidence_start=r.evidence.start, evidence_end=r.evidence.end, evidence_text=r.evidence.text)
                for r in doc.relations])
        if doc.commitments or any(s.action or s.object for s in stored.values()):
            self._ledger(conn, aid, doc, stored, published)

    # -- fusion ----------------------------------------------------------------------------
    def _write_events(self, conn, aid: int, doc: Document, published: str | None) -> dict[str, _Stored]:
        """Insert the document's events (one statement), then give each its cluster: the best
        stored or earlier same-article mention of the same real-world event, else its own."""
        lex = ledger.lexicon(doc.lang)
        rows, readings, mentions = [], [], []
        for e in doc.events:
            reading = ledger.read(lex, _words(doc, e.evidence), e.predicate, e.event[0], e.mode)
            commodity = e.quantity.commodity if e.quantity else None
            obj = ledger.object_of(lex, commodity, _surface(doc, e.evidence))
            readings.append((reading, obj))
            rows.append(dict(
                article_id=aid, local_id=e.id, event=e.event[0], mode=_json(e.mode), context=_json(e.context),
                status=e.status, date=e.date, date_precision=e.date_precision, quad=e.quad, scale=e.scale,
                cameo=e.cameo, confidence=e.confidence, evidence_start=e.evidence.start,
                evidence_end=e.evidence.end, evidence_text=e.evidence.text, quantity=_json(e.quantity),
                attribution=_json(e.attribution), location=_json(e.location), cluster_id=None,
                action=reading.action, object=obj, cue=reading.cue))
            mentions.append(fusion.Mention(
                id=0, event=e.event[0], status=e.status, date=e.date, precision=e.date_precision, article=aid,
                actors=frozenset(fusion.party_key(p.code, p.entity_id) for p in e.actor),
                recipients=frozenset(fusion.party_key(p.code, p.entity_id) for p in e.recipient),
                modes=frozenset(e.mode), place=_place(e.location),
                amount=e.quantity.amount if e.quantity else None, object=commodity, action=reading.action,
                reported=published))
        ids = list(conn.execute(insert(t.events).returning(t.events.c.id, sort_by_parameter_order=True),
                                rows).scalars())
        parts = [dict(event_id=eid, side=side, code=p.code, sector=p.sector, entity_id=p.entity_id,
                      entity_text=p.entity_text, date=e.date)
                 for eid, e in zip(ids, doc.events)
                 for side, ps in (("actor", e.actor), ("recipient", e.recipient)) for p in ps]
        if parts:
            conn.execute(insert(t.participants), parts)
        dyads.add(conn, [row for e in doc.events if e.date and e.status in dyads.COUNTED
                         for row in dyads.dyad_rows([p.code for p in e.actor], [p.code for p in e.recipient],
                                                    e.date, e.quad, e.scale)])
        mentions = [replace(m, id=eid) for m, eid in zip(mentions, ids)]
        stored_cands = self._fusion_candidates(conn, aid, mentions,
                                               {p.code for e in doc.events for p in e.actor + e.recipient})
        by_type: dict[str, list[fusion.Mention]] = {}
        for c in stored_cands:
            by_type.setdefault(c.event, []).append(c)
        here: list[fusion.Mention] = []
        out: dict[str, _Stored] = {}
        for m, e, (reading, obj) in zip(mentions, doc.events, readings):
            best = fusion.best_match(m, by_type.get(m.event, []) + [h for h in here if h.event == m.event])
            m = replace(m, cluster=best.cluster if best else m.id)
            here.append(m)
            out[e.id] = _Stored(m.id, m.cluster, e, reading.action, obj, reading.cue, reading.pledge)
        conn.execute(update(t.events).where(t.events.c.id == bindparam("b_id"))
                     .values(cluster_id=bindparam("b_cluster")),
                     [dict(b_id=s.eid, b_cluster=s.cluster) for s in out.values()])
        return out

    def _fusion_candidates(self, conn, aid: int, mentions: list[fusion.Mention],
                           codes: set[str]) -> list[fusion.Mention]:
        """Stored mentions (other articles) that could tell the same events: one indexed query
        by type, status and date window, restricted to events with a party in common."""
        ev, pa = t.events, t.participants
        windows = []
        for key in {(m.event, fusion.status_group(m.status), m.date, m.prec) for m in mentions if m.date}:
            etype, group, d, prec = key
            exact, span = fusion.date_window(d, prec)
            # one OR term per date condition, so that each can use the (event, date) index
            for when in ([ev.c.date.in_(exact)] if exact else []) + ([ev.c.date.between(*span)] if span else []):
                windows.append(and_(ev.c.event == etype, when, ev.c.status.in_(_GROUPS[group])))
        if not windows or not codes:
            return []
        rows = conn.execute(
            select(ev.c.id, ev.c.event, ev.c.status, ev.c.date, ev.c.date_precision, ev.c.article_id, ev.c.mode,
                   ev.c.location, ev.c.quantity, ev.c.cluster_id, ev.c.action, t.articles.c.published)
            .join(t.articles, t.articles.c.id == ev.c.article_id)
            .where(or_(*windows), ev.c.article_id != aid,
                   # EXISTS, not IN: the planner must start from the (event, date) index, not
                   # from every event of a country as common as the USA
                   exists().where(pa.c.event_id == ev.c.id, pa.c.code.in_(sorted(codes))))
            .order_by(ev.c.id).limit(_MAX_CANDIDATES * len(windows))).all()
        if not rows:
            return []
        sides = self._sides(conn, pa, pa.c.event_id, [r.id for r in rows], key=True)
        out = []
        for r in rows:
            q = json.loads(r.quantity) if r.quantity else {}
            out.append(fusion.Mention(
                id=r.id, event=r.event, status=r.status, date=r.date, precision=r.date_precision,
                article=r.article_id, actors=frozenset(sides[r.id]["actor"]),
                recipients=frozenset(sides[r.id]["recipient"]),
                modes=frozenset(json.loads(r.mode) if r.mode else ()),
                place=_place(json.loads(r.location) if r.location else None), amount=q.get("amount"),
                object=q.get("commodity"), action=r.action, reported=r.published,
                cluster=r.cluster_id if r.cluster_id is not None else r.id))
        return out

    @staticmethod
    def _sides(conn, table, fk, ids: list[int], key: bool = False) -> dict[int, dict[str, set[str]]]:
        """Actor and recipient codes (party keys with `key`) of rows `ids`, fetched in chunks."""
        out: dict[int, dict[str, set[str]]] = {i: {"actor": set(), "recipient": set()} for i in ids}
        cols = [fk, table.c.side, table.c.code] + ([table.c.entity_id] if key else [])
        q = select(*cols).where(fk.in_(bindparam("ids", expanding=True)))   # no per-id expression objects
        for lo in range(0, len(ids), _CHUNK):
            for r in conn.execute(q, {"ids": ids[lo:lo + _CHUNK]}):
                out[r[0]][r.side].add(fusion.party_key(r.code, r.entity_id) if key else r.code)
        return out

    # -- the commitment ledger ---------------------------------------------------------------
    def _ledger(self, conn, aid: int, doc: Document, stored: dict[str, _Stored], published: str | None) -> None:
        """Commitments of the document (new, or updates of stored ones), then the effect of its
        events on stored commitments, then (for new ones) of reports stored before them."""
        reports = [self._report(s, published) for s in stored.values()]
        new_pledges: list[ledger.Pledge] = []
        if doc.commitments:
            first = [(c, stored.get(c.event_id)) for c in doc.commitments]
            keys = [self._pledge_of(c, s, aid, published) for c, s in first]
            pool = self._pledges(conn, {x for c, _ in first for x in c.actor}, side="actor",
                                 actions={p.action for p in keys if p.action},
                                 objects={p.object for p in keys if p.object},
                                 clusters={p.cluster for p in keys if p.cluster is not None})
            for (c, s), new in zip(first, keys):
                made = self._write_commitment(conn, aid, c, s, new, pool + new_pledges, published)
                if made is not None:
                    new_pledges.append(made)
        live = [r for r in reports if r.action or r.object]
        if live:
            pool = {p.id: p for p in self._pledges(
                conn, {x for r in live for x in r.actors | r.recipients},
                actions={r.action for r in live if r.action}, objects={r.object for r in live if r.object},
                since=_years_before(min((r.date or published or "") for r in live), _HORIZON_YEARS))}
            for r, s in ((r, stored_s) for r, stored_s in zip(reports, stored.values()) if r.action or r.object):
                for p, change in ledger.effects(r, pool.values()):
                    status = self._record(conn, p.id, change, published or r.date, aid, s.eid, None,
                                          s.event.quantity, None, s.event.evidence)
                    pool[p.id] = replace(p, status=status)
        for p in new_pledges:
            self._replay_later_reports(conn, aid, p, published)

    def _pledge_of(self, c: Commitment, s: _Stored | None, aid: int, published: str | None) -> ledger.Pledge:
        e = s.event if s else None
        return ledger.Pledge(None, frozenset(c.actor), frozenset(c.recipient), s.action if s else None,
                             c.object or (s.object if s else None), ledger.made_on(e.date if e else None, published),
                             kind=ledger.kind_of(e.event[0] if e else None), event=s.eid if s else None,
                             cluster=s.cluster if s else None, article=aid, reported=published)

    def _write_commitment(self, conn, aid: int, c: Commitment, s: _Stored | None, new: ledger.Pledge,
                          pool: list[ledger.Pledge], published: str | None) -> ledger.Pledge | None:
        """A new commitment, or an entry in the history of the stored one it repeats. Returns
        the new one."""
        deadline = c.deadline or _deadline(s.event if s else None, published)
        old = ledger.best_pledge(new, pool)
        cue = s.cue if s and s.cue in ledger.SELF_CUES else None
        if cue and old is not None:
            return None     # "broke its promise": a report about the stored one (see _ledger)
        if old is not None:
            cu = t.commitment_updates
            # another report of the same statement (same news cycle) is no reaffirmation, and
            # one article repeating itself reaffirms once
            same = old.article == aid or (old.cluster is not None and old.cluster == new.cluster) or \
                ledger.same_news_cycle(old.reported, new.reported) or \
                conn.execute(select(cu.c.id).where(cu.c.commitment_id == old.id, cu.c.article_id == aid)).first() \
                is not None
            self._record(conn, old.id, "reported" if same else "reaffirmed", published or new.made, aid,
                         new.event, c.id, c.quantity, deadline, c.evidence)
            cm = t.commitments
            cur = conn.execute(select(cm.c.object, cm.c.quantity, cm.c.deadline, cm.c.object_key)
                               .where(cm.c.id == old.id)).one()
            fill = {k: v for k, v in (("object", c.object), ("quantity", _json(c.quantity)), ("deadline", deadline),
                                      ("object_key", new.object)) if v is not None and getattr(cur, k) is None}
            if fill:
                conn.execute(update(cm).where(cm.c.id == old.id).values(**fill))
            return None
        changes = ["made"] + ([cue or c.status] if (cue or c.status != "made") else [])
        status = ledger.fold(changes)
        cid = conn.execute(insert(t.commitments).values(
            article_id=aid, local_id=c.id, event_local_id=c.event_id, actor=_json(c.actor),
            recipient=_json(c.recipient), action=c.action, object=c.object, quantity=_json(c.quantity),
            deadline=deadline, condition=c.condition, status=status, evidence_start=c.evidence.start,
            evidence_end=c.evidence.end, evidence_text=c.evidence.text, pledge_event_id=new.event,
            made_on=new.made, action_key=new.action, object_key=new.object,
            status_on=new.made)).inserted_primary_key[0]
        parties = [dict(commitment_id=cid, side=side, code=code)
                   for side, codes in (("actor", c.actor), ("recipient", c.recipient)) for code in codes]
        if parties:
            conn.execute(insert(t.commitment_parties), parties)
        # a pledge the analysis already reports as kept (or this sentence as broken) gets that
        # as its second entry
        conn.execute(insert(t.commitment_updates), [
            dict(commitment_id=cid, change=ch, status=ledger.fold(changes[:k + 1]), date=new.made, article_id=aid,
                 event_id=new.event, local_id=c.id, quantity=_json(c.quantity), deadline=deadline,
                 evidence_start=c.evidence.start, evidence_end=c.evidence.end, evidence_text=c.evidence.text)
            for k, ch in enumerate(changes)])
        return replace(new, id=cid, status=status)

    def _pledges(self, conn, codes, *, side: str | None = None, actions=(), objects=(),
                 clusters=(), since: str | None = None) -> list[ledger.Pledge]:
        """Open commitments made since `since` (ISO date) with a party among `codes` and the same
        action, object or pledge event cluster as one of the given ones; the newest first."""
        cm, cp, ev = t.commitments, t.commitment_parties, t.events
        ties, is_open = [], cm.c.status.in_(sorted(ledger.OPEN))
        if since:
            is_open = and_(is_open, or_(cm.c.made_on >= since, cm.c.made_on.is_(None)))
        # the open-status test inside each OR term lets each term use its own index
        if actions:
            ties.append(and_(cm.c.action_key.in_(sorted({x for a in actions for x in ledger.related_actions(a)})),
                             is_open))
        if objects:
            ties.append(and_(cm.c.object_key.in_(sorted({x for o in objects for x in fusion.object_variants(o)})),
                             is_open))
        if clusters:
            pledge_events = [r[0] for r in conn.execute(select(ev.c.id).where(ev.c.cluster_id.in_(sorted(clusters))))]
            if pledge_events:
                ties.append(and_(cm.c.pledge_event_id.in_(pledge_events), is_open))
        if not codes or not ties:
            return []
        who = and_(cp.c.commitment_id == cm.c.id, cp.c.code.in_(sorted(set(codes))))
        if side:
            who = and_(who, cp.c.side == side)
        rows = conn.execute(
            select(cm.c.id, cm.c.action_key, cm.c.object_key, cm.c.made_on, cm.c.status, cm.c.pledge_event_id,
                   cm.c.article_id, cm.c.actor, cm.c.recipient, ev.c.cluster_id, ev.c.event, t.articles.c.published)
            .join(ev, ev.c.id == cm.c.pledge_event_id, isouter=True)
            .join(t.articles, t.articles.c.id == cm.c.article_id)
            .where(or_(*ties), exists().where(who))
            .order_by(cm.c.id.desc()).limit(_MAX_PLEDGES)).all()
        return [ledger.Pledge(r.id, frozenset(json.loads(r.actor)), frozenset(json.loads(r.recipient)),
                              r.action_key, r.object_key, r.made_on, kind=ledger.kind_of(r.event), status=r.status,
                              event=r.pledge_event_id, cluster=r.cluster_id, article=r.article_id,
                              reported=r.published) for r in rows]

    def _report(self, s: _Stored, published: str | None) -> ledger.Report:
        e = s.event
        return ledger.Report(s.eid, e.event[0], e.status, e.date or published,
                             frozenset(p.code for p in e.actor), frozenset(p.code for p in e.recipient),
                             s.action, s.object, s.cue, s.pledge, s.cluster, published)

    def _replay_later_reports(self, conn, aid: int, p: ledger.Pledge, published: str | None) -> None:
        """Reports stored before `p` but about a later time (out-of-order ingest) that touch it."""
        ev, pa, ar = t.events, t.participants, t.articles
        ties = []
        if p.action:
            ties.append(ev.c.action.in_(sorted(ledger.related_actions(p.action))))
        if p.object:
            ties.append(ev.c.object.in_(sorted(fusion.object_variants(p.object))))
        if not ties or not p.made:
            return
        rows = conn.execute(
            select(ev.c.id, ev.c.event, ev.c.status, ev.c.date, ev.c.action, ev.c.object, ev.c.cue,
                   ev.c.cluster_id, ev.c.article_id, ev.c.quantity, ev.c.evidence_start, ev.c.evidence_end,
                   ev.c.evidence_text, ar.c.published)
            .join(ar, ar.c.id == ev.c.article_id)
            .where(ev.c.article_id != aid, or_(*ties), ev.c.date >= p.made,
                   ar.c.published >= (published or p.made),
                   or_(ev.c.event.notin_(["AGREE", "THREATEN"]), ev.c.cue.is_not(None)),
                   exists().where(pa.c.event_id == ev.c.id, pa.c.code.in_(sorted(p.actors | p.recipients))))
            .order_by(ev.c.id).limit(_MAX_REPLAY)).all()
        if not rows:
            return
        sides = self._sides(conn, pa, pa.c.event_id, [r.id for r in rows])
        status = p.status
        for r in sorted(rows, key=lambda r: (r.published or r.date or "", r.id)):
            if status not in ledger.OPEN:
                break
            rep = ledger.Report(r.id, r.event, r.status, r.date or r.published, frozenset(sides[r.id]["actor"]),
                                frozenset(sides[r.id]["recipient"]), r.action, r.object, r.cue, False,
                                r.cluster_id, r.published)
            hit = ledger.effect(replace(p, status=status), rep)
            if hit:
                q = json.loads(r.quantity) if r.quantity else None
                status = self._record(conn, p.id, hit[0], r.published or r.date, r.article_id, r.id, None, q,
                                      None, Span(r.evidence_start, r.evidence_end, r.evidence_text))

    def _record(self, conn, cid: int, change: str, date: str | None, aid: int, eid: int | None,
                local_id: str | None, quantity, deadline: str | None, evidence: Span) -> str:
        """Append a change to a commitment's history (once per event and change) and refresh the
        statuses; returns the commitment's current status."""
        cu, cm = t.commitment_updates, t.commitments
        dup = conn.execute(select(cu.c.id).where(cu.c.commitment_id == cid, cu.c.change == change,
                                                 cu.c.article_id == aid,
                                                 cu.c.event_id == eid if eid is not None else cu.c.event_id.is_(None))
                           ).first()
        if dup is None:
            conn.execute(insert(cu).values(
                commitment_id=cid, change=change, status="made", date=date, article_id=aid, event_id=eid,
                local_id=local_id, quantity=_json(quantity), deadline=deadline, evidence_start=evidence.start,
                evidence_end=evidence.end, evidence_text=evidence.text))
        rows = conn.execute(select(cu.c.id, cu.c.change, cu.c.status, cu.c.date).where(cu.c.commitment_id == cid)).all()
        rows.sort(key=lambda r: (r.date or "", r.id))
        changes: list[str] = []
        status, since = "made", None
        for r in rows:
            changes.append(r.change)
            after = ledger.fold(changes)
            if after != status or since is None:
                since = r.date
            status = after
            if r.status != after:
                conn.execute(update(cu).where(cu.c.id == r.id).values(status=after))
        conn.execute(update(cm).where(cm.c.id == cid).values(status=status, status_on=since))
        return status

    # -- reading ---------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            out = {name: conn.execute(select(func.count()).select_from(tab)).scalar() or 0
                   for name, tab in (("articles", t.articles), ("entities", t.entities),
                                     ("mentions", t.mentions), ("events", t.events),
                                     ("relations", t.relations), ("commitments", t.commitments))}
            out["event_clusters"] = conn.execute(select(func.count(func.distinct(t.events.c.cluster_id)))).scalar() or 0
            out["article_sources"] = conn.execute(select(func.count()).select_from(t.article_sources)).scalar() or 0
            out["ledger_updates"] = conn.execute(
                select(func.count()).select_from(t.commitment_updates)).scalar() or 0
        out["schema_version"] = self.version
        return out

    def entities(self) -> list[dict[str, Any]]:
        """Entities with their mention counts, most mentioned first."""
        with self.engine.connect() as conn:
            q = (select(t.entities, func.count(t.mentions.c.id).label("mentions"))
                 .join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
                 .group_by(t.entities.c.id).order_by(func.count(t.mentions.c.id).desc(), t.entities.c.id))
            return [dict(r._mapping) for r in conn.execute(q)]

    def events(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Events with participants and their article, in date order."""
        with self.engine.connect() as conn:
            q = (select(t.events, t.articles.c.doc_id, t.articles.c.title)
                 .join(t.articles, t.articles.c.id == t.events.c.article_id)
                 .order_by(t.events.c.date, t.events.c.article_id, t.events.c.evidence_start))
            if limit:
                q = q.limit(limit)
            rows = [dict(r._mapping) for r in conn.execute(q)]
            if not rows:
                return rows
            parts = conn.execute(select(t.participants).where(
                t.participants.c.event_id.in_([r["id"] for r in rows]))).all()
        by: dict[int, dict[str, list]] = {}
        for p in parts:
            by.setdefault(p.event_id, {"actor": [], "recipient": []})[p.side].append(dict(p._mapping))
        for r in rows:
            r.update(by.get(r["id"], {"actor": [], "recipient": []}))
            for k in ("mode", "context", "quantity", "attribution", "location"):
                r[k] = json.loads(r[k]) if r[k] else None
        return rows

    def commitments(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(t.commitments).order_by(t.commitments.c.id))]
        for r in rows:
            for k in ("actor", "recipient", "quantity"):
                r[k] = json.loads(r[k]) if r[k] else None
        return rows

    def sources(self, article_id: int | None = None) -> list[dict[str, Any]]:
        """Where stored articles came from: one row per feed/URL/id a copy of the text arrived by."""
        q = select(t.article_sources).order_by(t.article_sources.c.article_id, t.article_sources.c.id)
        if article_id is not None:
            q = q.where(t.article_sources.c.article_id == article_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def clusters(self) -> dict[int, list[int]]:
        """Event clusters: cluster id -> ids of its mentions (events rows), oldest first."""
        out: dict[int, list[int]] = {}
        with self.engine.connect() as conn:
            for cid, eid in conn.execute(select(t.events.c.cluster_id, t.events.c.id).order_by(t.events.c.id)):
                out.setdefault(cid if cid is not None else eid, []).append(eid)
        return out

    def history(self, commitment_id: int | None = None) -> list[dict[str, Any]]:
        """The ledger: commitment updates in date order, each with its article's doc id."""
        cu = t.commitment_updates
        q = (select(cu, t.articles.c.doc_id).join(t.articles, t.articles.c.id == cu.c.article_id)
             .order_by(cu.c.commitment_id, cu.c.date, cu.c.id))
        if commitment_id is not None:
            q = q.where(cu.c.commitment_id == commitment_id)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
        for r in rows:
            r["quantity"] = json.loads(r["quantity"]) if r["quantity"] else None
        return rows

    def relations(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(t.relations).order_by(t.relations.c.id))]
        for r in rows:
            r["subject"] = json.loads(r["subject"])
        return rows


@contextmanager
def _migration_lock(url: str):
    """Two processes opening a new SQLite file at once must not both create the schema
    (SQLite runs DDL outside the transaction): a lock file beside the database serialises them."""
    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else ""
    if not path or path == ":memory:":
        yield
        return
    import fcntl

    with open(path + ".lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")      # readers keep reading while an ingest writes
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")    # a second writer waits instead of failing
    cur.close()


_STATUSES = ("occurred", "historical", "future", "hypothetical", "negated")
_GROUPS = {g: [s for s in _STATUSES if fusion.status_group(s) == g] for g in {fusion.status_group(s) for s in _STATUSES}}


def _years_before(d: str, years: int) -> str | None:
    """The ISO date `years` before the date (or month, year) `d`; None when `d` is empty."""
    if not d or not d[:4].isdigit():
        return None
    return f"{int(d[:4]) - years:04d}{d[4:10]}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _place(loc) -> str | None:
    """The country of an event's place: names differ across languages ("Rom", "Rome")."""
    if loc is None:
        return None
    return loc.get("country") if isinstance(loc, dict) else loc.country


def _tokens(doc: Document, span: Span):
    lo = bisect.bisect_left(doc.tokens, span.start, key=lambda tk: tk.start)
    hi = bisect.bisect_left(doc.tokens, span.end, lo=lo, key=lambda tk: tk.start)
    return [tk for tk in doc.tokens[lo:hi] if tk.end <= span.end]


def _words(doc: Document, span: Span) -> list[str]:
    """Lemmas of the evidence (surface words where the document has no tokens)."""
    toks = _tokens(doc, span)
    return ledger.lemma_bag(toks) if toks else _split(span.text)


def _surface(doc: Document, span: Span) -> list[str]:
    toks = _tokens(doc, span)
    return [tk.text for tk in toks] if toks else _split(span.text)


def _split(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() or ch == "-" else " " for ch in text).split()


def _deadline(e: Event | None, published: str | None) -> str | None:
    """An announced event's date after its report's date is the date it is due."""
    if e is None or e.status not in ("future", "hypothetical") or not e.date or not published:
        return None
    n = min(len(e.date), len(published))
    return e.date if e.date[:n] > published[:n] else None
