"""The name tagger's training sentences and their labels.

Two sources, both labelled by our coders under GUIDELINES.md:
  written/*.txt   sentences we wrote, names marked inline: "[[Jonas Kaufmann|PER]] sang ..."
  labels/*.jsonl  labels for corpus sentences drawn by pool.py, kept as character offsets with
                  the sentence's id and SHA-1; the text itself is read from ../shared at training
                  time and never stored here.

`python train/ner/labels.py --import build/labels_raw/pool_00.jsonl` turns a coder's file
(names as strings, in order) into offsets under labels/.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import re
import sys
from collections.abc import Iterator

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

KINDS = ("PER", "LOC", "ORG", "OTH", "PART")
_INLINE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)\]\]")

Example = tuple[str, str, list[tuple[int, int, str]]]     # (id, text, [(start, end, label)])


def parse_inline(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """"Der [[Rhein|LOC]] fließt" -> ("Der Rhein fließt", [(4, 9, "LOC")])."""
    text, spans, pos = [], [], 0
    last = 0
    for m in _INLINE.finditer(line):
        text.append(line[last:m.start()])
        pos += m.start() - last
        name, label = m.group(1), m.group(2)
        if label not in KINDS:
            raise ValueError(f"unknown label {label!r} in: {line}")
        spans.append((pos, pos + len(name), label))
        text.append(name)
        pos += len(name)
        last = m.end()
    text.append(line[last:])
    out = "".join(text)
    if "[[" in out or "]]" in out:
        raise ValueError(f"unbalanced markup in: {line}")
    return out, spans


def written() -> Iterator[Example]:
    for f in sorted((HERE / "written").glob("*.txt")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if line.strip() and not line.startswith("#"):
                text, spans = parse_inline(line.strip())
                yield f"written:{f.stem}:{n}", text, spans


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def align(text: str, names: list[list[str]]) -> list[tuple[int, int, str]]:
    """Names listed in order of appearance -> character spans (searching on from the last one)."""
    spans, pos = [], 0
    for name, label in names:
        k = text.find(name, pos)
        if k < 0:
            k = text.find(name)        # listed out of order
        if k < 0 or label not in KINDS:
            raise ValueError(f"{name!r} ({label}) not in: {text}")
        spans.append((k, k + len(name), label))
        pos = k + len(name)
    return sorted(set(spans))


def import_raw(raw: pathlib.Path, pool_dir: pathlib.Path) -> pathlib.Path:
    """A coder's file for pool_NN.tsv -> labels/pool_NN.jsonl (offsets and hashes only)."""
    pool = {}
    for line in (pool_dir / (raw.stem + ".tsv")).read_text(encoding="utf-8").splitlines():
        i, _, text = line.partition("\t")
        pool[i] = text
    out, bad = [], 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = pool[rec["id"]]
        try:
            spans = align(text, rec["ents"])
        except ValueError as e:
            bad += 1
            print("skipped:", e, file=sys.stderr)
            continue
        out.append(json.dumps({"id": rec["id"], "sha1": _sha(text), "spans": spans}, ensure_ascii=False))
    dest = HERE / "labels" / (raw.stem + ".jsonl")
    dest.parent.mkdir(exist_ok=True)
    dest.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{raw.name}: {len(out)} sentences imported, {bad} skipped -> {dest.relative_to(HERE)}")
    return dest


def labelled() -> Iterator[Example]:
    """Corpus sentences with our labels; the text comes from ../shared (pool.py's readers)."""
    files = sorted((HERE / "labels").glob("*.jsonl"))
    if not files:
        return
    import pool
    texts = dict(pool.sentences())
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            text = texts.get(rec["id"])
            if text is None or _sha(text) != rec["sha1"]:
                print(f"{rec['id']}: text missing or changed, skipped", file=sys.stderr)
                continue
            yield rec["id"], text, [tuple(s) for s in rec["spans"]]


def examples() -> list[Example]:
    return list(written()) + list(labelled())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--import", dest="raw", nargs="+", type=pathlib.Path, required=True)
    ap.add_argument("--pool", type=pathlib.Path, default=HERE / "build" / "pool")
    a = ap.parse_args()
    for raw in a.raw:
        import_raw(raw, a.pool)


if __name__ == "__main__":
    main()
