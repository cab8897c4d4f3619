"""Tables of the store (SQLAlchemy Core, so the same schema serves SQLite and PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import (Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(32), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("doc_id", Text, nullable=False),
    Column("path", Text),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("author", Text),
    Column("language", String(8)),
    Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("id", String(200), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String(3)),
    Column("code", String(3)),
    Column("sector", String(6)),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", String(200), ForeignKey("entities.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Integer),
    Column("role", Text),
    Column("sector", String(6)),
    Column("office", Text),
    Index("ix_mentions_entity", "entity_id"),
    Index("ix_mentions_article", "article_id"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(40), nullable=False),
    Column("event", String(12), nullable=False),
    Column("mode", Text),          # JSON list
    Column("context", Text),       # JSON list
    Column("status", String(12), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(5)),
    Column("quad", String(24)),
    Column("scale", Float),
    Column("cameo", String(8)),
    Column("confidence", Float),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("quantity", Text),      # JSON object
    Column("attribution", Text),   # JSON object
    Column("location", Text),      # JSON object
    UniqueConstraint("article_id", "local_id"),
    Index("ix_events_date", "date"),
    Index("ix_events_event", "event"),
)

participants = Table(
    "participants", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("side", String(9), nullable=False),       # actor | recipient
    Column("code", String(3), nullable=False),
    Column("sector", String(6)),
    Column("entity_id", String(200)),
    Column("entity_text", Text),
    Index("ix_participants_code", "side", "code"),
    Index("ix_participants_event", "event_id"),
)

relations = Table(
    "relations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(20), nullable=False),
    Column("subject", Text, nullable=False),   # JSON list
    Column("object", Text),
    Column("name", Text),
    Column("role", Text),
    Column("note", Text),
    Column("valid_from", String(10)),
    Column("valid_to", String(10)),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Index("ix_relations_type", "type"),
)

commitments = Table(
    "commitments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(40), nullable=False),
    Column("event_local_id", String(40), nullable=False),
    Column("actor", Text, nullable=False),     # JSON list of codes
    Column("recipient", Text, nullable=False), # JSON list of codes
    Column("action", Text, nullable=False),
    Column("object", Text),
    Column("quantity", Text),                  # JSON object
    Column("deadline", String(10)),
    Column("condition", Text),
    Column("status", String(12), nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
)
