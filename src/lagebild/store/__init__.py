"""The store: analysed documents kept in SQLite (default) or any SQLAlchemy database URL.

Every article is written in one transaction with its mentions, events, relations and
commitments; an article whose content hash is already stored is skipped, so ingest is
idempotent.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from ..model import Document
from . import schema as t
from .migrations import migrate

__all__ = ["Store", "default_db", "to_url"]


def default_db() -> str:
    """`LAGEBILD_DB`, else lagebild.db in the user's data directory."""
    env = os.environ.get("LAGEBILD_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("lagebild", appauthor=False)) / "lagebild.db")


def to_url(db: str) -> str:
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


class Store:
    def __init__(self, db: str | None = None):
        self.url = to_url(db or default_db())
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        with self.engine.begin() as conn:
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
        """Store a document atomically; False when an article with the same text is already there."""
        a = doc.article
        if self.has(a.hash):
            return False
        try:
            with self.engine.begin() as conn:
                aid = conn.execute(insert(t.articles).values(
                    hash=a.hash, doc_id=a.id, path=a.path, title=a.title, url=a.url, source=a.source,
                    author=a.author, language=a.language,
                    published=a.published.isoformat() if a.published else None, text=a.text,
                    ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))).inserted_primary_key[0]
                self._write(conn, aid, doc)
        except IntegrityError:
            # a concurrent ingest stored the same text first: that is the idempotent outcome
            if self.has(a.hash):
                return False
            raise
        return True

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
        for e in doc.events:
            eid = conn.execute(insert(t.events).values(
                article_id=aid, local_id=e.id, event=e.event[0], mode=_json(e.mode), context=_json(e.context),
                status=e.status, date=e.date, date_precision=e.date_precision, quad=e.quad, scale=e.scale,
                cameo=e.cameo, confidence=e.confidence, evidence_start=e.evidence.start,
                evidence_end=e.evidence.end, evidence_text=e.evidence.text, quantity=_json(e.quantity),
                attribution=_json(e.attribution), location=_json(e.location))).inserted_primary_key[0]
            rows = [dict(event_id=eid, side=side, code=p.code, sector=p.sector, entity_id=p.entity_id,
                         entity_text=p.entity_text)
                    for side, ps in (("actor", e.actor), ("recipient", e.recipient)) for p in ps]
            if rows:
                conn.execute(insert(t.participants), rows)
        if doc.relations:
            conn.execute(insert(t.relations), [
                dict(article_id=aid, type=r.type, subject=_json(r.subject), object=r.object, name=r.name,
                     role=r.role, note=r.note, valid_from=r.valid_from, valid_to=r.valid_to,
                     evidence_start=r.evidence.start, evidence_end=r.evidence.end, evidence_text=r.evidence.text)
                for r in doc.relations])
        if doc.commitments:
            conn.execute(insert(t.commitments), [
                dict(article_id=aid, local_id=c.id, event_local_id=c.event_id, actor=_json(c.actor),
                     recipient=_json(c.recipient), action=c.action, object=c.object,
                     quantity=_json(c.quantity), deadline=c.deadline, condition=c.condition, status=c.status,
                     evidence_start=c.evidence.start, evidence_end=c.evidence.end, evidence_text=c.evidence.text)
                for c in doc.commitments])

    # -- reading ---------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            out = {name: conn.execute(select(func.count()).select_from(tab)).scalar() or 0
                   for name, tab in (("articles", t.articles), ("entities", t.entities),
                                     ("mentions", t.mentions), ("events", t.events),
                                     ("relations", t.relations), ("commitments", t.commitments))}
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

    def relations(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(t.relations).order_by(t.relations.c.id))]
        for r in rows:
            r["subject"] = json.loads(r["subject"])
        return rows


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")      # readers keep reading while an ingest writes
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")    # a second writer waits instead of failing
    cur.close()
