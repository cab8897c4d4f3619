"""PLOVER JSONL event records, with field names from the PLOVER manual's "Data Fields" chapter."""
from __future__ import annotations

from datetime import date as _date
from typing import Any

from .. import __version__
from ..model import Document, Event

_QUAD_CODE = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3,
              "material_conflict": 4}


def _entity(p) -> dict[str, Any]:
    out = {"code": p.code, "sector": p.sector, "entity_text": p.entity_text,
           "identifier_id": p.identifier_id, "identifier_text": p.identifier_text, "office": p.office}
    return {k: v for k, v in out.items() if v is not None}


def plover_record(doc: Document, e: Event) -> dict[str, Any]:
    a = doc.article
    sent = doc.sentences[e.sentence] if e.sentence < len(doc.sentences) else None
    rec: dict[str, Any] = {
        "id": f"{a.hash[:12]}-{e.id}",
        "date": e.date or (a.published.isoformat() if a.published else None),
        "actor": [_entity(p) for p in e.actor],
        "recipient": [_entity(p) for p in e.recipient],
        "event": e.event,
        "mode": e.mode,
        "context": e.context,
        "quad_code": _QUAD_CODE.get(e.quad or ""),
        "event_scale": e.scale,
        "event_text": [e.evidence.text],
        "text_info": {"sequence": e.sentence, "start": e.evidence.start, "end": e.evidence.end,
                      **({"sentence_start": sent.start, "sentence_end": sent.end} if sent else {})},
        "cite_info": {"citation": a.id, "url": a.url, "title": a.title, "language": a.language,
                      "publication": a.source, "coder": f"lagebild {__version__}",
                      "codebook": "plover-base-2.0"},
        "coder": f"lagebild {__version__}",
        "coded_date": _date.today().isoformat(),
        # Lagebild extensions beyond PLOVER's base fields
        "status": e.status,
        "date_precision": e.date_precision,
        "cameo": e.cameo,
        "confidence": round(e.confidence, 3),
    }
    if e.location:
        rec["event_loc"] = {"extracted_place": e.location.name, "country_code": e.location.country}
    if e.quantity:
        rec["quantity"] = {k: v for k, v in vars(e.quantity).items() if v is not None}
    if e.attribution:
        rec["attribution"] = {k: v for k, v in vars(e.attribution).items() if v is not None}
    return {k: v for k, v in rec.items() if v is not None}


def to_plover(doc: Document) -> list[dict[str, Any]]:
    return [plover_record(doc, e) for e in doc.events]
