"""The output contract: one JSON object per analysed document (see schema/analysis.schema.json)."""
from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Document, Event, Participant, Relation


def _clean(obj: Any) -> Any:
    """Dataclasses to dicts, dropping None-valued optional fields of nested objects."""
    if dataclasses.is_dataclass(obj):
        return {k: _clean(v) for k, v in dataclasses.asdict(obj).items() if v is not None}
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [_clean(v) for v in obj]
    return obj


def participant(p: Participant) -> dict[str, Any]:
    return _clean(p)


def event_record(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "event": e.event,
        "mode": e.mode,
        "context": e.context,
        "actor": [participant(p) for p in e.actor],
        "recipient": [participant(p) for p in e.recipient],
        "date": e.date,
        "date_precision": e.date_precision,
        "status": e.status,
        "quantity": _clean(e.quantity) if e.quantity else None,
        "attribution": _clean(e.attribution) if e.attribution else None,
        "location": _clean(e.location) if e.location else None,
        "evidence": e.evidence.as_dict(),
        "trigger": e.trigger.as_dict() if e.trigger else None,
        "predicate": e.predicate,
        "confidence": round(e.confidence, 3),
        "quad_class": e.quad,
        "event_scale": e.scale,
        "cameo": e.cameo,
    }


def relation_record(r: Relation, seen: str | None = None) -> dict[str, Any]:
    """A standing relation. One document sees it on its publication date only, so first_seen
    and last_seen are that date; fusing articles widens the range."""
    return {"type": r.type, "subject": r.subject, "object": r.object, "name": r.name,
            "role": r.role, "note": r.note, "valid_from": r.valid_from, "valid_to": r.valid_to,
            "first_seen": seen, "last_seen": seen, "evidence": r.evidence.as_dict()}


def to_contract(doc: Document) -> dict[str, Any]:
    a = doc.article
    return {
        "doc": {"id": a.id, "path": a.path, "title": a.title, "language": a.language,
                "published": a.published.isoformat() if a.published else None,
                "source": a.source, "url": a.url, "hash": a.hash},
        "entities": [
            {"id": ent.id, "kind": ent.kind, "name": ent.name, "country": ent.country,
             "code": ent.code, "sector": ent.sector, "office": ent.office,
             "mentions": [{"start": m.start, "end": m.end, "text": m.text,
                           **({"role": m.role} if m.role else {}),
                           **({"sector": m.sector} if m.sector else {})} for m in ent.mentions]}
            for ent in doc.entities],
        "events": [event_record(e) for e in doc.events],
        "relations": [relation_record(r, a.published.isoformat() if a.published else None)
                      for r in doc.relations],
        "commitments": [_clean(c) for c in doc.commitments],
        "times": [_clean(t) for t in doc.times],
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    path = resources.files("lagebild").joinpath("schema", "analysis.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def validate(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when a record breaks the contract."""
    import jsonschema

    jsonschema.validate(record, schema())
