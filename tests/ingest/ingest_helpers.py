"""Small helpers shared by the ingest tests."""
from __future__ import annotations

from lagebild.ingest import Article, IngestProblem, read_inputs


def run(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def articles(items):
    return [x for x in items if isinstance(x, Article)]


def problems(items):
    return [x for x in items if isinstance(x, IngestProblem)]


def only_article(items) -> Article:
    assert not problems(items), problems(items)
    (art,) = articles(items)
    return art


def only_problem(items) -> IngestProblem:
    assert not articles(items), articles(items)
    (prob,) = problems(items)
    return prob


# Own sentences, written for these tests.
DE = ("Die Regierung in Berlin hat am Montag neue Hilfen für die Landwirtschaft beschlossen. "
      "Der Minister sagte, die Größe des Pakets sei in der Geschichte des Landes einmalig.\n")
EN = ("The government in London announced on Tuesday that it would extend the aid programme. "
      "The minister said the talks with the neighbouring countries had been constructive.\n")
FR = ("Le gouvernement a annoncé mardi qu'il allait prolonger le programme d'aide. "
      "Le ministre a déclaré que les discussions avec les pays voisins avaient été utiles.\n")
