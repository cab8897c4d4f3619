"""The dyad_months rows of one event (schema.dyad_months): written by the store at ingest and by
migration 3 for older stores, read by queries.dyad."""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy.dialects import postgresql, sqlite

from . import schema as t

COUNTED = ("occurred", "historical", "future")        # what a dyad series counts
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_SUMS = ("events", "lo_to_hi", "hi_to_lo", *QUADS, "scale_sum", "scale_n")


def dyad_rows(actors: Iterable[str], recipients: Iterable[str], date: str, quad: str | None,
              scale: float | None) -> list[dict[str, Any]]:
    """One row per unordered pair of an actor and a recipient code (a code with itself left out)."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for a in set(actors):
        for r in set(recipients):
            if a != r:
                lo, hi = sorted((a, r))
                pairs.setdefault((lo, hi), [0, 0])[a != lo] = 1
    period = date[:7]
    return [dict(lo=lo, hi=hi, period=period, events=1, lo_to_hi=d[0], hi_to_lo=d[1],
                 **{q: int(quad == q) for q in QUADS}, scale_sum=float(scale or 0.0), scale_n=int(scale is not None))
            for (lo, hi), d in sorted(pairs.items())]


def add(conn, rows: list[dict[str, Any]]) -> None:
    """Add rows to the running totals (insert, or add to the period's row)."""
    if not rows:
        return
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:            # one statement per pair and month of the document
        key = (row["lo"], row["hi"], row["period"])
        if key in merged:
            for k in _SUMS:
                merged[key][k] += row[k]
        else:
            merged[key] = dict(row)
    rows = list(merged.values())
    dialect = {"sqlite": sqlite, "postgresql": postgresql}.get(conn.dialect.name)
    d = t.dyad_months
    if dialect is None:          # another database: read, then write
        for row in rows:
            key = (d.c.lo == row["lo"]) & (d.c.hi == row["hi"]) & (d.c.period == row["period"])
            if conn.execute(d.select().where(key)).first() is None:
                conn.execute(d.insert().values(**row))
            else:
                conn.execute(d.update().where(key).values(**{k: d.c[k] + row[k] for k in _SUMS}))
        return
    for row in rows:
        stmt = dialect.insert(d).values(**row)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["lo", "hi", "period"],
            set_={k: d.c[k] + stmt.excluded[k] for k in _SUMS}))
