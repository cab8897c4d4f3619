"""A small store built from hand-made documents (no NLP run, so expectations are exact); shared by
the store, export and command tests."""
import os
import uuid
from datetime import date

import pytest

from lagebild.model import (Article, Commitment, Document, Entity, Event, Mention, Participant, Place,
                            Quantity, Relation, Span)
from lagebild.store import Store
from lagebild.store import queries as Q

TEXT_A = ("Japan und die USA haben am Freitag in Washington ein Abkommen über Flüssiggas geschlossen. "
          "Ministerpräsident Shigeru Ishiba sagte zu, mehr Gas aus den USA zu kaufen.\n\n"
          "China kritisierte die Vereinbarung als Versuch, die Region zu spalten. "
          "Ein Treffen zwischen Peking und Tokio fand nicht statt.")
TEXT_B = ("WASHINGTON - President Donald Trump imposed tariffs of 25 percent on Chinese steel on Friday. "
          "Japan and the United States held talks on security in March. "
          "Japan claims the Senkaku Islands, which China also claims.")
TEXT_C = ("Die Europäische Union verhängte weitere Sanktionen gegen Russland. "
          "Die USA sagten der Ukraine in Kiew neue Hilfe zu. "
          "Der Zollsatz steigt auf 50 % (Tarifcode HS_7208).")

QUAD = {"AGREE": ("verbal_cooperation", 2.5, "030"), "CONSULT": ("verbal_cooperation", 2.5, "040"),
        "ACCUSE": ("verbal_conflict", -2.0, "111"), "SANCTION": ("material_conflict", -6.0, "163"),
        "AID": ("material_cooperation", 10.0, "070")}


def _span(text, s):
    i = text.index(s)
    return Span(i, i + len(s), s)


def _p(spec):
    code, _, sector = spec.partition("/")
    return Participant(code=code, sector=sector or "GOV", entity_id=code, entity_text=code)


def _ev(text, eid, etype, actors, recipients, evidence, date_, status="occurred", **kw):
    quad, scale, cameo = QUAD[etype]
    prec = {10: "day", 7: "month", 4: "year"}[len(date_)]
    return Event(id=eid, event=[etype], actor=[_p(a) for a in actors], recipient=[_p(r) for r in recipients],
                 evidence=_span(text, evidence), sentence=0, status=status, date=date_, date_precision=prec,
                 quad=quad, scale=scale, cameo=cameo, confidence=0.8, **kw)


def _doc(doc_id, text, lang, published, url, entities, mentions, events, relations=(), commitments=()):
    art = Article(id=doc_id, text=text, language=lang, published=published, title=doc_id.split(".")[0],
                  url=url, source="Testblatt")
    ms = [Mention(*_span(text, s).__dict__.values(), entity_id=e, role=role)
          for s, e, role in mentions]
    return Document(article=art, entities=list(entities), mentions=ms, events=list(events),
                    relations=list(relations), commitments=list(commitments))


def documents():
    jpn, usa, chn = (Entity(c, "country", n, c, c) for c, n in (("JPN", "Japan"), ("USA", "United States"),
                                                               ("CHN", "China")))
    ishiba = Entity("shigeru-ishiba", "person", "Shigeru Ishiba", "JPN", "JPN", "GOV", office="Prime Minister")
    trump = Entity("donald-trump", "person", "Donald Trump", "USA", "USA", "GOV", office="President")
    eu = Entity("european-union", "organization", "European Union", None, "EUR", "GOV")
    rus, ukr = Entity("RUS", "country", "Russia", "RUS", "RUS"), Entity("UKR", "country", "Ukraine", "UKR", "UKR")
    a = _doc("handel.de.txt", TEXT_A, "de", date(2025, 2, 8), "https://example.org/a",
             [jpn, usa, chn, ishiba],
             [("Japan", "JPN", None), ("USA", "USA", None), ("Shigeru Ishiba", "shigeru-ishiba", "Ministerpräsident"),
              ("China", "CHN", None), ("Peking", "CHN", None), ("Tokio", "JPN", None)],
             [_ev(TEXT_A, "e1", "AGREE", ["USA"], ["JPN"], TEXT_A.split(". ")[0] + ".", "2025-02-07",
                  location=Place("Washington", "USA")),
              _ev(TEXT_A, "e2", "AGREE", ["JPN"], ["USA"], "Ministerpräsident Shigeru Ishiba sagte zu, mehr Gas aus "
                  "den USA zu kaufen.", "2025-02-07", quantity=Quantity(commodity="gas")),
              _ev(TEXT_A, "e3", "ACCUSE", ["CHN"], ["JPN", "USA"], "China kritisierte die Vereinbarung",
                  "2025-02-08", mode=["disapprove"]),
              _ev(TEXT_A, "e4", "CONSULT", ["CHN"], ["JPN"], "Ein Treffen zwischen Peking und Tokio fand nicht statt.",
                  "2025-02-08", status="negated")],
             [Relation("leader-of", ["shigeru-ishiba"], "JPN", _span(TEXT_A, "Ministerpräsident Shigeru Ishiba"),
                       role="Ministerpräsident")],
             [Commitment("c1", ["JPN"], ["USA"], "buy", "gas", "e2", _span(TEXT_A, "mehr Gas aus den USA zu kaufen"),
                         quantity=Quantity(commodity="gas"))])
    b = _doc("tariffs.en.txt", TEXT_B, "en", date(2025, 3, 15), "https://example.org/b",
             [jpn, usa, chn, trump],
             [("Donald Trump", "donald-trump", "President"), ("Chinese", "CHN", None), ("Japan", "JPN", None),
              ("United States", "USA", None)],
             [_ev(TEXT_B, "e1", "SANCTION", ["USA"], ["CHN"], "President Donald Trump imposed tariffs",
                  "2025-03-14", quantity=Quantity(amount=25, unit="percent", commodity="steel")),
              _ev(TEXT_B, "e2", "CONSULT", ["JPN"], ["USA"], "Japan and the United States held talks", "2025-03")],
             [Relation("claims", ["JPN"], "senkaku-islands", _span(TEXT_B, "Japan claims the Senkaku Islands")),
              Relation("claims", ["CHN"], "senkaku-islands", _span(TEXT_B, "China also claims")),
              Relation("leader-of", ["donald-trump"], "USA", _span(TEXT_B, "President Donald Trump"),
                       role="President")],
             [Commitment("c1", ["USA"], ["CHN"], "tariff", "steel", "e1", _span(TEXT_B, "imposed tariffs"),
                         status="fulfilled")])
    c = _doc("sanktionen.de.txt", TEXT_C, "de", date(2025, 4, 7), None, [eu, rus, ukr, usa],
             [("Europäische Union", "european-union", None), ("Russland", "RUS", None), ("Ukraine", "UKR", None)],
             [_ev(TEXT_C, "e1", "SANCTION", ["EUR"], ["RUS"], "verhängte weitere Sanktionen gegen Russland", "2025"),
              _ev(TEXT_C, "e2", "AID", ["USA"], ["UKR"], "Die USA sagten der Ukraine in Kiew neue Hilfe zu.",
                  "2025-04-06", location=Place("Kiew", "UKR"))])
    return [a, b, c]


def build_store(db: str) -> Store:
    store = Store(db)
    for d in documents():
        assert store.add(d)
    return store
