"""Names in no list (lagebild/actors/names.py): each cue, and the words it must leave alone."""
from datetime import date

import pytest

from lagebild import actors, nlp
from lagebild.model import Article, Document


@pytest.fixture
def analyze_text():
    """The cues alone: the name tagger (tagger.py, tests in test_tagger.py) is left out here."""
    def run(text: str, lang: str = "de"):
        doc = nlp.annotate(Document(Article(id="t.txt", text=text, language=lang, published=date(2025, 2, 8))))
        return actors.recognize(doc, tag_names=False)
    return run


def _named(doc, kind):
    return {m.text for e in doc.entities if e.kind == kind and not e.code for m in e.mentions}


def test_person_nouns_and_speech_verbs_mark_unknown_surnames(analyze_text):
    doc = analyze_text("Der Bayern-Vorstand Brückelmann lobte die Mannschaft. "
                       "Es sei ein guter Abend gewesen, sagte Oelkrug.")
    assert _named(doc, "person") == {"Brückelmann", "Oelkrug"}


def test_given_name_person_and_genitive_surname_later(analyze_text):
    doc = analyze_text("Die Malerin Henrike Weidenbach stellte in Köln aus. "
                       "Weidenbachs Bilder zeigen Häfen.")
    assert _named(doc, "person") == {"Henrike Weidenbach", "Weidenbachs"}


def test_club_and_legal_form_make_organisations_and_take_in_the_town(analyze_text):
    doc = analyze_text("Der Stürmer wechselt vom SC Paderborn zur Kessler Logistik GmbH.")
    orgs = {e.name.rstrip("."): e for e in doc.entities if e.kind == "organization"}  # "GmbH." ends the sentence
    assert set(orgs) == {"SC Paderborn", "Kessler Logistik GmbH"}
    assert not any(e.kind == "location" for e in doc.entities)   # the town is part of the club
    assert orgs["SC Paderborn"].country == "DEU" and orgs["Kessler Logistik GmbH"].country is None


def test_organisation_noun_needs_a_name_beside_it(analyze_text):
    doc = analyze_text("Das Große Theater blieb leer, die Universität Trabzonia dagegen voll.")
    assert _named(doc, "organization") == {"Universität Trabzonia"}


def test_place_endings_and_prepositions_but_not_compound_nouns(analyze_text):
    doc = analyze_text("Der Bus fährt von Kleinwüstenbach nach Ohrdruffen. Nach Marktstart "
                       "stiegen in der Bedingungen die Arbeitsmarktzahlen.")
    assert _named(doc, "location") == {"Kleinwüstenbach", "Ohrdruffen"}


def test_acronym_is_an_organisation_unless_its_long_form_is_a_thing(analyze_text):
    doc = analyze_text("Die Gewerkschaft VKBG streikt. Das Netz nutzt Open Radio Access "
                       "Networks (Open RAN) und LNG-Terminals.")
    assert _named(doc, "organization") == {"VKBG"}


def test_town_adjectives_refer_to_the_town(analyze_text):
    doc = analyze_text("Die Frankfurter Börse schloss fester, die Pekinger Führung schwieg.")
    places = {e.id: [m.text for m in e.mentions] for e in doc.entities}
    assert "Frankfurter" in sum(places.values(), [])
    assert "Pekinger" in places.get("CHN", [])


def test_unlisted_names_are_no_event_actors(analyze_text):
    from lagebild.actors import participant

    doc = analyze_text("Trainer Brückelmann kritisierte den Verband.")
    m = next(m for m in doc.mentions if m.text == "Brückelmann")
    assert participant(m, doc) is None


def test_english_titles_and_org_words(analyze_text):
    doc = analyze_text("Mr. Okonkwo-Barre joined Halvorsen Shipping Ltd. in Tromsø.", lang="en")
    assert "Okonkwo-Barre" in _named(doc, "person")
    assert {o.rstrip(".") for o in _named(doc, "organization")} == {"Halvorsen Shipping Ltd"}


def test_second_given_names_institutions_and_mixed_case_acronyms(analyze_text):
    doc = analyze_text("Der Abgeordnete Fritz Rudolf Körper sprach an der Hochschule für Technik und "
                       "Wirtschaft über ein Gutachten der RFdS zur Lage.")
    assert "Fritz Rudolf Körper" in _named(doc, "person")
    assert {"Hochschule für Technik und Wirtschaft", "RFdS"} <= _named(doc, "organization")


def test_unknown_subject_of_a_verb_second_clause_is_a_person(analyze_text):
    doc = analyze_text("Papuschkow erzählt davon in seinem Buch.")
    assert _named(doc, "person") == {"Papuschkow"}


def test_closed_word_classes_are_never_one_word_names():
    from lagebild.actors.names import NameCues
    cues = NameCues.for_lang("de")
    assert not cues.may_name("PIS") and not cues.may_name("ADV") and cues.may_name("NE")
    assert cues.may_name("ADJA") and not cues.may_name("ADJA", initial=True)
    assert cues.name_candidate("NE") and not cues.name_candidate("NN")
    assert NameCues.for_lang("en").name_candidate("NN")      # no candidate tags listed: every word
