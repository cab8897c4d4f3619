"""Quantities of an event: amounts with units, multipliers ("verdoppeln" = x2), qualitative
magnitudes ("Rekordmengen"), and the commodity they concern (lang/<code>/quantities.yaml)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lang as langdata
from ..model import Quantity, Token

_NUM = re.compile(r"^\d{1,3}(?:[.,\u202f ]\d{3})*(?:[.,]\d+)?$|^\d+(?:[.,]\d+)?$")


@lru_cache(maxsize=None)
def _cfg(lang: str) -> dict:
    return langdata.load_yaml(lang, "quantities.yaml") or {}


def _number(text: str, decimal_comma: bool) -> float | None:
    if not _NUM.match(text):
        return None
    s = text.replace("\u202f", "").replace(" ", "")
    if decimal_comma:
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def find(toks: list[Token], lo: int, hi: int, lang: str) -> Quantity | None:
    cfg = _cfg(lang)
    if not cfg:
        return None
    span = toks[lo:hi]
    low = [t.text.lower() for t in span]
    commodity = None
    for stem, name in sorted((cfg.get("commodities") or {}).items(), key=lambda kv: -len(kv[0])):
        st = stem.lower()
        if " " in st:
            if st in " ".join(low):
                commodity = name
                break
        elif any(w == st or (len(st) >= 4 and w.startswith(st)) or w.endswith(st) and len(st) >= 5 for w in low):
            commodity = name
            break
    q = Quantity(commodity=commodity)
    mult = cfg.get("multipliers") or {}
    for t in span:
        if t.lemma in mult or t.text.lower() in mult:
            q.factor = mult.get(t.lemma, mult.get(t.text.lower()))
            q.text = t.text
    quals = {x.lower() for x in cfg.get("qualifiers") or []}
    for t in span:
        if t.text.lower() in quals:
            q.qualifier = t.text
    decimal_comma = bool(cfg.get("decimal_comma", lang != "en"))
    scales, units = cfg.get("scales") or {}, cfg.get("units") or {}
    for x, t in enumerate(span):
        n = _number(t.text, decimal_comma)
        if n is None:
            continue
        text_end = x
        if x + 1 < len(span) and span[x + 1].text in scales:
            n *= float(scales[span[x + 1].text])
            text_end = x + 1
        unit = None
        for y in range(text_end + 1, min(len(span), text_end + 3)):
            if span[y].text in units:
                unit = units[span[y].text]
                text_end = y
                break
        if unit or text_end > x:
            q.amount, q.unit = n, unit
            q.text = " ".join(s.text for s in span[x:text_end + 1])
            break
    if q.amount is None and q.factor is None and q.qualifier is None and q.commodity is None:
        return None
    return q
