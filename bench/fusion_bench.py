#!/usr/bin/env python3
"""Cross-article fusion and the commitment ledger on the multi-article scenarios of
examples/scenarios/: each folder is ingested, in file-name order, into a fresh temporary store
and compared with its expected.yaml.

Fusion is scored pairwise over the mentions the scenario names: a pair in the same cluster is a
true positive when both mentions belong to the same named event, a false positive otherwise; a
pair of one event not in one cluster (or a mention the analysis did not produce) is a false
negative. The ledger is scored per expected commitment: final status, and the whole history.

With --scale N it instead times the store's write path (fusion and ledger included) on N
synthetic articles of five events each, built by hand (no NLP), roughly in publication order,
with parties drawn from a skewed distribution of 150 codes as in real news.

usage: python bench/fusion_bench.py [--dir examples/scenarios] [--show] [SCENARIO ...]
       python bench/fusion_bench.py --scale 20000 [--db URL]"""
from __future__ import annotations

import argparse
import itertools
import pathlib
import sys
import tempfile
from dataclasses import dataclass, field

import yaml

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT = HERE.parent / "examples" / "scenarios"


@dataclass
class Result:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0                                              # pairs of different events kept apart
    other_fused: int = 0                                     # fused pairs among mentions not named
    missing: list[str] = field(default_factory=list)        # named mentions the analysis lacks
    status_ok: int = 0
    history_ok: int = 0
    commitments: int = 0
    checks_failed: list[str] = field(default_factory=list)  # stored/sources/commitment details

    @property
    def ok(self) -> bool:
        return not (self.fp or self.fn or self.missing or self.checks_failed) and \
            self.status_ok == self.history_ok == self.commitments


def run_scenario(folder: pathlib.Path, db_url: str | None = None) -> Result:
    """Ingest one scenario folder into a fresh store and compare with its expected.yaml."""
    from lagebild.model import IngestProblem
    from lagebild.pipeline import analyze_inputs
    from lagebild.store import Store

    exp = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    res = Result(folder.name)
    with tempfile.TemporaryDirectory() as tmp:
        with Store(db_url or f"sqlite:///{tmp}/s.db") as store:
            stored_as: dict[str, int] = {}
            for item in analyze_inputs([str(p) for p in sorted(folder.glob("*.txt"))]):
                if isinstance(item, IngestProblem):
                    res.checks_failed.append(f"not analysed: {item.source}: {item.message}")
                    continue
                stored_as[item.article.id] = store.put(item).article_id
            _score_events(store, exp, stored_as, res)
            _check_store(store, exp, stored_as, res)
            _score_ledger(store, exp, stored_as, res)
    return res


def _find_event(events, aid, phrase, etype):
    hits = [e for e in events if e["article_id"] == aid and phrase in e["evidence_text"]
            and (etype is None or e["event"] == etype)]
    return hits[0] if hits else None


def _score_events(store, exp, stored_as, res: Result) -> None:
    events = store.events()
    found = []                                   # (event name, cluster id or None)
    for name, mentions in (exp.get("events") or {}).items():
        for m in mentions:
            file, phrase, etype = (list(m) + [None])[:3]
            e = _find_event(events, stored_as.get(file), phrase, etype)
            if e is None:
                res.missing.append(f"{name}: {file}: {phrase!r} ({etype})")
            found.append((name, e["cluster_id"] if e else None, e["id"] if e else None))
    for (n1, c1, i1), (n2, c2, i2) in itertools.combinations(found, 2):
        if i1 is not None and i1 == i2:
            continue                             # one mention named twice
        same = c1 is not None and c1 == c2
        if same and n1 == n2:
            res.tp += 1
        elif same:
            res.fp += 1
        elif n1 == n2:
            res.fn += 1
        else:
            res.tn += 1
    named = {i for _, _, i in found if i is not None}
    sizes: dict = {}
    for e in events:
        if e["id"] not in named:
            sizes[e["cluster_id"]] = sizes.get(e["cluster_id"], 0) + 1
    res.other_fused = sum(n * (n - 1) // 2 for n in sizes.values())


def _check_store(store, exp, stored_as, res: Result) -> None:
    st = store.stats()
    if "stored" in exp and st["articles"] != exp["stored"]:
        res.checks_failed.append(f"stored {st['articles']} articles, expected {exp['stored']}")
    for file, n in (exp.get("sources") or {}).items():
        got = len(store.sources(stored_as.get(file)))
        if got != n:
            res.checks_failed.append(f"{file}: {got} sources, expected {n}")


def _score_ledger(store, exp, stored_as, res: Result) -> None:
    history = store.history()
    status = {c["id"]: c["status"] for c in store.commitments()}
    for want in exp.get("commitments") or []:
        res.commitments += 1
        file, phrase = want["find"]
        cid = next((h["commitment_id"] for h in history
                    if h["article_id"] == stored_as.get(file) and phrase in h["evidence_text"]), None)
        if cid is None:
            res.checks_failed.append(f"no commitment for {file}: {phrase!r}")
            continue
        changes = [h["change"] for h in history if h["commitment_id"] == cid]
        if status[cid] == want["status"]:
            res.status_ok += 1
        else:
            res.checks_failed.append(f"{phrase!r}: status {status[cid]}, expected {want['status']}")
        if changes == want.get("history", changes):
            res.history_ok += 1
        else:
            res.checks_failed.append(f"{phrase!r}: history {changes}, expected {want['history']}")


def scenarios(root: pathlib.Path, names: list[str] | None = None) -> list[pathlib.Path]:
    return [d for d in sorted(root.iterdir())
            if (d / "expected.yaml").is_file() and (not names or d.name in names)]


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def synthetic(n: int, seed: int = 1):
    """Hand-built documents: skewed parties, types and dates, about 8 % pledges."""
    import random
    from datetime import date, timedelta

    from lagebild.model import Article, Commitment, Document, Event, Participant, Quantity, Span

    rnd = random.Random(seed)
    codes = [f"C{i:02d}" for i in range(150)]
    weights = [1 / (i + 1) for i in range(150)]                  # Zipf: a few states in most news
    types = {"CONSULT": 25, "AGREE": 12, "SUPPORT": 8, "ACCUSE": 10, "REJECT": 6, "REQUEST": 6,
             "SANCTION": 5, "COOPERATE": 8, "AID": 5, "ASSAULT": 8, "THREATEN": 4, "MOBILIZE": 3}
    verbs = {"CONSULT": "meet", "AGREE": "buy", "SANCTION": "sanction", "COOPERATE": "buy", "AID": "deliver",
             "ASSAULT": "attack", "THREATEN": "threaten", "MOBILIZE": "deploy"}
    goods = [None] * 8 + ["LNG", "oil", "steel", "grain"]
    start = date(2022, 1, 1)
    for i in range(n):
        day = start + timedelta(days=i * 1000 // max(n, 1) + rnd.randrange(-2, 3))
        text = f"Synthetic report {i}: " + " ".join(rnd.choice("abcdefgh") * 5 for _ in range(40))
        sp = Span(0, 20, text[:20])
        evs, coms = [], []
        for k in range(5):
            ty = rnd.choices(list(types), list(types.values()))[0]
            a, b = rnd.choices(codes, weights, k=2)
            if a == b:
                continue
            future = ty in ("AGREE", "THREATEN") and rnd.random() < 0.6
            when = (day - timedelta(days=rnd.randrange(3))).isoformat()
            e = Event(f"e{k}", [ty], [Participant(a)], [Participant(b)], sp, 0,
                      status="future" if future else "occurred", date=when, date_precision="day",
                      predicate=verbs.get(ty), quantity=Quantity(commodity=rnd.choice(goods)))
            evs.append(e)
            if future:
                coms.append(Commitment(f"c{k}", [a], [b], verbs[ty], e.quantity.commodity, e.id, sp))
        yield Document(Article(id=f"s{i}", text=text, language="en", published=day), events=evs, commitments=coms)


def scale(n: int, db_url: str | None) -> None:
    import time

    from lagebild.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(db_url or f"sqlite:///{tmp}/scale.db") as store:
        step, t0 = max(n // 10, 1), time.perf_counter()
        last = t0
        for i, doc in enumerate(synthetic(n), 1):
            store.put(doc)
            if i % step == 0:
                now = time.perf_counter()
                print(f"{i:>8} articles  {step / (now - last):7.1f} articles/s (last {step})", flush=True)
                last = now
        st = store.stats()
        print(f"{n} articles in {time.perf_counter() - t0:.1f} s; {st['events']} events in "
              f"{st['event_clusters']} clusters, {st['commitments']} commitments, "
              f"{st['ledger_updates']} ledger entries")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="scenario folder names (default: all)")
    ap.add_argument("--dir", type=pathlib.Path, default=DEFAULT)
    ap.add_argument("--db", help="a database URL to use instead of temporary SQLite files "
                                 "(must be empty; each scenario needs its own, so only with one name)")
    ap.add_argument("--show", action="store_true", help="print what went wrong per scenario")
    ap.add_argument("--scale", type=int, metavar="N", help="time N synthetic articles instead")
    args = ap.parse_args()
    if args.scale:
        scale(args.scale, args.db)
        return
    folders = scenarios(args.dir, args.names)
    if not folders:
        sys.exit(f"no scenarios under {args.dir}")
    total = Result("all")
    print(f"{'scenario':32} {'pairs tp/fp/fn/tn':>18} {'miss':>5} {'status':>7} {'history':>8}  ok")
    for f in folders:
        r = run_scenario(f, args.db)
        print(f"{r.name:32} {f'{r.tp}/{r.fp}/{r.fn}/{r.tn}':>18} {len(r.missing):>5} "
              f"{f'{r.status_ok}/{r.commitments}':>7} {f'{r.history_ok}/{r.commitments}':>8}  "
              f"{'yes' if r.ok else 'NO'}")
        if args.show:
            for line in r.missing:
                print(f"    missing mention: {line}")
            for line in r.checks_failed:
                print(f"    {line}")
        for k in ("tp", "fp", "fn", "tn", "other_fused", "status_ok", "history_ok", "commitments"):
            setattr(total, k, getattr(total, k) + getattr(r, k))
        total.missing += r.missing
    print()
    print(f"fusion pairs: precision {_ratio(total.tp, total.tp + total.fp)}  "
          f"recall {_ratio(total.tp, total.tp + total.fn)}  "
          f"(tp {total.tp}, fp {total.fp}, fn {total.fn}; {total.tn} pairs of different events kept apart; "
          f"{len(total.missing)} named mentions not coded; {total.other_fused} fused pairs among unnamed mentions)")
    print(f"ledger: status {total.status_ok}/{total.commitments} = {_ratio(total.status_ok, total.commitments)}  "
          f"history {total.history_ok}/{total.commitments} = {_ratio(total.history_ok, total.commitments)}")


if __name__ == "__main__":
    main()
