"""lagebild.store.queries over a small store built from hand-made documents (no NLP run, so the
expectations are exact). The documents come from tests/sample_store.py.

Set LAGEBILD_TEST_PG (see .ci/postgres.sh) to run the same tests against PostgreSQL too.
"""
import os
import uuid
from datetime import date

import pytest

from lagebild.model import (Article, Commitment, Document, Entity, Event, Mention, Participant, Place,
                            Quantity, Relation, Span)
from lagebild.store import Store
from lagebild.store import queries as Q

from sample_store import TEXT_A, build_store, documents  # noqa: E402,F401  (tests/ is on the path via its conftest)


def _pg_url():
    """A fresh schema on the test server, so parallel runs and other tests do not collide."""
    from sqlalchemy import create_engine, text

    base = os.environ["LAGEBILD_TEST_PG"]
    schema = "q_" + uuid.uuid4().hex[:10]
    eng = create_engine(base)
    with eng.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", eng, schema


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    if request.param == "sqlite":
        s = build_store(str(tmp_path_factory.mktemp("q") / "q.db"))
        yield s
        s.close()
        return
    if not os.environ.get("LAGEBILD_TEST_PG"):
        pytest.skip("LAGEBILD_TEST_PG not set")
    from sqlalchemy import text

    url, eng, schema = _pg_url()
    s = build_store(url)
    yield s
    s.close()
    with eng.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    eng.dispose()


def _ids(rows):
    return [(r["doc_id"], r["local_id"]) for r in rows]


def test_event_filters_by_side_type_and_status(store):
    agree_jpn = Q.events(store, actor="JPN", type="AGREE")
    assert _ids(agree_jpn) == [("handel.de.txt", "e2")]
    assert Q.events(store, actor="CHN", type="agree") == []
    ev = agree_jpn[0]
    assert [p["code"] for p in ev["actor"]] == ["JPN"] and [p["code"] for p in ev["recipient"]] == ["USA"]
    assert ev["evidence"]["text"].startswith("Ministerpräsident") and ev["quantity"] == {"commodity": "gas"}
    assert ev["quad"] == "verbal_cooperation" and ev["cameo"] == "030" and ev["title"] == "handel"
    assert set(_ids(Q.events(store, recipient="JPN"))) == {("handel.de.txt", x) for x in ("e1", "e3", "e4")}
    assert set(_ids(Q.events(store, recipient="JPN", status="occurred"))) == {("handel.de.txt", "e1"),
                                                                             ("handel.de.txt", "e3")}
    assert _ids(Q.events(store, status="negated")) == [("handel.de.txt", "e4")]
    assert len(Q.events(store, article_id=agree_jpn[0]["article_id"])) == 4


def test_event_dates_overlap_and_paging(store):
    all_ = Q.events(store)
    assert len(all_) == 8
    dates = [e["date"] for e in all_]
    assert dates == sorted(dates)
    later = {e["date"] for e in Q.events(store, since="2025-03-10")}
    assert later == {"2025-03-14", "2025-03", "2025", "2025-04-06"}   # month and year dates overlap
    march = {e["date"] for e in Q.events(store, since="2025-03", until="2025-03")}
    assert march == {"2025-03-14", "2025-03", "2025"}
    assert {e["date"] for e in Q.events(store, until="2025-02-07")} == {"2025-02-07", "2025"}
    assert [e["id"] for e in Q.events(store, limit=3, offset=2)] == [e["id"] for e in all_[2:5]]
    with pytest.raises(ValueError):
        Q.events(store, since="March")


def test_commitments_and_relations(store):
    open_ = Q.commitments(store, status="open")
    assert [(c["actor"], c["recipient"], c["action"]) for c in open_] == [(["JPN"], ["USA"], "buy")]
    assert open_[0]["doc_id"] == "handel.de.txt" and open_[0]["date"] == "2025-02-07"
    assert open_[0]["evidence"]["text"] == "mehr Gas aus den USA zu kaufen"
    assert [c["action"] for c in Q.commitments(store, actor="USA")] == ["tariff"]
    assert [c["action"] for c in Q.commitments(store, recipient="CHN", status="fulfilled")] == ["tariff"]
    assert Q.commitments(store, actor="CHN") == []
    claims = Q.relations(store, type="claims")
    assert sorted(r["subject"][0] for r in claims) == ["CHN", "JPN"]
    assert [r["object"] for r in Q.relations(store, subject="JPN")] == ["senkaku-islands"]
    assert [r["role"] for r in Q.relations(store, type="leader-of", object="USA")] == ["President"]


def test_dyad_counts_both_directions_per_period(store):
    rows = Q.dyad(store, "USA", "JPN")
    assert [r["period"] for r in rows] == ["2025-02", "2025-03"]
    feb, mar = rows
    assert feb["events"] == 2 and feb["cooperation"] == 2 and feb["conflict"] == 0   # CHN's accusation is not USA-JPN
    assert feb["a_to_b"] == 1 and feb["b_to_a"] == 1 and feb["verbal_cooperation"] == 2 and feb["score"] == 2.5
    assert mar["events"] == 1 and mar["b_to_a"] == 1
    assert [r["events"] for r in Q.dyad(store, "JPN", "USA")] == [2, 1]
    assert [r["period"] for r in Q.dyad(store, "USA", "JPN", by="week")] == ["2025-03", "2025-W06"]
    assert [r["period"] for r in Q.dyad(store, "USA", "JPN", by="year")] == ["2025"]
    chn = Q.dyad(store, "CHN", "JPN")            # the negated meeting is not counted
    assert [(r["events"], r["conflict"], r["cooperation"]) for r in chn] == [(1, 1, 0)]
    assert Q.dyad(store, "USA", "JPN", since="2025-03-01") == [mar]


def test_network(store):
    net = Q.network(store)
    nodes = {n["id"]: n for n in net["nodes"]}
    assert {"JPN", "USA", "CHN", "EUR", "RUS", "UKR"} <= set(nodes)
    assert nodes["EUR"]["kind"] == "organization" and nodes["EUR"]["label"] == "European Union"
    assert nodes["JPN"]["label"] == "Japan" and nodes["JPN"]["kind"] == "country"
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("JPN", "USA")]["events"] == 3 and edges[("JPN", "USA")]["cooperation"] == 3
    assert edges[("CHN", "USA")]["conflict"] == 2 and edges[("CHN", "JPN")]["events"] == 1
    sanctions = Q.network(store, type="SANCTION")
    assert {(e["source"], e["target"]) for e in sanctions["edges"]} == {("CHN", "USA"), ("EUR", "RUS")}


def test_actor_profile(store):
    p = Q.actor_profile(store, "JPN")
    assert p["label"] == "Japan" and p["kind"] == "country"
    ents = {e["id"]: e for e in p["entities"]}
    assert ents["shigeru-ishiba"]["offices"] == ["Prime Minister"]
    assert ents["shigeru-ishiba"]["roles"] == ["Ministerpräsident"] and ents["JPN"]["mentions"] == 3
    assert p["counterparts"][0]["code"] == "USA" and p["counterparts"][0]["events"] == 3
    assert {r["type"] for r in p["relations"]} == {"leader-of", "claims"}
    assert [c["action"] for c in p["commitments"]] == ["buy"]
    assert p["totals"]["events"] == 4 and p["totals"]["as_recipient"] == 2
    assert len(p["events"]) == 5 and p["events"][0]["date"] == "2025-03"   # newest first, negated included
    assert Q.actor_profile(store, "XYZ") is None


def test_articles_article_and_search(store):
    arts = Q.articles(store)
    assert [a["doc_id"] for a in arts] == ["sanktionen.de.txt", "tariffs.en.txt", "handel.de.txt"]
    assert [a["events"] for a in arts] == [2, 2, 4] and all("text" not in a for a in arts)
    assert [a["doc_id"] for a in Q.articles(store, q="FLÜSSIGGAS")] == ["handel.de.txt"]
    assert [a["doc_id"] for a in Q.articles(store, q="senkaku")] == ["tariffs.en.txt"]
    assert [a["doc_id"] for a in Q.articles(store, limit=1, offset=1)] == ["tariffs.en.txt"]
    full = Q.article(store, arts[2]["id"])
    assert full["text"] == TEXT_A and len(full["events"]) == 4
    assert all(full["text"][e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
               for e in full["events"])
    assert Q.article(store, 999999) is None
    hits = Q.search(store, "kritisierte")
    assert [h["doc_id"] for h in hits] == ["handel.de.txt"] and "kritisierte" in hits[0]["snippet"]
    assert TEXT_A[hits[0]["start"]:].startswith("kritisierte")
    # % and _ are literal, not wildcards
    assert [h["doc_id"] for h in Q.search(store, "%")] == ["sanktionen.de.txt"]
    assert [h["doc_id"] for h in Q.search(store, "S_7")] == ["sanktionen.de.txt"]
    assert Q.search(store, "S%7") == [] and Q.search(store, "a_d") == []
    assert Q.search(store, "  ") == []
