"""Exports from the store (GDELT-style TSV, CSV, Parquet, GraphML, PLOVER JSONL) load in the
usual readers and say what the store holds. The store comes from tests/store/test_queries.py."""
import csv
import importlib.util
import io
import json
import re

import networkx as nx
import pandas as pd
import pytest

from lagebild.export import gdelt, graph, tabular

import sample_store as fixture  # noqa: E402  (tests/ is on the path via its conftest)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = fixture.build_store(str(tmp_path_factory.mktemp("x") / "x.db"))
    yield s
    s.close()


def test_gdelt_rows(store):
    out = io.StringIO()
    n = gdelt.write_gdelt(store, out)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == gdelt.COLUMNS and len(lines) == n + 1
    rows = [dict(zip(gdelt.COLUMNS, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == len(gdelt.COLUMNS) for line in lines)
    assert n == 9            # 8 events, the accusation has two recipients
    for r in rows:
        assert re.fullmatch(r"\d{3,4}", r["EventCode"]) and 1 <= int(r["EventRootCode"]) <= 20
        assert r["EventCode"].startswith(r["EventBaseCode"]) and r["EventBaseCode"].startswith(r["EventRootCode"])
        assert r["QuadClass"] in {"1", "2", "3", "4"} and -10 <= float(r["GoldsteinScale"]) <= 10
        assert re.fullmatch(r"\d{8}", r["Day"]) and re.fullmatch(r"\d{14}", r["DATEADDED"])
    assert len({r["GlobalEventID"] for r in rows}) == n
    accuse = [r for r in rows if r["EventCode"] == "111"]
    assert {(r["Actor1Code"], r["Actor2Code"], r["Actor2CountryCode"]) for r in accuse} == {
        ("CHNGOV", "JPNGOV", "JPN"), ("CHNGOV", "USAGOV", "USA")}
    assert {r["QuadClass"] for r in accuse} == {"3"} and {r["IsRootEvent"] for r in accuse} == {"0"}
    first = next(r for r in rows if r["ActionGeo_FullName"].startswith("Washington"))
    assert first["IsRootEvent"] == "1" and first["Day"] == "20250207" and first["QuadClass"] == "1"
    eu = next(r for r in rows if r["Actor1Code"] == "EURGOV")
    assert eu["Actor1CountryCode"] == "" and eu["Day"] == "20250101" and eu["QuadClass"] == "4"
    assert eu["SOURCEURL"] == "sanktionen.de.txt"     # no URL: the document id
    aid = next(r for r in rows if r["EventCode"] == "070")
    assert aid["QuadClass"] == "2" and aid["GoldsteinScale"] == "10.0"
    out = io.StringIO()
    gdelt.write_gdelt(store, out, header=False, actor="USA")
    assert len(out.getvalue().splitlines()) == 3


def test_csv_and_parquet(store, tmp_path):
    path = tmp_path / "events.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        assert tabular.write_csv(store, f) == 8
    df = pd.read_csv(path)
    assert list(df.columns) == tabular.FIELDS and len(df) == 8
    accuse = df[df.event == "ACCUSE"].iloc[0]
    assert accuse.recipient == "JPN;USA" and accuse.recipient_sector == "GOV;GOV" and accuse["mode"] == "disapprove"
    assert df[df.event == "SANCTION"].quantity_amount.max() == 25
    assert "Ministerpräsident Shigeru Ishiba" in set(df.evidence_text.str[:32])

    pq_path = tmp_path / "events.parquet"
    assert tabular.write_parquet(store, str(pq_path)) == 8
    pdf = pd.read_parquet(pq_path)
    assert list(pdf.columns) == tabular.FIELDS and len(pdf) == 8
    assert pdf.scale.dtype == "float64" and pdf.evidence_start.dtype == "int64"
    assert sorted(pdf.event.unique()) == ["ACCUSE", "AGREE", "AID", "CONSULT", "SANCTION"]
    buf = io.BytesIO()
    assert tabular.write_parquet(store, buf, type="SANCTION") == 2
    assert len(pd.read_parquet(io.BytesIO(buf.getvalue()))) == 2


def test_graphml(store, tmp_path):
    path = tmp_path / "net.graphml"
    nodes, edges = graph.write_graphml(store, str(path))
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == nodes and g.number_of_edges() == edges
    assert {"JPN", "USA", "CHN", "EUR", "RUS", "UKR"} <= set(g.nodes)
    assert g.nodes["EUR"]["label"] == "European Union" and g.nodes["JPN"]["kind"] == "country"
    assert g.edges["JPN", "USA"]["events"] == 3 and g.edges["JPN", "USA"]["cooperation"] == 3
    assert g.edges["CHN", "USA"]["conflict"] == 2 and g.edges["CHN", "USA"]["score"] == -4.0


def test_plover_jsonl(store):
    out = io.StringIO()
    assert tabular.write_plover(store, out) == 8
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    agree = next(r for r in recs if r["event"] == ["AGREE"] and r["actor"][0]["code"] == "JPN")
    assert agree["recipient"] == [{"code": "USA", "sector": "GOV", "entity_text": "USA"}]
    assert agree["quad_code"] == 1 and agree["event_scale"] == 2.5 and agree["date"] == "2025-02-07"
    assert agree["cite_info"]["citation"] == "handel.de.txt" and agree["cite_info"]["language"] == "de"
    assert agree["event_text"][0].startswith("Ministerpräsident") and agree["id"].endswith("-e2")
    assert agree["text_info"]["end"] - agree["text_info"]["start"] == len(agree["event_text"][0])
    assert next(r for r in recs if r["event"] == ["AID"])["event_loc"] == {"extracted_place": "Kiew",
                                                                          "country_code": "UKR"}
    assert len({r["id"] for r in recs}) == 8
    # the record keys are those the Document-based exporter uses
    from lagebild.export.plover import plover_record
    doc = fixture.documents()[0]
    assert set(agree) - {"event_loc", "quantity"} <= set(plover_record(doc, doc.events[1]))


def test_csv_module_reads_flat_rows(store):
    out = io.StringIO(newline="")
    tabular.write_csv(store, out, actor="JPN")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["actor"] for r in rows} == {"JPN"} and len(rows) == 2
