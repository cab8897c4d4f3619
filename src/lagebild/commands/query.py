"""`lagebild query ...`, `lagebild show actor CODE` and `lagebild export`: the store's read side
on the command line. Thin wrappers over lagebild.store.queries and lagebild.export.

--format table prints aligned plain text (long evidence cut to fit), json prints one JSON object
per line (complete records), csv prints a header and flat rows.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any, Callable

import click

_db_option = click.option("--db", default=None, metavar="PATH|URL",
                          help="Store location (default: $LAGEBILD_DB or the user data directory).")
_fmt_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                           show_default=True, help="table: aligned text; json: JSON lines; csv: flat rows.")


def _date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    from ..store.queries import _iso

    try:
        return _iso(value, param.name)
    except ValueError:
        raise click.BadParameter("use YYYY, YYYY-MM or YYYY-MM-DD") from None


def _code(ctx, param, value: str | None) -> str | None:
    return value.strip().upper() if value else value


_since = click.option("--since", callback=_date, metavar="DATE", help="Earliest date (inclusive).")
_until = click.option("--until", callback=_date, metavar="DATE", help="Latest date (inclusive).")


def _open(db):
    from ..store import Store

    return Store(db)


# -- output ----------------------------------------------------------------------------------------
Column = tuple[str, Callable[[dict], Any], int]   # header, getter, max width (0: no limit)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, (list, tuple)):
        return ",".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return " ".join(str(v).split())


def _fit(s: str, width: int) -> str:
    return s if not width or len(s) <= width else s[:width - 1] + "…"


def _table(rows: list[dict], cols: list[Column]) -> str:
    cells = [[_fit(_cell(get(r)), w) for _, get, w in cols] for r in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (h, _, _) in enumerate(cols)]
    lines = ["  ".join(h.ljust(w) for (h, _, _), w in zip(cols, widths)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(cell, widths)).rstrip() for cell in cells]
    return "\n".join(lines)


def _emit(rows: list[dict], fmt: str, cols: list[Column], flat: Callable[[dict], dict] | None = None) -> None:
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        flat_rows = [flat(r) for r in rows] if flat else [{h: _cell(get(r)) for h, get, _ in cols} for r in rows]
        fields = list(flat_rows[0]) if flat_rows else [h for h, _, _ in cols]
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(flat_rows)
        click.echo(buf.getvalue(), nl=False)
    elif rows:
        click.echo(_table(rows, cols))
    else:
        click.echo("(nothing found)", err=True)


def _side(parts: list[dict]) -> str:
    return ",".join(p["code"] + (f"/{p['sector']}" if p.get("sector") else "") for p in parts) or "—"


def _quad(q: str | None) -> str:
    return {"verbal_cooperation": "v-coop", "material_cooperation": "m-coop", "verbal_conflict": "v-conf",
            "material_conflict": "m-conf"}.get(q or "", q or "")


EVENT_COLS: list[Column] = [
    ("id", lambda r: r["id"], 0), ("date", lambda r: r["date"], 0), ("event", lambda r: r["event"], 0),
    ("actor", lambda r: _side(r["actor"]), 28), ("recipient", lambda r: _side(r["recipient"]), 28),
    ("status", lambda r: r["status"], 0), ("quad", lambda r: _quad(r["quad"]), 0),
    ("scale", lambda r: r["scale"], 0), ("article", lambda r: r["doc_id"], 32),
    ("evidence", lambda r: r["evidence"]["text"], 70),
]
COMMITMENT_COLS: list[Column] = [
    ("date", lambda r: r["date"] or r["published"], 0), ("actor", lambda r: r["actor"], 16),
    ("recipient", lambda r: r["recipient"] or "—", 16), ("action", lambda r: r["action"], 18),
    ("object", lambda r: r["object"], 18),
    ("quantity", lambda r: ", ".join(f"{k}={v}" for k, v in (r["quantity"] or {}).items() if k != "text"), 28),
    ("deadline", lambda r: r["deadline"], 0), ("status", lambda r: r["status"], 0),
    ("article", lambda r: r["doc_id"], 32), ("evidence", lambda r: r["evidence"]["text"], 60),
]
RELATION_COLS: list[Column] = [
    ("type", lambda r: r["type"], 0), ("subject", lambda r: r["subject"], 28), ("object", lambda r: r["object"], 24),
    ("role", lambda r: r["role"] or r["name"], 24), ("from", lambda r: r["valid_from"], 0),
    ("to", lambda r: r["valid_to"], 0), ("article", lambda r: r["doc_id"], 32),
    ("evidence", lambda r: r["evidence"]["text"], 60),
]
DYAD_COLS: list[Column] = [(h, (lambda k: lambda r: r[k])(k), 0) for h, k in (
    ("period", "period"), ("events", "events"), ("a->b", "a_to_b"), ("b->a", "b_to_a"),
    ("coop", "cooperation"), ("conflict", "conflict"), ("score", "score"), ("v-coop", "verbal_cooperation"),
    ("m-coop", "material_cooperation"), ("v-conf", "verbal_conflict"), ("m-conf", "material_conflict"))]


def _flat_commitment(r: dict) -> dict:
    q = r["quantity"] or {}
    return {"id": r["id"], "date": r["date"], "published": r["published"], "doc_id": r["doc_id"],
            "actor": ";".join(r["actor"]), "recipient": ";".join(r["recipient"]), "action": r["action"],
            "object": r["object"], "quantity_amount": q.get("amount"), "quantity_unit": q.get("unit"),
            "quantity_commodity": q.get("commodity"), "deadline": r["deadline"], "condition": r["condition"],
            "status": r["status"], "evidence_start": r["evidence"]["start"],
            "evidence_end": r["evidence"]["end"], "evidence_text": r["evidence"]["text"]}


def _flat_relation(r: dict) -> dict:
    return {"id": r["id"], "type": r["type"], "subject": ";".join(r["subject"]), "object": r["object"],
            "name": r["name"], "role": r["role"], "note": r["note"], "valid_from": r["valid_from"],
            "valid_to": r["valid_to"], "doc_id": r["doc_id"], "evidence_start": r["evidence"]["start"],
            "evidence_end": r["evidence"]["end"], "evidence_text": r["evidence"]["text"]}


def _flat_event(r: dict) -> dict:
    from ..export.tabular import flat_event

    return flat_event(r)


# -- query ---------------------------------------------------------------------------------------
@click.group()
def query() -> None:
    """Ask the store: events, commitments, relations, dyads, full-text search."""


@query.command("events")
@click.option("--actor", callback=_code, metavar="CODE", help="Actor-side participant code (JPN, USA, IGO, ...).")
@click.option("--recipient", callback=_code, metavar="CODE", help="Recipient-side participant code.")
@click.option("--type", "etype", callback=_code, metavar="EVENT", help="PLOVER event type (AGREE, SANCTION, ...).")
@_since
@_until
@click.option("--status", help="occurred, historical, future, hypothetical or negated (comma-separated for several).")
@click.option("--limit", type=click.IntRange(1), help="At most N events.")
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip the first N.")
@_db_option
@_fmt_option
def query_events(actor, recipient, etype, since, until, status, limit, offset, db, fmt) -> None:
    """Coded events in date order."""
    from ..store import queries

    with _open(db) as store:
        rows = queries.events(store, actor=actor, recipient=recipient, type=etype, since=since, until=until,
                              status=status, limit=limit, offset=offset)
    _emit(rows, fmt, EVENT_COLS, _flat_event)


@query.command("commitments")
@click.option("--actor", callback=_code, metavar="CODE", help="Who committed.")
@click.option("--recipient", callback=_code, metavar="CODE", help="To whom.")
@click.option("--status", help="open (made or reaffirmed), made, reaffirmed, fulfilled, broken, withdrawn, ...")
@_db_option
@_fmt_option
def query_commitments(actor, recipient, status, db, fmt) -> None:
    """Commitments (pledges, promises) with their evidence."""
    from ..store import queries

    with _open(db) as store:
        rows = queries.commitments(store, actor=actor, recipient=recipient, status=status)
    _emit(rows, fmt, COMMITMENT_COLS, _flat_commitment)


@query.command("relations")
@click.option("--type", "rtype", metavar="TYPE", help="treaty, treaty-covers, member-of, claims, rejects-claim, "
              "leader-of, partnership, ...")
@click.option("--subject", metavar="ID", help="An id or code in the subject list (JPN, donald-trump).")
@click.option("--object", "obj", metavar="ID", help="The object, exactly.")
@_db_option
@_fmt_option
def query_relations(rtype, subject, obj, db, fmt) -> None:
    """Standing relations: treaties, claims, memberships, offices."""
    from ..store import queries

    with _open(db) as store:
        rows = queries.relations(store, type=rtype, subject=subject, object=obj)
    _emit(rows, fmt, RELATION_COLS, _flat_relation)


@query.command("dyad")
@click.argument("a", callback=_code)
@click.argument("b", callback=_code)
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@_since
@_until
@_db_option
@_fmt_option
def query_dyad(a, b, by, since, until, db, fmt) -> None:
    """Events between A and B (either direction) per period; score = mean event scale (-10..+10)."""
    from ..store import queries

    with _open(db) as store:
        rows = queries.dyad(store, a, b, by=by, since=since, until=until)
    _emit(rows, fmt, DYAD_COLS)


@query.command("search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@_db_option
@_fmt_option
def query_search(text, limit, db, fmt) -> None:
    """Articles whose text contains TEXT (case-insensitive), with a snippet."""
    from ..store import queries

    with _open(db) as store:
        rows = queries.search(store, text, limit=limit)
    _emit(rows, fmt, [("id", lambda r: r["id"], 0), ("published", lambda r: r["published"], 0),
                      ("article", lambda r: r["doc_id"], 36), ("snippet", lambda r: r["snippet"], 100)])


# -- show ----------------------------------------------------------------------------------------
@click.group()
def show() -> None:
    """Profiles of what the store holds."""


def _profile_rows(p: dict) -> list[dict]:
    """The profile as one long table (csv): a section column, then the section's own fields."""
    out: list[dict] = []
    for e in p["entities"]:
        out.append({"section": "entity", "id": e["id"], "name": e["name"], "kind": e["kind"],
                    "detail": "; ".join(e["offices"] or e["roles"]), "count": e["mentions"]})
    for c in p["counterparts"]:
        out.append({"section": "counterpart", "id": c["code"], "name": c["label"], "kind": "",
                    "detail": f"cooperation={c['cooperation']} conflict={c['conflict']} score={_cell(c['score'])}",
                    "count": c["events"]})
    for r in p["relations"]:
        out.append({"section": "relation", "id": r["id"], "name": r["type"],
                    "kind": ",".join(r["subject"]), "detail": r["object"], "count": ""})
    for c in p["commitments"]:
        out.append({"section": "commitment", "id": c["id"], "name": c["action"],
                    "kind": ",".join(c["actor"]) + "->" + ",".join(c["recipient"]),
                    "detail": c["evidence"]["text"], "count": ""})
    for e in p["events"]:
        out.append({"section": "event", "id": e["id"], "name": e["event"],
                    "kind": _side(e["actor"]) + "->" + _side(e["recipient"]),
                    "detail": e["evidence"]["text"], "count": e["date"]})
    return out


@show.command("actor")
@click.argument("code", callback=_code)
@_db_option
@_fmt_option
def show_actor(code, db, fmt) -> None:
    """Everything about actor CODE: names, offices, partners, relations, commitments, recent events."""
    from ..store import queries

    with _open(db) as store:
        p = queries.actor_profile(store, code)
    if p is None:
        click.echo(f"lagebild: nothing stored about {code}", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(p, ensure_ascii=False))
        return
    if fmt == "csv":
        _emit(_profile_rows(p), "csv", [(h, (lambda k: lambda r: r[k])(h), 0)
                                        for h in ("section", "id", "name", "kind", "detail", "count")])
        return
    tot = p["totals"]
    click.echo(f"{p['label']} ({p['code']}, {p['kind']})")
    click.echo(f"{tot['events']} events: {tot['as_actor']} as actor, {tot['as_recipient']} as recipient; "
               f"cooperation {tot['verbal_cooperation']} verbal / {tot['material_cooperation']} material, "
               f"conflict {tot['verbal_conflict']} verbal / {tot['material_conflict']} material")
    sections: list[tuple[str, list[dict], list[Column]]] = [
        ("NAMES", p["entities"], [("id", lambda r: r["id"], 30), ("name", lambda r: r["name"], 36),
                                  ("kind", lambda r: r["kind"], 0), ("sector", lambda r: r["sector"], 0),
                                  ("offices/roles", lambda r: "; ".join(r["offices"] or r["roles"]), 50),
                                  ("mentions", lambda r: r["mentions"], 0)]),
        ("COUNTERPARTS", p["counterparts"], [("code", lambda r: r["code"], 0), ("name", lambda r: r["label"], 30),
                                             ("events", lambda r: r["events"], 0),
                                             ("coop", lambda r: r["cooperation"], 0),
                                             ("conflict", lambda r: r["conflict"], 0),
                                             ("score", lambda r: r["score"], 0)]),
        ("RELATIONS", p["relations"], RELATION_COLS[:5]),
        ("COMMITMENTS", p["commitments"], COMMITMENT_COLS[:-2] + COMMITMENT_COLS[-1:]),
        ("RECENT EVENTS", p["events"], EVENT_COLS[1:8] + EVENT_COLS[-1:]),
    ]
    for title, rows, cols in sections:
        click.echo(f"\n{title}")
        click.echo(_table(rows, cols) if rows else "(none)")


# -- export --------------------------------------------------------------------------------------
_BINARY = {"parquet"}


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["plover", "gdelt", "csv", "parquet", "graphml"]),
              default="plover", show_default=True,
              help="plover: PLOVER JSONL; gdelt: GDELT 2.0-style TSV (with header); csv; parquet; "
                   "graphml: the actor network.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE (default stdout).")
@click.option("--actor", callback=_code, metavar="CODE", help="Only events with this actor.")
@click.option("--type", "etype", callback=_code, metavar="EVENT", help="Only this PLOVER event type.")
@_since
@_until
@_db_option
def export(fmt, output, actor, etype, since, until, db) -> None:
    """Export the store's events (or its actor network) in a standard format."""
    from ..export import gdelt, graph, tabular

    filters: dict[str, Any] = {"type": etype, "since": since, "until": until}
    if fmt != "graphml":
        filters["actor"] = actor
    elif actor:
        raise click.UsageError("--actor does not apply to graphml (the network has every actor)")
    stdout = sys.stdout.buffer   # click swaps sys.stdout under CliRunner, so look it up now
    if output is None and fmt in _BINARY and stdout.isatty():
        raise click.UsageError(f"{fmt} is binary: give -o FILE or redirect stdout")
    with _open(db) as store:
        if fmt in ("parquet", "graphml"):
            fn = tabular.write_parquet if fmt == "parquet" else graph.write_graphml
            if output:
                n = fn(store, output, **filters)
            else:
                buf = io.BytesIO()   # both writers want a seekable file; stdout may be a pipe
                n = fn(store, buf, **filters)
                stdout.write(buf.getvalue())
                stdout.flush()
        else:
            write = {"plover": tabular.write_plover, "gdelt": gdelt.write_gdelt, "csv": tabular.write_csv}[fmt]
            if output:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    n = write(store, out, **filters)
            else:
                out = io.TextIOWrapper(stdout, encoding="utf-8", newline="", write_through=True)
                try:
                    n = write(store, out, **filters)
                    out.flush()
                finally:
                    out.detach()   # leave stdout open for click
    what = f"{n[0]} nodes, {n[1]} edges" if isinstance(n, tuple) else f"{n} rows"
    click.echo(f"exported {what} ({fmt}){' to ' + output if output else ''}", err=True)


__all__ = ["query", "show", "export"]
