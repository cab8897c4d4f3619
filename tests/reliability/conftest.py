"""Fixtures of the reliability tests (helpers: reliability_helpers.py)."""
from __future__ import annotations

import pytest

from reliability_helpers import check_store, write_articles


@pytest.fixture(scope="session")
def reference_rows(tmp_path_factory):
    """Rows per article for articles 0..29, stored without interruption (in this process):
    what a complete article looks like, to compare a crashed-and-resumed store against."""
    from lagebild.model import IngestProblem
    from lagebild.pipeline import analyze_inputs
    from lagebild.store import Store

    folder = tmp_path_factory.mktemp("reference")
    paths = write_articles(folder / "in", 30)
    db = folder / "ref.db"
    with Store(str(db)) as store:
        for doc in analyze_inputs([str(p) for p in paths], workers=1):
            assert not isinstance(doc, IngestProblem), doc
            assert store.add(doc)
    return check_store(db)
