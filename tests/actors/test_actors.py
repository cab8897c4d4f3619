from datetime import date

import pytest


def _ents(doc):
    return {e.id: e for e in doc.entities}


def test_states_in_all_their_forms(analyze_text):
    doc = analyze_text("Die japanischen Diplomaten trafen Chinas Vertreter in Peking. "
                       "Auch die Vereinigten Staaten und Russland äußerten sich.")
    ents = _ents(doc)
    assert {"JPN", "CHN", "USA", "RUS"} <= set(ents)
    assert {m.text for m in ents["CHN"].mentions} >= {"Chinas", "Peking"}
    assert ents["JPN"].mentions[0].text == "japanischen"


def test_role_person_and_later_surname(analyze_text):
    doc = analyze_text("Der brasilianische Außenminister Mauro Vieira reiste nach Paris. "
                       "Vieira sprach dort mit Kollegen.")
    person = next(e for e in doc.entities if e.kind == "person")
    assert person.country == "BRA"
    assert [m.text for m in person.mentions] == ["Mauro Vieira", "Vieira"]


def test_unknown_person_with_role_and_nationality_is_kept(analyze_text):
    doc = analyze_text("Der iranische Außenminister Sarifi kritisierte die Sanktionen.")
    p = next(e for e in doc.entities if e.kind == "person")
    assert p.name == "Sarifi" and p.country == "IRN" and p.sector == "GOV"


def test_office_is_resolved_on_the_article_date(analyze_text):
    doc = analyze_text("Trump sprach mit Reportern.", published=date(2025, 2, 8))
    trump = _ents(doc)["donald-trump"]
    assert trump.country == "USA" and trump.office == "President"
    doc = analyze_text("Trump sprach mit Reportern.", published=date(2022, 6, 1))
    assert _ents(doc)["donald-trump"].office is None      # out of office that day


def test_collective_roles_get_state_and_sector(analyze_text):
    doc = analyze_text("Chinas Küstenwache drang in die Gewässer ein. "
                       "Das Außenministerium in Washington protestierte.")
    bodies = [e for e in doc.entities if e.kind == "organization"]
    secs = {(e.country, e.sector) for e in bodies}
    assert ("CHN", "COP") in secs and ("USA", "GOV") in secs


def test_us_prefix_compounds(analyze_text):
    doc = analyze_text("US-Präsident Donald Trump lobte den US-Hersteller.")
    ents = _ents(doc)
    assert ents["donald-trump"].country == "USA"
    assert any(e.country == "USA" and e.sector == "BUS" for e in doc.entities if e.kind == "organization")


def test_english_actors(analyze_text):
    doc = analyze_text("Japanese Prime Minister Shigeru Ishiba met President Donald Trump at the White House.",
                       lang="en")
    ents = _ents(doc)
    assert ents["shigeru-ishiba"].country == "JPN"
    assert "USA" in ents and "JPN" in ents


def test_unlisted_person_from_given_name(analyze_text):
    doc = analyze_text("Die Abgeordnete Henrike Musterfrau sprach im Ausschuss. Musterfrau forderte Klarheit.")
    p = next(e for e in doc.entities if e.kind == "person")
    assert p.name == "Henrike Musterfrau" and len(p.mentions) == 2


def test_cities_and_regions_are_places(analyze_text):
    doc = analyze_text("In München und in Bayern wurde protestiert.")
    kinds = {e.id: e.kind for e in doc.entities}
    assert kinds.get("munich") == "location" and kinds.get("bavaria") == "location"


def test_an_organisations_head_noun_refers_back_to_it(analyze_text):
    doc = analyze_text("China kritisiert die Zölle der EU-Kommission. Die Kommission will weiter verhandeln. "
                       "Eine Kommission aus Fachleuten soll helfen.")
    texts = [m.text for e in doc.entities if e.id == "european-commission" for m in e.mentions]
    assert texts == ["EU-Kommission", "Kommission"]     # not the indefinite "Eine Kommission"


def test_listed_company_is_a_business_of_its_home_state(analyze_text):
    """Listed companies come from knowledge/companies_listed.tsv: "Mizuho" (first word of Mizuho
    Financial Group) is a Japanese business; a common word with a listed namesake ("Visa") is not;
    a hand-curated company keeps its entry."""
    doc = analyze_text("Die Aktien von Mizuho und Agilent Technologies fielen, Siemens legte zu. "
                       "Das Visa wurde am Montag erteilt.")
    orgs = {e.name: e for e in doc.entities if e.kind == "organization"}
    assert orgs["Mizuho Financial"].country == "JPN" and orgs["Mizuho Financial"].sector == "BUS"
    assert orgs["Agilent Technologies"].country == "USA"
    assert orgs["Siemens"].id == "siemens"
    assert not any("Visa" in m.text for e in doc.entities for m in e.mentions)


def test_continents_rivers_and_former_states_are_places(analyze_text):
    doc = analyze_text("Die Delegation reiste von Europa über den Rhein bis nach Afrika. "
                       "Schon die Sowjetunion hatte das Gebiet beansprucht.")
    kinds = {e.id: e.kind for e in doc.entities}
    assert {kinds.get(i) for i in ("europe", "rhine", "africa", "soviet-union")} == {"location"}


@pytest.mark.parametrize("word, place", [
    ("europäischen", "europe"),      # place_words.tsv: irregular adjective
    ("Europäern", "europe"),         # and inhabitants
    ("Bremer", "bremen"),            # an irregular town adjective
    ("Tübinger", "tubingen"),        # -ingen -> -inger
    ("Saarländer", "saarland"),      # -land -> -länder
    ("sauerländischen", "sauerland"),  # -land -> -ländisch
    ("aargauischen", "aargau"),      # -au -> -auisch
    ("preußische", "prussia"),       # a former state takes a region's adjective
])
def test_adjectives_and_inhabitants_of_places(word, place):
    from lagebild.actors.gazetteer import gazetteer
    assert (place, "adjective") in {(e.id, e.form) for e in gazetteer("de").lookup(word)}


def test_every_place_word_row_names_a_known_place():
    from lagebild import lang as langdata
    from lagebild.actors import knowledge
    places = knowledge.places()
    rows = langdata.load_tsv("de", "place_words.tsv", ("id", "adjectives", "inhabitants"))
    assert rows and all(r["id"] in places for r in rows)
    assert all(r.get("adjectives") or r.get("inhabitants") for r in rows)


def test_a_listed_company_takes_in_its_legal_form(analyze_text):
    doc = analyze_text("Die Siemens AG und die Robert Bosch GmbH & Co. KG investieren, Volkswagen & Co. zögern.")
    spans = {m.text: m.entity_id for m in doc.mentions}
    assert spans.get("Siemens AG") == "siemens"
    assert spans.get("Robert Bosch GmbH & Co. KG") == "bosch"
    assert spans.get("Volkswagen") == "volkswagen"      # "& Co.": and the others
