"""POST /articles: analyse one article and store it (idempotent: the same text twice is one article).

The body is JSON ({text, title?, url?, published?, language?, source?, id?}) or the raw article
(plain text with optional front matter, or an HTML page), read up to the app's size limit.
"""
from __future__ import annotations

import json
import threading
from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from .. import lang
from ..ingest.decode import clean_text
from ..ingest.sources import read_inputs
from ..ingest.text import Options, make_article
from ..model import Article, IngestProblem
from ..pipeline import analyze_article
from ..store import schema as t

router = APIRouter()

# One analysis at a time: it is CPU-bound, and the NLP components are not known to be thread-safe.
_analysis = threading.Lock()


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="The article text; offsets in the results refer to it")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: date | None = Field(None, description="Publication date; relative dates resolve against it")
    language: str | None = Field(None, pattern=r"^[A-Za-z]{2}([-_][A-Za-z0-9]+)*$",
                                 description="ISO 639-1 code; detected when absent")
    source: str | None = Field(None, max_length=200)
    id: str | None = Field(None, max_length=200, description="Your id for the article")


class ArticleOut(BaseModel):
    id: int = Field(description="The article's id in the store (GET /articles/{id})")
    doc_id: str
    hash: str
    added: bool = Field(description="False when the same text was already stored")
    language: str | None
    published: str | None
    events: int
    relations: int
    commitments: int


async def _body(request: Request) -> bytes:
    limit = request.app.state.max_body
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"article larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"article larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _from_json(data: bytes) -> Article:
    try:
        item = ArticleIn.model_validate(json.loads(data))
    except (ValueError, ValidationError) as exc:
        errors = exc.errors(include_url=False) if isinstance(exc, ValidationError) else str(exc)
        raise HTTPException(422, errors) from None
    text = clean_text(item.text)
    if not text.strip():
        raise HTTPException(422, "empty text")
    article = make_article(Options(), id=item.id or "", text=text, path="api", title=item.title,
                           url=item.url, source=item.source, published=item.published,
                           language=item.language)
    article.id = article.id or f"api-{article.hash[:12]}"
    return article


def _from_raw(data: bytes, published: date | None, language: str | None) -> Article:
    import io

    items = list(read_inputs(["-"], stdin=io.BytesIO(data), published=published,
                             language=language or "auto", max_bytes=len(data) + 1))
    problems = [i.message for i in items if isinstance(i, IngestProblem)]
    articles = [i for i in items if isinstance(i, Article)]
    if problems or len(articles) != 1:
        raise HTTPException(422, problems[0] if problems else f"expected one article, got {len(articles)}")
    article = articles[0]
    if article.id == "stdin":   # the reader's name for an unnamed stream
        article.id = f"api-{article.hash[:12]}"
    article.path = "api"
    return article


@router.post(
    "/articles", tags=["articles"], summary="Analyse one article and store it",
    response_model=ArticleOut, status_code=201,
    responses={200: {"description": "Already stored (same text)", "model": ArticleOut},
               413: {"description": "Body over the size limit"},
               422: {"description": "Not an article Lagebild can read"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": ArticleIn.model_json_schema()},
        "text/plain": {"schema": {"type": "string", "description": "Article text, optional YAML front matter"}},
        "text/html": {"schema": {"type": "string", "description": "An article page"}},
    }}},
)
async def post_article(
    request: Request,
    published: Annotated[date | None, Query(description="For raw bodies: publication date")] = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2}$", description="For raw bodies: language")] = None,
):
    data = await _body(request)
    if not data.strip():
        raise HTTPException(422, "empty body")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    article = _from_json(data) if ctype == "application/json" else _from_raw(data, published, language)
    if article.language not in lang.supported():
        raise HTTPException(422, f"language {article.language or 'unknown'!r} is not analysed "
                                 f"(Lagebild reads {', '.join(lang.supported())})")
    store = request.app.state.store
    doc = await run_in_threadpool(_analyse, article)
    added = await run_in_threadpool(store.add, doc)
    row = await run_in_threadpool(_row, store, article.hash)
    out = ArticleOut(id=row.id, doc_id=row.doc_id, hash=article.hash, added=added, language=row.language,
                     published=row.published, events=len(doc.events), relations=len(doc.relations),
                     commitments=len(doc.commitments))
    return JSONResponse(out.model_dump(), status_code=201 if added else 200,
                        headers={"Location": f"/articles/{row.id}"})


def _analyse(article: Article):
    with _analysis:
        return analyze_article(article)


def _row(store, content_hash: str):
    with store.engine.connect() as conn:
        return conn.execute(select(t.articles.c.id, t.articles.c.doc_id, t.articles.c.language,
                                   t.articles.c.published).where(t.articles.c.hash == content_hash)).one()
