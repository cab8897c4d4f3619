"""Versioned schema migrations. Each step runs once, in order, inside one transaction; the
`schema_version` table records what has been applied. Add a step by appending a function."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import Connection, inspect, select

from . import schema


def _v1_initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema: articles, entities, mentions, events, participants, relations, commitments",
     _v1_initial),
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
