"""The name tagger's training data (train/ner/): every written sentence parses, labels are from
the guide's set, and coders' name lists align with their sentences."""
import pathlib
import sys

import pytest

NER = pathlib.Path(__file__).resolve().parents[2] / "train" / "ner"
sys.path.insert(0, str(NER))

import labels  # noqa: E402


def test_inline_markup_becomes_offsets():
    text, spans = labels.parse_inline("Der [[Rhein|LOC]] trennt [[Kehl|LOC]] von [[Straßburg|LOC]].")
    assert text == "Der Rhein trennt Kehl von Straßburg."
    assert [text[s:e] for s, e, _ in spans] == ["Rhein", "Kehl", "Straßburg"]


@pytest.mark.parametrize("bad", ["Der [[Rhein|RIVER]] fließt.", "Der [[Rhein|LOC] fließt."])
def test_bad_markup_is_refused(bad):
    with pytest.raises(ValueError):
        labels.parse_inline(bad)


def test_names_align_in_order_of_appearance():
    text = "Meier traf Schulz, dann traf Meier Krause."
    spans = labels.align(text, [["Meier", "PER"], ["Schulz", "PER"], ["Meier", "PER"], ["Krause", "PER"]])
    assert [s for s, _, _ in spans] == [0, 11, 29, 35]
    with pytest.raises(ValueError):
        labels.align(text, [["Müller", "PER"]])


def test_every_written_sentence_parses():
    examples = list(labels.written())
    assert len(examples) > 5000
    for ident, text, spans in examples:
        assert "[[" not in text, ident
        for s, e, label in spans:
            assert label in labels.KINDS and text[s:e].strip() == text[s:e] and e > s, ident


def test_stored_labels_hold_offsets_only():
    """Labels for corpus sentences keep ids, hashes and offsets: no corpus text in the repository."""
    import json
    for f in (NER / "labels").glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            assert set(json.loads(line)) == {"id", "sha1", "spans"}


def test_surname_copies_name_persons_by_surname_and_move_the_labels():
    import train_crf
    text = "Gestern sagte Angela Merkel in Berlin, dass Olaf Scholz recht habe."
    spans = [(14, 27, "PER"), (31, 37, "LOC"), (44, 55, "PER")]
    [(ident, copy, moved)] = train_crf.surname_copies([("s1", text, spans)], share=1.0)
    assert copy == "Gestern sagte Merkel in Berlin, dass Scholz recht habe."
    assert [(copy[s:e], lab) for s, e, lab in moved] == [("Merkel", "PER"), ("Berlin", "LOC"), ("Scholz", "PER")]
    assert train_crf.held_out(ident) == train_crf.held_out("s1")   # a copy stays with its sentence
    # no copy where no full name starts with a given name
    assert train_crf.surname_copies([("s2", "Merkel reiste nach Paris.", [(0, 6, "PER"), (19, 24, "LOC")])], 1.0) == []

