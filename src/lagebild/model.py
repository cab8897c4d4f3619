"""The domain objects that flow through the pipeline.

ingest makes an Article; nlp adds Sentences and Tokens; actors add Entities and Mentions;
events add Events; world adds Relations and Commitments. Every stage reads the Document
and adds to it, nothing reaches back.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Status = Literal["occurred", "historical", "future", "hypothetical", "negated"]
Precision = Literal["day", "month", "year"]
EntityKind = Literal["country", "person", "organization", "location"]


def content_hash(text: str) -> str:
    """Stable id of an article's text: the same words from another feed hash the same."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One news report as ingested: the text exactly as read, plus its metadata."""

    id: str                      # file name, JSONL id or feed entry id
    text: str                    # the text every offset points into
    language: str | None = None  # ISO 639-1 ("de", "en"), detected when not given
    published: date | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    source: str | None = None    # publication or feed name
    path: str | None = None      # where it came from (file, "stdin", "feed.xml#3")
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.text)


@dataclass
class IngestProblem:
    """An input that could not become an article; reported, never raised."""

    source: str   # path, "path:line" or "stdin"
    message: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Token:
    i: int          # index in the document
    start: int
    end: int
    text: str
    lemma: str
    pos: str        # coarse universal tag (NOUN, PROPN, VERB, ADJ, ...)
    tag: str = ""   # fine tag (STTS for German, PTB for English)
    sent: int = 0   # index of the sentence
    dep: str = ""   # dependency label where the language has a parser
    head: int = -1  # document index of the syntactic head, -1 when unknown


@dataclass
class Sentence:
    i: int
    start: int
    end: int
    token_start: int  # first token index
    token_end: int    # one past the last token index


@dataclass
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None          # "2025-02-07", "2025-02", "2025" or None when unresolved
    precision: Precision | None
    relative: bool = False     # needed the publication date to resolve


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entity_id: str
    sentence: int = 0
    role: str | None = None      # role noun that made it ("Präsident", "Küstenwache")
    sector: str | None = None    # PLOVER sector code the mention implies (GOV, MIL, COP, ...)
    kind: str = "name"           # name | adjective | demonym | metonym | role | pronoun


@dataclass
class Entity:
    id: str                      # ISO alpha-3 for states, slug for the rest
    kind: EntityKind
    name: str
    country: str | None = None   # the state it belongs to (ISO alpha-3)
    code: str | None = None      # PLOVER actor code (ISO alpha-3 or IGO code)
    sector: str | None = None
    office: str | None = None    # for persons: office held on the article's date
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Participant:
    """An actor or recipient of an event (a PLOVER entity object)."""

    code: str
    sector: str | None = None
    entity_id: str | None = None
    entity_text: str | None = None
    identifier_id: str | None = None   # a specific code where `code` is generic (IGO -> "UNO")
    identifier_text: str | None = None
    office: str | None = None


@dataclass
class Quantity:
    amount: float | None = None
    unit: str | None = None
    commodity: str | None = None
    qualifier: str | None = None
    factor: float | None = None
    text: str | None = None


@dataclass
class Attribution:
    speaker: str | None          # entity id of who said it
    cue: str                     # "kündigte an", "hieß es", "nach US-Angaben"
    self_report: bool = False    # the actor speaks for itself


@dataclass
class Place:
    name: str
    country: str | None = None
    entity_id: str | None = None


@dataclass
class Event:
    id: str
    event: list[str]
    actor: list[Participant]
    recipient: list[Participant]
    evidence: Span
    sentence: int
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    status: Status = "occurred"
    date: str | None = None
    date_precision: Precision | None = None
    quantity: Quantity | None = None
    attribution: Attribution | None = None
    location: Place | None = None
    trigger: Span | None = None
    predicate: str | None = None   # lemma of the trigger ("zusagen", "import")
    confidence: float = 0.5
    quad: str | None = None        # verbal/material cooperation/conflict
    scale: float | None = None     # PLOVER event_scale (Goldstein-like)
    cameo: str | None = None


@dataclass
class Relation:
    """A standing fact: treaty, treaty-covers, member-of, claims, rejects-claim, leader-of, partnership."""

    type: str
    subject: list[str]
    object: str | None
    evidence: Span
    name: str | None = None
    role: str | None = None
    note: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass
class Commitment:
    id: str
    actor: list[str]
    recipient: list[str]
    action: str                   # normalised action ("import", "invest", "visit", ...)
    object: str | None
    event_id: str
    evidence: Span
    quantity: Quantity | None = None
    deadline: str | None = None
    condition: str | None = None
    status: str = "made"          # made, reaffirmed, fulfilled, broken, withdrawn, overtaken


@dataclass
class Document:
    """An Article on its way through the stages; each stage fills its own fields."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def lang(self) -> str:
        return self.article.language or "de"

    def sentence_tokens(self, s: Sentence) -> list[Token]:
        return self.tokens[s.token_start:s.token_end]
