"""Lagebild: news reports into an evidence-linked, PLOVER-coded model of international relations."""

__version__ = "0.1.0"
