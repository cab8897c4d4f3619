"""The commitment ledger's pure rules (lagebild/world/ledger.py) and its word lists
(lang/*/ledger.yaml)."""
import pytest

from lagebild import lang
from lagebild.world import ledger
from lagebild.world.ledger import Pledge, Report, effect, effects, fold, read, same_pledge

F = frozenset


def _pledge(**kw):
    base = dict(id=1, actors=F({"JPN"}), recipients=F({"USA"}), action="buy", object="LNG", made="2025-02-10",
                event=10, cluster=10, article=1, reported="2025-02-10")
    base.update(kw)
    return Pledge(**base)


def _report(**kw):
    base = dict(id=20, event="COOPERATE", status="occurred", date="2025-06-02", actors=F({"JPN"}),
                recipients=F({"USA"}), action="buy", object="LNG", cluster=20, reported="2025-06-03")
    base.update(kw)
    return Report(**base)


# -- words ---------------------------------------------------------------------------------------
def test_both_languages_share_action_keys_and_cue_kinds():
    de, en = (lang.load_yaml(code, "ledger.yaml") for code in ("de", "en"))
    assert list(de["actions"]) == list(en["actions"])          # same keys, same priority order
    assert set(de["cues"]) == set(en["cues"]) == {"fulfilled", "withdrawn", "broken", "blocked", "approved"}
    for d in (de, en):
        words = [w for ws in d["actions"].values() for w in ws] + d["pledge"]
        assert all(isinstance(w, str) and w.strip() == w and w for w in words)


@pytest.mark.parametrize("code, words, predicate, event, action, cue, pledge", [
    # the action behind a pledge verb comes from the rest of the sentence
    ("en", [("japan", "noun"), ("pledge", "verb"), ("buy", "verb"), ("gas", "noun")], "pledge", "AGREE",
     "buy", None, True),
    ("de", [("japan", "noun"), ("zusagen", "verb"), ("flüssiggas", "noun"), ("kaufen", "verb")], "zusagen",
     "AGREE", "buy", None, True),
    # a German separable verb, joined by lemma_bag; the cue word is no action
    ("de", [("ziehen", "verb"), ("zusage", "noun"), ("zurückziehen", "verb"), ("kaufen", "verb")], None,
     "AGREE", "buy", "withdrawn", True),
    ("en", [("call off", "verb"), ("visit", "noun")], "call", "REQUEST", "visit", "withdrawn", False),
    # compounds match nouns by their ending, never verbs ("betreffen" is no meeting)
    ("de", [("truppenabzug", "noun")], None, "AGREE", "withdraw", None, False),
    ("de", [("betreffen", "verb")], None, "SUPPORT", None, None, False),
    # the predicate's own cue wins over another cue verb of the sentence
    ("en", [("approve", "verb"), ("block", "verb"), ("takeover", "noun")], "approve", "SUPPORT", "buy",
     "approved", False),
    # the type decides for acts whose type says it (CONSULT: meet), not other words of the sentence
    ("de", [("telefonieren", "verb"), ("zölle", "noun")], "telefonieren", "CONSULT", "meet", None, False),
])
def test_read(code, words, predicate, event, action, cue, pledge):
    r = read(ledger.lexicon(code), words, predicate, event)
    assert (r.action, r.cue, r.pledge) == (action, cue, pledge)


def test_plain_words_work_without_a_tagger():
    # no lemmas: words match as written, nouns (and untagged words) also by their ending
    r = read(ledger.lexicon("en"), "Russia did break its promise of a ceasefire".split(), "promise", "AGREE")
    assert (r.action, r.cue) == ("ceasefire", "broken")
    assert read(ledger.lexicon("de"), ["Truppenabzug"], None, "AGREE").action == "withdraw"


def test_object_from_commodity_or_sentence():
    lex = ledger.lexicon("de")
    assert ledger.object_of(lex, "steel", ["Gas"]) == "steel"
    assert ledger.object_of(lex, None, ["mehr", "Flüssiggas", "kaufen"]) == "LNG"
    assert ledger.object_of(lex, None, ["Panzer"]) is None


# -- same commitment -----------------------------------------------------------------------------
def test_same_pledge_needs_same_actors_and_a_tie():
    old = _pledge()
    assert same_pledge(old, _pledge(id=None, cluster=30, object=None)) is not None       # action ties
    assert same_pledge(old, _pledge(id=None, cluster=30, action=None, object="gas")) is not None  # LNG is gas
    assert same_pledge(old, _pledge(id=None, cluster=30, action="invest")) is None        # another act
    assert same_pledge(old, _pledge(id=None, cluster=30, actors=F({"KOR"}))) is None
    assert same_pledge(old, _pledge(id=None, cluster=30, recipients=F({"QAT"}))) is None
    assert same_pledge(old, _pledge(id=None, cluster=30, recipients=F())) is not None     # unknown: fine
    assert same_pledge(old, _pledge(id=None, cluster=30, kind="THREATEN")) is None
    # nothing named on either side: only one fused event ties them
    vague = _pledge(action=None, object=None)
    assert same_pledge(vague, _pledge(id=None, action=None, object=None, cluster=30)) is None
    assert same_pledge(vague, _pledge(id=None, action=None, object=None, cluster=10)) is not None


def test_best_pledge_skips_closed_ones():
    new = _pledge(id=None, cluster=30)
    assert ledger.best_pledge(new, [_pledge(status="fulfilled")]) is None
    assert ledger.best_pledge(new, [_pledge(status="reaffirmed")]).id == 1


# -- effects of later reports ----------------------------------------------------------------------
@pytest.mark.parametrize("report, change", [
    (_report(), "fulfilled"),
    (_report(status="negated"), "broken"),
    (_report(cue="withdrawn", event="RETREAT", action=None), "withdrawn"),
    (_report(cue="broken", event="AGREE", status="future", pledge=True, action=None), "broken"),
    # a third party: the counterpart blocks or clears it
    (_report(actors=F({"USA"}), recipients=F({"JPN"}), cue="blocked", event="COERCE"), "overtaken"),
    (_report(actors=F({"USA"}), recipients=F({"JPN"}), cue="approved", event="SUPPORT"), "approved"),
    # no effect: another act, another object, a pledge repeated, an unrelated party
    (_report(action="invest"), None),
    (_report(object="oil"), None),
    (_report(pledge=True), None),
    (_report(event="AGREE", status="future"), None),
    (_report(actors=F({"KOR"}), recipients=F({"CHN"})), None),
    (_report(recipients=F({"QAT"})), None),                       # bought from someone else
    (_report(action=None, object=None), None),                    # nothing ties it to the pledge
    (_report(id=10), None),                                       # the pledge itself
    (_report(cluster=10), None),                                  # another mention of the pledge
])
def test_effect(report, change):
    got = effect(_pledge(), report)
    assert (got[0] if got else None) == change


def test_execution_must_come_later_than_the_pledge():
    p = _pledge()
    assert effect(p, _report(date="2025-01-20", reported="2025-06-03")) is None     # happened before
    assert effect(p, _report(date="2025-02", reported="2025-02-10")) is None        # same report day
    assert effect(p, _report(date="2025-02", reported="2025-03-01")) is None        # not after at month level
    assert effect(p, _report(date="2025-03", reported="2025-03-20"))[0] == "fulfilled"
    # a report naming its own party as recipient says nothing about the counterpart
    assert effect(p, _report(recipients=F({"JPN"})))[0] == "fulfilled"


def test_effects_take_the_best_open_commitment():
    lng = _pledge()
    vague = _pledge(id=2, object=None, event=11, cluster=11)
    done = _pledge(id=3, event=12, cluster=12, status="fulfilled")
    got = effects(_report(), [lng, vague, done])
    assert [(p.id, c) for p, c in got] == [(1, "fulfilled")]


# -- status over time ------------------------------------------------------------------------------
@pytest.mark.parametrize("changes, status", [
    ([], "made"),
    (["made"], "made"),
    (["made", "reported"], "made"),
    (["made", "reaffirmed", "reaffirmed"], "reaffirmed"),
    (["made", "fulfilled"], "fulfilled"),
    (["made", "reaffirmed", "withdrawn"], "withdrawn"),
    (["made", "overtaken"], "overtaken"),
    (["made", "overtaken", "approved"], "made"),
    (["made", "reaffirmed", "overtaken", "approved"], "reaffirmed"),
    (["made", "approved"], "made"),
    (["made", "fulfilled", "reaffirmed"], "fulfilled"),        # a closed one is not reopened
    (["reaffirmed", "made"], "reaffirmed"),                    # out of order: the first entry is the making
])
def test_fold(changes, status):
    assert fold(changes) == status


def test_dates():
    assert ledger.made_on("2025-02", "2025-04-08") == "2025-02"          # "had promised in February"
    assert ledger.made_on("2026", "2025-03-15") == "2025-03-15"          # a deadline, not the making
    assert ledger.made_on("2025-03-15", "2025-03-15") == "2025-03-15"
    assert ledger.made_on(None, None) is None
    assert ledger.after("2025-04", "2025-03-15") and not ledger.after("2025-03", "2025-03-15")
    assert ledger.not_before("2025-03", "2025-03-15")


def test_kind_and_news_cycle():
    assert ledger.kind_of("THREATEN") == "THREATEN"
    assert ledger.kind_of("MOBILIZE") == ledger.kind_of("AGREE") == ledger.kind_of(None) == "AGREE"
    assert ledger.same_news_cycle("2025-02-08", "2025-02-10")
    assert not ledger.same_news_cycle("2025-02-08", "2025-02-11")
    assert not ledger.same_news_cycle("2025-02", "2025-02-08") and not ledger.same_news_cycle(None, "2025-02-08")
