"""Cross-article fusion and the commitment ledger in the store.

The rules are unit-tested on small values (lagebild/world/fusion.py); the store tests use
documents built by hand (fast, independent of what the analysis extracts today), on SQLite and,
when LAGEBILD_TEST_PG is set, on PostgreSQL; the last test runs the written scenarios of
examples/scenarios named in the issue through the whole pipeline, as bench/fusion_bench.py does
for all of them.
"""
import importlib.util
import os
import pathlib
import sys
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lagebild.model import Article, Commitment, Document, Event, Participant, Place, Quantity, Span
from lagebild.store import Store
from lagebild.world import fusion
from lagebild.world.fusion import Mention

F = frozenset
PG = os.environ.get("LAGEBILD_TEST_PG")
ROOT = pathlib.Path(__file__).resolve().parents[2]


# -- the rule ------------------------------------------------------------------------------------
def _m(**kw):
    base = dict(id=1, event="CONSULT", status="occurred", date="2025-09-16", actors=F({"DEU"}),
                recipients=F({"ITA"}), article=1, place="ITA", cluster=1)
    base.update(kw)
    return Mention(**base)


@pytest.mark.parametrize("other, same", [
    (_m(id=2, article=2, actors=F({"ITA"}), recipients=F({"DEU"})), True),     # a meeting is mutual
    (_m(id=2, article=2, date="2025-09-17"), True),                              # a day apart: time zones
    (_m(id=2, article=2, date="2025-09", precision="month"), True),              # "in September"
    (_m(id=2, article=2, date="2025-10-16"), False),                             # a month later
    (_m(id=2, article=2, date="2025-09-19"), False),
    (_m(id=2, article=2, date="2025"), False),                                   # a year is too vague
    (_m(id=2, article=2, status="future"), False),                               # announcement vs meeting
    (_m(id=2, article=2, status="historical"), True),                            # recalled as background
    (_m(id=2, article=2, event="SUPPORT"), False),
    (_m(id=2, article=2, recipients=F({"FRA"})), False),
    (_m(id=2, article=2, place="FRA"), False),                                   # met elsewhere
    (_m(id=2, article=2, place=None), True),
    (_m(id=2, article=2, modes=F({"phone"})), True),                             # one side says nothing
    (_m(id=2, article=2, recipients=F({"ITA", "IGO:european-union"})), True),    # partial, both days
    (_m(id=2, article=2, date=None), False),                                     # undated: same article only
    (_m(id=2, article=1, date=None), False),
])
def test_match(other, same):
    assert (fusion.match(other, _m()) is not None) is same


def test_contradictions_and_agreements():
    call, visit = _m(modes=F({"phone"})), _m(id=2, article=2, modes=F({"visit"}))
    assert fusion.match(visit, call) is None
    lng = _m(event="AGREE", status="future", actors=F({"JPN"}), recipients=F({"USA"}), object="LNG",
             action="buy", reported="2025-02-28")
    assert fusion.match(_m(id=2, article=2, event="AGREE", status="future", actors=F({"JPN"}),
                           recipients=F({"USA"}), object="gas", reported="2025-02-28"), lng) is not None
    invest = _m(id=3, article=2, event="AGREE", status="future", actors=F({"JPN"}), recipients=F({"USA"}),
                action="invest", reported="2025-02-28")
    assert fusion.match(invest, lng) is None                       # another pledge of the same meeting
    vague = _m(id=4, article=2, event="AGREE", status="future", actors=F({"JPN"}), recipients=F({"USA"}),
               reported="2025-02-28")
    assert fusion.match(vague, lng) is None                        # AGREE needs a positive tie
    later = _m(id=5, article=3, event="AGREE", status="future", actors=F({"JPN"}), recipients=F({"USA"}),
               object="LNG", action="buy", reported="2025-04-10")
    assert fusion.match(later, lng) is None                        # a repetition weeks later: a new statement
    assert fusion.match(_m(id=6, article=2, amount=100.0), _m(amount=200.0)) is None


def test_best_match_does_not_chain_through_a_vague_mention():
    call = _m(id=1, modes=F({"phone"}), cluster=1)
    vague = _m(id=2, article=2, cluster=1)                          # joined the call's cluster
    visit = _m(id=3, article=3, modes=F({"visit"}))
    assert fusion.best_match(visit, [call, vague]) is None
    assert fusion.best_match(_m(id=4, article=4), [call, vague]).cluster == 1


def test_normalized_hash_ignores_typography():
    a = 'Spain promised to fund water projects. "Water is the challenge," Sánchez said.'
    b = 'SPAIN promised to fund water projects.\n“Water is the challenge” — Sánchez said.'
    assert fusion.normalized_hash(a) == fusion.normalized_hash(b)
    assert fusion.normalized_hash(a) != fusion.normalized_hash(a + " More.")


def test_date_window_covers_what_dates_compatible_accepts():
    assert fusion.date_window("2025-09-16") == (["2025-09"], ("2025-09-15", "2025-09-17"))
    assert fusion.date_window("2025-09") == ([], ("2025-09", "2025-09-99"))
    assert fusion.date_window("2025") == (["2025"], None)
    assert fusion.date_window(None) == ([], None)


# -- the store -----------------------------------------------------------------------------------
@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        with Store(str(tmp_path / "s.db")) as s:
            yield s
        return
    if not PG:
        pytest.skip("PostgreSQL not configured (LAGEBILD_TEST_PG)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        url = make_url(PG).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
            hide_password=False)
        with Store(url) as s:
            yield s
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def _doc(doc_id, text_, published, lang="en", events=(), commitments=(), url=None, source="Wire"):
    art = Article(id=doc_id, text=text_, language=lang, published=date.fromisoformat(published),
                  url=url or f"https://example.org/{doc_id}", source=source)
    return Document(art, events=list(events), commitments=list(commitments))


def _ev(eid, etype, actors, recipients, text_, when, status="occurred", **kw):
    return Event(eid, [etype], [Participant(c) for c in actors], [Participant(c) for c in recipients],
                 Span(0, len(text_), text_), 0, status=status, date=when,
                 date_precision={10: "day", 7: "month", 4: "year"}[len(when)], **kw)


SUMMIT_DE = "Merz traf Meloni am Dienstag in Rom."
SUMMIT_EN = "Merz met Meloni in Rome on Tuesday."


def _summit_de():
    return _doc("rom.de", SUMMIT_DE, "2025-09-17", "de", [
        _ev("e1", "CONSULT", ["DEU"], ["ITA"], SUMMIT_DE, "2025-09-16", predicate="treffen",
            location=Place("Rom", "ITA"))])


def test_syndicated_copy_is_stored_once_with_two_sources(store):
    text_ = 'Spain promised on Tuesday to fund water projects in Morocco. "Water first," Sánchez said.'
    copy = 'SPAIN promised on Tuesday to fund water projects in Morocco.\n“Water first” — Sánchez said.'
    first = store.put(_doc("wire.txt", text_, "2025-04-02"))
    again = store.put(_doc("reprint.txt", copy, "2025-04-02", url="https://example.net/r/1", source="Reprints"))
    assert (first.status, again.status, again.article_id) == ("new", "syndicated", first.article_id)
    assert store.add(_doc("reprint.txt", copy, "2025-04-02", url="https://example.net/r/1",
                          source="Reprints")) is False                  # seen before: nothing new
    assert store.stats()["articles"] == 1
    assert [(s["doc_id"], s["source"]) for s in store.sources(first.article_id)] == \
        [("wire.txt", "Wire"), ("reprint.txt", "Reprints")]
    assert store.put(_doc("other.txt", text_ + " More.", "2025-04-03")).status == "new"


def test_summit_told_in_two_languages_is_one_cluster(store):
    store.put(_summit_de())
    store.put(_doc("rome.en", SUMMIT_EN + " Merz praised Italy.", "2025-09-16", events=[
        _ev("e1", "CONSULT", ["ITA"], ["DEU"], SUMMIT_EN, "2025-09-16", predicate="meet",
            location=Place("Rome", "ITA")),
        _ev("e2", "SUPPORT", ["DEU"], ["ITA"], "Merz praised Italy.", "2025-09-16", predicate="praise")]))
    events = store.events()
    meeting = {e["cluster_id"] for e in events if e["event"] == "CONSULT"}
    assert len(meeting) == 1 and len(events) == 3                         # every mention is kept
    assert store.stats()["event_clusters"] == 2
    assert store.clusters()[meeting.pop()] == [e["id"] for e in events if e["event"] == "CONSULT"]


def test_two_meetings_a_month_apart_stay_two_events(store):
    store.put(_summit_de())
    again = "Merz traf Meloni am Dienstag erneut in Rom."
    store.put(_doc("rom2.de", again, "2025-10-15", "de", [
        _ev("e1", "CONSULT", ["DEU"], ["ITA"], again, "2025-10-14", predicate="treffen",
            location=Place("Rom", "ITA"))]))
    assert len({e["cluster_id"] for e in store.events()}) == 2


PLEDGE = "Japan pledged on Monday to buy more American LNG."
BOUGHT = "Japan bought its first cargo of American LNG on Monday."


def _pledge_doc():
    lng = Quantity(commodity="LNG")
    ev = _ev("e1", "AGREE", ["JPN"], ["USA"], PLEDGE, "2025-02-10", status="future", predicate="pledge",
             quantity=lng)
    return _doc("pledge.en", PLEDGE, "2025-02-11", events=[ev],
                commitments=[Commitment("c-e1", ["JPN"], ["USA"], "pledge", "LNG", "e1", ev.evidence, quantity=lng)])


def _bought_doc():
    return _doc("cargo.en", BOUGHT, "2025-06-03", events=[
        _ev("e1", "COOPERATE", ["JPN"], ["USA"], BOUGHT, "2025-06-02", predicate="buy",
            quantity=Quantity(commodity="LNG"))])


def test_pledge_then_fulfilment(store):
    a = store.put(_pledge_doc()).article_id
    b = store.put(_bought_doc()).article_id
    (c,) = store.commitments()
    assert (c["status"], c["action_key"], c["object_key"], c["made_on"]) == ("fulfilled", "buy", "LNG", "2025-02-10")
    hist = store.history(c["id"])
    assert [(h["change"], h["status"], h["article_id"]) for h in hist] == [("made", "made", a),
                                                                           ("fulfilled", "fulfilled", b)]
    assert hist[1]["evidence_text"] == BOUGHT and hist[1]["date"] == "2025-06-03"


def test_fulfilment_stored_before_its_pledge_still_counts(store):
    store.put(_bought_doc())                       # bulk loads do not come in date order
    store.put(_pledge_doc())
    (c,) = store.commitments()
    assert c["status"] == "fulfilled"
    assert [h["change"] for h in store.history(c["id"])] == ["made", "fulfilled"]


def test_a_repeated_pledge_updates_instead_of_duplicating(store):
    store.put(_pledge_doc())
    again = "Japan reaffirmed on Friday that it will buy more American LNG."
    ev = _ev("e1", "AGREE", ["JPN"], ["USA"], again, "2025-04-04", status="future", predicate="reaffirm",
             quantity=Quantity(commodity="LNG"))
    store.put(_doc("again.en", again, "2025-04-05", events=[ev],
                   commitments=[Commitment("c-e1", ["JPN"], ["USA"], "reaffirm", "LNG", "e1", ev.evidence,
                                           deadline="2026-12-31")]))
    (c,) = store.commitments()
    assert (c["status"], c["deadline"]) == ("reaffirmed", "2026-12-31")   # what the repetition adds is kept
    hist = store.history(c["id"])
    assert [(h["change"], h["local_id"], h["evidence_text"]) for h in hist] == [
        ("made", "c-e1", PLEDGE), ("reaffirmed", "c-e1", again)]            # its own commitment stays traceable
    assert len({e["cluster_id"] for e in store.events()}) == 2              # two statements, two events


def test_block_and_approval_by_a_third_party(store):
    bid = "BYD said it would buy a German lighting maker."
    ev = _ev("e1", "AGREE", ["CHN"], ["DEU"], bid, "2025-03-03", status="future", predicate="buy")
    store.put(_doc("bid.en", bid, "2025-03-04", events=[ev],
                   commitments=[Commitment("c-e1", ["CHN"], ["DEU"], "buy", None, "e1", ev.evidence)]))
    ban = "Germany blocked the takeover by BYD."
    store.put(_doc("ban.en", ban, "2025-04-11", events=[
        _ev("e1", "COERCE", ["DEU"], ["CHN"], ban, "2025-04-10", predicate="block")]))
    assert store.commitments()[0]["status"] == "overtaken"
    ok = "Germany approved the takeover by BYD."
    store.put(_doc("ok.en", ok, "2025-07-03", events=[
        _ev("e1", "SUPPORT", ["DEU"], ["CHN"], ok, "2025-07-02", predicate="approve")]))
    (c,) = store.commitments()
    assert c["status"] == "made"
    assert [h["change"] for h in store.history(c["id"])] == ["made", "overtaken", "approved"]


# -- the written scenarios, through the whole pipeline --------------------------------------------
def _bench():
    spec = importlib.util.spec_from_file_location("fusion_bench", ROOT / "bench" / "fusion_bench.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod            # its dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


# the three the issue names; bench/fusion_bench.py runs all of them
ISSUE_SCENARIOS = ["summit-three-reports", "pledge-fulfilled", "meetings-month-apart"]


@pytest.mark.skipif(not os.environ.get("LAGEBILD_SCENARIOS"),
                    reason="loads the NLP models (~15 s): set LAGEBILD_SCENARIOS=1, or run bench/fusion_bench.py")
def test_scenarios():
    """The issue's scenarios end to end: every named pair right, the ledger right."""
    bench = _bench()
    for folder in bench.scenarios(ROOT / "examples" / "scenarios", ISSUE_SCENARIOS):
        r = bench.run_scenario(folder)
        assert r.fp == 0, (r.name, r.checks_failed)
        assert r.ok, (r.name, r.missing, r.checks_failed)
