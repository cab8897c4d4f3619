"""Language data: one folder per language, loaded by name; code never branches on a language.

Each folder holds small data files (TSV with `#` comments, YAML) that the stages read through
these loaders. `profile.yaml` names the NLP components a language uses.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def _files(lang: str):
    return resources.files(__name__).joinpath(lang)


@lru_cache(maxsize=None)
def supported() -> tuple[str, ...]:
    """Languages with a profile, i.e. the ones Lagebild analyses."""
    return tuple(sorted(p.name for p in resources.files(__name__).iterdir()
                        if p.is_dir() and p.joinpath("profile.yaml").is_file()))


def file(lang: str, name: str):
    """A file of a language folder, present or not (see `has`)."""
    return _files(lang).joinpath(name)


def has(lang: str, name: str) -> bool:
    return file(lang, name).is_file()


@lru_cache(maxsize=None)
def load_yaml(lang: str, name: str) -> Any:
    """A YAML file of a language folder; an absent file reads as empty."""
    if not has(lang, name):
        return {}
    return yaml.safe_load(file(lang, name).read_text(encoding="utf-8")) or {}


def parse_tsv(text: str, columns: tuple[str, ...] | None = None) -> list[dict[str, str]]:
    """Rows of a TSV with `#` comment lines. With `columns`, cells are read by position and a
    header row equal to the column names is skipped; without, the first row is the header."""
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not rows:
        return []
    if columns is None:
        columns, rows = tuple(c.strip() for c in rows[0]), rows[1:]
    elif [c.strip() for c in rows[0][:len(columns)]] == list(columns):
        rows = rows[1:]
    return [{c: (row[k].strip() if k < len(row) else "") for k, c in enumerate(columns)} for row in rows]


@lru_cache(maxsize=None)
def load_tsv(lang: str, name: str, columns: tuple[str, ...] | None = None) -> tuple[dict[str, str], ...]:
    if not has(lang, name):
        return ()
    return tuple(parse_tsv(file(lang, name).read_text(encoding="utf-8"), columns))


def split_list(cell: str) -> list[str]:
    """`a|b|c` -> ["a", "b", "c"], dropping empties."""
    return [x.strip() for x in (cell or "").split("|") if x.strip()]
