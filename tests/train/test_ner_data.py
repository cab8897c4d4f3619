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
