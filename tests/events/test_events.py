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


def test_complement_of_a_promise_is_not_a_second_event(analyze_text):
    doc = analyze_text("Norway agreed to send troops to Latvia.", lang="en")
    assert [e.event for e in doc.events] == [["AGREE"]]
    assert [p.code for p in doc.events[0].actor] == ["NOR"]


def test_relative_clause_is_background(analyze_text):
    doc = analyze_text("Polen kritisierte Russland, das die Ukraine angegriffen hatte.")
    assert [e.event[0] for e in doc.events] == ["ACCUSE"]


def test_headlines_restate_and_yield_no_event(analyze_text):
    doc = analyze_text("Sanktionen gegen Russland\n\nDie EU verhängte neue Sanktionen gegen Russland.")
    assert all(e.evidence.start > 20 for e in doc.events)
    assert any(e.event == ["SANCTION"] for e in doc.events)


def test_pair_anaphor_takes_up_the_named_states(analyze_text):
    doc = analyze_text("Frankreich und Polen trafen sich in Warschau. Beide Länder wollen ihre Zusammenarbeit ausbauen.")
    agree = [e for e in doc.events if e.event == ["AGREE"]]
    assert agree and sorted(p.code for p in agree[0].actor) == ["FRA", "POL"]
    assert agree[0].status == "future"


def test_threat_without_named_target_takes_the_dyad_counterpart(analyze_text):
    doc = analyze_text("Trump kritisierte Japan scharf. Er behält sich Zölle vor, falls nichts geschieht.")
    threat = [e for e in doc.events if e.event == ["THREATEN"]]
    assert threat and [p.code for p in threat[0].recipient] == ["JPN"]
    assert threat[0].status == "hypothetical"


def test_the_source_of_a_report_is_no_participant(analyze_text):
    doc = analyze_text("Libya offered to hand over the two suspects to Britain, a state-owned Egyptian "
                       "newspaper said on Sunday.", lang="en")
    agree = [e for e in doc.events if e.event == ["AGREE"]]
    assert agree and [p.code for p in agree[0].recipient] == ["GBR"]
    assert agree[0].attribution and agree[0].attribution.cue == "said"


def test_a_refusal_with_no_party_named_is_domestic(analyze_text):
    doc = analyze_text("Der kenianische Innenminister lehnte einen Rücktritt ab.")
    assert ("REJECT", ["KEN"], ["KEN"], "occurred") in _events(doc)


def test_group_nouns_take_the_state_they_are_in(analyze_text):
    doc = analyze_text("Students throughout Indonesia demanded political reforms on Saturday.", lang="en")
    assert ("REQUEST", ["IDN"], ["IDN"], "occurred") in _events(doc)
    # ...but a possessive owns the group: "its troops in Lebanon" are not Lebanon's
    doc = analyze_text("Israel has moved its troops in Lebanon to the border.", lang="en")
    troops = [m for m in doc.mentions if "troops" in m.text]
    assert not troops or all(m.entity_id != "LBN" for m in troops), [(m.text, m.entity_id) for m in troops]
    doc = analyze_text("Rebels in the Ivory Coast blocked the roads.", lang="en")
    country = {e.id: e.country for e in doc.entities}
    assert any(m.text.startswith("Rebels") and country[m.entity_id] == "CIV" for m in doc.mentions)


def test_exercises_of_two_states_are_cooperation(analyze_text):
    doc = analyze_text("Polish and Lithuanian troops began military exercises near the border.", lang="en")
    assert [e.event[0] for e in doc.events] == ["COOPERATE"], _events(doc)
    doc = analyze_text("Russian troops began military exercises near the border.", lang="en")
    assert [e.event[0] for e in doc.events] == ["MOBILIZE"], _events(doc)


def test_perfect_tense_and_modals_keep_the_subject_by_the_finite_verb(analyze_text):
    assert ("ASSAULT", ["RUS"], ["UKR"], "occurred") in _events(analyze_text("Russland hat die Ukraine angegriffen."))
    assert ("ASSAULT", ["RUS"], ["UKR"], "occurred") in _events(
        analyze_text("Am Montag hat Russland die Ukraine erneut angegriffen."))
    assert ("THREATEN", ["CHN"], ["JPN"], "future") in _events(
        analyze_text("China wird Japan mit Sanktionen bestrafen."))


def test_modal_with_perfect_infinitive_reports_the_past(analyze_text):
    doc = analyze_text("Russland soll die Ukraine mit Drohnen angegriffen haben.")
    assert ("ASSAULT", ["RUS"], ["UKR"], "occurred") in _events(doc)


def test_dateline_places_are_no_participants(analyze_text):
    doc = analyze_text("Moskau – Polens Außenminister kritisierte am Montag die Lage scharf.")
    assert [e.recipient[0].code for e in doc.events if e.event == ["ACCUSE"]] == ["POL"], _events(doc)
    # ...while a place inside the sentence still counts ("kritisierte in Moskau")
    doc = analyze_text("Die Lage ist ernst.\n\nPolens Außenminister kritisierte in Moskau die Lage scharf.")
    assert [e.recipient[0].code for e in doc.events if e.event == ["ACCUSE"]] == ["RUS"], _events(doc)


def test_the_country_takes_up_the_last_state_acting_alone(analyze_text):
    doc = analyze_text("Nordkorea testete am Montag eine Rakete. Das Land drohte Südkorea mit Angriffen.")
    assert ("THREATEN", ["PRK"], ["KOR"], "occurred") in _events(doc)
    doc = analyze_text("Iran tested a missile on Monday. The country threatened Israel with strikes.", lang="en")
    assert ("THREATEN", ["IRN"], ["ISR"], "occurred") in _events(doc)
    doc = analyze_text("Nordkorea testete am Montag eine Rakete.")
    assert [e.recipient for e in doc.events if e.event == ["MOBILIZE"]] == [[]]   # no target named


def test_cooperation_without_a_partner_is_no_event(analyze_text):
    doc = analyze_text("Die Kandidaten Müller und Schmidt aus Frankreich lieferten sich einen heftigen Schlagabtausch.")
    assert not [e for e in doc.events if e.event == ["AID"]], _events(doc)
    doc = analyze_text("Frankreich will die Zusammenarbeit verbessern.")
    assert [e.event[0] for e in doc.events] == ["AGREE"]          # a pledge may name no partner
    doc = analyze_text("Frankreich kooperierte eng.")
    assert not doc.events, _events(doc)


def test_german_passive_with_agent_and_reported_passive(analyze_text):
    assert ("ACCUSE", ["POL"], ["RUS"], "occurred") in _events(
        analyze_text("Russland wurde am Montag von Polen scharf kritisiert."))
    doc = analyze_text("Er werde verdächtigt, Japan angegriffen zu haben, sagte Südkoreas Außenminister.")
    assert all(e.status != "future" for e in doc.events), _events(doc)


def test_english_subjects_come_from_the_parse(analyze_text):
    doc = analyze_text("KYIV (Reuters) - Ukraine said on Tuesday it was ready to accept a 30-day ceasefire "
                       "proposed by the United States, and Washington agreed to resume military aid to Kyiv.",
                       lang="en")
    evs = _events(doc)
    assert ("AGREE", ["USA"], ["UKR"], "future") in evs, evs
    assert all("GBR" not in a + r for _, a, r, _ in evs), evs        # the agency of the dateline
    doc = analyze_text("Russian President Vladimir Putin is expected to meet the U.S. envoy in Moscow.", lang="en")
    assert [e.actor[0].code for e in doc.events if e.event[0] in ("CONSULT", "AGREE")] == ["RUS"], _events(doc)


def test_a_reported_obligation_is_the_speakers_demand(analyze_text):
    doc = analyze_text("Russland erklärte am Dienstag, der Sudan müsse den Hubschrauber zurückgeben.")
    assert ("REQUEST", ["RUS"], ["SDN"], "occurred") in _events(doc)
    doc = analyze_text("Norway said on Monday that Sweden must pay for the damaged ferry.", lang="en")
    assert ("REQUEST", ["NOR"], ["SWE"], "occurred") in _events(doc)


def test_unnamed_violence_and_protest_are_coded_where_they_happen(analyze_text):
    doc = analyze_text("Bei einem Bombenanschlag in Kabul wurden am Montag zwölf Menschen getötet.")
    assault = [e for e in doc.events if e.event == ["ASSAULT"]]
    assert assault and [(p.code, p.sector) for p in assault[0].actor] == [("AFG", "UAF")]
    doc = analyze_text("Thousands protested in Belgrade against the new law.", lang="en")
    assert [(p.code, p.sector) for e in doc.events if e.event == ["PROTEST"] for p in e.actor] == [("SRB", "CVL")]
    doc = analyze_text("Die Ministerin traf sich in Kabul mit Vertretern.")
    assert not any(e.event == ["CONSULT"] and e.actor and e.actor[0].sector == "UAF" for e in doc.events)


def test_verb_final_clause_puts_its_subject_first(analyze_text):
    doc = analyze_text("Ishiba sprach das Thema an. Ishiba sprach es erneut an, als er im November in Lima "
                       "den chinesischen Präsidenten Xi Jinping traf.")
    assert ("CONSULT", ["JPN"], ["CHN"], "occurred") in _events(doc)


def test_english_passive_by_agent_acts_and_passive_subject_undergoes(analyze_text):
    doc = analyze_text("A refugee camp in Chad was attacked by Sudanese militiamen on Monday.", lang="en")
    assert ("ASSAULT", ["SDN"], ["TCD"], "occurred") in _events(doc)
    doc = analyze_text("Two Kenyan soldiers were killed by a roadside bomb near the Somali town of Kismayo.",
                       lang="en")
    assert any(e[0] == "ASSAULT" and e[2] == ["KEN"] for e in _events(doc))


def test_arguments_of_the_trigger_come_before_those_of_its_complement(analyze_text):
    doc = analyze_text("Indian officials demanded on Monday that Pakistan match the European Union's "
                       "offer of talks.", lang="en")
    assert ("REQUEST", ["IND"], ["PAK"], "occurred") in _events(doc)


def test_an_announced_boycott_is_a_threat(analyze_text):
    doc = analyze_text("Opposition parties in Peru said they would boycott the talks with Ecuador.", lang="en")
    assert [e[0] for e in _events(doc)] == ["THREATEN"]


def test_failing_to_agree_is_no_agreement(analyze_text):
    doc = analyze_text("Armenia and Azerbaijan failed to reach agreement on the corridor.", lang="en")
    assert not any("AGREE" in e.event and e.status != "negated" for e in doc.events)


def test_ethnic_groups_and_stances(analyze_text):
    doc = analyze_text("Bosnian Serbs demanded a truce. An anti-Syria journalist was killed in Beirut.", lang="en")
    codes = {m.text: e.code for e in doc.entities for m in e.mentions}
    assert codes.get("Bosnian Serbs") == "BIH"
    assert "Syria" not in codes


def test_a_people_is_coded_by_the_state_it_lives_in(analyze_text):
    doc = analyze_text("Ethnic Albanians in southern Serbia demanded autonomy on Monday.", lang="en")
    assert _events(doc)[0][:2] == ("REQUEST", ["SRB"])
    doc = analyze_text("Die Albaner in Serbien forderten am Montag mehr Autonomie.")
    assert _events(doc)[0][:2] == ("REQUEST", ["SRB"])


def test_a_border_is_where_not_who(analyze_text):
    doc = analyze_text("Burmese troops captured a rebel village on the Thai border on Monday.", lang="en")
    assert ("ASSAULT", ["MMR"], ["MMR"], "occurred") in _events(doc)


def test_led_forces_belong_to_the_leading_state_and_a_hyphen_is_no_dateline(analyze_text):
    doc = analyze_text("Vietnamese-led forces have retaken a strategic village in Western Cambodia.", lang="en")
    assert ("ASSAULT", ["VNM"], ["KHM"], "occurred") in _events(doc)


def test_a_condition_is_no_event_and_a_conditional_offer_no_threat(analyze_text):
    doc = analyze_text("Denmark is willing to send equipment to help defend Estonia if it is attacked.", lang="en")
    assert [e[:3] for e in _events(doc)] == [("AGREE", ["DNK"], ["EST"])]


def test_but_opens_a_clause_of_its_own(analyze_text):
    doc = analyze_text("Chile said it is committed to opening talks with Peru but will not be rushed.", lang="en")
    assert [e[0] for e in _events(doc)] == ["AGREE"]


def test_yielding_to_demands_and_calling_off_strikes_are_concessions(analyze_text):
    doc = analyze_text("The Kenyan government accepted the demands of the striking doctors on Monday.", lang="en")
    assert [e[0] for e in _events(doc)] == ["CONCEDE"]
    doc = analyze_text("Die Regierung Perus akzeptierte am Montag die Forderungen der Bauern.")
    assert [e[0] for e in _events(doc)] == ["CONCEDE"]
    doc = analyze_text("Nigerian teachers called off their strike on Thursday.", lang="en")
    assert [e[0] for e in _events(doc)] == ["CONCEDE"]


def test_dismissing_an_appeal_is_a_refusal_of_its_content(analyze_text):
    doc = analyze_text("Rebels in Mali dismissed an appeal from the government to lay down their arms.", lang="en")
    assert [e[0] for e in _events(doc)] == ["REJECT"]


def test_a_warning_of_ones_own_acts_is_a_threat_and_its_complement_keeps_its_negation(analyze_text):
    doc = analyze_text("Kenya's police chief warned that police will no longer tolerate rallies in Nairobi.",
                       lang="en")
    assert [(e[0], e[3]) for e in _events(doc)] == [("THREATEN", "occurred")]


def test_stative_participles_and_noun_modifiers(analyze_text):
    doc = analyze_text("Israel is opposed to French mediation in the talks.", lang="en")
    assert [e[:3] for e in _events(doc)] == [("REJECT", ["ISR"], ["FRA"])]
    doc = analyze_text("Chile speeded up the withdrawal of its invasion forces from Peru.", lang="en")
    assert "ASSAULT" not in [e[0] for e in _events(doc)]


def test_violence_by_no_one_named_is_coded_to_the_state_of_the_place(analyze_text):
    doc = analyze_text("An attempt to assassinate a deputy governor was thwarted in the Tyumen region.", lang="en")
    assert [e[:2] for e in _events(doc)] == [("ASSAULT", ["RUS"])]


def test_lexicon_prepositions_pick_the_recipient(analyze_text):
    doc = analyze_text("Jordan complained to the United Nations on Tuesday over Syrian air raids.", lang="en")
    assert [e[:3] for e in _events(doc)] == [("ACCUSE", ["JOR"], ["SYR"])]
    doc = analyze_text("Qatar launched a mediation effort between Egypt and Sudan on Saturday.", lang="en")
    assert [e[:3] for e in _events(doc)] == [("CONSULT", ["QAT"], ["EGY", "SDN"])]


def test_between_deep_in_the_object_does_not_make_the_actors(analyze_text):
    doc = analyze_text("Chile rejected a Bolivian offer of talks on a framework for peace between the "
                       "Peruvians and the Ecuadorians.", lang="en")
    assert [e[:2] for e in _events(doc)] == [("REJECT", ["CHL"])]


def test_german_idioms_and_litotes(analyze_text):
    doc = analyze_text("In Tiflis sind am Sonntag Tausende Menschen gegen die Regierung auf die Straße gegangen.")
    assert [e[:2] for e in _events(doc)] == [("PROTEST", ["GEO"])]
    doc = analyze_text("Die Europäische Union schloss Sanktionen gegen Georgien nicht aus.")
    assert ("THREATEN", ["IGO"], ["GEO"], "occurred") in _events(doc)
    doc = analyze_text("Die Ukraine erhält weitere Patriot-Systeme aus Deutschland.")
    assert ("AID", ["DEU"], ["UKR"], "occurred") in _events(doc)


def test_a_particle_before_a_conjunct_closes_the_clause(analyze_text):
    doc = analyze_text("Pakistan wies die Vorwürfe Indiens zurück und bestritt jede Verwicklung.")
    assert ("REJECT", ["PAK"], ["IND"], "occurred") in _events(doc)


def test_a_refusal_is_aimed_at_the_party_of_the_paragraph(analyze_text):
    doc = analyze_text("Frankreichs Präsident Macron hatte die Lieferung von Bodentruppen ins Gespräch gebracht. "
                       "Scholz wies den Vorstoß am Dienstag zurück.")
    assert ("REJECT", ["DEU"], ["FRA"], "occurred") in _events(doc)


def test_a_condition_inside_a_threat_is_no_refusal(analyze_text):
    doc = analyze_text("Trump drohte Russland mit Strafzöllen, falls Moskau keinem Waffenstillstand zustimme.")
    assert [e[0] for e in _events(doc)] == ["THREATEN"]


def test_bare_state_bodies_belong_to_the_state_of_the_article(analyze_text):
    doc = analyze_text("In Georgien protestierten am Sonntag erneut Tausende.\n\n"
                       "Die Polizei ging mit Wasserwerfern gegen die Menge vor und nahm zahlreiche Menschen fest.")
    assert ("COERCE", ["GEO"], ["GEO"], "occurred") in _events(doc)


def test_the_neighbour_is_the_other_state_of_the_article(analyze_text):
    doc = analyze_text("Indien und Pakistan streiten über Kaschmir. Pakistan bestreitet jede Beteiligung. "
                       "Neu-Delhi wirft dem Nachbarland vor, Terroristen zu unterstützen.")
    assert ("ACCUSE", ["IND"], ["PAK"], "occurred") in _events(doc)


def test_condemning_is_no_sentence_and_a_domestic_event_names_no_counterpart(analyze_text):
    doc = analyze_text("Das Verteidigungsministerium in Taipeh verurteilte die Übung Chinas und versetzte "
                       "die eigenen Streitkräfte in Bereitschaft.")
    assert ("ACCUSE", ["TWN"], ["CHN"], "occurred") in _events(doc)
    assert "SANCTION" not in [e[0] for e in _events(doc)]


def test_a_planned_meeting_on_a_weekday_is_the_coming_one(analyze_text):
    from datetime import date as d

    doc = analyze_text("Thai and Cambodian commanders will meet on Tuesday.", lang="en", published=d(2025, 7, 28))
    assert [(e.event[0], e.date) for e in doc.events] == [("AGREE", "2025-07-29")]
