"""Versioned schema migrations. Each step runs once, in order, inside one transaction; the
`schema_version` table records what has been applied. Add a step by appending a function.

A new database gets the whole schema from step 1 (`create_all`); later steps therefore only add
what is missing (tables, columns, indexes), so they serve both a new database and an old one.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import Connection, inspect, select, text, update

from . import schema

_BATCH = 2000


def _v1_initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def _add_missing(conn: Connection) -> None:
    """Create the tables, columns and indexes of schema.py that the database lacks."""
    insp = inspect(conn)
    quote = conn.dialect.identifier_preparer.quote
    for table in schema.metadata.sorted_tables:
        if not insp.has_table(table.name):
            table.create(conn)
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name not in have:     # every later column is nullable, so ADD COLUMN suffices
                conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(col.name)} "
                                  f"{col.type.compile(dialect=conn.dialect)}"))
        have_ix = {i["name"] for i in insp.get_indexes(table.name)}
        for ix in table.indexes:
            if ix.name not in have_ix:
                ix.create(conn)


def _v2_fusion_ledger(conn: Connection) -> None:
    _add_missing(conn)
    _backfill_articles(conn)
    conn.execute(update(schema.events).where(schema.events.c.cluster_id.is_(None))
                 .values(cluster_id=schema.events.c.id))
    _backfill_commitments(conn)


def _backfill_articles(conn: Connection) -> None:
    """norm_hash and the first source of articles stored before v2. Two old articles that differ
    only in punctuation both stay; the later one just gets no norm_hash."""
    from ..world.fusion import normalized_hash

    a, src = schema.articles, schema.article_sources
    seen = {r[0] for r in conn.execute(select(a.c.norm_hash).where(a.c.norm_hash.is_not(None)))}
    has_src = {r[0] for r in conn.execute(select(src.c.article_id).distinct())}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    last = 0
    while True:
        rows = conn.execute(select(a.c.id, a.c.text, a.c.hash, a.c.doc_id, a.c.path, a.c.title, a.c.url,
                                   a.c.source, a.c.published, a.c.norm_hash)
                            .where(a.c.id > last).order_by(a.c.id).limit(_BATCH)).all()
        if not rows:
            break
        last = rows[-1].id
        for r in rows:
            if r.norm_hash is None:
                nh = normalized_hash(r.text)
                if nh not in seen:
                    seen.add(nh)
                    conn.execute(update(a).where(a.c.id == r.id).values(norm_hash=nh))
        new_src = [dict(article_id=r.id, hash=r.hash, doc_id=r.doc_id, path=r.path, title=r.title, url=r.url,
                        source=r.source, published=r.published, seen_at=now)
                   for r in rows if r.id not in has_src]
        if new_src:
            conn.execute(src.insert(), new_src)


def _backfill_commitments(conn: Connection) -> None:
    """Parties, keys and a first history entry for commitments stored before v2."""
    from ..world import ledger

    c, a, ev = schema.commitments, schema.articles, schema.events
    done = {r[0] for r in conn.execute(select(schema.commitment_updates.c.commitment_id).distinct())}
    rows = conn.execute(select(c.c.id, c.c.article_id, c.c.event_local_id, c.c.actor, c.c.recipient,
                               c.c.object, c.c.status, c.c.evidence_start, c.c.evidence_end,
                               c.c.evidence_text, c.c.quantity, c.c.deadline, c.c.local_id,
                               a.c.language, a.c.published, ev.c.id.label("eid"), ev.c.date, ev.c.event)
                        .join(a, a.c.id == c.c.article_id)
                        .join(ev, (ev.c.article_id == c.c.article_id) & (ev.c.local_id == c.c.event_local_id),
                              isouter=True)
                        .order_by(c.c.id)).all()
    for r in rows:
        if r.id in done:
            continue
        lex = ledger.lexicon(r.language or "de")
        words = [w for w in "".join(ch if ch.isalnum() else " " for ch in r.evidence_text).split()]
        reading = ledger.read(lex, words, event=r.event)
        made = ledger.made_on(r.date, r.published)
        parties = [dict(commitment_id=r.id, side=side, code=code)
                   for side, codes in (("actor", json.loads(r.actor)), ("recipient", json.loads(r.recipient)))
                   for code in codes]
        if parties:
            conn.execute(schema.commitment_parties.insert(), parties)
        conn.execute(update(c).where(c.c.id == r.id).values(
            pledge_event_id=r.eid, made_on=made, action_key=reading.action,
            object_key=ledger.object_of(lex, r.object, words), status_on=made))
        for change in ("made",) + ((r.status,) if r.status != "made" else ()):
            conn.execute(schema.commitment_updates.insert().values(
                commitment_id=r.id, change=change, status=change, date=made, article_id=r.article_id,
                event_id=r.eid, local_id=r.local_id, quantity=r.quantity, deadline=r.deadline,
                evidence_start=r.evidence_start, evidence_end=r.evidence_end, evidence_text=r.evidence_text))


def _v3_query_speed(conn: Connection) -> None:
    """participants.date and dyad_months, filled from the stored events; the participant indexes
    that ix_participants_history replaces are dropped."""
    from .dyads import COUNTED, dyad_rows

    _add_missing(conn)
    p, e = schema.participants, schema.events
    conn.execute(update(p).where(p.c.date.is_(None)).values(
        date=select(e.c.date).where(e.c.id == p.c.event_id).scalar_subquery()))
    for name in ("ix_participants_code", "ix_participants_code_side_event"):
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    if conn.execute(select(schema.dyad_months.c.lo).limit(1)).first() is not None:
        return
    totals: dict[tuple[str, str, str], dict] = {}
    last = 0
    while True:     # in batches of events, so a large store is not read into memory at once
        evs = conn.execute(select(e.c.id, e.c.date, e.c.quad, e.c.scale)
                           .where(e.c.id > last, e.c.status.in_(COUNTED), e.c.date.is_not(None))
                           .order_by(e.c.id).limit(_BATCH * 10)).all()
        if not evs:
            break
        last = evs[-1].id
        sides: dict[int, tuple[set, set]] = {r.id: (set(), set()) for r in evs}
        for r in conn.execute(select(p.c.event_id, p.c.side, p.c.code)
                              .where(p.c.event_id.between(evs[0].id, last))):
            if r.event_id in sides:
                sides[r.event_id][r.side == "recipient"].add(r.code)
        for r in evs:
            for row in dyad_rows(sides[r.id][0], sides[r.id][1], r.date, r.quad, r.scale):
                key = (row["lo"], row["hi"], row["period"])
                acc = totals.setdefault(key, dict.fromkeys(row, 0) | {"lo": key[0], "hi": key[1], "period": key[2]})
                for k, v in row.items():
                    if k not in ("lo", "hi", "period"):
                        acc[k] += v
    rows = list(totals.values())
    for i in range(0, len(rows), _BATCH):
        conn.execute(schema.dyad_months.insert(), rows[i:i + _BATCH])


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema: articles, entities, mentions, events, participants, relations, commitments",
     _v1_initial),
    (2, "fusion and commitment ledger: article sources, event clusters, commitment parties and history; "
        "indexes for large stores", _v2_fusion_ledger),
    (3, "query speed at size: participants.date with a history index, dyad_months", _v3_query_speed),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    v = conn.execute(select(schema.schema_version.c.version).order_by(
        schema.schema_version.c.version.desc()).limit(1)).scalar()
    return int(v or 0)


def migrate(conn: Connection) -> int:
    """Bring the database to the latest version; returns the version reached."""
    have = current_version(conn)
    for version, _, step in MIGRATIONS:
        if version <= have:
            continue
        if version == 1:
            schema.schema_version.create(conn, checkfirst=True)
        step(conn)
        conn.execute(schema.schema_version.insert().values(
            version=version, applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        have = version
    return have
