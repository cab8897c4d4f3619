#!/usr/bin/env python3
"""German/English consistency on de-news (../shared/reference/de-news, MIT): every story there
comes as German sentences with their English translations. Lagebild codes both sides natively;
agreement between the two codings (same PLOVER type with overlapping actors in a sentence pair)
is a gold-free check of the German and English lexicons and grammars.

usage: python bench/consistency_bench.py [--limit N] [--show K]"""
from __future__ import annotations

import argparse
import glob
import json
import pathlib
from datetime import date

from lagebild.model import Article
from lagebild.pipeline import analyze_article

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "reference" / "de-news" / "data" / "articles"


def coded(text: str, lang: str, day: date) -> list[set]:
    """Per paragraph (= one source sentence), the set of (event, actor codes) coded there."""
    doc = analyze_article(Article(id="x", text=text, language=lang, published=day))
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    out = [set() for _ in starts]
    for e in doc.events:
        if e.status == "negated":
            continue
        k = max(i for i, s in enumerate(starts) if s <= e.evidence.start)
        out[k].add((e.event[0], frozenset(p.code for p in e.actor)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=pathlib.Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    files = sorted(glob.glob(str(args.dir / "*" / "*.json")))[: args.limit]
    both = de_only = en_only = agree = 0
    shown = 0
    for f in files:
        story = json.loads(pathlib.Path(f).read_text(encoding="utf-8"))
        day = date.fromisoformat(pathlib.Path(f).parent.name)
        de = "\n\n".join(s["text"] for s in story["text"])
        en = "\n\n".join(s["translated_text"] for s in story["text"])
        for k, (d, e) in enumerate(zip(coded(de, "de", day), coded(en, "en", day))):
            if not d and not e:
                continue
            hit = any(a[0] == b[0] and a[1] & b[1] for a in d for b in e)
            agree += hit
            both += bool(d and e)
            de_only += bool(d and not e)
            en_only += bool(e and not d)
            if not hit and shown < args.show:
                shown += 1
                print(f"- DE {sorted((x[0], sorted(x[1])) for x in d)} | {story['text'][k]['text'][:100]}")
                print(f"  EN {sorted((x[0], sorted(x[1])) for x in e)} | {story['text'][k]['translated_text'][:100]}")
    coded_pairs = both + de_only + en_only
    print(f"de-news: {len(files)} stories, {coded_pairs} sentence pairs with an event on either side")
    print(f"agreement (same type, overlapping actors): {agree / coded_pairs:.3f}; "
          f"coded on both sides {both}, German only {de_only}, English only {en_only}")


if __name__ == "__main__":
    main()
