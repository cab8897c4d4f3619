from datetime import date

from lagebild.model import Article, Document
from lagebild.nlp import annotate


def _doc(text, lang="de"):
    return annotate(Document(Article(id="x", text=text, language=lang, published=date(2025, 2, 8))))


def test_german_sentences_tokens_offsets_and_lemmas():
    text = "Am Freitag, 7.2., traf die Kanzlerin den US-Präsidenten.\n\nNeue Zölle\n\nDie Gespräche dauerten lange."
    doc = _doc(text)
    assert [text[s.start:s.end] for s in doc.sentences] == [
        "Am Freitag, 7.2., traf die Kanzlerin den US-Präsidenten.", "Neue Zölle", "Die Gespräche dauerten lange."]
    for t in doc.tokens:
        assert text[t.start:t.end] == t.text
    by = {t.text: t for t in doc.tokens}
    assert "7.2." in by                           # the date stays one token
    assert by["traf"].lemma == "treffen" and by["traf"].pos == "VERB"
    assert by["Gespräche"].lemma == "Gespräch" and by["Gespräche"].pos == "NOUN"
    assert by["Zölle"].lemma == "Zoll"


def test_english_lemmas_pos_and_dependencies():
    text = "Japan will import more gas. The ministers turned down the offer."
    doc = _doc(text, "en")
    assert len(doc.sentences) == 2
    by = {t.text: t for t in doc.tokens}
    assert by["turned"].lemma == "turn" and by["turned"].pos == "VERB"
    assert by["ministers"].dep == "nsubj" and doc.tokens[by["ministers"].head].text == "turned"
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)


def test_time_expressions_are_attached():
    doc = _doc("Am Freitag, 7.2., empfing der Präsident den Gast.")
    assert any(t.value == "2025-02-07" for t in doc.times)


def test_capitalised_words_take_names_and_nouns_from_the_tagger_lexicon():
    """Mid-sentence, a name the tagger's lexicon knows is NE even where the broad dictionary lists
    it ("Thierse", genitive "Stoibers"); a noun it knows stays NN, also inflected ("Gräser"); an
    inflected adjective in a name is no name ("Große"); an unknown word is NE."""
    doc = _doc("Damals betonte Thierse, dass Stoibers Pläne das Große Theater und die Gräser "
               "in der Nische nicht retten würden, sagte Pofallaxy.")
    tags = {t.text: t.tag for t in doc.tokens}
    assert tags["Thierse"] == tags["Stoibers"] == "NE"
    assert tags["Gräser"] == tags["Nische"] == tags["Theater"] == tags["Große"] == "NN"
    assert tags["Pofallaxy"] == "NE"


def test_lexicon_reading():
    from lagebild.nlp import lexicon_reading
    assert lexicon_reading("de", "Thierse") == "NE"
    assert lexicon_reading("de", "Wolf") == "NE+NN"
    assert lexicon_reading("de", "Nische") == "NN"
    assert lexicon_reading("de", "Pofallaxy") == ""
    assert lexicon_reading("en", "Smith") == ""      # the English backend has no such lexicon
