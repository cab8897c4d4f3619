"""Read-only routes: thin wrappers over lagebild.store.queries (plain `def`, so FastAPI runs
them in its threadpool and a slow query does not block the event loop)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request

from ..store import Store, queries

router = APIRouter()

# Dates in the store have day, month or year precision; filters take any of the three.
DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
CODE = r"^[A-Za-z]{3}$"

Since = Annotated[str | None, Query(pattern=DATE, description="Earliest date, YYYY[-MM[-DD]]")]
Until = Annotated[str | None, Query(pattern=DATE, description="Latest date, YYYY[-MM[-DD]]")]
Code = Annotated[str | None, Query(pattern=CODE, description="Actor code (ISO alpha-3 or IGO code)")]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0)]


def _store(request: Request) -> Store:
    return request.app.state.store


def _up(code: str | None) -> str | None:
    return code.upper() if code else code


@router.get("/stats", tags=["store"], summary="Counts of what the store holds")
def stats(request: Request) -> dict[str, int]:
    return _store(request).stats()


@router.get("/event-types", tags=["store"], summary="PLOVER event types with their quad")
def event_types() -> list[dict[str, Any]]:
    from ..events.ontology import load_ontology

    onto = load_ontology()
    return [{"name": t.name, "quad": t.quad, "modes": list(t.modes)} for t in onto.event_types.values()]


@router.get("/articles", tags=["articles"], summary="Stored articles, newest first")
def list_articles(request: Request,
                  q: Annotated[str | None, Query(max_length=200, description="Words in title or text")] = None,
                  limit: Limit = 50, offset: Offset = 0) -> Any:
    return queries.articles(_store(request), q=q, limit=limit, offset=offset)


@router.get("/articles/{article_id}", tags=["articles"],
            summary="One article with its text and the evidence spans of its events")
def get_article(request: Request, article_id: Annotated[int, Path(ge=1)]) -> Any:
    found = queries.article(_store(request), article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    return found


@router.get("/events", tags=["events"], summary="Coded events, filtered")
def list_events(request: Request, actor: Code = None, recipient: Code = None,
                type: Annotated[str | None, Query(pattern=r"^[A-Za-z]+$", description="PLOVER event type")] = None,
                since: Since = None, until: Until = None,
                status: Annotated[Literal["occurred", "historical", "future", "hypothetical", "negated"] | None,
                                  Query()] = None,
                article_id: Annotated[int | None, Query(ge=1)] = None,
                limit: Limit = 100, offset: Offset = 0) -> Any:
    return queries.events(_store(request), actor=_up(actor), recipient=_up(recipient),
                          type=type.upper() if type else None, since=since, until=until, status=status,
                          article_id=article_id, limit=limit, offset=offset)


@router.get("/actors/{code}", tags=["actors"], summary="Profile of one actor: partners, events, relations")
def get_actor(request: Request, code: Annotated[str, Path(pattern=CODE)]) -> Any:
    found = queries.actor_profile(_store(request), code.upper())
    if not found:
        raise HTTPException(404, "no such actor in the store")
    return found


@router.get("/actors", tags=["actors"], summary="Actors with their event counts (the network's nodes)")
def list_actors(request: Request, since: Since = None, until: Until = None) -> Any:
    return queries.network(_store(request), since=since, until=until, type=None)["nodes"]


@router.get("/relations", tags=["world"], summary="Standing relations: treaties, claims, memberships, ...")
def list_relations(request: Request,
                   type: Annotated[str | None, Query(max_length=40)] = None,
                   subject: Code = None, object: Annotated[str | None, Query(max_length=200)] = None) -> Any:
    return queries.relations(_store(request), type=type, subject=_up(subject), object=object)


@router.get("/commitments", tags=["world"], summary="Commitments; status 'open' means made or reaffirmed")
def list_commitments(request: Request, actor: Code = None, recipient: Code = None,
                     status: Annotated[str | None, Query(pattern=r"^[a-z]+$")] = None) -> Any:
    return queries.commitments(_store(request), actor=_up(actor), recipient=_up(recipient), status=status)


@router.get("/dyads/{a}/{b}", tags=["events"], summary="Event series of a dyad per period")
def dyad_series(request: Request, a: Annotated[str, Path(pattern=CODE)], b: Annotated[str, Path(pattern=CODE)],
                by: Literal["day", "week", "month", "year"] = "month", since: Since = None, until: Until = None) -> Any:
    return queries.dyad(_store(request), a.upper(), b.upper(), by=by, since=since, until=until)


@router.get("/network", tags=["events"], summary="Actor network: nodes and dyad edges")
def network(request: Request, since: Since = None, until: Until = None,
            type: Annotated[str | None, Query(pattern=r"^[A-Za-z]+$")] = None) -> Any:
    return queries.network(_store(request), since=since, until=until, type=type.upper() if type else None)


@router.get("/search", tags=["articles"], summary="Full-text search over article text")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Any:
    return queries.search(_store(request), q, limit=limit)
