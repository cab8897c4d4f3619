"""`lagebild serve`: the HTTP API and the web page in one process (uvicorn).

Loopback by default. Bound to any other address it refuses to start unless LAGEBILD_TOKEN is
set, and then every request must carry that token. A token set on loopback is enforced too.
"""
from __future__ import annotations

import ipaddress
import os

import click

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False   # a host name other than localhost may resolve anywhere


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback requires LAGEBILD_TOKEN.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--db", default=None, metavar="PATH|URL",
              help="Store location (default: $LAGEBILD_DB or the user data directory).")
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the API (/openapi.json) and the web page (/) over the store."""
    import uvicorn

    from ..api import create_app

    token = os.environ.get("LAGEBILD_TOKEN") or None
    local = is_loopback(host)
    if not local and token is None:
        raise click.UsageError(f"binding to {host} exposes the store to the network: set LAGEBILD_TOKEN "
                               "(every request must then present it), or bind 127.0.0.1")
    if token is not None and len(token) < 16:
        raise click.UsageError("LAGEBILD_TOKEN is too short: use at least 16 random characters")
    # On loopback only local names are accepted as Host, so a web page cannot reach the
    # server through DNS rebinding.
    hosts = [*LOOPBACK_NAMES, host] if local else None
    app = create_app(db, token, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Lagebild on http://{shown}:{port}/" + ("?token=<LAGEBILD_TOKEN>" if token else "")
               + f"  (store: {app.state.store.engine.url.render_as_string(hide_password=True)})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
