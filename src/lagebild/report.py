"""A readable summary of the world model in a store, for `lagebild demo`."""
from __future__ import annotations

import textwrap

from .store import Store


def _side(parts: list[dict]) -> str:
    if not parts:
        return "—"
    return ", ".join(f"{p['entity_text'] or p['code']} ({p['code']}{'/' + p['sector'] if p['sector'] else ''})"
                     for p in parts)


def summary(store: Store, max_events: int = 40) -> str:
    lines: list[str] = []
    st = store.stats()
    lines.append(f"{st['articles']} articles, {st['entities']} actors, {st['events']} events, "
                 f"{st['relations']} relations, {st['commitments']} commitments\n")
    lines.append("ACTORS (most mentioned)")
    for e in store.entities()[:20]:
        country = f" [{e['country']}]" if e["country"] and e["country"] != e["id"] else ""
        lines.append(f"  {e['name']:<38} {e['kind']:<13}{country}  {e['mentions']} mentions")
    lines.append("\nEVENTS")
    events = store.events()
    for ev in events[:max_events]:
        extra = f" [{ev['status']}]" if ev["status"] != "occurred" else ""
        lines.append(f"  {ev['date'] or '????-??-??'}  {ev['event']:<9} {_side(ev['actor'])} -> "
                     f"{_side(ev['recipient'])}{extra}")
        quote = " ".join(ev["evidence_text"].split())
        lines.append(textwrap.indent(textwrap.fill(f"“{quote}”", 96), " " * 14))
        lines.append(f"{'':14}({ev['doc_id']})")
    if len(events) > max_events:
        lines.append(f"  … and {len(events) - max_events} more (lagebild analyze/export for all)")
    lines.append("\nCOMMITMENTS")
    for c in store.commitments():
        q = c["quantity"] or {}
        qty = ", ".join(f"{k}={v}" for k, v in q.items() if k != "text")
        cond = f" if {c['condition']}" if c["condition"] else ""
        lines.append(f"  {'/'.join(c['actor'])} -> {'/'.join(c['recipient']) or '—'}: {c['action']}"
                     f"{' (' + qty + ')' if qty else ''}{cond}  [{c['status']}]")
    lines.append("\nRELATIONS")
    for r in store.relations():
        lines.append(f"  {r['type']}: {', '.join(r['subject'])} -> {r['object']}"
                     f"{' (' + r['role'] + ')' if r['role'] else ''}")
    return "\n".join(lines)
