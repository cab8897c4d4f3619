"""Which language an article is in: forced by the caller, declared by the record, or detected.

Detection is offline (py3langid, full language set). Nothing is filtered here: the pipeline
decides which languages it analyses.
"""
from __future__ import annotations

import re
import threading

_SAMPLE_CHARS = 2000
_CODE = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")

_identifier = None
_lock = threading.Lock()


def _get_identifier():
    # Own instance: py3langid's module-level one may be restricted by other code.
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier
                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    return _identifier


def normalise_code(value: object) -> str | None:
    """'de', 'DE', 'de-AT', 'en_GB' -> ISO 639-1 code; anything else -> None."""
    if not isinstance(value, str):
        return None
    m = _CODE.match(value.strip())
    return m.group(1).lower() if m else None


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, None when there is nothing to go on."""
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    code, _score = _get_identifier().classify(sample)
    return code or None


def resolve(text: str, forced: str | None, declared: object = None) -> str | None:
    """Caller's choice first, then the record's own field, then detection."""
    if forced:
        return forced
    code = normalise_code(declared)
    if code:
        return code
    return detect(text)
