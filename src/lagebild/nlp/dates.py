"""Time expressions: find them in text and resolve them against the publication date.

`find_times(text, lang, published)` returns `TimeExpression`s sorted by start, never
overlapping (the longest match wins). All words come from `lang/<code>/dates.yaml`; this module
only knows the shapes of expressions and the calendar arithmetic.

Spans hold the words that decide the value: modifiers ("Anfang März", "last Tuesday",
"vor zwei Wochen", "two weeks ago") are inside, plain prepositions ("am", "im", "on", "in",
"seit") are not.

Resolution rules (documented here because callers depend on them):
- A date without a year takes the latest year that puts it at most ~6 months (183 days) after
  publication: news reports mostly the past and the near future. For a month alone the first
  of the month is compared.
- A bare weekday ("am Freitag", "on Friday") is the last such day on or before publication
  (the publication day itself when the weekdays agree); after a future context word
  ("bis Freitag", "until Friday") the first on or after it. "letzten/last Freitag" is the last
  one strictly before, "kommenden/nächsten/next" the first strictly after, "diesen/this" the
  first on or after; "Freitag vergangener Woche" the Friday of that calendar week.
- The model has no week precision, so week periods ("vergangene Woche", "last week") give the
  month (precision "month") of the day the expression points at inside that week: its Monday,
  or a later day for "Mitte/Ende der Woche".
- Counting back or ahead ("vor drei Tagen", "in two weeks") gives a day for days and weeks,
  a month for months, a year for years and decades.
- Bare years (1900-2099) count only after a licensing word ("seit 2019", "in 2024"), a year
  noun ("im Jahr 2024"), a part word ("Ende 2024") or a range connector after a year already
  found ("2019 bis 2024"), and not before an amount noun ("bis 2000 Euro").
- Month names alone likewise need a licensing word, a part, a shift or a year ("im März").
- Without a publication date, anything that needs one comes back with value and precision
  None and relative=True.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from dateutil.relativedelta import relativedelta

from .. import lang as langdata
from ..model import TimeExpression

__all__ = ["find_times"]

FUTURE_WINDOW = timedelta(days=183)

_END = r"(?!\w|-\w)"                         # end of a word, also not inside "Mai-Wahl"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTHNUM = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"              # explicit dates may be historic
_BARE_YEAR = r"(?:19\d\d|20\d\d)"
_NUM_END = r"(?!\d|[.,:/]\d)"                 # not "7.25", "2:1", "2019/20"

# One item: start, end, value, precision, relative.
Item = tuple[int, int, "str | None", "str | None", bool]


# ---------------------------------------------------------------------------------------------
# Building the grammar of a language from its data file

def _key(s: str) -> str:
    return " ".join(s.split()).casefold().rstrip(".")


def _form(f: str, loose_dot: bool) -> str:
    pat = r"\s+".join(re.escape(w) for w in f.split())
    if loose_dot and f.endswith("."):
        pat += "?"
    return pat


def _alt(forms, *, exact: bool = False, loose_dot: bool = False) -> str:
    """A regex alternation of word forms, longest first; any case unless `exact`."""
    uniq = sorted({str(f) for f in forms if str(f).strip()}, key=lambda f: (-len(f), f))
    if not uniq:
        return r"(?!)"
    body = "|".join(_form(f, loose_dot) for f in uniq)
    return f"(?:{body})" if exact else f"(?i:{body})"


def _ctx_before(forms) -> re.Pattern | None:
    """Matches a window of text that ends with one of `forms` (plus spacing or an opening bracket)."""
    if not forms:
        return None
    return re.compile(r"(?<!\w)" + _alt(forms) + r"[\s(\"'„“‚]*\Z")


def _lead(*groups) -> str:
    """A look-ahead for the first characters that the given word forms can start with."""
    chars = {c for forms in groups for f in forms if str(f)
             for c in (str(f)[0], str(f)[0].lower(), str(f)[0].upper())}
    if not chars:
        return r"(?!)"
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


@dataclass
class _Grammar:
    month: dict[str, int]
    weekday: dict[str, int]
    shift: dict[str, int]
    part: dict[str, float]
    period: dict[str, str]
    dayword: dict[str, int]
    number: dict[str, int]
    article: set[str]
    count: dict[str, str]
    direction: dict[str, int]
    future_ctx: re.Pattern | None
    month_lic: re.Pattern | None
    year_lic: re.Pattern | None
    num_block: re.Pattern | None
    year_block: re.Pattern
    connector: re.Pattern | None
    # kind, core pattern, handler, optional pattern for the words left of the core
    rules: list[tuple[str, re.Pattern, Callable, re.Pattern | None]] = field(default_factory=list)


@lru_cache(maxsize=None)
def _grammar(lang: str) -> _Grammar | None:
    d = langdata.load_yaml(lang, "dates.yaml")
    if not d:
        return None
    months = d.get("months") or []
    weekdays = d.get("weekdays") or []
    g = _Grammar(
        month={_key(f): i + 1 for i, row in enumerate(months) for f in row},
        weekday={_key(f): i for i, row in enumerate(weekdays) for f in row},
        shift={_key(k): int(v) for k, v in (d.get("shifts") or {}).items()},
        part={_key(k): float(v) for k, v in {**(d.get("period_parts") or {}),
                                             **(d.get("period_part_nouns") or {})}.items()},
        period={_key(k): v for k, v in (d.get("period_nouns") or {}).items()},
        dayword={_key(k): int(v) for k, v in (d.get("day_words") or {}).items()},
        number={_key(k): int(v) for k, v in (d.get("numbers") or {}).items()},
        article={_key(k) for k in d.get("article_numbers") or []},
        count={_key(k): v for k, v in (d.get("count_nouns") or {}).items()},
        direction={**{_key(w): -1 for w in (d.get("ago_before") or []) + (d.get("ago_after") or [])},
                   **{_key(w): 1 for w in (d.get("ahead_before") or []) + (d.get("ahead_after") or [])}},
        future_ctx=_ctx_before(d.get("weekday_future_context")),
        month_lic=_ctx_before(d.get("month_licensors")),
        year_lic=_ctx_before(d.get("year_licensors")),
        num_block=_ctx_before(d.get("numeric_blockers")),
        year_block=re.compile(r"\s*(?:[%‰€$£¥]|" + _alt(d.get("year_blockers") or []) + r"(?!\w))"),
        connector=None,
    )

    def word_or_symbol(forms):
        words = [f for f in forms if re.search(r"\w", f)]
        syms = [f for f in forms if not re.search(r"\w", f)]
        alts = []
        if words:
            alts.append(r"\s+" + _alt(words) + r"\s+")
        if syms:
            alts.append(r"\s*" + _alt(syms) + r"\s*")
        return "(?:" + "|".join(alts) + ")" if alts else None

    conn = word_or_symbol(d.get("range_connectors") or [])
    if conn:
        g.connector = re.compile(conn)

    all_months = [f for row in months for f in row]
    all_weekdays = [f for row in weekdays for f in row]
    MON_L = _alt(all_months, exact=True, loose_dot=True)
    MON_S = _alt(all_months, exact=True)
    WD = _alt(all_weekdays, exact=True)
    SHIFT = _alt(d.get("shifts") or {})
    LINKS = _alt(d.get("period_links") or [])
    parts = [str(p) for p in (d.get("period_parts") or {})]
    PART_SEP = "(?:" + "|".join(
        _alt([p]) + (r"\s*" if p.endswith("-") else r"\s+")
        for p in sorted(parts, key=len, reverse=True)) + ")" if parts else r"(?!)"
    PART_N = _alt(d.get("period_part_nouns") or {})
    PREFIX = (rf"(?:(?P<pa>{PART_SEP})(?:(?P<pl>{LINKS})\s+)?"
              rf"|(?P<pn>{PART_N})\s+(?P<pl2>{LINKS})\s+)?")
    year_periods = [k for k, v in (d.get("period_nouns") or {}).items() if v == "year"]
    week_periods = [k for k, v in (d.get("period_nouns") or {}).items() if v == "week"]
    # What may follow a month: a year or a shifted year ("Mai letzten Jahres", "March last year").
    SHIFTED_YEAR = rf"\s+(?:{LINKS}\s+)?(?P<ts>{SHIFT})\s+{_alt(year_periods)}{_END}"
    YEAR_TAIL = rf"(?:\s+(?P<y>{_YEAR}){_NUM_END}|{SHIFTED_YEAR})?"
    YEAR_TAIL_COMMA = rf"(?:,?\s+(?P<y>{_YEAR}){_NUM_END}|{SHIFTED_YEAR})?"   # days: "February 7, 2025"
    suffixes = [str(s) for s in (d.get("day_suffixes") or [])]
    SUF = "(?:" + "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True)) + ")" \
        if suffixes else ""
    SEP = r"(?:\s+|(?<=\.)\s*)"              # "7. Februar", "7.Februar", "Feb. 7"
    DLINK = rf"(?:{_alt(d['day_month_links'])}\s+)?" if d.get("day_month_links") else ""
    ARTS = rf"(?:{_alt(d['date_articles'])}\s+)?" if d.get("date_articles") else ""
    orders = d.get("date_orders") or []

    def add(kind: str, core: str, handler: Callable, leads, left: str | None = None) -> None:
        # The core starts with a one-character look-ahead, so most positions fail at once;
        # optional words before it are matched backwards from its start by `left` (speed).
        g.rules.append((kind, re.compile(_lead(*leads) + core), handler,
                        re.compile(left + r"\Z") if left else None))

    DIGITS = list("0123456789")
    # Left contexts: a weekday before a date ("Freitag, 7.2."), parts and shifts before a month,
    # year or period ("Ende des Jahres", "Anfang nächsten Jahres", "letzten Mai").
    WDP = rf"(?<!\w)(?P<wd>{WD})(?:\s*,\s*|\s+){ARTS}"
    SHP = rf"(?<!\w)(?P<sh>{SHIFT})\s+"
    PSP = rf"(?<!\w){PREFIX}(?:(?P<sh>{SHIFT})\s+)?"

    if suffixes:
        day1 = rf"(?<![\w.,])(?P<d>{_DAY}){SUF}(?!\d)"
        if "dmy" in orders:
            add("date", rf"{day1}{SEP}{DLINK}(?P<m>{MON_L}){_END}{YEAR_TAIL_COMMA}", _h_date,
                [DIGITS], WDP)
        if "mdy" in orders:
            add("date", rf"(?<!\w)(?P<m>{MON_L}){SEP}(?P<d>{_DAY}){SUF}(?!\w|[.,:]\d){YEAR_TAIL_COMMA}",
                _h_date, [all_months], WDP)
        if conn:
            d1_free = rf"(?P<d1>{_DAY}){SUF}"
            d2 = rf"(?P<d2>{_DAY}){SUF}"
            if "dmy" in orders:
                add("range", rf"(?<![\w.,]){d1_free}(?P<c>{conn}){d2}{SEP}{DLINK}(?P<m>{MON_L}){_END}"
                    rf"{YEAR_TAIL_COMMA}", _h_range, [DIGITS])
            if "mdy" in orders:
                add("range", rf"(?<!\w)(?P<m>{MON_L}){SEP}{d1_free}(?P<c>{conn}){d2}"
                    rf"(?!\w|[.,:]\d){YEAR_TAIL_COMMA}", _h_range, [all_months])
    formats = d.get("numeric_formats") or []
    if "d.m.y" in formats:
        add("numeric", rf"(?<![\w.])(?<!\d,)(?P<d>{_DAY})\.(?P<m>{_MONTHNUM})\."
            rf"(?:(?P<y>{_YEAR}){_NUM_END}|(?!\d))", _h_numeric, [DIGITS], WDP)
    if "iso" in formats:
        add("numeric",
            rf"(?<![\w.-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d|-\d)",
            _h_numeric, [DIGITS])
    if months:
        add("month", rf"(?<!\w)(?P<m>{MON_S}){_END}{YEAR_TAIL}", _h_month, [all_months], PSP)
    year_nouns = d.get("year_nouns") or []
    YN = rf"(?:(?P<n>{_alt(year_nouns)})\s+)?" if year_nouns else ""
    add("year", rf"(?<![\w.,/])(?P<y>{_BARE_YEAR})(?!\w|[.,/]\d)", _h_year, [DIGITS],
        rf"(?<!\w){PREFIX}{YN}")
    if g.period:
        add("period", rf"(?<!\w)(?P<u>{_alt(d['period_nouns'])}){_END}", _h_period,
            [list(d["period_nouns"])], PSP)
    DP = _alt(d.get("day_parts") or [])
    if weekdays:
        glued = d.get("weekday_glued_parts") or []
        GL = rf"(?:{_alt(glued, exact=True)})?" if glued else ""
        week_tail = (rf"(?:\s+(?:{LINKS}\s+)?(?P<ws>{SHIFT})\s+{_alt(week_periods)}{_END})?"
                     if week_periods else "")
        add("weekday", rf"(?<!\w)(?P<wd>{WD}){GL}{_END}(?:\s+{DP}{_END})?{week_tail}",
            _h_weekday, [all_weekdays], SHP)
    if g.dayword:
        exact = {_key(w) for w in d.get("exact_case") or []}
        free = [w for w in d["day_words"] if _key(w) not in exact]
        fixed = [w for w in d["day_words"] if _key(w) in exact]
        alts = [_alt(free)] + ([_alt(fixed, exact=True)] if fixed else [])
        add("dayword", rf"(?<!\w)(?P<w>{'|'.join(alts)}){_END}(?:\s+{DP}{_END})?",
            _h_dayword, [list(d["day_words"])])
    if g.count:
        N = rf"(?P<n>{_alt(d.get('numbers') or {})}|(?<![\d.,])\d{{1,3}})"
        H = rf"(?:{_alt(d['hedges'])}\s+)?" if d.get("hedges") else ""
        U = rf"(?P<u>{_alt(d['count_nouns'])}){_END}"
        before = (d.get("ago_before") or []) + (d.get("ahead_before") or [])
        after = (d.get("ago_after") or []) + (d.get("ahead_after") or [])
        if before:
            add("offset", rf"(?<!\w)(?P<dir>{_alt(before)})\s+{H}{N}\s+{U}", _h_offset, [before])
        if after:      # "two weeks ago": found at the noun, the number is looked up backwards
            add("offset", rf"(?<!\w){U}\s+(?P<dir>{_alt(after)}){_END}", _h_offset,
                [list(d["count_nouns"])], rf"(?<!\w){H}{N}\s+")
    return g


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic

def _pick_year(pub: date, month: int, day: int = 1) -> int:
    """Latest year that puts month/day at most FUTURE_WINDOW after publication."""
    limit = pub + FUTURE_WINDOW
    for y in (pub.year + 1, pub.year, pub.year - 1, pub.year - 2):
        try:
            if date(y, month, day) <= limit:
                return y
        except ValueError:        # 29 February outside a leap year
            continue
    return pub.year - 1


def _weekday(pub: date, wd: int, mode: str) -> date:
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if mode == "past":
        return pub - timedelta(days=back)
    if mode == "last":
        return pub - timedelta(days=back or 7)
    if mode == "future":
        return pub + timedelta(days=ahead)
    return pub + timedelta(days=ahead or 7)


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _ymd(x: date) -> str:
    return x.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


@dataclass
class _Ctx:
    g: _Grammar
    text: str
    pub: date | None
    last_end: dict[str, int] = field(default_factory=dict)

    def before(self, pat: re.Pattern | None, start: int) -> bool:
        return pat is not None and pat.search(self.text, max(0, start - 40), start) is not None

    def chained(self, kind: str, start: int) -> bool:
        """Joined by a range connector to the previous expression of the same kind."""
        end = self.last_end.get(kind)
        return (end is not None and self.g.connector is not None and start - end < 20
                and self.g.connector.fullmatch(self.text, end, start) is not None)


class _Match:
    """A core match plus the optional words matched left of it, read like one re.Match."""

    __slots__ = ("core", "left", "_groups")

    def __init__(self, core: re.Match, left: re.Match | None):
        self.core, self.left = core, left
        self._groups = dict(core.groupdict())
        if left is not None:
            self._groups.update({k: v for k, v in left.groupdict().items() if v is not None})

    def group(self, name: str) -> str | None:
        return self._groups.get(name)

    def groupdict(self) -> dict[str, str | None]:
        return self._groups

    def start(self, name: str | None = None) -> int:
        if name is None:
            return self.left.start() if self.left is not None else self.core.start()
        return self.core.start(name) if name in self.core.re.groupindex else self.left.start(name)

    def end(self, name: str | None = None) -> int:
        if name is None:
            return self.core.end()
        return self.core.end(name) if name in self.core.re.groupindex else self.left.end(name)


def _rel(s: int, e: int, ctx: _Ctx, fn: Callable[[date], tuple[str, str]]) -> Item:
    if ctx.pub is None:
        return (s, e, None, None, True)
    value, precision = fn(ctx.pub)
    return (s, e, value, precision, True)


def _tail(ctx: _Ctx, m: _Match) -> tuple[int | None, int | None, int]:
    """Year, year shift and end of a date's tail; a year before an amount noun is dropped."""
    if m.group("y"):
        if ctx.g.year_block.match(ctx.text, m.end("y")):   # "am 7. Mai 2000 Soldaten"
            return None, None, max(m.end("m"), m.end("d2") if m.group("d2") else m.end("d"))
        return int(m.group("y")), None, m.end()
    if m.group("ts"):
        return None, ctx.g.shift[_key(m.group("ts"))], m.end()
    return None, None, m.end()


def _day_month(ctx: _Ctx, s: int, e: int, day: int, month: int,
               year: int | None, shift: int | None) -> Item | None:
    """A day and month with an explicit year, a shifted year ("letzten Jahres") or none."""
    if year is not None:
        return (s, e, f"{year:04d}-{month:02d}-{day:02d}", "day", False) \
            if _valid(year, month, day) else None
    if not _valid(2000, month, day):
        return None
    if shift is not None:
        def fn(pub: date):
            y = pub.year + shift
            return (f"{y:04d}-{month:02d}-{day:02d}", "day") if _valid(y, month, day) else (None, None)
        return _rel(s, e, ctx, fn)
    return _rel(s, e, ctx, lambda pub: (
        f"{_pick_year(pub, month, day):04d}-{month:02d}-{day:02d}", "day"))


# ---------------------------------------------------------------------------------------------
# Handlers: one match -> the items it yields (empty when the match is not a date after all)

def _h_date(ctx: _Ctx, m: _Match) -> list[Item]:
    month = ctx.g.month[_key(m.group("m"))]
    year, shift, end = _tail(ctx, m)
    item = _day_month(ctx, m.start(), end, int(m.group("d")), month, year, shift)
    return [item] if item else []


def _h_range(ctx: _Ctx, m: _Match) -> list[Item]:
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if d1 >= d2:
        return []
    month = ctx.g.month[_key(m.group("m"))]
    year, shift, end = _tail(ctx, m)
    # "7. | bis | 9. Februar", "February 7 | - | 9, 2025": the connector splits the two.
    a = _day_month(ctx, m.start(), m.start("c"), d1, month, year, shift)
    b = _day_month(ctx, m.end("c"), end, d2, month, year, shift)
    return [a, b] if a and b else []


def _h_numeric(ctx: _Ctx, m: _Match) -> list[Item]:
    gd = m.groupdict()
    if not gd.get("wd") and ctx.before(ctx.g.num_block, m.start()):
        return []
    day, month = int(m.group("d")), int(m.group("m"))
    if m.group("y"):
        y = int(m.group("y"))
        return [(m.start(), m.end(), f"{y:04d}-{month:02d}-{day:02d}", "day", False)] \
            if _valid(y, month, day) else []
    if not _valid(2000, month, day):
        return []
    return [_rel(m.start(), m.end(), ctx, lambda pub: (
        f"{_pick_year(pub, month, day):04d}-{month:02d}-{day:02d}", "day"))]


def _h_month(ctx: _Ctx, m: _Match) -> list[Item]:
    month = ctx.g.month[_key(m.group("m"))]
    s, e = m.start(), m.end()
    y = m.group("y")
    if y and ctx.g.year_block.match(ctx.text, m.end("y")):
        y, e = None, m.end("m")               # "im März 1500 Soldaten": the number is an amount
    licensed = (m.group("pa") or m.group("pn") or m.group("sh") or y or m.group("ts")
                or ctx.before(ctx.g.month_lic, s) or ctx.chained("month", s))
    if not licensed:
        return []
    ctx.last_end["month"] = e
    if y:
        return [(s, e, _ym(int(y), month), "month", False)]
    if m.group("ts"):
        shift = ctx.g.shift[_key(m.group("ts"))]
        return [_rel(s, e, ctx, lambda pub: (_ym(pub.year + shift, month), "month"))]
    if m.group("sh"):
        shift = ctx.g.shift[_key(m.group("sh"))]

        def fn(pub: date):
            if shift < 0:
                y = pub.year if month < pub.month else pub.year - 1
            elif shift > 0:
                y = pub.year if month > pub.month else pub.year + 1
            else:
                y = pub.year
            return _ym(y, month), "month"
        return [_rel(s, e, ctx, fn)]
    return [_rel(s, e, ctx, lambda pub: (_ym(_pick_year(pub, month), month), "month"))]


def _h_year(ctx: _Ctx, m: _Match) -> list[Item]:
    s, e = m.start(), m.end()
    if ctx.g.year_block.match(ctx.text, e):
        return []
    gd = m.groupdict()
    has_prefix = gd.get("pa") or gd.get("pn") or gd.get("n")
    if not (has_prefix or ctx.before(ctx.g.year_lic, s) or ctx.chained("year", s)):
        return []
    ctx.last_end["year"] = e
    return [(s, e, m.group("y"), "year", False)]


def _h_period(ctx: _Ctx, m: _Match) -> list[Item]:
    if not (m.group("sh") or (m.group("pa") and m.group("pl")) or m.group("pn")):
        return []                             # "der Woche" alone is no date
    unit = ctx.g.period[_key(m.group("u"))]
    shift = ctx.g.shift[_key(m.group("sh"))] if m.group("sh") else 0
    part = m.group("pa") or m.group("pn")
    frac = ctx.g.part.get(_key(part), 0.0) if part else 0.0

    def fn(pub: date):
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
            day = monday + timedelta(days=round(6 * frac))
            return _ym(day.year, day.month), "month"
        if unit == "month":
            first = date(pub.year, pub.month, 1) + relativedelta(months=shift)
            return _ym(first.year, first.month), "month"
        return f"{pub.year + shift:04d}", "year"
    return [_rel(m.start(), m.end(), ctx, fn)]


def _h_weekday(ctx: _Ctx, m: _Match) -> list[Item]:
    wd = ctx.g.weekday[_key(m.group("wd"))]
    s, e = m.start(), m.end()
    if m.group("ws"):
        shift = ctx.g.shift[_key(m.group("ws"))]
        return [_rel(s, e, ctx, lambda pub: (_ymd(
            pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift, days=wd)), "day"))]
    if m.group("sh"):
        mode = {-1: "last", 0: "future", 1: "next"}[max(-1, min(1, ctx.g.shift[_key(m.group("sh"))]))]
    else:
        mode = "future" if ctx.before(ctx.g.future_ctx, s) else "past"
    return [_rel(s, e, ctx, lambda pub: (_ymd(_weekday(pub, wd, mode)), "day"))]


def _h_dayword(ctx: _Ctx, m: _Match) -> list[Item]:
    off = ctx.g.dayword[_key(m.group("w"))]
    return [_rel(m.start(), m.end(), ctx, lambda pub: (_ymd(pub + timedelta(days=off)), "day"))]


def _h_offset(ctx: _Ctx, m: _Match) -> list[Item]:
    if not m.group("n"):
        return []
    raw = _key(m.group("n"))
    n = int(raw) if raw.isdigit() else ctx.g.number.get(raw)
    if not n:
        return []
    n *= ctx.g.direction[_key(m.group("dir"))]
    if n > 0 and raw in ctx.g.article and m.start("dir") < m.start("n"):
        return []                 # "in a year" is mostly a span of time ("first time in a year")
    unit = ctx.g.count[_key(m.group("u"))]

    def fn(pub: date):
        if unit == "day":
            return _ymd(pub + timedelta(days=n)), "day"
        if unit == "week":
            return _ymd(pub + timedelta(weeks=n)), "day"
        if unit == "month":
            x = pub + relativedelta(months=n)
            return _ym(x.year, x.month), "month"
        years = n * 10 if unit == "decade" else n
        return f"{pub.year + years:04d}", "year"
    return [_rel(m.start(), m.end(), ctx, fn)]


# ---------------------------------------------------------------------------------------------

def find_times(text: str, lang: str, published: date | None) -> list[TimeExpression]:
    """Time expressions of `text`, sorted by start, without overlaps; see the module doc."""
    g = _grammar(lang)
    if g is None or not text:
        return []
    ctx = _Ctx(g, text, published)
    groups: list[tuple[int, int, int, list[Item]]] = []   # start, end, rule rank, items
    for rank, (_, pat, handler, left) in enumerate(g.rules):
        for core in pat.finditer(text):
            lm = left.search(text, max(0, core.start() - 60), core.start()) if left else None
            items = [it for it in handler(ctx, _Match(core, lm)) if it[0] < it[1]]
            if items:
                groups.append((items[0][0], items[-1][1], rank, items))
    # Longest first, then earlier rules, then leftmost; keep what does not overlap.
    groups.sort(key=lambda grp: (grp[0] - grp[1], grp[2], grp[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[Item] = []
    for s, e, _, items in groups:
        i = bisect.bisect_left(taken, (s, e))
        if i > 0 and taken[i - 1][1] > s:
            continue
        if i < len(taken) and taken[i][0] < e:
            continue
        taken.insert(i, (s, e))
        chosen.extend(items)
    chosen.sort()
    out = []
    for s, e, value, precision, relative in chosen:
        if relative and value is None:
            precision = None
        out.append(TimeExpression(start=s, end=e, text=text[s:e], value=value,
                                  precision=precision, relative=relative))
    return out
