"""Data checks of the event lexicons: lang/*/events.yaml, contexts.tsv, modality.yaml,
attribution.yaml. Names must be PLOVER's (knowledge/plover.yaml when present, else the
manual's lists below)."""
from __future__ import annotations

import csv
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"
LANGS = ("de", "en")
MIN_PREDICATES = {"de": 350, "en": 300}
MIN_CONTEXT_CUES = 120

# The PLOVER manual's event types with their modes, and its general contexts.
from plover_manual import MANUAL_MODES  # noqa: E402  (tests/ is on the path via its conftest)
MANUAL_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
}
STATUSES = {"occurred", "historical", "future", "hypothetical", "negated"}
ROLES = {"actor", "recipient"}
FIELDS = {"lemma", "pos", "event", "mode", "context", "roles", "status", "reflexive", "requires", "excludes",
          "prep", "confidence", "negated"}
MODALITY_MODES = {"future", "hypothetical", "negated", "historical"}


def _ontology() -> tuple[dict[str, set[str]], set[str]]:
    """Event types -> modes and the context names, from knowledge/plover.yaml if it has them."""
    path = SRC / "knowledge" / "plover.yaml"
    if path.is_file():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        types = data.get("event_types")
        contexts = data.get("contexts")
        if isinstance(types, dict) and types and contexts:
            modes = {name: set((spec or {}).get("modes") or []) for name, spec in types.items()}
            return modes, set(contexts)
    return MANUAL_MODES, MANUAL_CONTEXTS


MODES, CONTEXTS = _ontology()


# the C build of PyYAML's safe loader where present: the lexicons are large
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _yaml(lang: str, name: str):
    return yaml.load((SRC / "lang" / lang / name).read_text(encoding="utf-8"), Loader=_LOADER)


def _predicates(lang: str) -> list[dict]:
    data = _yaml(lang, "events.yaml")
    assert isinstance(data, dict) and isinstance(data.get("predicates"), list)
    return data["predicates"]


def _strings(value) -> list[str]:
    """Every string of a (nested) mapping of lists."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_ontology_agrees_with_manual():
    # knowledge/plover.yaml may grow, but must keep the manual's types, modes and contexts
    assert set(MODES) == set(MANUAL_MODES)
    for event, modes in MANUAL_MODES.items():
        assert modes <= MODES[event], event
    assert MANUAL_CONTEXTS <= CONTEXTS


@pytest.mark.parametrize("lang", LANGS)
def test_predicates_are_well_formed(lang):
    problems = []
    for p in _predicates(lang):
        where = f"{lang}: {p}"
        if not isinstance(p, dict) or set(p) - FIELDS:
            problems.append(f"{where}: unknown fields")
            continue
        lemma = p.get("lemma")
        if not isinstance(lemma, str) or not lemma.strip() or lemma != lemma.strip():
            problems.append(f"{where}: lemma")
        if p.get("pos") not in ("verb", "noun"):
            problems.append(f"{where}: pos")
        event = p.get("event")
        if event not in MODES:
            problems.append(f"{where}: event")
            continue
        if "mode" in p and p["mode"] not in MODES[event]:
            problems.append(f"{where}: mode not one of {sorted(MODES[event])}")
        ctx = p.get("context", [])
        if not isinstance(ctx, list) or not ctx and "context" in p or set(ctx) - CONTEXTS:
            problems.append(f"{where}: context")
        roles = p.get("roles", {})
        if not isinstance(roles, dict) or set(roles) - {"subject", "object"} or set(roles.values()) - ROLES:
            problems.append(f"{where}: roles")
        if "status" in p and p["status"] not in STATUSES:
            problems.append(f"{where}: status")
        if "negated" in p and p["negated"] not in MODES:
            problems.append(f"{where}: negated is an event type")
        if "reflexive" in p and (p["reflexive"] is not True or p["pos"] != "verb"):
            problems.append(f"{where}: reflexive is only `true`, on verbs")
        for key in ("requires", "excludes", "prep"):
            val = p.get(key, [])
            if not isinstance(val, list) or not all(isinstance(x, str) and x for x in val) or (key in p and not val):
                problems.append(f"{where}: {key}")
        conf = p.get("confidence", 0.7)
        if not isinstance(conf, (int, float)) or isinstance(conf, bool) or not 0 <= conf <= 1:
            problems.append(f"{where}: confidence")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_lemma_forms(lang):
    for p in _predicates(lang):
        lemma = p["lemma"]
        if p["pos"] == "verb":
            assert lemma == lemma.lower(), lemma
            if lang == "de":
                # infinitives, particle included, no "sich" (that is `reflexive`)
                assert lemma.endswith("n") and " " not in lemma, lemma
        elif lang == "de":
            assert lemma[:1].isupper() and " " not in lemma, lemma
        else:
            # single tokens: two-word nouns are a head plus `requires`
            assert " " not in lemma, lemma


@pytest.mark.parametrize("lang", LANGS)
def test_no_duplicates_and_enough_coverage(lang):
    preds = _predicates(lang)
    keys = Counter((p["lemma"], p["pos"], p["event"]) for p in preds)
    assert [k for k, n in keys.items() if n > 1] == []
    assert len(preds) >= MIN_PREDICATES[lang]
    by_type = Counter(p["event"] for p in preds)
    assert set(by_type) == set(MODES), set(MODES) - set(by_type)
    assert all(n >= 10 for n in by_type.values()), by_type
    assert Counter(p["pos"] for p in preds)["noun"] >= 100


@pytest.mark.parametrize("lang", LANGS)
def test_competing_readings_are_told_apart(lang):
    """Readings of one lemma with different events: at most one may do without `requires`."""
    plain = Counter((p["lemma"], p["pos"], bool(p.get("reflexive"))) for p in _predicates(lang)
                    if not p.get("requires"))
    assert [k for k, n in plain.items() if n > 1] == []


def test_key_codings():
    """Spot checks of the codings the manual and the project settle."""
    de = {(p["lemma"], p["event"]): p for p in _predicates("de")}
    en = {(p["lemma"], p["event"]): p for p in _predicates("en")}
    assert de[("empfangen", "CONSULT")]["roles"] == {"subject": "recipient", "object": "actor"}
    assert de[("empfangen", "CONSULT")]["mode"] == "visit"
    assert en[("host", "CONSULT")]["roles"]["subject"] == "recipient"
    for lemma in ("zusagen", "zusichern", "versprechen"):
        assert de[(lemma, "AGREE")]["status"] == "future"
    for lemma in ("pledge", "promise", "vow"):
        assert en[(lemma, "AGREE")]["status"] == "future"
    assert de[("vorbehalten", "THREATEN")]["reflexive"] is True
    assert de[("einigen", "AGREE")]["reflexive"] is True
    assert "Bedeutung" in de[("betonen", "SUPPORT")]["requires"]
    for lemma, event in [("zurückweisen", "REJECT"), ("drohen", "THREATEN"), ("fordern", "REQUEST"),
                         ("kritisieren", "ACCUSE"), ("verhängen", "SANCTION"), ("stationieren", "MOBILIZE"),
                         ("festnehmen", "COERCE"), ("angreifen", "ASSAULT"), ("abziehen", "RETREAT"),
                         ("freilassen", "RETREAT"), ("streiken", "PROTEST"), ("liefern", "AID"),
                         ("kooperieren", "COOPERATE"), ("loben", "SUPPORT"), ("nachgeben", "CONCEDE"),
                         ("Militärübung", "MOBILIZE"), ("Strafzoll", "SANCTION"), ("Besuch", "CONSULT")]:
        assert (lemma, event) in de, (lemma, event)
    for lemma, event in [("reject", "REJECT"), ("threaten", "THREATEN"), ("urge", "REQUEST"),
                         ("condemn", "ACCUSE"), ("sanction", "SANCTION"), ("deploy", "MOBILIZE"),
                         ("arrest", "COERCE"), ("attack", "ASSAULT"), ("withdraw", "RETREAT"),
                         ("release", "RETREAT"), ("rally", "PROTEST"), ("donate", "AID"),
                         ("cooperate", "COOPERATE"), ("praise", "SUPPORT"), ("concede", "CONCEDE"),
                         ("exercise", "COOPERATE"), ("tariff", "SANCTION"), ("talk", "CONSULT"),
                         ("turn down", "REJECT"), ("pull out", "RETREAT")]:
        assert (lemma, event) in en, (lemma, event)
    # a joint exercise is COOPERATE only with a word that makes it joint
    assert "gemeinsam" in de[("Militärübung", "COOPERATE")]["requires"]
    assert "joint" in en[("exercise", "COOPERATE")]["requires"]


@pytest.mark.parametrize("lang", LANGS)
def test_contexts_tsv(lang):
    path = SRC / "lang" / lang / "contexts.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["cue", "context"]
    rows = rows[1:]
    assert len(rows) >= MIN_CONTEXT_CUES
    for row in rows:
        assert len(row) == 2, row
        cue, ctx = row
        assert cue and cue == cue.strip().lower() and " " not in cue, row
        assert ctx in CONTEXTS, row
    cues = Counter(r[0] for r in rows)
    assert [c for c, n in cues.items() if n > 1] == []
    # most contexts have cues; the core ones all do
    have = {r[1] for r in rows}
    assert {"economic", "military", "territory", "diplomatic", "cbrn", "natural_resource", "cyber"} <= have
    assert len(have) >= 30


@pytest.mark.parametrize("lang", LANGS)
def test_modality_yaml(lang):
    data = _yaml(lang, "modality.yaml")
    assert MODALITY_MODES <= set(data)
    for mode in MODALITY_MODES:
        groups = data[mode]
        assert isinstance(groups, dict) and groups, mode
        for name, cues in groups.items():
            assert isinstance(cues, list) and cues, (mode, name)
            assert all(isinstance(c, str) and c.strip() == c and c for c in cues), (mode, name)
    for key in ("past_forms", "pluperfect_auxiliaries", "negation_exceptions"):
        assert all(isinstance(c, str) and c for c in data[key]), key
    # a cue in two modes would be read as the first mode checked only
    seen: dict[str, str] = {}
    for mode in ("negated", "hypothetical", "future", "historical"):
        for c in _strings(data[mode]):
            assert c.lower() not in seen, (c, seen.get(c.lower()), mode)
            seen[c.lower()] = mode


@pytest.mark.parametrize("lang", LANGS)
def test_attribution_yaml(lang):
    data = _yaml(lang, "attribution.yaml")
    for key in ("speech_verbs", "impersonal", "source_phrases"):
        assert isinstance(data[key], list) and len(data[key]) >= 10, key
        assert all(isinstance(c, str) and c.strip() == c and c for c in data[key]), key
    speech = set(data["speech_verbs"])
    assert len(speech) == len(data["speech_verbs"])
    # speech verbs are not events by themselves: only with `requires` ("betonen" + "Bedeutung")
    plain = [p["lemma"] for p in _predicates(lang) if p["pos"] == "verb" and p["lemma"] in speech
             and not p.get("requires")]
    assert plain == []
