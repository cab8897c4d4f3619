"""Commitments: every AGREE-type pledge or conditional threat of a document becomes a ledger entry,
with its action and object normalised (lang/<code>/ledger.yaml) so that reports in either
language name the same pledge the same way."""
from __future__ import annotations

from ..model import Commitment, Document
from . import ledger

_PLEDGE = {"AGREE", "THREATEN"}


def commitments_from(doc: Document) -> list[Commitment]:
    out = []
    lex = None
    for e in doc.events:
        # pledges and threats, and any other act a party announces for itself ("Japan werde
        # sein Verteidigungsbudget verdoppeln"): the ledger follows what was said would happen
        if not (set(e.event) & _PLEDGE and e.status in ("future", "hypothetical") or e.status == "future"):
            continue
        lex = lex or ledger.lexicon(doc.lang)
        toks = doc.sentence_tokens(doc.sentences[e.sentence])   # the evidence is the event's sentence
        reading = ledger.read(lex, ledger.lemma_bag(toks), e.predicate, e.event[0], e.mode)
        commodity = e.quantity.commodity if e.quantity and e.quantity.commodity else None
        out.append(Commitment(
            id=f"c-{e.id}", actor=sorted({p.code for p in e.actor}),
            recipient=sorted({p.code for p in e.recipient}),
            action=reading.action or e.predicate or (e.trigger.text if e.trigger else e.event[0].lower()),
            object=ledger.object_of(lex, commodity, [t.text for t in toks]),
            event_id=e.id, evidence=e.evidence, quantity=e.quantity,
            condition="conditional" if e.status == "hypothetical" else None))
    return out
