import json
import os
import pathlib
import subprocess
import sys
from datetime import date

import pytest

from lagebild.model import Article

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = pathlib.Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev"


def needs_shared(path: pathlib.Path = DEV):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present")


@pytest.fixture(scope="session")
def analyze_text():
    """Run the whole pipeline on a text we wrote (no store)."""
    from lagebild.pipeline import analyze_article

    def run(text: str, lang: str = "de", published: date | None = date(2025, 2, 8)):
        return analyze_article(Article(id="t.txt", text=text, language=lang, published=published))

    return run


@pytest.fixture
def cli(tmp_path):
    """Run the installed console script (falls back to `python -m lagebild.cli`)."""

    def run(*args, input: bytes | None = None, env: dict | None = None):
        e = dict(os.environ, LAGEBILD_DB=str(tmp_path / "store.db"), **(env or {}))
        return subprocess.run([sys.executable, "-m", "lagebild.cli", *args], input=input,
                              capture_output=True, env=e, timeout=600)

    return run


def jsonl(text: str | bytes) -> list[dict]:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
