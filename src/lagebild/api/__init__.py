"""HTTP API and web page over the store (FastAPI); `lagebild serve` runs it."""
from .app import create_app

__all__ = ["create_app"]
