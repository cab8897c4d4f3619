#!/usr/bin/env python3
"""Lagebild at scale: analyze and ingest throughput, store write rate, query latency at 1M events.

usage: python bench/scale_bench.py [--limit N] [--workers N] [--events N] [--db URL] [--pg URL]
                                   [--scheduler local|tcp://HOST:8786] [--only analyze,ingest,dask,query]

  analyze  German (10kGNAD test.csv, 1,028 derStandard articles) and English (de-news stories: the
           English sentences of each story joined), serial and with --workers processes (default:
           all cores), through the same path as `lagebild analyze` (JSONL in, contract JSON out)
  ingest   the same plus writing a fresh store (SQLite; also PostgreSQL with --pg); the time spent
           in Store.add gives the store's share and its write rate (articles/s, rows/s)
  dask     ingest with the analysis on a Dask cluster (--scheduler; "local" starts a LocalCluster
           with --workers single-threaded worker processes)
  query    --events synthetic events (default 1,000,000) bulk-loaded into an empty store, then the
           latency of one actor's history and one dyad's monthly series (median / p95 of 20 runs)

Each measurement runs in a fresh process so peak memory is its own: "peak RSS" is the largest single
process, "total" the sampled sum over the process and its workers (needs psutil). Full size:
python bench/scale_bench.py  (about half an hour on 2 cores); while developing: --limit 40 --events 100000.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import pathlib
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pipeline_bench import DEFAULT as GNAD, load as load_gnad  # noqa: E402

DENEWS = HERE.parent.parent / "shared" / "reference" / "de-news" / "data" / "articles"
EXAMPLES = HERE.parent / "src" / "lagebild" / "examples"


# -- inputs -------------------------------------------------------------------------------------
def german(limit: int) -> list[dict]:
    texts = load_gnad(GNAD, limit)
    return [dict(id=f"gnad-{i}", text=t, language="de", published="2016-01-01") for i, t in enumerate(texts)]


def english(limit: int) -> list[dict]:
    """de-news stories in English, one article per story; else the bundled English examples repeated."""
    recs = []
    for p in sorted(DENEWS.glob("*/*.json")) if DENEWS.exists() else []:
        try:
            story = json.loads(p.read_text(encoding="utf-8"))
            text = " ".join(s["translated_text"] for s in story["text"] if s.get("translated_text"))
        except (ValueError, KeyError, TypeError):
            continue
        if text:
            recs.append(dict(id=p.stem, title=story.get("translated_title"), text=text, language="en",
                             published=p.parent.name))
    if not recs:                                   # no shared corpus: the examples, made distinct
        ex = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.en.txt"))]
        recs = [dict(id=f"ex-{i}", text=f"{ex[i % len(ex)]}\n\n({i})", language="en", published="2025-06-01")
                for i in range(limit or 200)]
    return recs[:limit] if limit else recs


def write_jsonl(recs: list[dict], path: pathlib.Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# -- memory -------------------------------------------------------------------------------------
class TreeRss:
    """Peak of the summed RSS of this process and its descendants (sampled; psutil optional)."""

    def __init__(self, every: float = 0.2):
        self.peak = 0
        self._stop = threading.Event()
        try:
            import psutil
        except ImportError:
            self._t = None
            return
        me = psutil.Process()

        def sample():
            while not self._stop.is_set():
                total = 0
                for p in [me, *me.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
                self._stop.wait(every)

        self._t = threading.Thread(target=sample, daemon=True)
        self._t.start()

    def stop(self) -> float | None:
        self._stop.set()
        if self._t:
            self._t.join()
            return self.peak / 2**20
        return None


def peak_process_mb() -> float:
    ru = resource.getrusage
    return max(ru(resource.RUSAGE_SELF).ru_maxrss, ru(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def fresh_pg(url: str):
    """A new schema in the PostgreSQL database at `url`: (url that uses it, drop function)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))

    def drop():
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()
    return make_url(url).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
        hide_password=False), drop


# -- phases (each in its own process) -------------------------------------------------------------
def _warm() -> None:
    from lagebild.model import Article
    from lagebild.pipeline import analyze_article

    for text, lang in (("Die Regierung in Berlin kritisierte Russland.", "de"),
                       ("The government in Berlin criticised Russia.", "en")):
        analyze_article(Article(id="w", text=text, language=lang, published=date(2020, 1, 1)))


def phase_pipeline(a) -> dict:
    """analyze / ingest / dask: inputs -> documents (-> store), as the CLI does it."""
    from lagebild.export import to_contract
    from lagebild.model import IngestProblem
    from lagebild.pipeline import analyze_inputs

    recs = german(a.limit) if a.lang == "de" else english(a.limit)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="lagebild-bench-"))
    src = tmp / "in.jsonl"
    write_jsonl(recs, src)
    t = time.perf_counter()
    _warm()                                          # models load once; not part of the rate
    warm = time.perf_counter() - t
    client = cluster = None
    if a.phase == "dask":
        from dask.distributed import Client, LocalCluster

        from lagebild.distributed import analyze_distributed
        if a.scheduler == "local":
            cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(cluster or a.scheduler)
        client.run(_warm)
        items = analyze_distributed([str(src)], client)
    else:
        items = analyze_inputs([str(src)], workers=a.workers)
    store, drop = None, None
    if a.phase in ("ingest", "dask"):
        from lagebild.store import Store
        db = a.db or str(tmp / "store.db")
        if db.startswith("postgresql"):
            db, drop = fresh_pg(db)
        store = Store(db)
    mem = TreeRss()
    t0 = time.perf_counter()
    n = ntok = nev = failed = 0
    store_s = 0.0
    out = open(os.devnull, "w", encoding="utf-8")
    for item in items:
        if isinstance(item, IngestProblem):
            failed += 1
            continue
        n += 1
        ntok += len(item.tokens)
        nev += len(item.events)
        if store is None:
            out.write(json.dumps(to_contract(item), ensure_ascii=False) + "\n")
        else:
            ts = time.perf_counter()
            store.add(item)
            store_s += time.perf_counter() - ts
    wall = time.perf_counter() - t0
    total_mb = mem.stop()
    res = dict(articles=n, tokens=ntok, events=nev, failed=failed, wall=wall, warm=warm, store_s=store_s,
               peak_mb=peak_process_mb(), total_mb=total_mb)
    if store is not None:
        res["rows"] = _rows(store)
        res["backend"] = store.engine.dialect.name
        store.close()
    if drop:
        drop()
    shutil.rmtree(tmp, ignore_errors=True)
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()
    return res


def _rows(store) -> int:
    from sqlalchemy import func, select

    from lagebild.store import schema as t
    with store.engine.connect() as conn:
        return sum(conn.execute(select(func.count()).select_from(tab)).scalar() or 0
                   for tab in (t.articles, t.mentions, t.events, t.participants, t.relations, t.commitments))


# -- synthetic events and query latency -------------------------------------------------------------
# states most present in international news go first: they get the largest share of the events
_BUSY = ["USA", "CHN", "RUS", "UKR", "DEU", "FRA", "GBR", "ISR", "IRN", "JPN", "IND", "TUR"]


def _codes() -> list[str]:
    from lagebild import knowledge
    path = pathlib.Path(knowledge.__file__).parent / "states.tsv"
    with path.open(encoding="utf-8") as f:
        codes = [r[0] for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#") and r[0] != "iso3"]
    return [c for c in _BUSY if c in codes] + [c for c in codes if c not in _BUSY]


def _event_types() -> list[tuple[str, str]]:
    import yaml

    from lagebild import knowledge
    data = yaml.safe_load((pathlib.Path(knowledge.__file__).parent / "plover.yaml").read_text(encoding="utf-8"))
    return [(k, v["quad"]) for k, v in data["event_types"].items()]


def synthetic(n_events: int, seed: int = 7):
    """Rows for articles, entities, events and participants: actors drawn Zipf-like (a few states in
    most of the news, as in real coverage), dates over 2000-2025, 20 events per article."""
    rnd = random.Random(seed)
    codes = _codes()
    weights = [1 / (i + 1) for i in range(len(codes))]
    kinds = _event_types()
    n_articles = max(1, n_events // 20)
    day0, span = date(2000, 1, 1), (date(2025, 12, 31) - date(2000, 1, 1)).days
    art_dates = [(day0 + timedelta(days=rnd.randrange(span))).isoformat() for _ in range(n_articles)]
    articles = [(i + 1, f"{i:064x}", f"syn-{i}", "de" if i % 2 else "en", art_dates[i], f"synthetic {i}",
                 "2026-01-01T00:00:00+00:00") for i in range(n_articles)]
    entities = [(c, "country", c, c, c) for c in codes]

    def events():
        for chunk in range(0, n_events, 50_000):
            size = min(50_000, n_events - chunk)
            actors = rnd.choices(codes, weights, k=size)
            recips = rnd.choices(codes, weights, k=size)
            evs, parts = [], []
            for j in range(size):
                eid = chunk + j + 1
                aid = (eid - 1) // 20 + 1
                kind, quad = kinds[rnd.randrange(len(kinds))]
                a, r = actors[j], recips[j]
                while r == a:                      # a state acting on itself: draw again
                    r = rnd.choices(codes, weights)[0]
                evs.append((eid, aid, f"e{(eid - 1) % 20}", kind, "occurred", art_dates[aid - 1], "day", quad,
                            0.0, 0.7, 0, 40, "synthetic evidence sentence"))
                parts.append((eid, "actor", a, "GOV", a, a))
                parts.append((eid, "recipient", r, None, r, r))
            yield evs, parts

    return articles, entities, events(), codes


_EVENT_COLS = ["id", "article_id", "local_id", "event", "status", "date", "date_precision", "quad", "scale",
               "confidence", "evidence_start", "evidence_end", "evidence_text"]
_PART_COLS = ["event_id", "side", "code", "sector", "entity_id", "entity_text"]


def _layout(url: str) -> tuple[bool, bool]:
    """Whether the store keeps participants.date and dyad_months (kept for fast queries): the
    synthetic rows fill them as Store.add would."""
    from sqlalchemy import inspect

    from lagebild.store import Store
    with Store(url) as store:                        # the schema, indexes and migrations of the store
        insp = inspect(store.engine)
        return ("date" in {c["name"] for c in insp.get_columns("participants")}, insp.has_table("dyad_months"))


def _rows_for(evs, parts, part_date: bool):
    """Participant rows, with the event's date when the schema has it."""
    if part_date:
        dates = {ev[0]: ev[5] for ev in evs}
        parts = [(*p, dates[p[0]]) for p in parts]
    return parts


class DyadTotals:
    """The running dyad totals of the synthetic events, as the store's writer would keep them."""

    def __init__(self, on: bool):
        self.rows: dict[tuple, dict] = {}
        self.on = on
        if on:
            from lagebild.store.dyads import COUNTED, dyad_rows
            self.counted, self.dyad_rows = COUNTED, dyad_rows

    def add(self, evs, parts) -> None:
        if not self.on:
            return
        for ev, a, r in zip(evs, parts[::2], parts[1::2]):   # one actor and one recipient per event
            if ev[4] in self.counted and ev[5]:
                for row in self.dyad_rows([a[2]], [r[2]], ev[5], ev[7], ev[8]):
                    key = (row["lo"], row["hi"], row["period"])
                    if key not in self.rows:
                        self.rows[key] = row
                    else:
                        acc = self.rows[key]
                        for k, v in row.items():
                            if k not in ("lo", "hi", "period"):
                                acc[k] += v

    def table(self) -> tuple[list[str], list[tuple]]:
        cols = list(next(iter(self.rows.values()))) if self.rows else []
        return cols, [tuple(r[c] for c in cols) for r in self.rows.values()]


def load_sqlite(path: str, n_events: int) -> tuple[float, list[str]]:
    part_date, dyads = _layout(f"sqlite:///{path}")
    articles, entities, chunks, codes = synthetic(n_events)
    pcols = _PART_COLS + (["date"] if part_date else [])
    totals = DyadTotals(dyads)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")            # bulk load: durability is not the point here
    t = time.perf_counter()
    with con:
        con.executemany("INSERT INTO articles (id, hash, doc_id, language, published, text, ingested_at) "
                        "VALUES (?,?,?,?,?,?,?)", articles)
        con.executemany("INSERT INTO entities (id, kind, name, country, code) VALUES (?,?,?,?,?)", entities)
        for evs, parts in chunks:
            totals.add(evs, parts)
            parts = _rows_for(evs, parts, part_date)
            con.executemany(f"INSERT INTO events ({', '.join(_EVENT_COLS)}) VALUES ({','.join('?' * 13)})", evs)
            con.executemany(f"INSERT INTO participants ({', '.join(pcols)}) VALUES ({','.join('?' * len(pcols))})",
                            parts)
        cols, rows = totals.table()
        if rows:
            con.executemany(f"INSERT INTO dyad_months ({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                            rows)
    con.execute("ANALYZE")                           # what `PRAGMA optimize` does for a long-lived store
    con.close()
    return time.perf_counter() - t, codes


def load_pg(url: str, n_events: int) -> tuple[float, list[str]]:
    import psycopg
    from sqlalchemy.engine import make_url

    part_date, dyads = _layout(url)
    articles, entities, chunks, codes = synthetic(n_events)
    u = make_url(url)
    dsn = dict(host=u.host, port=u.port or 5432, dbname=u.database, user=u.username, password=u.password,
               options=u.query.get("options"))
    t = time.perf_counter()
    with psycopg.connect(**{k: v for k, v in dsn.items() if v is not None}) as con, con.cursor() as cur:
        def copy(table, cols, rows):
            with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
        copy("articles", ["id", "hash", "doc_id", "language", "published", "text", "ingested_at"], articles)
        copy("entities", ["id", "kind", "name", "country", "code"], entities)
        totals = DyadTotals(dyads)
        for evs, parts in chunks:
            totals.add(evs, parts)
            copy("events", _EVENT_COLS, evs)
            copy("participants", _PART_COLS + (["date"] if part_date else []), _rows_for(evs, parts, part_date))
        cols, rows = totals.table()
        if rows:
            copy("dyad_months", cols, rows)
        for table in ("articles", "events", "participants"):   # ids given explicitly: move the sequences on
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        con.commit()
        cur.execute("ANALYZE")
    return time.perf_counter() - t, codes


def query_functions(store):
    """(api, history page, full history, dyad series): lagebild.store.queries when it is there,
    else the equivalent Core selects."""
    try:
        from lagebild.store import queries
        return ("lagebild.store.queries",
                lambda code: queries.events(store, actor=code, limit=100),
                lambda code: queries.events(store, actor=code),
                lambda a, b: queries.dyad(store, a, b, by="month"))
    except (ImportError, AttributeError):
        pass
    from sqlalchemy import and_, func, or_, select

    from lagebild.store import schema as t
    e, p, r = t.events, t.participants.alias("p"), t.participants.alias("r")

    def history(code, limit=None):
        q = (select(e).where(e.c.id.in_(select(p.c.event_id).where(p.c.side == "actor", p.c.code == code)))
             .order_by(e.c.date, e.c.id).limit(limit))
        with store.engine.connect() as conn:
            return conn.execute(q).all()

    def dyad(a, b):
        month = func.substr(e.c.date, 1, 7)
        q = (select(month.label("month"), func.count().label("n"))
             .select_from(e.join(p, p.c.event_id == e.c.id).join(r, r.c.event_id == e.c.id))
             .where(p.c.side == "actor", r.c.side == "recipient",
                    or_(and_(p.c.code == a, r.c.code == b), and_(p.c.code == b, r.c.code == a)))
             .group_by(month).order_by(month))
        with store.engine.connect() as conn:
            return conn.execute(q).all()

    return "Core selects (lagebild.store.queries missing)", lambda c: history(c, 100), history, dyad


def _time(fn, *args, runs: int = 20, budget: float = 20.0) -> dict:
    t = time.perf_counter()
    rows = fn(*args)
    first = time.perf_counter() - t
    ts = []
    for _ in range(max(3, min(runs, int(budget / max(first, 1e-3))))):   # slow queries: fewer runs
        t = time.perf_counter()
        fn(*args)
        ts.append(time.perf_counter() - t)
    ts.sort()
    return dict(rows=len(rows) if hasattr(rows, "__len__") else None, first_ms=first * 1e3,
                median_ms=statistics.median(ts) * 1e3, p95_ms=ts[int(0.95 * (len(ts) - 1))] * 1e3)


def phase_query(a) -> dict:
    from lagebild.store import Store

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="lagebild-bench-"))
    drop = None
    if a.db and a.db.startswith("postgresql"):
        url, drop = fresh_pg(a.db)
        load_s, codes = load_pg(url, a.events)
    else:
        url = f"sqlite:///{tmp / 'events.db'}"
        load_s, codes = load_sqlite(str(tmp / "events.db"), a.events)
    res = dict(events=a.events, load_s=load_s, rows_per_s=(a.events * 3) / load_s, queries=[])
    with Store(url) as store:
        res["backend"] = store.engine.dialect.name
        res["api"], page, history, dyad = query_functions(store)
        top, mid = codes[0], codes[len(codes) // 2]        # most covered state, a middling one
        mid2 = codes[len(codes) // 2 + 1]
        for label, fn, args in (("actor history, 100 rows", page, (top,)),
                                ("actor history, 100 rows", page, (mid,)),
                                ("actor history, all rows", history, (mid,)),
                                ("dyad monthly series", dyad, (codes[0], codes[1])),
                                ("dyad monthly series", dyad, (mid, mid2))):
            res["queries"].append(dict(query=label, args=list(args), **_time(fn, *args)))
    if a.write_docs:
        # writing real documents into the full store: fusion and ledger look-ups at size
        from lagebild.model import Article
        from lagebild.pipeline import analyze_article
        docs = [analyze_article(Article(id=r["id"], text=r["text"], language="de", published=date(2016, 1, 1)))
                for r in german(a.write_docs)]
        with Store(url) as store:
            t = time.perf_counter()
            for d in docs:
                store.add(d)
            res["write_ms"] = (time.perf_counter() - t) / len(docs) * 1e3
            res["write_docs"] = len(docs)
    if drop:
        drop()
    shutil.rmtree(tmp, ignore_errors=True)
    res["peak_mb"] = peak_process_mb()
    return res


# -- driver ---------------------------------------------------------------------------------------
def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")) / 2**20
    except (OSError, StopIteration):
        mem = 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu}, {cores} cores, {mem:.0f} GiB RAM; Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}")


def child(args: list[str]) -> dict:
    cmd = [sys.executable, __file__, *args]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-3000:])
        raise SystemExit(f"benchmark step failed: {' '.join(args)}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    from lagebild.cli import _default_workers
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="articles per language (0: all)")
    ap.add_argument("--workers", type=int, default=_default_workers())
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events for the query test")
    ap.add_argument("--write-docs", type=int, default=20,
                    help="articles then written into the full synthetic store (store time at size)")
    ap.add_argument("--db", help="store URL for ingest (default: a fresh SQLite file)")
    ap.add_argument("--pg", help="also ingest into and query this PostgreSQL database (in schemas of their own)")
    ap.add_argument("--scheduler", help="Dask scheduler address, or 'local' for a LocalCluster")
    ap.add_argument("--only", default="analyze,ingest,dask,query")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--lang", default="de", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase:
        res = phase_query(a) if a.phase == "query" else phase_pipeline(a)
        print(json.dumps(res))
        return

    only = set(a.only.split(","))
    base = ["--limit", str(a.limit)]
    print(f"# Lagebild scale benchmark, {date.today()}\n# {machine()}\n")
    rows = []
    worker_counts = sorted({1, a.workers})
    for phase in ("analyze", "ingest"):
        if phase not in only:
            continue
        for lang in ("de", "en"):
            for w in worker_counts:
                rows.append((phase, lang, w, "sqlite" if phase == "ingest" and not a.db else "",
                             child([*base, "--phase", phase, "--lang", lang, "--workers", str(w),
                                    *(["--db", a.db] if a.db and phase == "ingest" else [])])))
    if "ingest" in only and a.pg:
        rows.append(("ingest", "de", a.workers, "postgresql",
                     child([*base, "--phase", "ingest", "--lang", "de", "--workers", str(a.workers), "--db", a.pg])))
    if "dask" in only and a.scheduler:
        rows.append(("dask ingest", "de", a.workers, "sqlite",
                     child([*base, "--phase", "dask", "--lang", "de", "--workers", str(a.workers),
                            "--scheduler", a.scheduler])))
    if rows:
        print(f"{'step':12} {'lang':4} {'wrk':>3} {'store':10} {'articles':>8} {'tokens':>9} {'art/s':>7} "
              f"{'tok/s':>7} {'peak MB':>8} {'total MB':>8} {'store %':>7} {'store art/s':>11} {'rows/s':>8}")
        for phase, lang, w, backend, r in rows:
            share = f"{r['store_s'] / r['wall']:7.1%}" if "rows" in r else f"{'':7}"
            rate = (f"{r['articles'] / r['store_s']:11.0f} {r['rows'] / r['store_s']:8.0f}"
                    if "rows" in r and r["store_s"] else f"{'':11} {'':8}")
            total = f"{r['total_mb']:8.0f}" if r.get("total_mb") else f"{'n/a':>8}"
            print(f"{phase:12} {lang:4} {w:3d} {r.get('backend', backend):10} {r['articles']:8d} {r['tokens']:9,d} "
                  f"{r['articles'] / r['wall']:7.1f} {r['tokens'] / r['wall']:7,.0f} {r['peak_mb']:8.0f} "
                  f"{total} {share} {rate}")
        print("(art/s, tok/s: after the models are loaded; store %: time in Store.add / wall time; "
              "store art/s, rows/s: articles and rows written per second of store time)\n")
    if "query" in only:
        for url in [None, a.pg] if a.pg else [None]:
            r = child(["--phase", "query", "--events", str(a.events), "--write-docs", str(a.write_docs),
                       *(["--db", url] if url else [])])
            print(f"query latency, {r['events']:,} synthetic events in {r['backend']} (bulk load {r['load_s']:.0f} s, "
                  f"{r['rows_per_s']:,.0f} rows/s); via {r['api']}")
            print(f"{'query':30} {'args':12} {'rows':>6} {'first ms':>9} {'median ms':>10} {'p95 ms':>8}")
            for q in r["queries"]:
                print(f"{q['query']:30} {'-'.join(q['args']):12} {q['rows'] if q['rows'] is not None else '':>6} "
                      f"{q['first_ms']:9.1f} {q['median_ms']:10.1f} {q['p95_ms']:8.1f}")
            if r.get("write_docs"):
                print(f"store.add of {r['write_docs']} analysed articles into this store: "
                      f"{r['write_ms']:.0f} ms per article")
            print()


if __name__ == "__main__":
    main()
