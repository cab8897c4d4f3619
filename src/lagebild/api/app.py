"""The application factory: JSON API, the web page and its static files, one process.

Security in one place (the `guard` middleware):
- every response carries a strict Content-Security-Policy (scripts and styles only from our
  own origin, nothing inline), nosniff, no framing and no referrer;
- with a token, every request must present it: `Authorization: Bearer`, the `lagebild_token`
  cookie, or `?token=`. Opening the page once as `/?token=...` sets that cookie (HttpOnly,
  SameSite=Strict) and redirects to the bare URL, so the page's own fetches carry it and the
  token leaves the address bar;
- writes from another site's page are refused (Origin / Sec-Fetch-Site), since a browser on
  this machine may post to a loopback server without any token;
- with `allowed_hosts`, a request naming another Host is refused (DNS rebinding).
"""
from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store import Store

__all__ = ["create_app", "COOKIE", "MAX_BODY"]

COOKIE = "lagebild_token"
MAX_BODY = 2_000_000   # bytes of one POSTed article; larger bodies get 413

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def web_dir() -> Path:
    return Path(str(resources.files("lagebild").joinpath("web")))


def _same(given: str | None, token: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _host_name(host: str) -> str:
    """'example.org:8000' -> 'example.org', '[::1]:8000' -> '::1'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cross_site(request: Request) -> bool:
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()


def create_app(db: str | None = None, token: str | None = None, *, max_body: int = MAX_BODY,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store at `db` (None: $LAGEBILD_DB or the user data directory).

    token: when set, required on every request. allowed_hosts: host names the Host header may
    carry (None: any)."""
    store = Store(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="Lagebild",
        version=__version__,
        description="Evidence-linked model of international relations built from news reports: "
                    "articles, actors, PLOVER events, standing relations and commitments.",
        docs_url=None, redoc_url=None,   # both load scripts from a CDN; the schema is at /openapi.json
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.max_body = max_body
    hosts = {_host_name(h) for h in allowed_hosts} if allowed_hosts else None

    @app.middleware("http")
    async def guard(request: Request, call_next):
        response = await _check(request, call_next)
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    async def _check(request: Request, call_next):
        if hosts is not None and _host_name(request.headers.get("host", "")) not in hosts:
            return PlainTextResponse("unknown host", status_code=421)
        if request.method not in ("GET", "HEAD", "OPTIONS") and _cross_site(request):
            return JSONResponse({"detail": "cross-site write refused"}, status_code=403)
        if token is None:
            return await call_next(request)
        auth = request.headers.get("authorization", "")
        bearer = auth[7:].strip() if auth[:7].lower() == "bearer " else None
        query = request.query_params.get("token")
        if _same(bearer, token) or _same(request.cookies.get(COOKIE), token):
            return await call_next(request)
        if _same(query, token):
            if request.method == "GET" and request.url.path == "/":
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                resp = RedirectResponse("/" + ("?" + urlencode(rest) if rest else ""), status_code=303)
                resp.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
                return resp
            return await call_next(request)
        return JSONResponse({"detail": "a valid token is required (Authorization: Bearer <token>, "
                                       "or open the page once as /?token=<token>)"},
                            status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        # the queries raise ValueError for arguments they cannot use
        return JSONResponse({"detail": str(exc)}, status_code=422)

    from .ingest import router as ingest_router
    from .routes import router

    app.include_router(router)
    app.include_router(ingest_router)

    web = web_dir()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=web), name="static")
    return app
