"""Dates of the follow-up: the reference date a snapshot's rules are computed at."""

from __future__ import annotations

from datetime import date


def reference_dato(data_pr: date | None, aar: int) -> date:
    """The reference date for `aar`: the snapshot's data date, capped to the year's end
    (a snapshot from a later year is read as of 31 December of `aar`); 31 December when
    the snapshot has no data date."""
    d = data_pr or date(aar, 12, 31)
    return d if d.year <= aar else date(aar, 12, 31)
