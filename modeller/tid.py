"""Dates of the follow-up (the reference date a snapshot's rules are computed at) and the
municipality's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

TIDSZONE = ZoneInfo("Europe/Copenhagen")
"""The municipality's time: every time shown to a user (stored times are UTC)."""


def lokal_tid(t: datetime) -> datetime:
    """`t` in Danish time (Europe/Copenhagen); a naive `t` is read as UTC."""
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(TIDSZONE)


def reference_dato(data_pr: date | None, aar: int) -> date:
    """The reference date for `aar`: the snapshot's data date, capped to the year's end
    (a snapshot from a later year is read as of 31 December of `aar`); 31 December when
    the snapshot has no data date."""
    d = data_pr or date(aar, 12, 31)
    return d if d.year <= aar else date(aar, 12, 31)
