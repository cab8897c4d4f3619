"""The NLP base: sentences, tokens with offsets, lemmas, part of speech, time expressions.

`annotate(doc)` fills `doc.sentences`, `doc.tokens` and `doc.times` using the backends that the
document language's profile names.
"""
from __future__ import annotations

from ..model import Document, Sentence, Token
from .backends import backend_for, paragraphs
from .dates import find_times

__all__ = ["annotate", "find_times", "lexicon_reading"]


def lexicon_reading(lang: str, word: str) -> str:
    """What the language's tagger lexicon holds for a word form ("NE", "NN", "NE+NN"; "" when it
    does not know the word or the backend has no such lexicon)."""
    reading = getattr(backend_for(lang), "reading", None)
    return reading(word) if reading else ""


def annotate(doc: Document) -> Document:
    run = backend_for(doc.lang)
    for base, para in paragraphs(doc.text):
        for raw_sent in run(para):
            first = len(doc.tokens)
            for raw in raw_sent:
                doc.tokens.append(Token(
                    i=len(doc.tokens), start=base + raw.start, end=base + raw.end, text=raw.text,
                    lemma=raw.lemma, pos=raw.pos, tag=raw.tag, sent=len(doc.sentences),
                    dep=raw.dep, head=first + raw.head if raw.head >= 0 else -1))
            doc.sentences.append(Sentence(i=len(doc.sentences), start=doc.tokens[first].start,
                                          end=doc.tokens[-1].end, token_start=first,
                                          token_end=len(doc.tokens)))
    doc.times = find_times(doc.text, doc.lang, doc.article.published)
    return doc
