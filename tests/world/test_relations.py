"""Standing relations (lagebild.world.relations) on sentences written for these tests."""
import pytest

from conftest import DEV, needs_shared
from lagebild.export import to_contract, validate


def facts(doc, kind=None):
    """(type, subject set, object) of a document's relations, optionally of one type."""
    return {(r.type, frozenset(r.subject), r.object) for r in doc.relations if kind in (None, r.type)}


def has(doc, kind, subject, obj):
    return (kind, frozenset(subject), obj) in facts(doc)


def non_leader(doc):
    return [r for r in doc.relations if r.type != "leader-of"]


# --- claims and rejects-claim ----------------------------------------------------------------

@pytest.mark.parametrize("lang,text,claimant,territory", [
    ("de", "China erhebt Anspruch auf die Spratly-Inseln.", {"CHN"}, "spratly-islands"),
    ("de", "Peking beansprucht fast das gesamte Südchinesische Meer.", {"CHN"}, "south-china-sea"),
    ("de", "Peking beansprucht Taiwan als Teil seines Territoriums.", {"CHN"}, "TWN"),
    ("de", "Die Kurilen, auf die Japan Anspruch erhebt, werden von Russland verwaltet.", {"JPN"}, "kuril-islands"),
    ("en", "China claims the Spratly Islands.", {"CHN"}, "spratly-islands"),
    ("en", "Beijing claims sovereignty over Taiwan.", {"CHN"}, "TWN"),
    ("en", "China's claims in the South China Sea are rejected by Japan.", {"CHN"}, "south-china-sea"),
])
def test_claims(analyze_text, lang, text, claimant, territory):
    doc = analyze_text(text, lang)
    assert has(doc, "claims", claimant, territory), facts(doc)


def test_claim_in_a_relative_clause_after_the_place(analyze_text):
    doc = analyze_text("Beijing claims most of the South China Sea, which Vietnam and the Philippines "
                       "also claim.", "en")
    assert has(doc, "claims", {"CHN"}, "south-china-sea")
    assert has(doc, "claims", {"VNM", "PHL"}, "south-china-sea")


@pytest.mark.parametrize("lang,text,rejecters,claimant,territory", [
    ("de", "Japan und Südkorea weisen die Gebietsansprüche Russlands auf die Kurilen zurück.",
     {"JPN", "KOR"}, "RUS", "kuril-islands"),
    ("de", "Die Philippinen lehnen Chinas Ansprüche im Südchinesischen Meer ab.",
     {"PHL"}, "CHN", "south-china-sea"),
    ("de", "Die Philippinen erkennen die Ansprüche Chinas auf das Scarborough-Riff nicht an.",
     {"PHL"}, "CHN", "scarborough-shoal"),
    ("en", "Japan and South Korea reject Russia's claims to the Kuril Islands.",
     {"JPN", "KOR"}, "RUS", "kuril-islands"),
    ("en", "The Philippines dismissed China's territorial claims over Scarborough Shoal.",
     {"PHL"}, "CHN", "scarborough-shoal"),
])
def test_rejected_claims(analyze_text, lang, text, rejecters, claimant, territory):
    doc = analyze_text(text, lang)
    assert has(doc, "claims", {claimant}, territory), facts(doc)
    rej = [r for r in doc.relations if r.type == "rejects-claim"]
    assert [(set(r.subject), r.object, r.name) for r in rej] == [(rejecters, territory, claimant)]


def test_region_word_takes_up_the_place_named_before(analyze_text):
    doc = analyze_text("Vietnamesische Fischer meldeten Zwischenfälle im Südchinesischen Meer. Vietnam und "
                       "die Philippinen weisen die Ansprüche zurück, die China in der Region erhebt.")
    assert has(doc, "claims", {"CHN"}, "south-china-sea")
    assert has(doc, "rejects-claim", {"VNM", "PHL"}, "south-china-sea")


@pytest.mark.parametrize("lang,text", [
    ("de", "Die Arbeiter haben Anspruch auf Entschädigung."),
    ("de", "Die Bürger in der Ukraine haben Anspruch auf Entschädigung."),
    ("de", "China erhebt keinen Anspruch auf die Inseln."),
    ("de", "Chinas Machtanspruch im Indopazifik beunruhigt Japan."),
    ("de", "Russland behauptet, die Ukraine habe angegriffen, und erhebt Anspruch auf Reparationen."),
    ("en", "The workers claimed compensation for their losses."),
    ("en", "Rebels claimed responsibility for the attack in Syria."),
    ("en", "Russia claims that Ukraine attacked first."),
    ("en", "Russia claimed the lives of 30 civilians in Crimea, officials said."),
    ("en", "China has no claim to the islands."),
])
def test_no_territorial_claim(analyze_text, lang, text):
    assert facts(analyze_text(text, lang), "claims") == set()


# --- treaties --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,parties,name", [
    ("de", "Der Vertrag zwischen Deutschland und Frankreich gilt seit 1963.", {"DEU", "FRA"}, "Vertrag"),
    ("de", "Der deutsch-französische Freundschaftsvertrag wurde erneuert.", {"DEU", "FRA"},
     "deutsch-französische Freundschaftsvertrag"),
    ("de", "Die USA haben mit den Philippinen ein Verteidigungsabkommen.", {"USA", "PHL"},
     "Verteidigungsabkommen"),
    ("de", "Japan und Australien unterzeichneten ein Abkommen über den Austausch von Verteidigungsgütern.",
     {"JPN", "AUS"}, "Abkommen über den Austausch von Verteidigungsgütern"),
    ("en", "Poland and Ukraine signed a treaty of good neighbourliness.", {"POL", "UKR"},
     "treaty of good neighbourliness"),
    ("en", "The U.S.-Japan security treaty also applies to Okinawa.", {"USA", "JPN"},
     "Treaty of Mutual Cooperation and Security between the United States and Japan"),
])
def test_treaty_parties_and_name(analyze_text, lang, text, parties, name):
    doc = analyze_text(text, lang)
    treaties = [r for r in doc.relations if r.type == "treaty"]
    assert [(set(r.subject), r.name) for r in treaties] == [(parties, name)]


@pytest.mark.parametrize("lang,text,number_and_label", [
    ("de", "Polen und Litauen betonten ihren Beistandspakt, dessen Artikel 4 gegenseitige Konsultationen "
           "vorsieht.", "Article 4: consultation"),
    ("de", "Artikel 5 des Nato-Vertrags verpflichtet die Mitglieder zum gegenseitigen Beistand.",
     "Article 5: mutual defence"),
    ("en", "Article 5 of the North Atlantic Treaty says an armed attack on one member is an attack on all.",
     "Article 5: mutual defence"),
])
def test_treaty_clause_note(analyze_text, lang, text, number_and_label):
    doc = analyze_text(text, lang)
    (treaty,) = [r for r in doc.relations if r.type == "treaty"]
    assert treaty.note == number_and_label
    assert len(treaty.subject) >= 2


def test_alliance_treaty_binds_the_alliance_members(analyze_text):
    doc = analyze_text("Artikel 5 des Nato-Vertrags verpflichtet die Mitglieder zum gegenseitigen Beistand.")
    (treaty,) = [r for r in doc.relations if r.type == "treaty"]
    assert treaty.name == "North Atlantic Treaty" and {"USA", "DEU", "POL"} <= set(treaty.subject)


@pytest.mark.parametrize("lang,text", [
    ("de", "Japan und Australien trafen sich in Canberra. Beide Seiten lobten ihr Verteidigungsabkommen. "
           "Das Abkommen erstreckt sich auch auf Okinawa."),
    ("en", "Japan and Australia met in Canberra. Both sides praised their defence pact. "
           "The pact also applies to Okinawa."),
])
def test_dyad_phrase_and_anaphoric_treaty_coverage(analyze_text, lang, text):
    doc = analyze_text(text, lang)
    (treaty,) = [r for r in doc.relations if r.type == "treaty"]
    assert set(treaty.subject) == {"JPN", "AUS"}
    (cover,) = [r for r in doc.relations if r.type == "treaty-covers"]
    assert cover.object == "okinawa" and cover.subject == [treaty.name]


def test_treaty_covers_with_parties_in_the_same_sentence(analyze_text):
    doc = analyze_text("The treaty between the United States and Japan covers the Senkaku Islands.", "en")
    assert has(doc, "treaty", {"USA", "JPN"}, None)
    # the parties are no territory the treaty covers
    assert [r.object for r in doc.relations if r.type == "treaty-covers"] == ["senkaku-islands"]


@pytest.mark.parametrize("lang,text", [
    ("de", "Der Vertrag wurde gestern unterzeichnet."),
    ("de", "Iran und die USA verhandeln über ein neues Abkommen."),
    ("de", "Japan und China haben kein Abkommen über die Fischerei."),
    ("de", "Siemens und Alstom unterzeichneten ein Abkommen über die Lieferung von Zügen."),
    ("de", "Der Koalitionsvertrag von CDU und SPD sieht höhere Ausgaben vor."),
    ("de", "Das Quad-Bündnis tagte in Tokio."),
    ("en", "The treaty was signed yesterday."),
    ("en", "Iran and the United States are negotiating a new agreement."),
    ("en", "Japan and China have no agreement on fishing."),
    ("en", "Siemens and Alstom signed an agreement to supply trains."),
    ("en", "German Foreign Minister Oskar Fischer will visit Albania, the first Warsaw Pact minister to do so."),
])
def test_no_treaty(analyze_text, lang, text):
    doc = analyze_text(text, lang)
    assert facts(doc, "treaty") == set() and facts(doc, "treaty-covers") == set()


# --- member-of -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,members,org", [
    ("de", "Polen ist Mitglied der Nato.", {"POL"}, "nato"),
    ("de", "Die Nato-Staaten Polen und Litauen verstärken ihre Grenzen.", {"POL", "LTU"}, "nato"),
    ("de", "Die Quad-Gruppe der USA mit Japan, Indien und Australien tagte in Tokio.",
     {"USA", "JPN", "IND", "AUS"}, "quad"),
    ("en", "Poland is a member of NATO.", {"POL"}, "nato"),
    ("en", "NATO members Poland and Lithuania raised their defence spending.", {"POL", "LTU"}, "nato"),
    ("en", "The Quad, a grouping of the United States, Japan, India and Australia, met in Tokyo.",
     {"USA", "JPN", "IND", "AUS"}, "quad"),
])
def test_member_of(analyze_text, lang, text, members, org):
    doc = analyze_text(text, lang)
    assert facts(doc, "member-of") == {("member-of", frozenset(members), org)}


@pytest.mark.parametrize("lang,text", [
    ("de", "Finnland trat im April 2023 der Nato bei."),
    ("en", "Finland joined NATO in April 2023."),
])
def test_joining_dates_the_membership(analyze_text, lang, text):
    (m,) = [r for r in analyze_text(text, lang).relations if r.type == "member-of"]
    assert (m.subject, m.object, m.valid_from) == (["FIN"], "nato", "2023-04")


@pytest.mark.parametrize("lang,text", [
    ("de", "Die Ukraine will Mitglied der Nato werden."),
    ("de", "Merz ist Mitglied der CDU."),
    ("de", "Die Türkei blockiert den Nato-Beitritt Schwedens."),
    ("de", "Die Nato verurteilte den Angriff Russlands auf die Ukraine."),
    ("de", "Manila warnt vor der Einbindung der Philippinen in das Quad-Bündnis."),
    ("en", "Ukraine wants to become a member of NATO."),
    ("en", "Turkey blocked Sweden's bid to join NATO."),
    ("en", "Greece demanded that its European Union partners refuse the plan."),
])
def test_no_membership(analyze_text, lang, text):
    assert facts(analyze_text(text, lang), "member-of") == set()


# --- partnership -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,parties", [
    ("de", "Deutschland und Frankreich vertiefen ihre strategische Partnerschaft.", {"DEU", "FRA"}),
    ("de", "Japan ist ein enger Verbündeter der USA.", {"JPN", "USA"}),
    ("de", "Die deutsch-polnische Partnerschaft ist eng.", {"DEU", "POL"}),
    ("en", "Japan and India agreed to deepen their strategic partnership.", {"JPN", "IND"}),
    ("en", "Japan is a close ally of the United States.", {"JPN", "USA"}),
])
def test_partnership(analyze_text, lang, text, parties):
    assert facts(analyze_text(text, lang), "partnership") == {("partnership", frozenset(parties), None)}


@pytest.mark.parametrize("lang,text", [
    ("de", "Die Kooperation zwischen den USA, Japan und weiteren Partnern soll wachsen."),
    ("de", "Der Koalitionspartner in Berlin kritisierte den Kanzler."),
    ("de", "Die USA und ihre Verbündeten verhängten Sanktionen gegen Iran."),
    ("en", "The United States and its allies imposed sanctions on Iran."),
    ("en", "Washington and other partners demanded a ceasefire."),
])
def test_no_partnership(analyze_text, lang, text):
    assert facts(analyze_text(text, lang), "partnership") == set()


# --- leader-of, evidence, duplicates, contract -----------------------------------------------

def test_leader_of_has_office_and_first_seen(analyze_text):
    doc = analyze_text("US-Präsident Donald Trump empfing den japanischen Premierminister Shigeru Ishiba.")
    lead = {r.subject[0]: r for r in doc.relations if r.type == "leader-of"}
    assert lead["donald-trump"].object == "USA" and lead["donald-trump"].role == "President"
    assert lead["shigeru-ishiba"].object == "JPN" and lead["shigeru-ishiba"].valid_from == "2025-02-08"


def test_no_duplicates_and_exact_evidence(analyze_text):
    text = ("Das Abkommen zwischen Japan und den USA gilt. Das Abkommen zwischen Japan und den USA "
            "wurde bestätigt. China erhebt Anspruch auf die Spratly-Inseln. Peking beansprucht die "
            "Spratly-Inseln.")
    doc = analyze_text(text)
    keys = [(r.type, frozenset(r.subject), r.object) for r in doc.relations]
    assert len(keys) == len(set(keys)) == 2
    for r in doc.relations:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.text and r.evidence.text


def test_contract_relations_carry_first_and_last_seen(analyze_text):
    rec = to_contract(analyze_text("Polen ist Mitglied der Nato."))
    validate(rec)
    (rel,) = rec["relations"]
    assert rel["subject"] == ["POL"] and rel["object"] == "nato"
    assert rel["first_seen"] == rel["last_seen"] == "2025-02-08"


@needs_shared()
def test_seed_article_relations(analyze_text):
    """The dev article (read, not copied): its treaty, coverage, claims, Quad and leaders."""
    doc = analyze_text((DEV / "trump-ishiba-2025-02-07.de.txt").read_text(encoding="utf-8"))
    got = facts(doc)
    (treaty,) = [r for r in doc.relations if r.type == "treaty"]
    assert set(treaty.subject) == {"USA", "JPN"} and treaty.note == "Article 5: mutual defence"
    assert ("treaty-covers", frozenset([treaty.name]), "senkaku-islands") in got
    assert {("claims", frozenset({"CHN"}), "senkaku-islands"), ("claims", frozenset({"CHN"}), "south-china-sea"),
            ("rejects-claim", frozenset({"USA", "JPN"}), "south-china-sea"),
            ("member-of", frozenset({"USA", "JPN", "IND", "AUS"}), "quad")} <= got
    assert sum(1 for r in doc.relations if r.type == "leader-of") == 3


def test_relation_cue_files_match_and_known_treaties_resolve():
    """Both languages fill the same sections; known treaties compile and name real alliances."""
    import re

    from lagebild.actors import knowledge
    from lagebild.lang import load_yaml

    de, en = load_yaml("de", "relations.yaml"), load_yaml("en", "relations.yaml")
    assert set(de) == set(en)
    for sec in ("treaty", "claims", "membership", "partnership"):
        assert set(de[sec]) == set(en[sec]), sec
    for cfg in (de, en):
        for row in cfg["treaty"]["known"]:
            assert row["name"] and row["forms"]
            for form in row["forms"]:
                re.compile(form)
            assert row.get("members_of") in (None, *knowledge.organizations())
