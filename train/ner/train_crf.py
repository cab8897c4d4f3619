"""Train the name tagger (src/lagebild/actors/tagger.py) on our labelled sentences.

    python train/ner/train_crf.py                 # train, report held-out figures, ship the model
    python train/ner/train_crf.py --no-ship       # figures only
    python bench/actors_bench.py                  # GermEval 2014 dev with the shipped model

Each sentence is analysed by Lagebild's own pipeline (nlp.annotate, then the actor grammar), so
the tagger sees exactly the tokens and grammar marks it will see at run time. One sentence in ten
(chosen by a hash of its id) is held out for the printed figures; the shipped model is then
trained on all sentences.

GermEval 2014 dev is our measure, so it must not leak into training: a sentence that contains
one of its rare names (an entity string found in at most three of our sentences, such as a
village or a band, which a coder may have met while reading about the benchmark) is dropped
before training; common names (Euro, Europa, Linux) stay. `--keep-eval-names` turns this off,
for comparison only. Sentences with a word of leaked.txt (examples that reached a writing brief
after we had read the evaluation set) are dropped as well. GermEval's sentences and labels are
never trained on.
"""
from __future__ import annotations

import argparse
import hashlib
import pathlib
import random
import re
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import labels  # noqa: E402
from lagebild import actors, nlp  # noqa: E402
from lagebild.actors import tagger  # noqa: E402
from lagebild.actors.knowledge import given_names  # noqa: E402
from lagebild.model import Article, Document  # noqa: E402

Sequence = tuple[list[list[str]], list[str]]


def bio(toks, spans: list[tuple[int, int, str]]) -> list[str]:
    """Gold BIO labels for our tokens. PART names ("US-Präsident") are no names: O. A token that a
    name covers only in part is O as well."""
    out = ["O"] * len(toks)
    for s, e, label in spans:
        if label == "PART":
            continue
        inside = [k for k, t in enumerate(toks) if t.start >= s and t.end <= e]
        for n, k in enumerate(inside):
            out[k] = ("B-" if n == 0 else "I-") + label
    return out


def sequences(examples, lang: str = "de") -> list[tuple[str, Sequence]]:
    out = []
    for ident, text, spans in examples:
        doc = nlp.annotate(Document(Article(id=ident, text=text, language=lang)))
        for sent, toks, found in actors.findings_of(doc):
            x = tagger.features(toks, actors.marks(len(toks), found), lang)
            out.append((ident, (x, bio(toks, spans))))
    return out


GERMEVAL = HERE.parents[2] / "shared" / "reference" / "germeval2014" / "NER-de-dev.tsv"


def eval_names(path: pathlib.Path = GERMEVAL) -> set[str]:
    """Every entity string of the evaluation set, on the outer level (any class, *part included),
    read with the benchmark's own GermEval reader."""
    if not path.exists():
        return set()
    sys.path.insert(0, str(HERE.parents[1] / "bench"))
    import actors_bench
    names = {" ".join(toks[a:b]) for toks, tags in actors_bench.read_germeval(path)
             for a, b, _ in actors_bench.gold_spans(tags, keep_part=True)}
    return {n for n in names if len(n) > 1}


def decontaminate(examples, names: set[str], rare: int = 3):
    """Drop the examples that contain an evaluation name found in at most `rare` examples."""
    if not names:
        return examples, 0
    texts = [re.sub(r"\s+", " ", e[1]) for e in examples]
    blob = "\n".join(texts)
    hits: dict[str, list[int]] = {}
    for n in names:
        n = re.sub(r"\s+([.,;:!?)])", r"\1", n.replace("( ", "("))   # GermEval splits "Chr ."
        if n in blob:
            p = re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)")
            hits[n] = [k for k, t in enumerate(texts) if n in t and p.search(t)]
    drop = {k for ks in hits.values() if len(ks) <= rare for k in ks}
    return [e for k, e in enumerate(examples) if k not in drop], len(drop)


def leaked(path: pathlib.Path = HERE / "leaked.txt") -> set[str]:
    return {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")}


COPY = "|surname"


def surname_copies(examples, share: float, seed: int = 7):
    """News names a person in full once and by surname after that; our sentences mostly name them
    in full. For a `share` of the sentences with a full name ("Vorname Nachname", the first a known
    given name), a copy that names each such person by the surname alone, labels moved along."""
    given = given_names()
    rnd = random.Random(seed)
    out = []
    for ident, text, spans in examples:
        parts, moved, last, changed = [], [], 0, False
        for s, e, label in sorted(spans):
            words = text[s:e].split()
            short = (label == "PER" and len(words) >= 2 and words[0] in given and words[-1].isalpha()
                     and len(words[-1]) > 2 and all(w[:1].isupper() for w in words))
            name = words[-1] if short else text[s:e]
            parts.append(text[last:s])
            start = sum(map(len, parts))
            parts.append(name)
            moved.append((start, start + len(name), label))
            last, changed = e, changed or short
        parts.append(text[last:])
        if changed and rnd.random() < share:
            out.append((ident + COPY, "".join(parts), moved))
    return out


def held_out(ident: str, share: int = 10) -> bool:
    """One sentence in `share`, by its id; a sentence's copy goes with it."""
    return int(hashlib.sha1(ident.removesuffix(COPY).encode()).hexdigest(), 16) % share == 0


def train(seqs: list[Sequence], path: pathlib.Path, c1: float, c2: float, iterations: int) -> None:
    import pycrfsuite
    t = pycrfsuite.Trainer(verbose=False)
    for x, y in seqs:
        t.append(x, y)
    t.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                  "feature.possible_transitions": True, "feature.minfreq": 1})
    t.train(str(path))


def score(seqs: list[Sequence], path: pathlib.Path) -> dict[str, tuple[float, float, float]]:
    import pycrfsuite
    tg = pycrfsuite.Tagger()
    tg.open(str(path))
    tp, ns, ng = {}, {}, {}
    for x, y in seqs:
        g = set(tagger.spans(y))
        s = set(tagger.spans(tg.tag(x)))
        for lab in tagger.LABELS:
            gl = {z for z in g if z[2] == lab}
            sl = {z for z in s if z[2] == lab}
            tp[lab] = tp.get(lab, 0) + len(gl & sl)
            ns[lab] = ns.get(lab, 0) + len(sl)
            ng[lab] = ng.get(lab, 0) + len(gl)
    out = {}
    for lab in list(tagger.LABELS) + ["ALL"]:
        keys = [x for x in ("PER", "LOC", "ORG")] if lab == "ALL" else [lab]
        t_, s_, g_ = (sum(d.get(k, 0) for k in keys) for d in (tp, ns, ng))
        p, r = (t_ / s_ if s_ else 0.0), (t_ / g_ if g_ else 0.0)
        out[lab] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--surname-share", type=float, default=1.0,
                    help="share of sentences with a full name also trained with the surname alone")
    ap.add_argument("--no-ship", action="store_true")
    ap.add_argument("--no-held-out", action="store_true", help="ship without the held-out figures")
    ap.add_argument("--keep-eval-names", action="store_true")
    a = ap.parse_args()
    random.seed(13)
    t0 = time.time()
    examples = labels.examples()
    if not a.keep_eval_names:
        examples, dropped = decontaminate(examples, eval_names())
        print(f"{dropped} sentences dropped: they name a rare GermEval dev entity")
        examples, dropped = decontaminate(examples, leaked(), rare=10**9)
        print(f"{dropped} sentences dropped: they hold a word of leaked.txt")
    copies = surname_copies(examples, a.surname_share)
    print(f"{len(copies)} copies naming persons by surname alone")
    seqs = sequences(examples + copies)
    # the held-out tenth is scored on our own sentences only, not on their copies
    dev = [s for i, s in seqs if held_out(i) and not i.endswith(COPY)]
    trn = [s for i, s in seqs if not held_out(i)]
    print(f"{len(examples)} labelled sentences -> {len(seqs)} sequences "
          f"({len(trn)} train, {len(dev)} held out), features in {time.time() - t0:.0f} s")
    if not a.no_held_out:
        tmp = HERE / "build" / "held_out.crfsuite"
        tmp.parent.mkdir(exist_ok=True)
        train(trn, tmp, a.c1, a.c2, a.iterations)
        for lab, (p, r, f) in score(dev, tmp).items():
            print(f"held out {lab:4} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if a.no_ship:
        return
    dest = tagger.model_path("de")
    train([s for _, s in seqs], dest, a.c1, a.c2, a.iterations)
    print(f"shipped {dest} ({dest.stat().st_size / 1e6:.1f} MB) after {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
