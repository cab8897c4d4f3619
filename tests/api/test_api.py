"""HTTP API over a small store built by hand (no NLP, so these stay fast)."""
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from lagebild.api import create_app
from lagebild.api.app import COOKIE, web_dir
from lagebild.commands import serve as serve_mod
from lagebild.model import (Article, Commitment, Document, Entity, Event, Participant, Relation, Span)
from lagebild.store import Store

TEXT = ("Japan und die USA unterzeichneten am Freitag in Washington ein Handelsabkommen. "
        "China protestierte scharf gegen die Vereinbarung.")


def _span(text, part):
    i = text.index(part)
    return Span(i, i + len(part), part)


def _doc(text=TEXT, id="a1.txt"):
    art = Article(id=id, text=text, language="de", published=date(2025, 2, 7), title="Abkommen",
                  url="https://example.org/a1", source="Test")
    doc = Document(art)
    doc.entities = [Entity(c, "country", n, country=c, code=c)
                    for c, n in (("JPN", "Japan"), ("USA", "United States"), ("CHN", "China"))]
    s1 = _span(text, text.split(". ")[0] + ".")
    doc.events = [
        Event("e1", ["AGREE"], [Participant("JPN", "GOV")], [Participant("USA", "GOV")], s1, 0,
              date="2025-02-07", date_precision="day", quad="verbal_cooperation", scale=2.5),
        Event("e2", ["PROTEST"], [Participant("CHN", "GOV")], [Participant("JPN", "GOV")],
              _span(text, "China protestierte scharf gegen die Vereinbarung."), 1,
              date="2025-02-07", date_precision="day", quad="verbal_conflict", scale=-3.0),
    ]
    doc.relations = [Relation("treaty", ["JPN", "USA"], None, s1, name="Handelsabkommen", valid_from="2025-02-07")]
    doc.commitments = [Commitment("c1", ["JPN"], ["USA"], "invest", "steel", "e1", s1)]
    return doc


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "api.db")
    with Store(path) as store:
        store.add(_doc())
    return path


@pytest.fixture
def client(db):
    with TestClient(create_app(db, None)) as c:
        yield c


def test_read_routes(client):
    assert client.get("/stats").json()["events"] == 2
    net = client.get("/network").json()
    assert {"source": "JPN", "target": "USA"}.items() <= next(
        e for e in net["edges"] if {e["source"], e["target"]} == {"JPN", "USA"}).items()
    assert {n["id"] for n in net["nodes"]} == {"JPN", "USA", "CHN"}
    assert [e["event"] for e in client.get("/events", params={"actor": "jpn"}).json()] == ["AGREE"]
    assert client.get("/events", params={"type": "protest"}).json()[0]["actor"][0]["code"] == "CHN"
    assert client.get("/events", params={"since": "2025-03"}).json() == []
    assert {t["name"] for t in client.get("/event-types").json()} >= {"AGREE", "PROTEST", "ASSAULT"}

    arts = client.get("/articles").json()
    art = client.get(f"/articles/{arts[0]['id']}").json()
    assert art["text"] == TEXT
    ev = art["events"][0]["evidence"]
    assert TEXT[ev["start"]:ev["end"]] == ev["text"]

    assert client.get("/actors/JPN").json()["code"] == "JPN"
    assert {a["id"] for a in client.get("/actors").json()} == {"JPN", "USA", "CHN"}
    assert client.get("/relations", params={"type": "treaty"}).json()[0]["name"] == "Handelsabkommen"
    assert client.get("/commitments", params={"status": "open"}).json()[0]["action"] == "invest"
    assert client.get("/commitments", params={"status": "broken"}).json() == []
    rows = client.get("/dyads/USA/JPN").json()
    assert rows[0]["period"] == "2025-02" and rows[0]["cooperation"] == 1
    hits = client.get("/search", params={"q": "protestierte"}).json()
    assert hits[0]["start"] == TEXT.index("protestierte") and "protestierte" in hits[0]["snippet"]


def test_bad_input_is_4xx(client):
    assert client.get("/articles/999").status_code == 404
    assert client.get("/actors/ZZZ").status_code == 404
    assert client.get("/events", params={"since": "2025-13"}).status_code == 422
    assert client.get("/events", params={"limit": 0}).status_code == 422
    assert client.get("/search").status_code == 422


def test_openapi_schema_lists_the_routes(client):
    spec = client.get("/openapi.json").json()
    assert {"/articles", "/articles/{article_id}", "/events", "/actors", "/actors/{code}", "/relations",
            "/commitments", "/dyads/{a}/{b}", "/network", "/search", "/stats"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/articles"]
    assert "application/json" in spec["paths"]["/articles"]["post"]["requestBody"]["content"]


def test_page_and_security_headers(client):
    page = client.get("/")
    assert page.status_code == 200 and "app.js" in page.text
    for r in (page, client.get("/stats"), client.get("/static/app.js"), client.get("/nope")):
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/style.css").status_code == 200
    # no CDN: the page loads nothing from elsewhere
    assert not re.search(r"(src|href)=\"(https?:)?//", page.text)


def test_page_code_never_parses_data_as_markup():
    js = (web_dir() / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js.replace("never innerHTML", ""), sink
    assert "<script" not in (web_dir() / "index.html").read_text().replace('<script src="static/app.js" defer></script>', "")


# -- token -----------------------------------------------------------------------------------
TOKEN = "t0ken-for-tests-0123456789"


def test_token_required_everywhere(db):
    with TestClient(create_app(db, TOKEN)) as c:
        for path in ("/", "/stats", "/static/app.js", "/openapi.json"):
            r = c.get(path)
            assert r.status_code == 401, path
            assert "content-security-policy" in r.headers
        assert c.get("/stats", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/stats", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert c.get("/stats", params={"token": TOKEN}).status_code == 200
        assert c.post("/articles", json={"text": "x"}).status_code == 401


def test_page_token_becomes_a_cookie(db):
    with TestClient(create_app(db, TOKEN), follow_redirects=False) as c:
        r = c.get("/", params={"token": TOKEN})
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = r.headers["set-cookie"].lower()
        assert f"{COOKIE}=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
        # the client now holds the cookie: the page's own fetches pass
        assert c.get("/stats").status_code == 200
        assert c.get("/").status_code == 200


def test_foreign_host_and_cross_site_writes_refused(db):
    with TestClient(create_app(db, None, allowed_hosts=["127.0.0.1", "localhost"])) as c:
        assert c.get("/stats", headers={"Host": "evil.example"}).status_code == 421
        assert c.get("/stats", headers={"Host": "localhost:8765"}).status_code == 200
        r = c.post("/articles", content=b"x", headers={"Host": "localhost:8765", "Origin": "http://evil.example"})
        assert r.status_code == 403


# -- POST /articles --------------------------------------------------------------------------
@pytest.fixture
def fake_analysis(monkeypatch):
    """The pipeline replaced by a stub that codes the first sentence as JPN AGREE USA."""
    seen = []

    def analyze(article):
        seen.append(article)
        doc = Document(article)
        first = article.text.split(".")[0] + "."
        doc.events = [Event("e1", ["AGREE"], [Participant("JPN")], [Participant("USA")],
                            Span(0, len(first), first), 0, quad="verbal_cooperation", scale=2.5)]
        return doc

    monkeypatch.setattr("lagebild.api.ingest.analyze_article", analyze)
    return seen


def test_post_json_article_is_idempotent(client, fake_analysis):
    body = {"text": "Japan und die USA einigten sich auf Zölle. Mehr folgt.", "title": "<b>Titel</b>",
            "published": "2025-03-01", "language": "de", "url": "https://example.org/x"}
    r = client.post("/articles", json=body)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["added"] is True and out["events"] == 1 and out["published"] == "2025-03-01"
    assert r.headers["location"] == f"/articles/{out['id']}"
    again = client.post("/articles", json=body)
    assert again.status_code == 200 and again.json()["added"] is False and again.json()["id"] == out["id"]
    stored = client.get(f"/articles/{out['id']}").json()
    assert stored["text"] == body["text"] and stored["title"] == "<b>Titel</b>"   # stored as given, shown as text
    assert client.get("/stats").json()["articles"] == 2


def test_post_raw_text_with_front_matter(client, fake_analysis):
    raw = "---\ntitle: Roh\npublished: 2025-04-01\nlanguage: en\n---\nJapan and the USA agreed on tariffs.\n"
    r = client.post("/articles", content=raw.encode(), headers={"Content-Type": "text/plain; charset=utf-8"})
    assert r.status_code == 201, r.text
    art = client.get(f"/articles/{r.json()['id']}").json()
    assert art["title"] == "Roh" and art["published"] == "2025-04-01" and art["language"] == "en"
    assert art["doc_id"].startswith("api-")
    r = client.post("/articles", params={"language": "de", "published": "2025-05-05"},
                    content="Japan und die USA streiten über Stahl.".encode())
    assert r.status_code == 201 and r.json()["published"] == "2025-05-05"


def test_post_limits_and_bad_bodies(db, fake_analysis):
    with TestClient(create_app(db, None, max_body=1000)) as c:
        assert c.post("/articles", json={"text": "a" * 2000}).status_code == 413
        assert c.post("/articles", content=b"").status_code == 422
        assert c.post("/articles", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 422
        assert c.post("/articles", json={"title": "no text"}).status_code == 422
        r = c.post("/articles", json={"text": "Le Japon et les États-Unis ont signé un accord.", "language": "fr"})
        assert r.status_code == 422 and "not analysed" in r.text
    assert fake_analysis == []


# -- serve command -----------------------------------------------------------------------------
def test_serve_refuses_public_bind_without_token(monkeypatch, tmp_path):
    monkeypatch.delenv("LAGEBILD_TOKEN", raising=False)
    ran = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: ran.append(kw))
    res = CliRunner().invoke(serve_mod.serve, ["--host", "0.0.0.0", "--db", str(tmp_path / "s.db")])
    assert res.exit_code == 2 and "LAGEBILD_TOKEN" in res.output and not ran
    monkeypatch.setenv("LAGEBILD_TOKEN", TOKEN)
    res = CliRunner().invoke(serve_mod.serve, ["--host", "0.0.0.0", "--port", "9000", "--db", str(tmp_path / "s.db")])
    assert res.exit_code == 0, res.output
    assert ran == [{"host": "0.0.0.0", "port": 9000, "log_level": "warning", "server_header": False}]


def test_serve_defaults_to_loopback(monkeypatch, tmp_path):
    monkeypatch.delenv("LAGEBILD_TOKEN", raising=False)
    ran = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: ran.append((app, kw)))
    res = CliRunner().invoke(serve_mod.serve, ["--db", str(tmp_path / "s.db")])
    assert res.exit_code == 0, res.output
    app, kw = ran[0]
    assert kw["host"] == "127.0.0.1"
    with TestClient(app) as c:   # loopback: local Host names only, no token
        assert c.get("/stats", headers={"Host": "127.0.0.1:8765"}).status_code == 200
        assert c.get("/stats", headers={"Host": "rebound.example"}).status_code == 421


@pytest.mark.parametrize("host,local", [("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
                                        ("127.0.0.2", True), ("0.0.0.0", False), ("::", False),
                                        ("192.168.1.5", False), ("example.org", False)])
def test_is_loopback(host, local):
    assert serve_mod.is_loopback(host) is local
