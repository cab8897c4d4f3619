"""Tables of the store (SQLAlchemy Core, so the same schema serves SQLite and PostgreSQL).

Columns and tables marked "v2" came with migration 2 (fusion and the commitment ledger); a change
here needs a step in migrations.py so that existing stores get it too.
"""
from __future__ import annotations

from sqlalchemy import (Column, Float, ForeignKey, Index, Integer, MetaData, PrimaryKeyConstraint, String,
                        Table, Text, UniqueConstraint)

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
    # v2: hash of the text ignoring case, punctuation and spacing: a syndicated copy is linked
    Column("norm_hash", String(64)),
    Index("ix_articles_norm_hash", "norm_hash", unique=True),
)

# v2: every feed/URL an article's text came from, the first one included
article_sources = Table(
    "article_sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("hash", String(64), nullable=False),     # exact hash of this copy's text
    Column("doc_id", Text, nullable=False),
    Column("path", Text),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("published", String(10)),
    Column("seen_at", String(32), nullable=False),
    Index("ix_article_sources_article", "article_id"),
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
    # v2: fusion and ledger
    Column("cluster_id", Integer),        # id of the cluster's first mention: one real-world event
    Column("action", String(24)),         # normalised action (world/ledger.py): buy, visit, ...
    Column("object", Text),               # normalised object (commodity)
    Column("cue", String(12)),            # ledger cue of its sentence: withdrawn, blocked, ...
    UniqueConstraint("article_id", "local_id"),
    Index("ix_events_date", "date"),
    Index("ix_events_event", "event"),
    Index("ix_events_event_date", "event", "date"),
    Index("ix_events_article", "article_id"),
    Index("ix_events_cluster", "cluster_id"),
    Index("ix_events_action_date", "action", "date"),
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
    Column("date", String(10)),       # v3: the event's date, so an actor's history reads from one index
    Index("ix_participants_event", "event_id"),
    Index("ix_participants_history", "code", "side", "date", "event_id"),   # v3
)

# v3: the dyad series kept up to date at ingest, one row per unordered pair of codes (lo < hi)
# and month ("2025-02"; an event dated to the year only gets "2025"). Counts the events that
# happened (status occurred, historical, future) and are dated, each once per pair, so a monthly
# series is a read of a few hundred rows however many events the pair has.
dyad_months = Table(
    "dyad_months", metadata,
    Column("lo", String(3), nullable=False),
    Column("hi", String(3), nullable=False),
    Column("period", String(7), nullable=False),
    Column("events", Integer, nullable=False),
    Column("lo_to_hi", Integer, nullable=False),     # events with lo as actor and hi as recipient
    Column("hi_to_lo", Integer, nullable=False),
    Column("verbal_cooperation", Integer, nullable=False),
    Column("material_cooperation", Integer, nullable=False),
    Column("verbal_conflict", Integer, nullable=False),
    Column("material_conflict", Integer, nullable=False),
    Column("scale_sum", Float, nullable=False),
    Column("scale_n", Integer, nullable=False),       # events with a scale
    PrimaryKeyConstraint("lo", "hi", "period"),
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
    Column("status", String(12), nullable=False),     # current status: the ledger keeps it up to date
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    # v2: the ledger
    Column("pledge_event_id", Integer),       # events.id of the pledge
    Column("made_on", String(10)),            # when it was made
    Column("action_key", String(24)),         # normalised action and object, for matching
    Column("object_key", Text),
    Column("status_on", String(10)),          # date of the report that set the current status
    Index("ix_commitments_status", "status"),
    Index("ix_commitments_action", "action_key", "status", "made_on"),
    Index("ix_commitments_object", "object_key", "status", "made_on"),
    Index("ix_commitments_pledge_event", "pledge_event_id"),
    Index("ix_commitments_article", "article_id"),
)

# v2: the parties of a commitment, one row each, so that reports find them by code
commitment_parties = Table(
    "commitment_parties", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
    Column("side", String(9), nullable=False),       # actor | recipient
    Column("code", String(3), nullable=False),
    Index("ix_commitment_parties_code", "code", "side", "commitment_id"),
    Index("ix_commitment_parties_commitment", "commitment_id"),
)

# v2: a commitment's history; each change with the article and event that reported it. A later
# pledge of the same thing is a row here (reaffirmed/reported), not a second commitment.
commitment_updates = Table(
    "commitment_updates", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("commitment_id", Integer, ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False),
    Column("change", String(12), nullable=False),    # made reported reaffirmed fulfilled broken withdrawn overtaken approved
    Column("status", String(12), nullable=False),    # the commitment's status after this change
    Column("date", String(10)),                      # when it was reported
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer),                     # events.id of the report
    Column("local_id", String(40)),                  # the reporting article's own commitment id, if any
    Column("quantity", Text),                        # JSON object, as that report states it
    Column("deadline", String(10)),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Index("ix_commitment_updates_commitment", "commitment_id"),
    Index("ix_commitment_updates_article", "article_id"),
)
