"""Write the training DocBins (git-ignored) from the corpora under ../shared.

  python train/ner/build_data.py [--silver {none,caps,all}] [--out train/ner/build]

Writes train.spacy and dev.spacy. dev.spacy is a held-out slice of the TRAINING sources (every
10th SmartData sentence, every 10th silver article's sentences) used by `spacy train` to pick
the best checkpoint; GermEval is never read here.
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import random
import sys

import spacy
from spacy.tokens import DocBin

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import augment  # noqa: E402
import corpus  # noqa: E402

SEED = 13


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--silver", choices=("none", "ne", "caps", "all"), default="ne",
                    help="de-news silver: none; ne = unlabelled proper nouns missing; caps = "
                         "unlabelled capitalised words missing; all = unlabelled words taught as O")
    ap.add_argument("--augment", type=float, default=1.0,
                    help="entity-substituted copies per training sentence with entities (0 = off)")
    ap.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parent / "build"))
    ap.add_argument("--augment-labels", default="PER",
                    help="entity classes whose names the copies swap (PER: swapping LOC/ORG too "
                         "raised recall but made common nouns come out as places)")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("de")
    train, dev = [], []
    counts = collections.Counter()
    for split in ("dev", "test"):
        for i, doc in enumerate(corpus.smartdata(nlp, corpus.SHARED / "smartdata" / f"{split}.json.gz")):
            (dev if i % 10 == 9 else train).append(doc)
            counts.update("smartdata " + e.label_ for e in doc.ents)
    if args.silver != "none":
        rng = random.Random(SEED)
        docs = list(corpus.silver(nlp, corpus.SHARED / "de-news", unlabelled=args.silver))
        for doc in docs:
            # sentence-level split is enough: silver only helps pick a checkpoint
            (dev if rng.random() < 0.1 else train).append(doc)
            counts.update("silver " + e.label_ for e in doc.ents)
    if args.augment > 0:
        rng, pool, extra = random.Random(SEED), augment.pools(), []
        for doc in train:
            k = int(args.augment) + (rng.random() < args.augment % 1)
            for _ in range(k):
                new = augment.substitute(nlp, doc, rng, pool,
                                         labels=tuple(args.augment_labels.split(",")))
                if new is not None:
                    extra.append(new)
        counts["augmented copies"] = len(extra)
        train += extra
    random.Random(SEED).shuffle(train)
    DocBin(docs=train, store_user_data=False).to_disk(out / "train.spacy")
    DocBin(docs=dev, store_user_data=False).to_disk(out / "dev.spacy")
    print(f"train {len(train)} docs, dev {len(dev)} docs -> {out}")
    for k, n in sorted(counts.items()):
        print(f"  {k}: {n}")


if __name__ == "__main__":
    main()
