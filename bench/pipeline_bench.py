#!/usr/bin/env python3
"""Whole-pipeline throughput on real German news: 10kGNAD test.csv (1,028 derStandard.at articles).

usage: python bench/pipeline_bench.py [--csv PATH] [--limit N] [--workers N]
Prints articles/s, tokens/s, peak RSS, and per-stage shares. Serial unless --workers > 1
(a process pool over articles; results are identical to the serial run)."""
from __future__ import annotations

import argparse
import csv
import os
import pathlib
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "reference" / "10kGNAD" / "test.csv"


def load(path: pathlib.Path, limit: int) -> list[str]:
    with path.open(encoding="utf-8") as f:
        rows = [r[1] for r in csv.reader(f, delimiter=";", quotechar="'") if len(r) > 1]
    return rows[:limit] if limit else rows


def _run(text: str) -> tuple[int, int, dict[str, float]]:
    from lagebild import actors, events, nlp, world
    from lagebild.model import Article, Document

    doc = Document(Article(id="b", text=text, language="de", published=date(2016, 1, 1)))
    times = {}
    for name, stage in (("nlp", nlp.annotate), ("actors", actors.recognize), ("events", events.extract),
                        ("world", world.derive)):
        t = time.perf_counter()
        stage(doc)
        times[name] = time.perf_counter() - t
    return len(doc.tokens), len(doc.events), times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", type=pathlib.Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    texts = load(args.csv, args.limit)
    _run("Die Regierung in Berlin kritisierte Russland.")   # load models and data once
    t0 = time.perf_counter()
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers) as ex:
            results = list(ex.map(_run, texts, chunksize=8))
    else:
        results = [_run(t) for t in texts]
    wall = time.perf_counter() - t0
    ntok = sum(r[0] for r in results)
    nev = sum(r[1] for r in results)
    stage = {k: sum(r[2][k] for r in results) for k in results[0][2]}
    total = sum(stage.values())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"10kGNAD: {len(texts)} articles, {ntok:,} tokens, {nev:,} events; workers={args.workers}, "
          f"cpus={os.cpu_count()}")
    print(f"{'articles/s':>12} {'tokens/s':>10} {'peak RSS MB':>12}")
    print(f"{len(texts) / wall:12.1f} {ntok / wall:10,.0f} {max(rss, rss_children):12.0f}")
    print("stage share: " + ", ".join(f"{k} {v / total:.0%}" for k, v in stage.items()))


if __name__ == "__main__":
    main()
