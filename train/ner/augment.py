"""Entity substitution: copies of training sentences with their PER/LOC/ORG spans swapped for other
names of the same class, drawn from Lagebild's own data files (offices, given names, German
city/state/organisation names). The model then has to rely on context and word shape instead
of memorising the few hundred names the corpora repeat (Trump, Merz, Berlin ...).
"""
from __future__ import annotations

import pathlib
import random

from spacy.language import Language
from spacy.tokens import Doc, Span

ROOT = pathlib.Path(__file__).resolve().parents[2]
PKG = ROOT / "src" / "lagebild"


def _rows(path: pathlib.Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out[1:] if out and out[0][0] in ("person_id", "surface", "id", "iso3") else out


def _ok(name: str) -> bool:
    return bool(name) and name[:1].isupper() and len(name) > 1


def pools() -> dict[str, list[str]]:
    persons = [r[1] for r in _rows(PKG / "knowledge" / "offices.tsv") if len(r) > 1 and _ok(r[1])]
    surnames = sorted({p.split()[-1] for p in persons if " " in p and p.split()[-1][:1].isupper()})
    given = [ln.strip() for ln in (PKG / "knowledge" / "given_names.txt").read_text(encoding="utf-8")
             .splitlines() if ln.strip() and not ln.startswith("#")]
    states = [r[1].split("|")[0] for r in _rows(PKG / "lang" / "de" / "states.tsv") if len(r) > 1]
    capitals = [r[4].split("|")[0] for r in _rows(PKG / "lang" / "de" / "states.tsv")
                if len(r) > 4 and r[4]]
    cities = [r[0] for r in _rows(PKG / "lang" / "de" / "cities.tsv") if r and _ok(r[0])]
    org_ids = {r[0] for r in _rows(PKG / "knowledge" / "organizations.tsv") if r}
    orgs = [r[0] for r in _rows(PKG / "lang" / "de" / "names.tsv")
            if len(r) > 1 and r[1] in org_ids and _ok(r[0])]
    return {
        "PER_full": sorted(set(persons)),
        "PER_given": sorted(set(given)),
        "PER_surname": surnames,
        "LOC": sorted(set(filter(_ok, states + capitals + cities))),
        "ORG": sorted(set(orgs)),
    }


def _person(rng: random.Random, pool: dict[str, list[str]], n_tokens: int) -> str:
    if n_tokens == 1:   # a bare surname stays a bare surname
        return rng.choice(pool["PER_surname"])
    if rng.random() < 0.4:
        return rng.choice(pool["PER_full"])
    # an invented person: listed given name + listed surname, a name no gazetteer holds
    return f"{rng.choice(pool['PER_given'])} {rng.choice(pool['PER_surname'])}"


def substitute(nlp: Language, doc: Doc, rng: random.Random, pool: dict[str, list[str]],
               p: float = 0.8, labels: tuple[str, ...] = ("PER", "LOC", "ORG")) -> Doc | None:
    """A copy of `doc` with each entity replaced with probability p; None when nothing changed.
    Tokens that were missing in `doc` stay missing in the copy."""
    if not doc.ents:
        return None
    parts, ents, missing, pos, changed = [], [], [], 0, False
    ent_at = {e.start: e for e in doc.ents}
    i = 0
    while i < len(doc):
        e = ent_at.get(i)
        if e is not None:
            if e.label_ in labels and rng.random() < p:
                new = _person(rng, pool, len(e)) if e.label_ == "PER" else rng.choice(pool[e.label_])
                changed = True
            else:
                new = e.text
            parts.append(new)
            ents.append((pos, pos + len(new), e.label_))
            pos += len(new)
            ws = doc[e.end - 1].whitespace_
            parts.append(ws)
            pos += len(ws)
            i = e.end
            continue
        t = doc[i]
        if t.ent_iob_ == "":
            missing.append((pos, pos + len(t.text)))
        parts.append(t.text_with_ws)
        pos += len(t.text_with_ws)
        i += 1
    if not changed:
        return None
    new_doc = nlp.make_doc("".join(parts))
    spans = []
    for s, e, label in ents:
        sp = new_doc.char_span(s, e, label=label)
        if sp is None:
            return None   # a substituted name that the tokenizer splits oddly: drop the copy
        spans.append(sp)
    taken = {k for sp in spans for k in range(sp.start, sp.end)}
    gaps = set()
    for s, e in missing:
        sp = new_doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            gaps.update(range(sp.start, sp.end))
    new_doc.set_ents(spans, missing=[Span(new_doc, k, k + 1) for k in sorted(gaps - taken)],
                     default="outside")
    return new_doc
