"""Commitments: every AGREE-type pledge or conditional threat of a document becomes a ledger entry."""
from __future__ import annotations

from ..model import Commitment, Document

_PLEDGE = {"AGREE", "THREATEN"}


def commitments_from(doc: Document) -> list[Commitment]:
    out = []
    for e in doc.events:
        # pledges and threats, and any other act a party announces for itself ("Japan werde
        # sein Verteidigungsbudget verdoppeln"): the ledger follows what was said would happen
        if not (set(e.event) & _PLEDGE and e.status in ("future", "hypothetical") or e.status == "future"):
            continue
        action = e.predicate or (e.trigger.text if e.trigger else e.event[0].lower())
        out.append(Commitment(
            id=f"c-{e.id}", actor=sorted({p.code for p in e.actor}),
            recipient=sorted({p.code for p in e.recipient}), action=action,
            object=e.quantity.commodity if e.quantity and e.quantity.commodity else None,
            event_id=e.id, evidence=e.evidence, quantity=e.quantity,
            condition="conditional" if e.status == "hypothetical" else None))
    return out
