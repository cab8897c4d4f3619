"""Readers that turn the reference corpora under ../shared into spaCy Docs with PER/LOC/ORG spans.

Nothing here copies text into the repository: the corpora are read at training time and the
DocBins go to a git-ignored build folder.

  smartdata(path)   DFKI SmartData v3 (CC BY 4.0), gold entity annotations
  silver(folder)    de-news (MIT) sentences labelled by Lagebild's own actor recogniser
  germeval(path)    GermEval 2014 sentences with gold spans (EVALUATION ONLY, never training)
"""
from __future__ import annotations

import glob
import gzip
import json
import pathlib
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "reference"
LABELS = ("PER", "LOC", "ORG")


# --- SmartData -------------------------------------------------------------------------------

def smartdata_label(kind: str) -> str | None:
    """person -> PER, organization* -> ORG, location* -> LOC; dates, numbers, triggers, ORG_POSITION
    (a job title, not an organisation) and the rest are dropped. location-route ("ICE-Züge",
    "S2", "U-Bahnen") names lines and trains, not places: "?" marks it unsure (missing)."""
    k = kind.lower().replace("_", "-")
    if k == "location-route":
        return "?"
    if k == "person":
        return "PER"
    if k == "organization" or k.startswith("organization-"):
        return "ORG"
    if k == "location" or k.startswith("location-"):
        return "LOC"
    return None


def _json_objects(path: pathlib.Path) -> Iterator[dict]:
    # The file is concatenated pretty-printed JSON objects, not a JSON array or JSONL.
    s = gzip.open(path, "rt", encoding="utf-8").read()
    dec, i = json.JSONDecoder(), 0
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i >= len(s):
            return
        obj, i = dec.raw_decode(s, i)
        yield obj


def _labelled_doc(nlp: Language, text: str, spans: list[tuple[int, int, str]],
                  unsure: list[tuple[int, int]] = ()) -> Doc:
    """A Doc of `text` with entity spans; tokens that a span cannot be aligned to, and the
    `unsure` character ranges, are marked missing so that they teach nothing either way."""
    doc = nlp.make_doc(text)
    ents, missing = [], []
    for s, e, label in sorted(spans, key=lambda x: (x[0], -x[1])):
        sp = doc.char_span(s, e, label=label)
        if sp is None:  # entity boundary inside a token ("#bamberg", "Berlin-Mitte")
            sp = doc.char_span(s, e, label=label, alignment_mode="expand")
            if sp is not None and len(sp.text) - (e - s) <= 1:
                pass    # only a '#'/'@' or one char of punctuation added: keep
            else:
                if sp is not None:
                    missing.append(Span(doc, sp.start, sp.end))
                continue
        if ents and sp.start < ents[-1].end:
            continue    # overlapping/nested annotation: keep the outer (first, longest) one
        ents.append(sp)
    for s, e in unsure:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            missing.append(sp)
    taken = {i for sp in ents for i in range(sp.start, sp.end)}
    gaps = sorted({i for m in missing for i in range(m.start, m.end)} - taken)
    doc.set_ents(ents, missing=[Span(doc, i, i + 1) for i in gaps], default="outside")
    return doc


def smartdata(nlp: Language, path: pathlib.Path) -> Iterator[Doc]:
    """One Doc per SmartData sentence (the corpus's own sentence split)."""
    for obj in _json_objects(path):
        text = obj["text"]["string"]
        mentions, unsure = [], []
        for m in (obj.get("conceptMentions") or {}).get("array") or []:
            label = smartdata_label(m["type"])
            s, e = m["span"]["start"], m["span"]["end"]
            if label == "?" or (label and " " in text[s:e] and text[s:s + 1].islower()):
                unsure.append((s, e))    # also "deutschen Flughäfen": a description, not a name
            elif label:
                mentions.append((s, e, label))
        for sent in (obj.get("sentences") or {}).get("array") or []:
            ss, se = sent["span"]["start"], sent["span"]["end"]
            chunk = text[ss:se]
            if not chunk.strip():
                continue
            inside = [(s - ss, e - ss, lab) for s, e, lab in mentions if ss <= s and e <= se]
            vague = [(s - ss, e - ss) for s, e in unsure if ss <= s and e <= se]
            yield _labelled_doc(nlp, chunk, inside, vague)


# --- silver: de-news + Lagebild's actor recogniser ------------------------------------------

# Mention kinds that name the entity itself; adjectives ("deutsche"), role phrases ("die britische
# Regierung"), compound prefixes ("US-Präsident"), demonyms and metonyms ("Weißes Haus" for a
# government) are not PER/LOC/ORG names and are left unlabelled (missing), not taught as O.
_KEEP = {("person", "name"), ("person", "surname"),
         ("organization", "name"),
         ("location", "name"),
         ("country", "name"), ("country", "genitive"), ("country", "capital")}
_KIND = {"person": "PER", "organization": "ORG", "country": "LOC", "location": "LOC"}


def _role_words() -> set[str]:
    """Role nouns from the German role lexicon, to trim "König Charles" to "Charles"."""
    words = set()
    path = ROOT / "src" / "lagebild" / "lang" / "de" / "roles.tsv"
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#") or line.startswith("surface\t"):
            continue
        for form in line.split("\t")[0].split("|"):
            if " " not in form:
                words.add(form)
                words.add(form[:1].upper() + form[1:])
    return words


def _silver_span(text: str, s: int, e: int, label: str, roles: set[str]) -> tuple[int, int] | None:
    surface = text[s:e]
    first, _, rest = surface.partition(" ")
    if rest and first in roles:          # title inside a person mention: not part of the name
        s += len(first) + 1
        surface = rest
    if not surface[:1].isupper():
        return None                      # "israelische Streitkräfte": a description, not a name
    if label != "PER" and "-" in surface and not surface.split("-")[-1][:1].isupper():
        return None                      # "US-Technologie-" style fragments
    if label == "ORG" and " " not in surface and "-" in surface:
        tail = surface.rsplit("-", 1)[1]
        if len(tail) > 5 and not tail.isupper():
            return None                  # "BSW-Kovorsitzende": a compound headed by a common noun
    return s, e


def silver(nlp: Language, folder: pathlib.Path, unlabelled: str = "ne") -> Iterator[Doc]:
    """One Doc per de-news sentence, labelled by lagebild.actors.recognize.

    The gazetteer does not list every name, and teaching the names it misses as O would train
    the model to miss exactly the names we want it to find. `unlabelled` says what happens to
    words no kept mention covers:
      "ne"   proper nouns (STTS NE/FM from the tagger) are marked missing, the rest is O
      "caps" every capitalised word after the first is missing (German nouns included)
      "all"  everything is O"""
    from lagebild.actors import recognize
    from lagebild.model import Article, Document
    from lagebild.nlp import annotate

    roles = _role_words()
    for f in sorted(glob.glob(str(folder / "data" / "articles" / "*" / "*.json"))):
        art = json.load(open(f, encoding="utf-8"))
        text = "\n\n".join(p["text"] for p in art.get("text") or [] if p.get("text"))
        if not text.strip():
            continue
        d = Document(Article(id=pathlib.Path(f).name, text=text, language="de"))
        annotate(d)
        recognize(d)
        kinds = {e.id: e.kind for e in d.entities}
        for sent in d.sentences:
            spans, unsure = [], []
            for m in d.mentions:
                if m.sentence != sent.i:
                    continue
                kind = kinds.get(m.entity_id)
                label = _KIND.get(kind)
                span = _silver_span(text, m.start, m.end, label, roles) \
                    if label and (kind, m.kind) in _KEEP else None
                if span is None:
                    unsure.append((m.start - sent.start, m.end - sent.start))
                else:
                    spans.append((span[0] - sent.start, span[1] - sent.start, label))
            if unlabelled == "ne":
                unsure += [(t.start - sent.start, t.end - sent.start) for t in d.sentence_tokens(sent)
                           if t.tag in ("NE", "FM") and t.text[:1].isupper()]
            chunk = text[sent.start:sent.end]
            doc = _labelled_doc(nlp, chunk, spans, unsure)
            if unlabelled == "caps":
                doc = _unsure_caps(doc)
            yield doc


def _unsure_caps(doc: Doc) -> Doc:
    ents = list(doc.ents)
    taken = {i for sp in ents for i in range(sp.start, sp.end)}
    missing = [Span(doc, t.i, t.i + 1) for t in doc if t.i not in taken and (
        t.ent_iob_ == "" or (t.i > 0 and t.text[:1].isupper()))]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


# --- GermEval 2014 (evaluation only) --------------------------------------------------------

def germeval_label(tag: str) -> str | None:
    """PER/LOC/ORG and their "deriv" forms map to the base class; "part" and OTH are ignored."""
    if tag.endswith("part") or tag.startswith("OTH"):
        return None
    base = tag[:-5] if tag.endswith("deriv") else tag
    return base if base in LABELS else None


def germeval(path: pathlib.Path) -> Iterator[tuple[list[str], set[tuple[int, int, str]], set[tuple[int, int]]]]:
    """(tokens, gold spans (start, end, label), deriv spans) per sentence, from the outer tags."""
    words, tags = [], []
    for line in list(open(path, encoding="utf-8")) + [""]:
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                yield words, *_bio_spans(tags)
            words, tags = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tags.append(cols[2])


def _bio_spans(tags: list[str]) -> tuple[set[tuple[int, int, str]], set[tuple[int, int]]]:
    gold, deriv = set(), set()
    i = 0
    while i < len(tags):
        if tags[i].startswith("B-"):
            raw = tags[i][2:]
            j = i + 1
            while j < len(tags) and tags[j] == "I-" + raw:
                j += 1
            label = germeval_label(raw)
            if label:
                gold.add((i, j, label))
                if raw.endswith("deriv"):
                    deriv.add((i, j))
            i = j
        else:
            i += 1
    return gold, deriv
