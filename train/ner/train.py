"""Build data, train, ship and evaluate the German NER model in one go (about 12 min on 2 cores).

  cd /work/main && .venv/bin/python train/ner/train.py [--silver ne] [--augment 1] [--epochs N]

1. build_data.py writes train/ner/build/{train,dev}.spacy (git-ignored) from ../shared
2. `python -m spacy train train/ner/config.cfg` (seed fixed in the config) -> build/out/
3. model-best is loaded and saved with nlp.to_disk into src/lagebild/models/de_ner/ with the
   training paths scrubbed from its config and a short meta
4. eval_germeval.py prints P/R/F1 on GermEval 2014 dev (evaluation only; never trained on)
"""
from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEST = ROOT / "src" / "lagebild" / "models" / "de_ner"
LIMIT = 30 * 1024 * 1024


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True, cwd=ROOT)


def ship(best: pathlib.Path, dest: pathlib.Path = DEST) -> None:
    import spacy

    nlp = spacy.load(best)
    for key in ("train", "dev"):   # build paths mean nothing in the shipped model
        nlp.config["paths"][key] = None
    nlp.meta.update(name="de_ner", version="0.1.0", license="CC BY 4.0 (training data); MIT (code)",
                    description="Lagebild German PER/LOC/ORG recogniser; see MODEL_CARD.md",
                    sources=[{"name": "DFKI SmartData corpus v3 (dev+test)", "license": "CC BY 4.0"},
                             {"name": "de-news, silver-labelled by lagebild.actors", "license": "MIT"}])
    card_src = HERE / "MODEL_CARD.md"   # kept beside the recipe; the model folder is git-ignored
    card = card_src.read_text(encoding="utf-8") if card_src.exists() else None
    if dest.exists():
        shutil.rmtree(dest)
    nlp.meta.pop("performance", None)   # scores on the training-source dev slice: misleading
    nlp.to_disk(dest)
    # The string store holds every word seen in training; hash embeddings do not need it at run
    # time, so keep only the labels (same predictions, and no corpus vocabulary in the repo).
    labels = sorted(nlp.get_pipe("ner").labels)
    (dest / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
    if card is not None:
        (dest / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"shipped {dest} ({size / 1e6:.1f} MB)")
    if size >= LIMIT:
        sys.exit("model directory is over 30 MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--silver", default="ne")
    ap.add_argument("--augment", default="1")
    ap.add_argument("--augment-labels", default="PER")
    ap.add_argument("--epochs", default=None, help="override training.max_epochs (config: 8)")
    ap.add_argument("--build", default=str(HERE / "build"))
    ap.add_argument("--ship-only", action="store_true", help="re-ship build/out/model-best, no training")
    args = ap.parse_args()
    build = pathlib.Path(args.build)
    py = sys.executable
    if args.ship_only:
        ship(build / "out" / "model-best")
        run(py, str(HERE / "eval_germeval.py"), str(DEST))
        return
    run(py, str(HERE / "build_data.py"), "--silver", args.silver, "--augment", args.augment,
        "--augment-labels", args.augment_labels, "--out", str(build))
    extra = ["--training.max_epochs", args.epochs] if args.epochs else []
    run(py, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(build / "out"),
        "--paths.train", str(build / "train.spacy"), "--paths.dev", str(build / "dev.spacy"), *extra)
    ship(build / "out" / "model-best")
    run(py, str(HERE / "eval_germeval.py"), str(DEST))


if __name__ == "__main__":
    main()
