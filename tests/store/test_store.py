import sqlite3
from datetime import date

from lagebild.model import Article
from lagebild.pipeline import analyze_article
from lagebild.store import Store

TEXT = ("Der japanische Premierminister Shigeru Ishiba besuchte am Freitag Washington. "
        "Die USA und Japan weisen die Ansprüche Chinas zurück.")


def _doc(text=TEXT):
    return analyze_article(Article(id="a.txt", text=text, language="de", published=date(2025, 2, 8)))


def test_add_is_atomic_and_idempotent(tmp_path):
    db = tmp_path / "s.db"
    with Store(str(db)) as store:
        assert store.add(_doc()) is True
        assert store.add(_doc()) is False                  # same text: stored once
        st = store.stats()
        assert st["articles"] == 1 and st["events"] >= 1 and st["mentions"] >= 3
        assert st["schema_version"] >= 1
        ev = store.events()
        assert any(e["event"] == "REJECT" and {p["code"] for p in e["actor"]} == {"USA", "JPN"} for e in ev)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = con.execute("SELECT count(*) FROM participants p LEFT JOIN events e ON e.id = p.event_id "
                          "WHERE e.id IS NULL").fetchone()[0]
    assert orphans == 0


def test_same_text_from_another_feed_is_stored_once(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        a = _doc()
        b = _doc(TEXT.replace(". ", ".  "))                 # whitespace differences only
        b.article.id = "other-feed.txt"
        assert store.add(a) and not store.add(b)


def test_reopening_keeps_data_and_schema(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as store:
        store.add(_doc())
    with Store(db) as store:
        assert store.stats()["articles"] == 1


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    with Store(str(tmp_path / "s.db")) as store:
        doc = _doc()

        def boom(*a, **k):
            raise RuntimeError("disk full")

        monkeypatch.setattr(store, "_write", boom)
        try:
            store.add(doc)
        except RuntimeError:
            pass
        assert store.stats()["articles"] == 0


def test_syndicated_copy_is_linked_not_stored(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        first = store.put(_doc())
        copy = _doc(TEXT.upper().replace(". ", ".\n"))           # other case and line breaks
        copy.article.id, copy.article.source = "feed-b.txt", "Feed B"
        again = store.put(copy)
        assert (first.status, again.status, again.article_id) == ("new", "syndicated", first.article_id)
        assert store.stats()["articles"] == 1
        assert [s["doc_id"] for s in store.sources(first.article_id)] == ["a.txt", "feed-b.txt"]
        assert all(e["cluster_id"] is not None for e in store.events())


# The schema as version 1 shipped it (SQLite), to prove that old stores upgrade.
V1_DDL = """
CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at VARCHAR(32) NOT NULL, PRIMARY KEY (version));
CREATE TABLE articles (id INTEGER NOT NULL, hash VARCHAR(64) NOT NULL, doc_id TEXT NOT NULL, path TEXT, title TEXT,
  url TEXT, source TEXT, author TEXT, language VARCHAR(8), published VARCHAR(10), text TEXT NOT NULL,
  ingested_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), UNIQUE (hash));
CREATE TABLE entities (id VARCHAR(200) NOT NULL, kind VARCHAR(20) NOT NULL, name TEXT NOT NULL, country VARCHAR(3),
  code VARCHAR(3), sector VARCHAR(6), PRIMARY KEY (id));
CREATE TABLE mentions (id INTEGER NOT NULL, article_id INTEGER NOT NULL, entity_id VARCHAR(200) NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, sentence INTEGER, role TEXT, sector VARCHAR(6),
  office TEXT, PRIMARY KEY (id), FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE,
  FOREIGN KEY(entity_id) REFERENCES entities (id));
CREATE INDEX ix_mentions_entity ON mentions (entity_id);
CREATE INDEX ix_mentions_article ON mentions (article_id);
CREATE TABLE events (id INTEGER NOT NULL, article_id INTEGER NOT NULL, local_id VARCHAR(40) NOT NULL,
  event VARCHAR(12) NOT NULL, mode TEXT, context TEXT, status VARCHAR(12) NOT NULL, date VARCHAR(10),
  date_precision VARCHAR(5), quad VARCHAR(24), scale FLOAT, cameo VARCHAR(8), confidence FLOAT,
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL, quantity TEXT,
  attribution TEXT, location TEXT, PRIMARY KEY (id), UNIQUE (article_id, local_id),
  FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE);
CREATE INDEX ix_events_event ON events (event);
CREATE INDEX ix_events_date ON events (date);
CREATE TABLE relations (id INTEGER NOT NULL, article_id INTEGER NOT NULL, type VARCHAR(20) NOT NULL,
  subject TEXT NOT NULL, object TEXT, name TEXT, role TEXT, note TEXT, valid_from VARCHAR(10), valid_to VARCHAR(10),
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL, PRIMARY KEY (id),
  FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE);
CREATE INDEX ix_relations_type ON relations (type);
CREATE TABLE commitments (id INTEGER NOT NULL, article_id INTEGER NOT NULL, local_id VARCHAR(40) NOT NULL,
  event_local_id VARCHAR(40) NOT NULL, actor TEXT NOT NULL, recipient TEXT NOT NULL, action TEXT NOT NULL,
  object TEXT, quantity TEXT, deadline VARCHAR(10), condition TEXT, status VARCHAR(12) NOT NULL,
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL, PRIMARY KEY (id),
  FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE);
CREATE TABLE participants (id INTEGER NOT NULL, event_id INTEGER NOT NULL, side VARCHAR(9) NOT NULL,
  code VARCHAR(3) NOT NULL, sector VARCHAR(6), entity_id VARCHAR(200), entity_text TEXT, PRIMARY KEY (id),
  FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE);
CREATE INDEX ix_participants_code ON participants (side, code);
CREATE INDEX ix_participants_event ON participants (event_id);
INSERT INTO schema_version VALUES (1, '2025-01-01T00:00:00+00:00');
INSERT INTO articles VALUES (1, 'h1', 'pledge.txt', NULL, NULL, 'https://example.org/p', 'Wire', NULL, 'en',
  '2025-02-11', 'Japan pledged on Monday to buy more American LNG.', '2025-02-11T00:00:00+00:00');
INSERT INTO articles VALUES (2, 'h2', 'pledge-copy.txt', NULL, NULL, NULL, 'Other', NULL, 'en',
  '2025-02-11', 'JAPAN pledged on Monday to buy more American LNG!', '2025-02-11T00:00:00+00:00');
INSERT INTO events VALUES (1, 1, 'e1', 'AGREE', '[]', '[]', 'future', '2025-02-10', 'day', NULL, NULL, NULL, 0.5,
  0, 49, 'Japan pledged on Monday to buy more American LNG.', '{"commodity": "LNG"}', NULL, NULL);
INSERT INTO participants VALUES (1, 1, 'actor', 'JPN', NULL, 'JPN', 'Japan');
INSERT INTO participants VALUES (2, 1, 'recipient', 'USA', NULL, 'USA', 'American');
INSERT INTO commitments VALUES (1, 1, 'c-e1', 'e1', '["JPN"]', '["USA"]', 'pledge', 'LNG', NULL, NULL, NULL,
  'made', 0, 49, 'Japan pledged on Monday to buy more American LNG.');
"""


def test_a_version_1_store_upgrades(tmp_path):
    from lagebild.model import Document, Event, Participant, Quantity, Span
    from lagebild.store.migrations import LATEST

    db = tmp_path / "v1.db"
    con = sqlite3.connect(db)
    con.executescript(V1_DDL)
    con.close()
    with Store(str(db)) as store:
        assert store.version == LATEST
        st = store.stats()
        assert (st["articles"], st["article_sources"], st["ledger_updates"]) == (2, 2, 1)
        assert [e["cluster_id"] for e in store.events()] == [1]
        (c,) = store.commitments()
        assert (c["status"], c["action_key"], c["object_key"], c["pledge_event_id"]) == ("made", "buy", "LNG", 1)
        # the old data take part in the ledger and in syndication like new data
        text = "Japan bought its first cargo of American LNG on Monday."
        ev = Event("e1", ["COOPERATE"], [Participant("JPN")], [Participant("USA")], Span(0, len(text), text), 0,
                   date="2025-06-02", date_precision="day", predicate="buy", quantity=Quantity(commodity="LNG"))
        store.put(Document(Article(id="cargo.txt", text=text, language="en", published=date(2025, 6, 3)),
                           events=[ev]))
        assert store.commitments()[0]["status"] == "fulfilled"
        copy = Article(id="third-feed.txt", text="Japan pledged on Monday, to buy more American LNG.", language="en")
        assert store.put(Document(copy)).article_id == 1
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_events_event_date", "ix_participants_history", "ix_commitments_status"} <= names
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
