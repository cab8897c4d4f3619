"""Standing relations stated by a document. So far: who leads what, from role + person mentions."""
from __future__ import annotations

from ..model import Document, Relation, Span


def relations_from(doc: Document) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    persons = {e.id: e for e in doc.entities if e.kind == "person"}
    for m in doc.mentions:
        ent = persons.get(m.entity_id)
        if ent is None or not m.role or not ent.country or not ent.office:
            continue
        key = (ent.id, ent.country)
        if key in seen:
            continue
        seen.add(key)
        # evidence: from the role noun to the end of the name
        sent = doc.sentences[m.sentence]
        start = _role_start(doc, m, sent.start)
        out.append(Relation("leader-of", [ent.id], ent.country, Span(start, m.end, doc.text[start:m.end]),
                            role=ent.office, valid_from=doc.article.published.isoformat()
                            if doc.article.published else None))
    return out


def _role_start(doc: Document, m, floor: int) -> int:
    """Start of the role phrase before a name ("US-Präsident Donald Trump")."""
    idx = next((t.i for t in doc.tokens if t.start == m.start), None)
    if idx is None:
        return m.start
    k = idx - 1
    while k >= 0 and doc.tokens[k].start >= floor and doc.tokens[k].pos in ("NOUN", "ADJ", "PROPN") \
            and idx - k <= 3:
        k -= 1
    return doc.tokens[k + 1].start
