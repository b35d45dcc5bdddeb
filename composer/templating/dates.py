"""Dates from order facts: delivery windows and the Spring Festival shipping pause.

Sellers think in "shipped on the 3rd, 15-25 days in transit" and "carriers stop for the Spring
Festival". These functions turn that into dates; ``composer.templating.jinja`` offers them to
templates and ``composer.templating.formatting`` writes them in each language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

FESTIVAL_DAYS_BEFORE = 1
"""Days before the Lunar New Year that the pause starts: New Year's Eve (seed 003)."""
FESTIVAL_DAYS_AFTER = 5
"""Days after New Year's Day that the pause lasts: to the sixth day of the first month. Seed 003
pauses shipping from 30 January to 5 February 2014 (New Year's Day was 31 January)."""


@dataclass(frozen=True)
class Span:
    """A run of days, both ends included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a span cannot end ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """How many days, both ends counted."""
        return (self.end - self.start).days + 1

    @property
    def resume(self) -> dt.date:
        """The first day after the span (when shipping resumes)."""
        return self.end + dt.timedelta(days=1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def add_days(start: dt.date, days: int, business: bool = False) -> dt.date:
    """``start`` plus ``days`` calendar days, or business days (Monday to Friday).

    Counting business days skips weekends only, not public holidays. Zero days from a weekend
    stays on that day; negative counts go back in time.
    """
    if not business:
        return start + dt.timedelta(days=days)
    step = 1 if days >= 0 else -1
    day = start
    for _ in range(abs(days)):
        day += dt.timedelta(days=step)
        while day.weekday() >= 5:
            day += dt.timedelta(days=step)
    return day


def delivery_window(shipped: dt.date, fastest: int, slowest: int, business: bool = False) -> Span:
    """When a parcel shipped on ``shipped`` arrives, given ``fastest``-``slowest`` days in
    transit (calendar days, or business days with ``business``)."""
    if fastest < 0 or slowest < fastest:
        raise ValueError(f"transit of {fastest}-{slowest} days: give 0 <= fastest <= slowest")
    return Span(add_days(shipped, fastest, business), add_days(shipped, slowest, business))


@lru_cache(maxsize=256)
def lunar_new_year(year: int) -> dt.date:
    """The Spring Festival (first day of the first lunar month) in Gregorian ``year``."""
    if not 1901 <= year <= 2099:
        raise ValueError(f"the Spring Festival is known for 1901-2099, not {year}")
    from lunar_python import Lunar  # 50 ms of import: only when a template asks

    solar = Lunar.fromYmd(year, 1, 1).getSolar()
    return dt.date(int(solar.getYear()), int(solar.getMonth()), int(solar.getDay()))


def spring_festival_pause(
    year: int, before: int = FESTIVAL_DAYS_BEFORE, after: int = FESTIVAL_DAYS_AFTER
) -> Span:
    """The shipping pause around the Spring Festival of ``year``: from ``before`` days before
    New Year's Day to ``after`` days after it. The defaults follow seed 003 (Eve to day 6)."""
    if before < 0 or after < 0:
        raise ValueError("days before and after the Spring Festival cannot be negative")
    new_year = lunar_new_year(year)
    return Span(new_year - dt.timedelta(days=before), new_year + dt.timedelta(days=after))


def next_spring_festival_pause(
    today: dt.date, before: int = FESTIVAL_DAYS_BEFORE, after: int = FESTIVAL_DAYS_AFTER
) -> Span:
    """The first Spring Festival pause that has not ended by ``today``."""
    pause = spring_festival_pause(today.year, before, after)
    return pause if pause.end >= today else spring_festival_pause(today.year + 1, before, after)
