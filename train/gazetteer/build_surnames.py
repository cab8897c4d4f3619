"""Write knowledge/surnames.txt: the most frequent surnames of the 1990 US census (public domain,
read from the PyPI package `names`, MIT), a list of many origins (German, Italian, Polish,
Hispanic, Asian ...). The name tagger reads "this word is a known surname" as one clue among
many; it is no rule on its own ("Brown", "Fischer" are words too).

    pip install names==0.3.0 && python train/gazetteer/build_surnames.py
"""
from __future__ import annotations

import pathlib
from importlib import resources

RANK = 30_000
OUT = pathlib.Path(__file__).resolve().parents[2] / "src" / "lagebild" / "knowledge" / "surnames.txt"


def main() -> None:
    text = resources.files("names").joinpath("dist.all.last").read_text(encoding="utf-8")
    rows = [ln.split() for ln in text.splitlines()]
    ranked = sorted((int(p[3]), p[0]) for p in rows if len(p) == 4 and int(p[3]) <= RANK)
    header = ("# Surnames: the 30,000 most frequent of the 1990 US census (public domain), via the\n"
              "# PyPI package `names` (MIT). Made by train/gazetteer/build_surnames.py; do not edit.\n")
    OUT.write_text(header + "".join(n.capitalize() + "\n" for _, n in ranked), encoding="utf-8")
    print(f"{len(ranked)} surnames -> {OUT}")


if __name__ == "__main__":
    main()
