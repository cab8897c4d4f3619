"""Span P/R/F1 per class of a spaCy NER pipeline on the GermEval 2014 dev set (evaluation only).

  python train/ner/eval_germeval.py [MODEL_DIR] [--no-deriv]

Gold: outer tags; PERderiv/LOCderiv/ORGderiv count as PER/LOC/ORG; *part and OTH are not gold, and
a prediction on them counts as a false positive. Matching is exact on GermEval's own tokens (the
model runs on a Doc built from them). --no-deriv additionally leaves out the deriv spans
("deutsche", "Berliner") from gold and ignores predictions that hit them exactly, to show how
much of the LOC gap is adjectives.
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import sys

import spacy
from spacy.tokens import Doc

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import corpus  # noqa: E402

DEFAULT_MODEL = corpus.ROOT / "src" / "lagebild" / "models" / "de_ner"
DEFAULT_DATA = corpus.SHARED / "germeval2014" / "NER-de-dev.tsv"


def evaluate(nlp, path: pathlib.Path = DEFAULT_DATA, no_deriv: bool = False) -> dict[str, dict[str, float]]:
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    sents = list(corpus.germeval(path))
    docs = (Doc(nlp.vocab, words=w, spaces=[True] * len(w)) for w, _, _ in sents)
    for (words, gold, deriv), doc in zip(sents, nlp.pipe(docs, batch_size=256)):
        if no_deriv:
            gold = {g for g in gold if (g[0], g[1]) not in deriv}
        pred = {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in corpus.LABELS}
        if no_deriv:
            pred = {p for p in pred if (p[0], p[1]) not in deriv}
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
    out = {}
    for lab in (*corpus.LABELS, "ALL"):
        t = sum(tp.values()) if lab == "ALL" else tp[lab]
        p_ = sum(fp.values()) if lab == "ALL" else fp[lab]
        n = sum(fn.values()) if lab == "ALL" else fn[lab]
        prec = t / (t + p_) if t + p_ else 0.0
        rec = t / (t + n) if t + n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = {"p": prec, "r": rec, "f1": f1, "gold": t + n, "pred": t + p_}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", nargs="?", default=str(DEFAULT_MODEL))
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--no-deriv", action="store_true")
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    res = evaluate(nlp, pathlib.Path(args.data), args.no_deriv)
    print(f"{'class':<5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    for lab, m in res.items():
        print(f"{lab:<5} {m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f} {m['gold']:5d} {m['pred']:5d}")


if __name__ == "__main__":
    main()
