"""The query shortcuts for large stores give exactly what reading every event gives: the dyad
series from dyad_months, an actor's page read from ix_participants_history, and both after
migration 3 fills them for a store written before it."""
import itertools
import random
import sqlite3
from datetime import date, timedelta

from lagebild.model import Article, Document, Event, Participant, Span
from lagebild.store import Store, queries

CODES = ["USA", "CHN", "RUS", "DEU", "JPN"]
QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
STATUSES = ["occurred", "occurred", "historical", "future", "hypothetical", "negated"]


def _docs(n=25, seed=3):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        text = f"Bericht {i}: " + "Ein Satz. " * 5
        evs = []
        for j in range(rnd.randint(1, 4)):
            actors = rnd.sample(CODES, rnd.choice([1, 1, 2]))
            recips = rnd.sample(CODES, rnd.choice([0, 1, 1, 2]))
            day = date(2024, 1, 1) + timedelta(days=rnd.randrange(500))
            d = rnd.choice([day.isoformat(), day.isoformat(), day.isoformat()[:7], day.isoformat()[:4], None])
            evs.append(Event(f"e{j}", ["CONSULT"], [Participant(c) for c in actors],
                             [Participant(c) for c in recips], Span(0, 5, text[:5]), 0,
                             status=rnd.choice(STATUSES), date=d, quad=rnd.choice(QUADS),
                             scale=rnd.choice([None, -2.0, 1.5, 4.0])))
        out.append(Document(Article(id=f"d{i}", text=text, language="de", published=date(2025, 6, 1)),
                            events=evs))
    return out


def _day(bound: str, fill: str) -> str:
    """"2024" -> "2024-01-01" (fill "-01-01"), "2024-11" -> "2024-11-31" (fill "-12-31")."""
    return bound + fill[len(bound) - 4:]


def _check(store):
    for a, b in itertools.permutations(CODES, 2):
        for by in ("month", "year"):
            for since, until in ((None, None), ("2024-06", None), (None, "2025"), ("2024", "2024-11")):
                fast = queries.dyad(store, a, b, by=by, since=since, until=until)
                # the same range to the day takes the event-by-event path: the reference
                slow = queries.dyad(store, a, b, by=by, since=_day(since or "1900", "-01-01"),
                                    until=until and _day(until, "-12-31"))
                assert fast == slow, (a, b, by, since, until)
    for c, side in itertools.product(CODES, ("actor", "recipient")):
        for limit, offset in ((1, 0), (3, 2), (10, 0)):
            fast = queries.events(store, limit=limit, offset=offset, **{side: c})
            slow = queries.events(store, limit=limit, offset=offset, status=",".join(set(STATUSES)), **{side: c})
            assert fast == slow, (c, side, limit, offset)


def test_shortcuts_match_reading_every_event(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        for d in _docs():
            store.add(d)
        _check(store)


def test_migration_fills_them_for_an_older_store(tmp_path):
    db = tmp_path / "old.db"
    with Store(str(db)) as store:
        for d in _docs():
            store.add(d)
    con = sqlite3.connect(db)              # back to what version 2 had
    con.executescript("DELETE FROM dyad_months; UPDATE participants SET date = NULL; "
                      "DELETE FROM schema_version WHERE version = 3;")
    con.commit()
    con.close()
    with Store(str(db)) as store:
        assert store.version == 3
        _check(store)
