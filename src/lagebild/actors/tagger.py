"""The name tagger: a linear-chain CRF that reads a sentence together with what the actor grammar
found in it and labels names (PER, LOC, ORG, OTH) in BIO.

The grammar and the gazetteers know states, leaders and organisations and resolve them to codes;
what no list can know is the long tail: a village, a club, a surname with no cue in its sentence.
The tagger learns those from context (word shapes, affixes, neighbours, the POS tagger's NE reading
and its lexicon, the grammar's own marks) and from word classes: a name it never saw ("Tampere")
shares a class with names it did see ("Helsinki"), read from lang/<code>/word_clusters.tsv (see
train/ner/build_clusters.py). It is trained by train/ner/train_crf.py on sentences our coders
labelled, and ships per language as lang/<code>/name_tagger.crfsuite; a language without that
file has no tagger. Names it finds carry no state code: they are entities for the analyst and
for linking, like the cue-found names of names.py.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .. import lang as langdata
from .. import nlp
from ..model import Token
from .gazetteer import gazetteer
from .knowledge import given_names, surnames

MODEL_NAME = "name_tagger.crfsuite"
CLUSTERS_NAME = "word_clusters.tsv"
LABELS = ("PER", "LOC", "ORG", "OTH")


def model_path(lang: str) -> Path:
    return Path(str(langdata.file(lang, MODEL_NAME)))   # CRFsuite opens a file by its path


def _shape(w: str) -> str:
    """Collapsed character classes: "Müller" -> "Xx", "NATO" -> "X", "3:1" -> "d:d"."""
    out = []
    for c in w:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:6]


_CONTEXT = (-2, -1, 1, 2)
_EDGE = tuple((f"{d}edge",) for d in _CONTEXT)


@lru_cache(maxsize=200_000)
def _word(w: str, lang: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str]:
    """Features of a word form alone and as a neighbour, cached per form (most of the cost)."""
    low = w.lower()
    shape = _shape(w)
    f = ["w=" + low, "sh=" + shape, "p3=" + low[:3], "p4=" + low[:4], "s2=" + low[-2:], "s3=" + low[-3:],
         "s4=" + low[-4:], "s5=" + low[-5:], "len=" + str(min(len(w), 12))]
    if "-" in w[1:-1]:
        head, _, tail = w.rpartition("-")
        f += ["hy_tail=" + tail.lower()[-5:], "hy_head_sh=" + _shape(head)]
    lex = _lexicon(w, lang)
    f += lex
    emb = _embedding_classes(w, lang)
    f += emb
    lex = lex + emb[:1]   # neighbours see the middle grain only
    around = []
    for d in _CONTEXT:   # the near neighbours in full, the far ones by their word and class
        c = [f"{d}w={low}"]
        if d in (-1, 1):
            c.append(f"{d}sh={shape}")
            c += [f"{d}{x}" for x in lex]
        else:
            c += [f"{d}{x}" for x in emb[:1]]
        around.append(tuple(c))
    return tuple(f), tuple(around), low


def _lexicon(w: str, lang: str) -> list[str]:
    """What our lists say of the word alone: a given name, a surname, gazetteer entries by kind and form
    (including generated GeoNames towns), whether or not the grammar took them in context."""
    out = ["gn"] if w in given_names() else []
    reading = nlp.lexicon_reading(lang, w) if w[:1].isupper() else ""
    if reading:
        out.append("lx=" + reading)
    if w in surnames():
        out.append("sn")
    end, entries = gazetteer(lang).longest([w], 0)   # one token: no need to split it again
    kinds = sorted({f"{e.kind}/{e.form}{'/geo' if e.generated else ''}" for e in entries} if end == 1 else ())
    out += ["gz=" + k for k in kinds[:3]]
    return out


@lru_cache(maxsize=None)
def _cluster_table(lang: str) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], int]:
    """Word pieces -> their classes at three grain sizes (see train/ner/build_clusters.py): pieces
    that start a word (by their text after the "▁" mark), pieces inside words, the longest piece."""
    starts: dict[str, tuple[str, ...]] = {}
    inner: dict[str, tuple[str, ...]] = {}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}   # 42,564 distinct triples for 110,085 pieces
    if langdata.has(lang, CLUSTERS_NAME):   # 110,000 rows: read as lines, not through load_tsv's dicts
        with langdata.file(lang, CLUSTERS_NAME).open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                piece, *classes = line.rstrip("\n").split("\t")
                key = tuple(classes)
                classes = shared.setdefault(key, key)
                if piece.startswith("\u2581"):
                    starts[piece[1:]] = classes
                else:
                    inner[piece] = classes
    return starts, inner, max(map(len, [*starts, *inner]), default=0)


_LETTER = re.compile(r"[^\W\d_]").search


def _embedding_classes(w: str, lang: str) -> list[str]:
    """Distributional classes of the word: the classes of the whole word when it is one piece of the
    embedding vocabulary, else of its longest leading and trailing pieces."""
    starts, inner, longest = _cluster_table(lang)
    if not starts:
        return []
    whole = starts.get(w)
    if whole:
        return ["e1=" + whole[1], "e0=" + whole[0], "e2=" + whole[2]]
    if not _LETTER(w):
        return ["e="]      # numbers and punctuation: the table holds words only
    out = []
    for k in range(min(len(w) - 1, longest), 1, -1):
        c = starts.get(w[:k])
        if c:
            out.append("ef=" + c[1])
            break
    for k in range(max(0, len(w) - longest), len(w) - 2):
        c = inner.get(w[k:])
        if c:
            out.append("el=" + c[1])
            break
    return out or ["e="]


@lru_cache(maxsize=4096)
def _reading(tag: str, mark: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Features of a token's tag and grammar mark, alone, together ("ADJA" unmarked is rarely a
    name, "ADJA" marked as a state adjective is one) and as a neighbour."""
    own = ("tag=" + tag, "g=" + mark, f"tg={tag}|{mark}")
    return own, tuple((f"{d}tag={tag}", f"{d}g={mark}") if d in (-1, 1) else () for d in _CONTEXT)


_OPEN = {"„": "“", "»": "«", "«": "»", "“": "”", '"': '"', "‚": "‘"}


def _quoted(toks: Sequence[Token]) -> list[bool]:
    """Tokens between quotation marks: titles of works and slogans are often quoted."""
    out, close = [], None
    for t in toks:
        if close is not None and t.text == close:
            close = None
            out.append(False)
        elif close is None and t.text in _OPEN:
            close = _OPEN[t.text]
            out.append(False)
        else:
            out.append(close is not None)
    return out


def features(toks: Sequence[Token], marks: Sequence[str], lang: str,
             start: int = 0, end: int | None = None) -> list[list[str]]:
    """One feature list per token from `start` to `end` (the whole sentence by default; the
    neighbours are read from the whole sentence either way). `marks[k]` is what the grammar made
    of token k ("" for nothing), such as "state/adjective/B" or "person/name/I"."""
    n = len(toks)
    end = n if end is None else end
    lo, hi = max(0, start - 2), min(n, end + 2)
    words = [None] * lo + [_word(t.text, lang) for t in toks[lo:hi]]
    reads = [None] * lo + [_reading(t.tag, m) for t, m in zip(toks[lo:hi], marks[lo:hi])]
    quoted = _quoted(toks)
    out = []
    for k in range(start, end):
        f = ["b", *reads[k][0], *words[k][0]]
        if k == 0:
            f.append("first")
        if quoted[k]:
            f.append("quoted")
        for c, d in enumerate(_CONTEXT):
            j = k + d
            if 0 <= j < n:
                f += words[j][1][c]
                f += reads[j][1][c]
            else:
                f += _EDGE[c]
        if k > 0:
            f.append(f"-1w|w={words[k - 1][2]}|{words[k][2]}")
        if k + 1 < n:
            f.append(f"w|+1w={words[k][2]}|{words[k + 1][2]}")
        out.append(f)
    return out


def windows(focus: Sequence[int], n: int, breaks: Sequence[bool], margin: int = 2) -> list[tuple[int, int]]:
    """Stretches of an n-token sentence around the focus tokens, each reaching at least `margin`
    tokens to both sides and on to a break (a token that is no part of a name: punctuation, a
    finite verb), overlapping ones merged: the tagger reads these alone, and a stretch that
    starts and ends on a break reads as the whole sentence would (its features reach two tokens
    to each side)."""
    out: list[tuple[int, int]] = []
    for k in sorted(focus):
        a, b = max(0, k - margin), min(n, k + margin + 1)
        while a > 0 and not breaks[a]:
            a -= 1
        while b < n and not breaks[b - 1]:
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO labels -> (start, end, label) token spans; a stray I- opens a span."""
    out, start, cur = [], None, None
    for k, lab in enumerate(list(labels) + ["O"]):
        kind = lab[2:] if lab != "O" else None
        if start is not None and (kind != cur or lab.startswith("B-")):
            out.append((start, k, cur))
            start, cur = None, None
        if kind and start is None:
            start, cur = k, kind
    return out


# A span is kept when each of its labels is more likely than not (marginal probability >= 0.5).
# On the held-out tenth of our sentences F1 stays within 0.001 from 0 to 0.55; on text unlike
# ours, where the model is less often right, this drops most of its guesses (MODEL_CARD.md).
MIN_CONFIDENCE = 0.5


class NameTagger:
    def __init__(self, path: Path, lang: str):
        import pycrfsuite

        self.lang = lang
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    @classmethod
    @lru_cache(maxsize=None)
    def for_lang(cls, lang: str) -> "NameTagger | None":
        path = model_path(lang)
        return cls(path, lang) if path.exists() else None

    def tag(self, toks: Sequence[Token], marks: Sequence[str], focus: Sequence[int] | None = None,
            breaks: Sequence[bool] = ()) -> list[tuple[int, int, str]]:
        """The names of one sentence that the model is sure of (see MIN_CONFIDENCE); with `focus`
        and `breaks`, only the stretches around the focus tokens are read (`windows`)."""
        out: list[tuple[int, int, str]] = []
        for a, b in windows(focus, len(toks), breaks) if focus is not None else [(0, len(toks))]:
            if a == b:
                continue
            labels = self._tagger.tag(features(toks, marks, self.lang, a, b))
            out += [(a + i, a + j, lab) for i, j, lab in spans(labels)
                    if min(self._tagger.marginal(labels[k], k) for k in range(i, j)) >= MIN_CONFIDENCE]
        return out
