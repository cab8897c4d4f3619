import jsonschema
import pytest

from lagebild.export import to_contract, to_plover, validate


def test_contract_validates_and_offsets_point_into_the_text(analyze_text):
    text = "Die USA und Japan weisen die Ansprüche Chinas zurück. Trump sagte Japan einen Besuch zu."
    doc = analyze_text(text)
    rec = to_contract(doc)
    validate(rec)
    assert rec["doc"]["language"] == "de" and rec["doc"]["published"] == "2025-02-08"
    for ent in rec["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for ev in rec["events"]:
        assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]


def test_schema_rejects_broken_records(analyze_text):
    rec = to_contract(analyze_text("Die USA und Japan weisen die Ansprüche Chinas zurück."))
    rec["events"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        validate(rec)


def test_plover_records_use_manual_field_names(analyze_text):
    recs = to_plover(analyze_text("Die USA und Japan weisen die Ansprüche Chinas zurück."))
    assert recs
    r = recs[0]
    assert {"id", "date", "actor", "recipient", "event", "quad_code", "event_scale", "event_text"} <= set(r)
    assert r["event"] == ["REJECT"] and r["quad_code"] == 3
