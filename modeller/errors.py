"""Domain exceptions. Every message a user may see is Danish; the app shows it via st.error."""

from __future__ import annotations

from dataclasses import dataclass


class StyringsFejl(Exception):
    """Base class for every expected, user-facing failure."""


@dataclass(frozen=True)
class Fejl:
    """One problem found in the source files.

    `raekke` is the 1-based data row number as a user sees it in the file (header = row 1,
    so the first data row is 2 for CSV); None when the problem concerns the whole table.
    """

    fil: str
    besked: str
    raekke: int | None = None
    kolonne: str | None = None

    def __str__(self) -> str:
        sted = self.fil
        if self.raekke is not None:
            sted += f", række {self.raekke}"
        if self.kolonne:
            sted += f", kolonne '{self.kolonne}'"
        return f"{sted}: {self.besked}"


class IndlaesningsFejl(StyringsFejl):
    """The loader found one or more problems; nothing was written."""

    def __init__(self, fejl: list[Fejl]) -> None:
        self.fejl = list(fejl)
        super().__init__("\n".join(str(f) for f in self.fejl))


class SnapshotFejl(StyringsFejl):
    """A snapshot is missing, malformed or unknown."""


class IngenSnapshotFejl(SnapshotFejl):
    """No snapshot exists yet in the data folder."""


class RapportFejl(StyringsFejl):
    """A printable report (PDF/PowerPoint) cannot be made, e.g. a missing font."""


class IndberetningsFejl(StyringsFejl):
    """A report (indberetning) was not saved; the message says why, in Danish."""


class AfvistIndberetning(IndberetningsFejl):
    """The server refused a report: not authorised, not the user's unit, or invalid."""

    def __init__(self, grunde: list[str]) -> None:
        self.grunde = list(grunde)
        super().__init__(" ".join(self.grunde))


class ForaeldetIndberetning(IndberetningsFejl):
    """Someone else reported on the same item after the form was opened (the message
    names who, when and the newer value); nothing was saved."""


class RolleFejl(IndberetningsFejl):
    """The roles file (roller.toml) is invalid: reporting stays read-only."""
