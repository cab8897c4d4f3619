"""The store round trip on every backend: SQLite always, PostgreSQL when LAGEBILD_TEST_PG is set.

LAGEBILD_TEST_PG is a SQLAlchemy URL (`.ci/postgres.sh` starts a server and prints one). Each
PostgreSQL test runs in a schema of its own, dropped afterwards, so tests never see each other's
rows and the database needs no cleaning. The documents are built by hand so that every column,
JSON field and non-ASCII text is exercised independently of what the pipeline extracts today.
"""
import os
import uuid
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from lagebild.model import (Article, Attribution, Commitment, Document, Entity, Event, Mention, Participant,
                            Place, Quantity, Relation, Span)
from lagebild.store import Store
from lagebild.store import schema as t
from lagebild.store.migrations import LATEST, MIGRATIONS

PG = os.environ.get("LAGEBILD_TEST_PG")


@contextmanager
def database(backend: str, tmp_path):
    """The URL of an empty database on `backend`; a PostgreSQL schema of its own, dropped after."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:8]}.db'}"
        return
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        # search_path makes the schema the only namespace the store sees
        yield make_url(PG).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL of an empty database on each backend (PostgreSQL skipped when not configured)."""
    if request.param == "postgresql" and not PG:
        pytest.skip("PostgreSQL not configured: set LAGEBILD_TEST_PG=postgresql+psycopg://... "
                    "(.ci/postgres.sh starts a local server and prints the URL)")
    with database(request.param, tmp_path) as url:
        yield url


TEXT = ("Außenministerin Maria Núñez (Spanien) sagte Marokko am Dienstag 40 Mio. € für Wasserprojekte zu. "
        "Beide Regierungen wollen das Abkommen bis Ende 2026 unterzeichnen – „ein Schritt nach vorn“.")


def _doc(text_: str = TEXT, doc_id: str = "a.txt") -> Document:
    s1 = TEXT.index("Außen"), TEXT.index("Beide")
    sp = Span(0, s1[1] - 1, TEXT[: s1[1] - 1])
    art = Article(id=doc_id, text=text_, language="de", published=date(2026, 3, 3), title="Wasser für Marokko",
                  url="https://example.org/a", source="Beispielblatt", author="R. Schmidt", path=f"/in/{doc_id}")
    ents = [Entity("ESP", "country", "Spanien", country="ESP", code="ESP"),
            Entity("MAR", "country", "Marokko", country="MAR", code="MAR"),
            Entity("maria-nunez", "person", "Maria Núñez", country="ESP", code="ESP", sector="GOV",
                   office="Außenministerin")]
    mentions = [Mention(16, 27, "Maria Núñez", "maria-nunez", 0, role="Außenministerin", sector="GOV"),
                Mention(29, 36, "Spanien", "ESP", 0), Mention(44, 51, "Marokko", "MAR", 0)]
    q = Quantity(amount=40e6, unit="EUR", commodity="Wasserprojekte", text="40 Mio. €")
    ev = Event("e0-1-agree", ["AGREE"], [Participant("ESP", "GOV", "maria-nunez", "Maria Núñez")],
               [Participant("MAR", None, "MAR", "Marokko")], sp, 0, mode=["promise"], context=["economic"],
               status="future", date="2026-03-03", date_precision="day", quantity=q,
               attribution=Attribution("maria-nunez", "sagte zu", self_report=True),
               location=Place("Rabat", "MAR"), confidence=0.8, quad="verbal_cooperation", scale=4.5, cameo="057")
    rel = Relation("leader-of", ["maria-nunez"], "ESP", Span(0, 27, TEXT[:27]), role="Außenministerin",
                   valid_from="2026-03-03")
    com = Commitment("c0", ["ESP"], ["MAR"], "fund", "Wasserprojekte", "e0-1-agree", sp, quantity=q,
                     deadline="2026-12-31", condition="wenn das Abkommen unterzeichnet ist")
    return Document(art, entities=ents, mentions=mentions, events=[ev], relations=[rel], commitments=[com])


def test_round_trip(store_url):
    with Store(store_url) as store:
        assert store.add(_doc()) is True
        assert store.add(_doc()) is False                      # idempotent: same text, stored once
        assert store.add(_doc(TEXT.replace(" ", "  "), "b.txt")) is False   # whitespace only differs
        st = store.stats()
        assert {k: st[k] for k in ("articles", "entities", "mentions", "events", "relations", "commitments")} == \
            dict(articles=1, entities=3, mentions=3, events=1, relations=1, commitments=1)
        assert st["schema_version"] == LATEST

        (ev,) = store.events()
        assert (ev["event"], ev["status"], ev["date"], ev["doc_id"], ev["title"]) == \
            ("AGREE", "future", "2026-03-03", "a.txt", "Wasser für Marokko")
        assert ev["mode"] == ["promise"] and ev["context"] == ["economic"]
        assert ev["quantity"] == {"amount": 40e6, "unit": "EUR", "commodity": "Wasserprojekte", "text": "40 Mio. €"}
        assert ev["attribution"] == {"speaker": "maria-nunez", "cue": "sagte zu", "self_report": True}
        assert ev["location"] == {"name": "Rabat", "country": "MAR"}
        assert (ev["scale"], ev["confidence"], ev["cameo"]) == (4.5, 0.8, "057")
        assert [(p["code"], p["sector"], p["entity_text"]) for p in ev["actor"]] == [("ESP", "GOV", "Maria Núñez")]
        assert [p["code"] for p in ev["recipient"]] == ["MAR"]
        assert ev["evidence_text"] == TEXT[ev["evidence_start"]:ev["evidence_end"]]

        (rel,) = store.relations()
        assert (rel["type"], rel["subject"], rel["object"], rel["role"]) == \
            ("leader-of", ["maria-nunez"], "ESP", "Außenministerin")
        (com,) = store.commitments()
        assert (com["actor"], com["recipient"], com["action"], com["deadline"], com["status"]) == \
            (["ESP"], ["MAR"], "fund", "2026-12-31", "made")
        assert com["quantity"]["amount"] == 40e6 and com["condition"].startswith("wenn")
        ents = {e["id"]: e["mentions"] for e in store.entities()}
        assert ents == {"ESP": 1, "MAR": 1, "maria-nunez": 1}
        with store.engine.connect() as conn:
            stored_text, published = conn.execute(select(t.articles.c.text, t.articles.c.published)).one()
            offices = [r[0] for r in conn.execute(select(t.mentions.c.office).order_by(t.mentions.c.start))]
    assert stored_text == TEXT and published == "2026-03-03"       # exact text: offsets point into it
    assert offices == ["Außenministerin", None, None]


def test_entities_are_shared_across_articles(store_url):
    with Store(store_url) as store:
        store.add(_doc())
        store.add(_doc(TEXT + " Nachtrag.", "b.txt"))
        st = store.stats()
        assert (st["articles"], st["entities"], st["events"]) == (2, 3, 2)
        assert [e["doc_id"] for e in store.events()] == ["a.txt", "b.txt"]


def test_failed_write_leaves_nothing(store_url, monkeypatch):
    with Store(store_url) as store:
        def boom(*a, **k):
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "_write", boom)
        with pytest.raises(RuntimeError):
            store.add(_doc())
        assert store.stats()["articles"] == 0


def test_migrations_run_once_and_build_the_whole_schema(store_url):
    with Store(store_url) as store:
        assert store.version == LATEST
        tables = set(inspect(store.engine).get_table_names())
        assert set(t.metadata.tables) <= tables
        store.add(_doc())
    with Store(store_url) as store:                            # reopening applies nothing twice
        with store.engine.connect() as conn:
            versions = [r[0] for r in conn.execute(select(t.schema_version.c.version).order_by(
                t.schema_version.c.version))]
        assert versions == [v for v, _, _ in MIGRATIONS]
        assert store.stats()["articles"] == 1


def test_two_stores_on_one_database(store_url):
    # two ingests at once (two processes in real life): the text is stored once
    with Store(store_url) as a, Store(store_url) as b:
        assert a.add(_doc()) is True
        assert b.add(_doc()) is False
        assert b.stats()["articles"] == 1


@pytest.mark.skipif(not PG, reason="PostgreSQL not configured (LAGEBILD_TEST_PG)")
def test_backends_read_back_the_same(tmp_path):
    """What SQLite and PostgreSQL return for the same documents is identical, field by field."""
    got = {}
    for backend in ("sqlite", "postgresql"):
        with database(backend, tmp_path) as url, Store(url) as store:
            store.add(_doc())
            store.add(_doc(TEXT + " Nachtrag.", "b.txt"))
            got[backend] = (store.stats(), store.events(), store.relations(), store.commitments(),
                            store.entities())
    assert got["sqlite"] == got["postgresql"]
