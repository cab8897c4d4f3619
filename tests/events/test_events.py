"""Event extraction on sentences we wrote; each asserts type, participants and status."""


def _events(doc):
    return [(e.event[0], sorted(p.code for p in e.actor), sorted(p.code for p in e.recipient), e.status)
            for e in doc.events]


def test_visit_host_is_recipient(analyze_text):
    doc = analyze_text("Am Montag empfing Bundeskanzler Friedrich Merz den französischen Präsidenten "
                       "Emmanuel Macron im Kanzleramt.", published=__import__("datetime").date(2025, 6, 3))
    ev = [e for e in doc.events if e.event == ["CONSULT"]]
    assert ev, _events(doc)
    assert [p.code for p in ev[0].actor] == ["FRA"] and [p.code for p in ev[0].recipient] == ["DEU"]
    assert ev[0].date == "2025-06-02"


def test_separable_verb_promise_is_future_agree(analyze_text):
    doc = analyze_text("Der Präsident sagte Kanada neue Hilfen zu.\n\nTrump sagte Japan einen Besuch zu.")
    assert ("AGREE", ["USA"], ["JPN"], "future") in _events(doc)


def test_rejection_by_a_group(analyze_text):
    doc = analyze_text("Die USA und Japan weisen die Ansprüche Chinas zurück.")
    ev = [e for e in doc.events if e.event == ["REJECT"]]
    assert ev and sorted(p.code for p in ev[0].actor) == ["JPN", "USA"]
    assert [p.code for p in ev[0].recipient] == ["CHN"]


def test_negation_and_condition(analyze_text):
    doc = analyze_text("Russland kritisierte die Türkei nicht.")
    assert all(e.status == "negated" for e in doc.events)
    doc = analyze_text("Trump droht Japan mit Zöllen, falls das Defizit bleibt.")
    threats = [e for e in doc.events if e.event == ["THREATEN"]]
    assert threats and threats[0].status == "hypothetical"


def test_attribution_of_an_announced_plan(analyze_text):
    doc = analyze_text("Japan wird künftig mehr Flüssiggas aus den USA importieren, kündigte Trump an.")
    ev = [e for e in doc.events if e.event == ["AGREE"]]
    assert ev and ev[0].status == "future"
    assert ev[0].attribution and ev[0].attribution.speaker == "donald-trump"
    assert ev[0].quantity and ev[0].quantity.commodity == "LNG"


def test_english_dependency_roles(analyze_text):
    doc = analyze_text("China accused Japan of provocations on Monday.", lang="en")
    assert ("ACCUSE", ["CHN"], ["JPN"], "occurred") in _events(doc)
