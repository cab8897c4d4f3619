"""The API served by uvicorn in a background thread on a free loopback port, for tests that need
a real HTTP server (a browser, a concurrent ingest)."""
import contextlib
import socket
import threading
import time

import uvicorn

from lagebild.api import create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(db: str):
    """Yield the base URL of the API over the store at `db`; stop the server afterwards."""
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db, None, allowed_hosts=["127.0.0.1"]),
                                        host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not srv.started:
        assert time.time() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
