#!/usr/bin/env python3
"""Actor-stage benchmark: GermEval 2014 dev span F1 (PER, LOC, ORG; *deriv merged into the base
class, *part and OTH ignored: a system span equal to a gold *part span, such as "US-Präsident",
counts neither way) and the speed of the actor stage on one core.

usage: python bench/actors_bench.py [--germeval PATH] [--limit N] [--no-tagger] [--spaced]
The tokens are joined back into running text as they were printed (no blank before a full stop
or comma, none inside brackets or quotes: "Chr.", "Yahoo!"), so Lagebild reads the sentences as
it reads an article; `--spaced` puts a blank between every two tokens instead (the figures of
releases before 2026-11-27). Spans are compared on GermEval's tokens either way.
Prints a table and the actor stage's speed: on the first pass every word form is new to the
process (per-form caches cold), on the second the caches are warm. The README quotes its figures.
"""
from __future__ import annotations

import argparse
import pathlib
import time
from datetime import date

from lagebild import actors, nlp
from lagebild.model import Article, Document

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "reference" / "germeval2014" / "NER-de-dev.tsv"


def read_germeval(path: pathlib.Path):
    sents, toks, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        cols = line.split("\t")
        toks.append(cols[1])
        tags.append(cols[2])
    if toks:
        sents.append((toks, tags))
    return sents


def gold_spans(tags: list[str], keep_part: bool = False) -> set[tuple[int, int, str]]:
    spans, start, label = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        base = tag[2:].replace("deriv", "") if tag != "O" else None
        if base and not keep_part and ("part" in base or base == "OTH"):
            base = None
        if tag.startswith("B-") or base is None or base != label:
            if start is not None and label:
                spans.add((start, i, label))
            start, label = (i, base) if base else (None, None)
    return spans


def part_spans(tags: list[str]) -> set[tuple[int, int]]:
    """Token spans the gold marks as *part ("US-Präsident" = LOCpart): ignored on both sides."""
    return {(a, b) for a, b, lab in gold_spans(tags, keep_part=True) if lab.endswith("part")}


_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "“", "«", "%"}
_NO_SPACE_AFTER = {"(", "[", "„", "»"}


def running_text(toks: list[str], spaced: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """The tokens as text, and each token's (start, end) in it. A straight double quote opens and
    closes in turn."""
    text, offsets, glue, quote_open = "", [], True, False
    for t in toks:
        opening, closing = t == '"' and not quote_open, t == '"' and quote_open
        if text and (spaced or not (glue or t in _NO_SPACE_BEFORE or closing)):
            text += " "
        offsets.append((len(text), len(text) + len(t)))
        text += t
        quote_open ^= t == '"'
        glue = t in _NO_SPACE_AFTER or opening
    return text + " ", offsets


_KIND = {"person": "PER", "country": "LOC", "location": "LOC", "organization": "ORG"}


def system_spans(doc: Document, offsets: list[tuple[int, int]]) -> set[tuple[int, int, str]]:
    kinds = {e.id: _KIND[e.kind] for e in doc.entities}
    start_tok = {s: i for i, (s, _) in enumerate(offsets)}
    end_tok = {e: i + 1 for i, (_, e) in enumerate(offsets)}
    out = set()
    for m in doc.mentions:
        label = "PER" if m.kind in ("name", "surname") and kinds[m.entity_id] == "PER" else kinds[m.entity_id]
        if m.kind == "role" and label == "ORG":
            continue     # "Chinas Küstenwache" is a description, not a named entity in GermEval
        if m.start in start_tok and m.end in end_tok:
            out.add((start_tok[m.start], end_tok[m.end], label))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--germeval", type=pathlib.Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-tagger", action="store_true", help="the rules alone, without the name tagger")
    ap.add_argument("--spaced", action="store_true", help="a blank between every two tokens")
    args = ap.parse_args()
    sents = read_germeval(args.germeval)
    if args.limit:
        sents = sents[:args.limit]
    tp = {"PER": 0, "LOC": 0, "ORG": 0}
    n_sys, n_gold = dict(tp), dict(tp)
    docs = []
    offsets_of = []
    for toks, tags in sents:
        text, offsets = running_text(toks, args.spaced)
        offsets_of.append(offsets)
        doc = nlp.annotate(Document(Article(id="g", text=text, language="de", published=date(2010, 1, 1))))
        docs.append(doc)
    actors.recognize(nlp.annotate(Document(Article(id="warm", text="Berlin.", language="de"))))  # build gazetteer
    tag = not args.no_tagger
    t0 = time.perf_counter()
    for doc in docs:
        actors.recognize(doc, tag_names=tag)
    actor_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        doc.mentions, doc.entities = [], []
        actors.recognize(doc, tag_names=tag)
    warm_s = time.perf_counter() - t0
    ntok = sum(len(d.tokens) for d in docs)
    for doc, (toks, tags), offsets in zip(docs, sents, offsets_of):
        g, s = gold_spans(tags), system_spans(doc, offsets)
        s = {x for x in s if (x[0], x[1]) not in part_spans(tags)}
        for lab in tp:
            gl = {x for x in g if x[2] == lab}
            sl = {x for x in s if x[2] == lab}
            tp[lab] += len(gl & sl)
            n_sys[lab] += len(sl)
            n_gold[lab] += len(gl)
    print(f"GermEval 2014 dev: {len(sents)} sentences, {ntok} tokens")
    print(f"{'class':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for lab in list(tp) + ["ALL"]:
        t_ = sum(tp.values()) if lab == "ALL" else tp[lab]
        s_ = sum(n_sys.values()) if lab == "ALL" else n_sys[lab]
        g_ = sum(n_gold.values()) if lab == "ALL" else n_gold[lab]
        p = t_ / s_ if s_ else 0.0
        r = t_ / g_ if g_ else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lab:6} {p:6.3f} {r:6.3f} {f:6.3f} {g_:6d}")
    print(f"actor stage: {ntok / actor_s:,.0f} tokens/s on one core, first pass ({actor_s:.2f} s); "
          f"{ntok / warm_s:,.0f} tokens/s on the second pass")


if __name__ == "__main__":
    main()
