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
