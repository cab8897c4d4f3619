"""Flat event tables (CSV, Parquet) and PLOVER JSONL, streamed from the store.

One row per event. Multi-valued fields are joined with ';' in participant order: `actor`,
`actor_sector` and `actor_text` line up position by position (an unknown sector is an empty
item), likewise for the recipient and for mode/context. Parquet is written with pyarrow alone,
batch by batch, so neither pandas nor the whole table in memory is needed.

PLOVER records here are built from store rows with the field names of export/plover.py (which
works from a Document). The store does not keep sentence indices, so text_info carries the
evidence offsets only.
"""
from __future__ import annotations

import csv
import json
from datetime import date as _date
from typing import IO, Any, Iterator

from .. import __version__
from ..store.queries import iter_event_batches
from .plover import _QUAD_CODE

# (column, type) in output order; type is one of int, float, str
COLUMNS: list[tuple[str, type]] = [
    ("id", int), ("article_id", int), ("doc_id", str), ("title", str), ("published", str), ("url", str),
    ("source", str), ("language", str), ("date", str), ("date_precision", str), ("event", str),
    ("mode", str), ("context", str), ("status", str), ("quad", str), ("scale", float), ("cameo", str),
    ("confidence", float), ("actor", str), ("actor_sector", str), ("actor_text", str),
    ("recipient", str), ("recipient_sector", str), ("recipient_text", str),
    ("quantity_amount", float), ("quantity_unit", str), ("quantity_commodity", str),
    ("location", str), ("location_country", str), ("attribution_cue", str),
    ("attribution_speaker", str), ("evidence_start", int), ("evidence_end", int), ("evidence_text", str),
]
FIELDS = [c for c, _ in COLUMNS]


def _join(items) -> str:
    return ";".join("" if x is None else str(x) for x in items)


def _float(x: Any) -> float | None:
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def flat_event(e: dict[str, Any]) -> dict[str, Any]:
    """One event dict from lagebild.store.queries as a flat row (keys: FIELDS)."""
    q, loc, att = e.get("quantity") or {}, e.get("location") or {}, e.get("attribution") or {}
    act, rec = e.get("actor") or [], e.get("recipient") or []
    return {
        "id": e["id"], "article_id": e["article_id"], "doc_id": e.get("doc_id"), "title": e.get("title"),
        "published": e.get("published"), "url": e.get("url"), "source": e.get("source"),
        "language": e.get("language"), "date": e.get("date"), "date_precision": e.get("date_precision"),
        "event": e["event"], "mode": _join(e.get("mode") or []), "context": _join(e.get("context") or []),
        "status": e.get("status"), "quad": e.get("quad"), "scale": _float(e.get("scale")),
        "cameo": e.get("cameo"), "confidence": _float(e.get("confidence")),
        "actor": _join(p["code"] for p in act), "actor_sector": _join(p.get("sector") for p in act),
        "actor_text": _join(p.get("entity_text") for p in act),
        "recipient": _join(p["code"] for p in rec), "recipient_sector": _join(p.get("sector") for p in rec),
        "recipient_text": _join(p.get("entity_text") for p in rec),
        "quantity_amount": _float(q.get("amount")), "quantity_unit": q.get("unit"),
        "quantity_commodity": q.get("commodity"), "location": loc.get("name"),
        "location_country": loc.get("country"), "attribution_cue": att.get("cue"),
        "attribution_speaker": att.get("speaker"), "evidence_start": e["evidence"]["start"],
        "evidence_end": e["evidence"]["end"], "evidence_text": e["evidence"]["text"],
    }


def flat_rows(store, **filters) -> Iterator[dict[str, Any]]:
    for batch in iter_event_batches(store, **filters):
        yield from (flat_event(e) for e in batch)


def write_csv(store, out: IO[str], **filters) -> int:
    """Write a header and one row per event; `out` should be opened with newline=""."""
    w = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for row in flat_rows(store, **filters):
        w.writerow(row)
        n += 1
    return n


def parquet_schema():
    import pyarrow as pa

    kinds = {int: pa.int64(), float: pa.float64(), str: pa.string()}
    return pa.schema([(c, kinds[k]) for c, k in COLUMNS])


def write_parquet(store, where, **filters) -> int:
    """Write the table to a path or binary file object as Parquet; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(where, schema) as writer:
        for batch in iter_event_batches(store, **filters):
            rows = [flat_event(e) for e in batch]
            cols = {c: [r[c] for r in rows] for c in FIELDS}
            writer.write_table(pa.table(cols, schema=schema))
            n += len(rows)
    return n


# -- PLOVER JSONL from store rows --------------------------------------------------------------
def _entity(p: dict[str, Any]) -> dict[str, Any]:
    out = {"code": p.get("code"), "sector": p.get("sector"), "entity_text": p.get("entity_text")}
    return {k: v for k, v in out.items() if v is not None}


def plover_from_row(e: dict[str, Any], coded: str | None = None) -> dict[str, Any]:
    """A PLOVER record for one event dict from iter_event_batches (article fields included)."""
    coder = f"lagebild {__version__}"
    rec: dict[str, Any] = {
        "id": f"{(e.get('article_hash') or '')[:12]}-{e['local_id']}",
        "date": e.get("date") or e.get("published"),
        "actor": [_entity(p) for p in e.get("actor") or []],
        "recipient": [_entity(p) for p in e.get("recipient") or []],
        "event": [e["event"]],
        "mode": e.get("mode") or [],
        "context": e.get("context") or [],
        "quad_code": _QUAD_CODE.get(e.get("quad") or ""),
        "event_scale": e.get("scale"),
        "event_text": [e["evidence"]["text"]],
        "text_info": {"start": e["evidence"]["start"], "end": e["evidence"]["end"]},
        "cite_info": {"citation": e.get("doc_id"), "url": e.get("url"), "title": e.get("title"),
                      "language": e.get("language"), "publication": e.get("source"), "coder": coder,
                      "codebook": "plover-base-2.0"},
        "coder": coder,
        "coded_date": coded or _date.today().isoformat(),
        "status": e.get("status"),
        "date_precision": e.get("date_precision"),
        "cameo": e.get("cameo"),
        "confidence": None if e.get("confidence") is None else round(float(e["confidence"]), 3),
    }
    loc = e.get("location")
    if loc:
        rec["event_loc"] = {"extracted_place": loc.get("name"), "country_code": loc.get("country")}
    if e.get("quantity"):
        rec["quantity"] = e["quantity"]
    if e.get("attribution"):
        rec["attribution"] = e["attribution"]
    return {k: v for k, v in rec.items() if v is not None}


def plover_records(store, **filters) -> Iterator[dict[str, Any]]:
    coded = _date.today().isoformat()
    for batch in iter_event_batches(store, **filters):
        yield from (plover_from_row(e, coded) for e in batch)


def write_plover(store, out: IO[str], **filters) -> int:
    n = 0
    for rec in plover_records(store, **filters):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
