"""The PLOVER ontology data file and its loader."""
import pytest
import yaml

from lagebild.events.ontology import QUADS, load_ontology, parse_ontology

# The manual's mode tables, shared with the lexicon data test.
from plover_manual import MANUAL_MODES  # noqa: E402  (tests/ is on the path via its conftest)

MANUAL_CONTEXTS = set("""
military intelligence executive legislative election political_institutions pro_democracy
pro_autocracy economic legal reparations human_rights rights_freedoms repression human_security
gender lgbt religion_ethnicity inequality diplomatic territory peacekeeping health asylum
migration disasters natural_resource environment technology terrorism cbrn cyber misinformation
crime corruption illegal_drugs trafficking
""".split())


@pytest.fixture(scope="module")
def ont():
    return load_ontology()


def test_sixteen_types_with_manual_modes(ont):
    assert set(ont.event_types) == set(MANUAL_MODES)
    for name, modes in MANUAL_MODES.items():
        assert set(ont.event_types[name].modes) == modes, name


def test_quads_and_recipients(ont):
    assert ont.quad_for("AGREE") == "verbal_cooperation"
    assert ont.quad_for("RETREAT") == "material_cooperation"
    assert ont.quad_for("REQUEST") == "verbal_conflict"
    assert ont.quad_for("PROTEST") == "material_conflict"
    assert ont.quad_for("assault") == "material_conflict"
    assert all(et.quad in QUADS for et in ont.event_types.values())
    needs = {n for n, et in ont.event_types.items() if et.requires_recipient}
    assert needs == {"COOPERATE", "AID", "SANCTION"}


def test_cameo_falls_back_to_type_default(ont):
    assert ont.cameo_for("AGREE", None) == "030"
    assert ont.cameo_for("CONSULT", "visit") == "042"
    assert ont.cameo_for("CONSULT", "multilateral") == "040"   # no CAMEO counterpart
    assert ont.cameo_for("ASSAULT", ["primitive", "firearms"]) == "193"
    assert ont.cameo_for("COERCE", "martial_law") == "1724"
    assert ont.cameo_for("COERCE", "no-such-mode") == "170"
    with pytest.raises(KeyError):
        ont.cameo_for("APPEAL", None)


def test_scales(ont):
    assert ont.scale_for("AID") == 10.0
    assert ont.scale_for("CONSULT", "visit") == 4.0
    assert ont.scale_for("PROTEST", "vandalize") == ont.scale_for("PROTEST")
    assert ont.scale_for("ASSAULT", ["beat", "primitive"]) == -8.0
    for et in ont.event_types.values():
        conflict = et.quad.endswith("conflict") and et.name != "REQUEST"
        assert (et.default_scale < 0) == conflict, et.name


def test_is_valid(ont):
    assert ont.is_valid("ASSAULT", "aerial", "military")
    assert ont.is_valid("consult", ["phone"], ["diplomatic", "economic"])
    assert not ont.is_valid("APPEAL")
    assert not ont.is_valid("")
    assert not ont.is_valid("AGREE", "visit")
    assert not ont.is_valid("CONSULT", None, "weather")


def test_contexts_sectors_statuses(ont):
    assert set(ont.contexts) == MANUAL_CONTEXTS
    for s in ("GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "INS", "BUS", "MED",
              "NGO", "IGO", "SPY", "CVL", "EDU", "REL", "JRN"):
        assert s in ont.sectors
    assert set(ont.statuses) == {"occurred", "historical", "future", "hypothetical", "negated"}
    assert all(isinstance(v, str) and v for v in ont.contexts.values())


def test_loader_is_cached_and_read_only(ont):
    assert load_ontology() is ont
    with pytest.raises(TypeError):
        ont.event_types["AGREE"].mode_cameo["x"] = "1"  # type: ignore[index]


def test_bad_data_is_rejected():
    bad = yaml.safe_load("""
event_types:
  AGREE: {quad: verbal_cooperation, requires_recipient: false, modes: [],
          default_scale: 2.5, cameo: "030", mode_cameo: {visit: "042"}}
""")
    with pytest.raises(ValueError):
        parse_ontology(bad)
