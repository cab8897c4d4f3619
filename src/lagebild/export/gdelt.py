"""A GDELT 2.0-style event table from the store: tab-separated, one row per actor x recipient
pair of an event (an event without recipients gives one row per actor, Actor2 empty).

Only a subset of GDELT's 61 columns is written (see COLUMNS), in GDELT's order, and the first
line is a header; real GDELT export files have no header line, so drop it (`header=False`)
where a GDELT reader expects raw files.

How our fields become GDELT's:
  GlobalEventID   event id * 1000 + the pair's index within the event (unique, stable per store)
  Day             the event date; a month or year date becomes the period's first day, an
                  undated event takes the article's publication date
  ActorNCode      CAMEO-style code: participant code + sector ("USAGOV", "JPNBUS")
  ActorNCountryCode  the code when it names a state; empty for IGO, EUR, UNO, NGO, MNC, ...
  IsRootEvent     1 when the evidence starts in the article's first paragraph (up to the first
                  blank line, or the first 500 characters of a text without one)
  EventCode       our CAMEO code; EventBaseCode its first three digits, EventRootCode two
  QuadClass       PLOVER quad: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
                  4 material conflict (GDELT numbers the four classes the same way)
  GoldsteinScale  PLOVER's event_scale as stored: the manual's -10..+10 conflict/cooperation
                  score per event type and mode. Same range and sign as Goldstein's scale, but
                  the values per category are PLOVER's, not Goldstein's table.
  NumMentions, NumSources, NumArticles  1: every stored event comes from one article
  AvgTone         empty (no tone is computed)
  DATEADDED       the article's ingest time, YYYYMMDDHHMMSS (UTC)
  SOURCEURL       the article URL, else its document id
"""
from __future__ import annotations

import re
from typing import IO, Any, Iterator

from sqlalchemy import func, select

from ..store import schema as t
from ..store.queries import iter_event_batches
from .plover import _QUAD_CODE

COLUMNS = ["GlobalEventID", "Day", "Actor1Code", "Actor1CountryCode", "Actor2Code", "Actor2CountryCode",
           "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
           "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_FullName", "DATEADDED",
           "SOURCEURL"]

_LEAD_CHARS = 4000   # enough of the text to find the first paragraph break
_NO_BREAK_LEAD = 500


def _nonstate() -> set[str]:
    from ..events.ontology import load_ontology

    return set(load_ontology().nonstate_codes)


def _day(date: str | None, published: str | None) -> str:
    d = date or published or ""
    if not d:
        return ""
    y, m, dd = (d.split("-") + ["01", "01"])[:3]
    return f"{y}{m}{dd}"


def _added(ts: str | None) -> str:
    return re.sub(r"\D", "", ts or "")[:14]


def _actor(p: dict | None, nonstate: set[str]) -> tuple[str, str]:
    if not p:
        return "", ""
    code = p["code"] or ""
    country = code if len(code) == 3 and code.isalpha() and code not in nonstate else ""
    return code + (p.get("sector") or ""), country


def _clean(v: Any) -> str:
    return "" if v is None else re.sub(r"[\t\r\n]+", " ", str(v))


def _place(loc: dict | None) -> str:
    if not loc or not loc.get("name"):
        return ""
    return loc["name"] + (f", {loc['country']}" if loc.get("country") and loc["country"] != loc["name"] else "")


def _lead_ends(conn, article_ids: list[int]) -> dict[int, int]:
    a = t.articles
    out = {}
    for r in conn.execute(select(a.c.id, func.substr(a.c.text, 1, _LEAD_CHARS).label("head"))
                          .where(a.c.id.in_(article_ids))):
        head = r.head or ""
        body = len(head) - len(head.lstrip())
        brk = head.find("\n\n", body)
        out[r.id] = brk if brk >= 0 else _NO_BREAK_LEAD
    return out


def gdelt_rows(store, **filters) -> Iterator[list[str]]:
    """The table's rows (without header) as lists of strings; `filters` as for queries.events."""
    nonstate = _nonstate()
    leads: dict[int, int] = {}
    for batch in iter_event_batches(store, **filters):
        need = sorted({e["article_id"] for e in batch} - leads.keys())
        if need:
            with store.engine.connect() as conn:
                leads.update(_lead_ends(conn, need))
        for e in batch:
            cameo = e["cameo"] or ""
            root = "1" if e["evidence"]["start"] < leads.get(e["article_id"], _NO_BREAK_LEAD) else "0"
            quad = _QUAD_CODE.get(e["quad"] or "")
            scale = "" if e["scale"] is None else f"{max(-10.0, min(10.0, float(e['scale']))):.1f}"
            pairs = [(a, r) for a in (e["actor"] or [None]) for r in (e["recipient"] or [None])]
            for k, (a, r) in enumerate(pairs):
                a1, a1c = _actor(a, nonstate)
                a2, a2c = _actor(r, nonstate)
                yield [str(e["id"] * 1000 + k), _day(e["date"], e["published"]), a1, a1c, a2, a2c, root,
                       cameo, cameo[:3], cameo[:2], "" if quad is None else str(quad), scale,
                       "1", "1", "1", "", _clean(_place(e["location"])), _added(e["ingested_at"]),
                       _clean(e["url"] or e["doc_id"])]


def write_gdelt(store, out: IO[str], *, header: bool = True, **filters) -> int:
    """Write the table to a text stream; returns the number of rows (header not counted)."""
    n = 0
    if header:
        out.write("\t".join(COLUMNS) + "\n")
    for row in gdelt_rows(store, **filters):
        out.write("\t".join(row) + "\n")
        n += 1
    return n
