"""The PLOVER ontology as typed, read-only objects.

The facts live in lagebild/knowledge/plover.yaml; this module only loads and checks them
and answers the few questions the coder and the exporters ask (quad, scale, CAMEO code,
validity of an event/mode/context combination).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")

# A mode or context may come as one name or as the list an Event carries.
Names = str | Iterable[str] | None


@dataclass(frozen=True)
class EventType:
    name: str
    quad: str
    requires_recipient: bool
    modes: tuple[str, ...]
    default_scale: float
    cameo: str
    mode_cameo: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    mode_scale: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


def _names(value: Names) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _mode_key(mode: str) -> str:
    # The manual spells modes with hyphens ("martial-law"); callers often use underscores.
    return mode.strip().lower().replace("_", "-").replace(" ", "-")


def _context_key(context: str) -> str:
    # Contexts are spelled with underscores ("pro_democracy").
    return context.strip().lower().replace("-", "_").replace(" ", "_")


@dataclass(frozen=True)
class Ontology:
    event_types: dict[str, EventType]
    contexts: dict[str, str]
    sectors: dict[str, str]
    statuses: dict[str, str]
    nonstate_codes: dict[str, str] = field(default_factory=dict)

    def get(self, event: str) -> EventType | None:
        return self.event_types.get(event.strip().upper()) if event else None

    def _type(self, event: str) -> EventType:
        et = self.get(event)
        if et is None:
            raise KeyError(f"unknown PLOVER event type: {event!r}")
        return et

    def canonical_mode(self, event: str, mode: str) -> str | None:
        """The manual's spelling of `mode` for `event`, or None if the type has no such mode."""
        et = self.get(event)
        key = _mode_key(mode)
        return key if et is not None and key in et.modes else None

    def canonical_context(self, context: str) -> str | None:
        key = _context_key(context)
        return key if key in self.contexts else None

    def quad_for(self, event: str) -> str:
        return self._type(event).quad

    def cameo_for(self, event: str, mode: Names = None) -> str:
        """CAMEO code of the first mode that has one, else the type's default code."""
        et = self._type(event)
        for m in _names(mode):
            code = et.mode_cameo.get(_mode_key(m))
            if code:
                return code
        return et.cameo

    def scale_for(self, event: str, mode: Names = None) -> float:
        """Conflict/cooperation score; with several modes the most extreme one counts,
        since together they describe one event and its gravest means dominates."""
        et = self._type(event)
        scores = [et.mode_scale[k] for k in map(_mode_key, _names(mode)) if k in et.mode_scale]
        if not scores:
            return et.default_scale
        return max(scores, key=abs)

    def is_valid(self, event: str, mode: Names = None, context: Names = None) -> bool:
        """True if the type exists, every mode belongs to it and every context is known."""
        et = self.get(event) if isinstance(event, str) else None
        if et is None:
            return False
        if any(_mode_key(m) not in et.modes for m in _names(mode)):
            return False
        return all(_context_key(c) in self.contexts for c in _names(context))


def _build_type(name: str, raw: Mapping[str, Any]) -> EventType:
    modes = tuple(raw.get("modes") or ())
    mode_cameo = {str(k): str(v) for k, v in (raw.get("mode_cameo") or {}).items()}
    mode_scale = {str(k): float(v) for k, v in (raw.get("mode_scale") or {}).items()}
    et = EventType(
        name=name,
        quad=raw["quad"],
        requires_recipient=bool(raw["requires_recipient"]),
        modes=modes,
        default_scale=float(raw["default_scale"]),
        cameo=str(raw["cameo"]),
        mode_cameo=MappingProxyType(mode_cameo),
        mode_scale=MappingProxyType(mode_scale),
    )
    # Catch data-entry slips early rather than as odd codes downstream.
    if et.quad not in QUADS:
        raise ValueError(f"{name}: unknown quad {et.quad!r}")
    stray = (set(mode_cameo) | set(mode_scale)) - set(modes)
    if stray:
        raise ValueError(f"{name}: mode_cameo/mode_scale name modes not in modes: {sorted(stray)}")
    if not all(-10.0 <= s <= 10.0 for s in (et.default_scale, *mode_scale.values())):
        raise ValueError(f"{name}: scale outside -10..10")
    if not all(c.isdigit() for c in (et.cameo, *mode_cameo.values())):
        raise ValueError(f"{name}: CAMEO codes must be digit strings (quote them in YAML)")
    return et


def parse_ontology(data: Mapping[str, Any]) -> Ontology:
    types = {str(n).upper(): _build_type(str(n).upper(), raw) for n, raw in data["event_types"].items()}
    return Ontology(
        event_types=types,
        contexts={str(k): str(v) for k, v in data.get("contexts", {}).items()},
        sectors={str(k): str(v) for k, v in data.get("sectors", {}).items()},
        statuses={str(k): str(v) for k, v in data.get("statuses", {}).items()},
        nonstate_codes={str(k): str(v) for k, v in data.get("nonstate_codes", {}).items()},
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology, loaded once per process. Treat it as read-only: it is shared."""
    text = (files("lagebild.knowledge") / "plover.yaml").read_text(encoding="utf-8")
    return parse_ontology(yaml.safe_load(text))
