"""The name tagger (lagebild/actors/tagger.py): features, BIO decoding, and what the shipped German
model adds to the rules on sentences of our own."""
from datetime import date

import pytest

from lagebild import actors, nlp
from lagebild.actors import names, tagger
from lagebild.model import Article, Document


def _doc(text: str, lang: str = "de", names: bool = True) -> Document:
    doc = nlp.annotate(Document(Article(id="t.txt", text=text, language=lang, published=date(2025, 2, 8))))
    return actors.recognize(doc, tag_names=names)


def _names(doc: Document, kind: str) -> set[str]:
    return {m.text for e in doc.entities if e.kind == kind for m in e.mentions}


@pytest.mark.parametrize("labels, spans", [
    (["O", "B-PER", "I-PER", "O"], [(1, 3, "PER")]),
    (["B-LOC", "B-LOC", "O", "I-ORG"], [(0, 1, "LOC"), (1, 2, "LOC"), (3, 4, "ORG")]),   # stray I- opens
    (["B-PER", "I-ORG"], [(0, 1, "PER"), (1, 2, "ORG")]),
])
def test_bio_labels_become_spans(labels, spans):
    assert tagger.spans(labels) == spans


def test_features_read_our_lists_and_the_neighbours():
    doc = nlp.annotate(Document(Article(id="t", text="Trainer Klaus Schulz lobte Paderborn.", language="de")))
    toks = doc.sentence_tokens(doc.sentences[0])
    feats = tagger.features(toks, [""] * len(toks), "de")
    assert len(feats) == len(toks)
    assert "gn" in feats[1] and "sn" in feats[2] and "gz=place/name" in feats[4]
    assert "-1w=trainer" in feats[1] and "1w=schulz" in feats[1] and "first" in feats[0]


def test_the_tagger_finds_names_no_cue_and_no_list_gives():
    text = ("Die Kapelle steht seit 1820 in Oberwessel an der Nahe. "
            "Die Band Rostfrei Quartett und Nachtflug Records veröffentlichten ein Album.")
    rules, tagged = _doc(text, names=False), _doc(text)
    assert "Oberwessel" not in _names(rules, "location") and "Oberwessel" in _names(tagged, "location")
    assert "Rostfrei Quartett" in _names(tagged, "organization") - _names(rules, "organization")
    assert not any(e.code for e in tagged.entities if e.name in ("Oberwessel", "Rostfrei Quartett"))


def test_a_later_word_of_a_known_name_joins_that_person():
    doc = _doc("König Charles III. besuchte Hamburg. Am Abend sprach Charles im Rathaus.")
    charles = [e for e in doc.entities if e.kind == "person"]
    assert len(charles) == 1 and len(charles[0].mentions) == 2


def test_listed_actors_stay_whatever_the_tagger_reads():
    doc = _doc("Bundeskanzler Friedrich Merz traf in Peking den chinesischen Präsidenten.")
    assert {"DEU", "CHN"} <= {e.country for e in doc.entities if e.country}


def test_a_language_without_a_model_has_no_tagger():
    assert tagger.NameTagger.for_lang("en") is None
    doc = _doc("Chancellor Merz met the Chinese president in Beijing.", lang="en")
    assert {"DEU", "CHN"} <= {e.country for e in doc.entities if e.country}


def test_word_classes_come_from_whole_pieces_else_from_the_edges():
    starts, _, _ = tagger._cluster_table("de")
    whole = tagger._embedding_classes("Hannover", "de")
    assert [f.split("=")[0] for f in whole] == ["e1", "e0", "e2"]
    # two cities share their fine class, a city and a surname do not
    assert whole[2] == tagger._embedding_classes("Dortmund", "de")[2]
    assert whole[2] != tagger._embedding_classes("Schneider", "de")[2]
    # an invented compound is read by its longest leading and trailing pieces
    parts = tagger._embedding_classes("Hannoverxqzlingen", "de")
    assert parts[0] == "ef=" + starts["Hannover"][1] and parts[1].startswith("el=")
    assert tagger._embedding_classes("Qq", "de") == ["e="]


def test_a_language_without_word_classes_gets_none():
    assert tagger._embedding_classes("Hannover", "xx") == []


def test_the_tagger_reads_only_sentences_with_a_name_candidate(monkeypatch):
    """The tagger reads only sentences with a word the dictionaries do not know or a name only a
    cue found; a sentence with listed names alone is left to the lists."""
    calls = []
    real = tagger.NameTagger.tag
    monkeypatch.setattr(tagger.NameTagger, "tag",
                        lambda self, toks, marks, *rest: calls.append(len(toks)) or real(self, toks, marks, *rest))
    doc = _doc("Der Wein reift einige Monate in der Nische am Rand des Gartens. Vieles spricht dafür.")
    assert calls == [] and doc.entities == []
    doc = _doc("Die japanische Regierung empfing die chinesischen Diplomaten.")
    assert calls == [] and {"JPN", "CHN"} <= {e.country for e in doc.entities}
    doc = _doc("Der Wein reift einige Monate in Oberwessel an der Nahe.")
    assert calls and "Oberwessel" in _names(doc, "location")


def test_the_tagger_keeps_only_the_names_it_is_sure_of(monkeypatch):
    doc = nlp.annotate(Document(Article(id="t", text="Die Band Rostfrei Quartett spielte in Oberwessel.", language="de")))
    toks = doc.sentence_tokens(doc.sentences[0])
    marks = actors.marks(len(toks), [])
    model = tagger.NameTagger.for_lang("de")
    found = model.tag(toks, marks)
    assert {(toks[i].text, lab) for i, j, lab in found} >= {("Rostfrei", "ORG"), ("Oberwessel", "LOC")}
    monkeypatch.setattr(tagger, "MIN_CONFIDENCE", 1.01)   # no label is surer than certain
    assert model.tag(toks, marks) == []


@pytest.mark.parametrize("text, org, place", [
    ("Der THW Kiel gewann in der Halle gegen Juventus Turin.", "THW Kiel", "Kiel"),
    ("Im Finale traf Manchester United auf die Chicago Bulls.", "Manchester United", "Manchester"),
])
def test_a_club_named_after_its_town_is_an_organisation(text, org, place):
    doc = _doc(text)
    assert org in _names(doc, "organization") and place not in _names(doc, "location")


def test_a_town_after_a_noun_stays_a_place():
    doc = _doc("Die Stadtwerke Norderstedt erhöhen die Preise.")
    assert "Norderstedt" in _names(doc, "location")


def test_a_language_without_break_tags_reads_whole_sentences():
    assert not names.NameCues.for_lang("en").window_break("$,")
    assert names.NameCues.for_lang("de").window_break("$,") and names.NameCues.for_lang("de").window_break("VVFIN")


def test_a_listed_place_the_tagger_reads_as_it_is_keeps_its_id():
    doc = _doc("China beansprucht fast das gesamte Südchinesische Meer.")
    assert "south-china-sea" in {e.id for e in doc.entities}


@pytest.mark.parametrize("focus, breaks, expected", [
    ([5], {2, 9}, [(2, 10)]),              # from the break before to the break after
    ([5, 8], {2, 9, 12}, [(2, 13)]),       # overlapping stretches merge
    ([1, 15], {4, 12}, [(0, 5), (12, 20)]),
    ([5], set(), [(0, 20)]),               # no break: the whole sentence
])
def test_the_tagger_reads_stretches_from_break_to_break(focus, breaks, expected):
    assert tagger.windows(focus, 20, [k in breaks for k in range(20)], margin=2) == expected


def test_a_stretch_reads_as_the_whole_sentence():
    doc = nlp.annotate(Document(Article(id="t", language="de", text=(
        "Der Verein spielte gestern lange, sagte der Trainer, gegen die Gäste aus Oberwessel, "
        "und Jonas Kaufmann sang danach im Festzelt."))))
    toks = doc.sentence_tokens(doc.sentences[0])
    cues = names.NameCues.for_lang("de")
    marks = actors.marks(len(toks), [])
    focus = [k for k, t in enumerate(toks) if cues.name_candidate(t.tag)]
    model = tagger.NameTagger.for_lang("de")
    whole = model.tag(toks, marks)
    assert whole and model.tag(toks, marks, focus, [cues.window_break(t.tag) for t in toks]) == whole
