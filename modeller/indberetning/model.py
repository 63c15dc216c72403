"""What a report is: the three kinds, their keys and columns, who reports, and a stored
report (`Indberetning`).

A report's `raekke` is one row in the source format of its table (DESIGN.md §4:
`vurderinger`, `prognoser`, `maalinger`), so the loader's schemas validate it and the
export writes it as is. A prognose also keeps `forklaring` and `handling` apart; its
`kommentar` joins them ("… Handling: …") since the source format has one comment column.
The key (`NOEGLER`) identifies the item: the latest report per key is current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

MAKS_TEKST = 2000
"""Longest free text a user may report (characters)."""

TABEL: dict[str, str] = {
    "vurdering": "vurderinger",
    "prognose": "prognoser",
    "maaling": "maalinger",
}
"""The source table each kind of report belongs to."""

NOEGLER: dict[str, tuple[str, ...]] = {
    "vurdering": ("maal_id",),
    "prognose": ("opfoelgningsdato", "enhed_id", "politikomraade_id", "budgettype", "projekt_id"),
    "maaling": ("indikator_id", "enhed_id", "periode"),
}
"""The item a report is about: one current value per key; history per key."""

TEKSTFELTER: dict[str, tuple[str, ...]] = {
    "vurdering": ("kommentar",),
    "prognose": ("forklaring", "handling"),
    "maaling": ("kommentar",),
}
"""Free-text fields a user writes (each at most MAKS_TEKST characters)."""

ART_TEKST: dict[str, str] = {"vurdering": "vurdering", "prognose": "prognose", "maaling": "måling"}


@dataclass(frozen=True)
class Bruger:
    """A logged-in user as the identity provider tells it: e-mail, display name, groups."""

    email: str
    navn: str
    grupper: tuple[str, ...] = ()


def _json_vaerdi(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def noegle_tekst(art: str, raekke: dict[str, Any]) -> str:
    """The key of `raekke` as stored (JSON list of the key columns' values)."""
    return json.dumps([_json_vaerdi(raekke.get(k)) for k in NOEGLER[art]], ensure_ascii=False)


@dataclass(frozen=True)
class Forslag:
    """A report before it is stored: its kind and row (source columns, typed values)."""

    art: str
    raekke: dict[str, Any] = field(hash=False)

    @property
    def noegle(self) -> str:
        return noegle_tekst(self.art, self.raekke)


def vurdering(maal_id: str, dato: date, status: str, kommentar: str | None) -> Forslag:
    """A goal assessment (`vurderet_af` is filled in from the user when stored)."""
    return Forslag(
        "vurdering",
        {"maal_id": maal_id, "dato": dato, "status": status, "kommentar": kommentar or None},
    )


def prognose(
    opfoelgningsdato: date,
    enhed_id: str,
    politikomraade_id: str,
    budgettype: str,
    projekt_id: str | None,
    forventet_forbrug_kr: float,
    forklaring: str | None,
    handling: str | None,
) -> Forslag:
    """A year-end forecast for one budget line at one follow-up."""
    return Forslag(
        "prognose",
        {
            "opfoelgningsdato": opfoelgningsdato,
            "enhed_id": enhed_id,
            "politikomraade_id": politikomraade_id,
            "forventet_forbrug_kr": forventet_forbrug_kr,
            "budgettype": budgettype,
            "projekt_id": projekt_id or None,
            "forklaring": forklaring or None,
            "handling": handling or None,
        },
    )


def maaling(
    indikator_id: str, enhed_id: str, periode: date, vaerdi: float, kommentar: str | None
) -> Forslag:
    """A measurement of an indicator for a unit and period."""
    return Forslag(
        "maaling",
        {
            "indikator_id": indikator_id,
            "enhed_id": enhed_id,
            "periode": periode,
            "vaerdi": vaerdi,
            "kommentar": kommentar or None,
        },
    )


def prognose_kommentar(forklaring: str | None, handling: str | None) -> str | None:
    """The source format's one comment: the explanation, then the action."""
    dele = [forklaring.strip()] if forklaring and forklaring.strip() else []
    if handling and handling.strip():
        dele.append(f"Handling: {handling.strip()}")
    return " ".join(dele) or None


@dataclass(frozen=True)
class Indberetning:
    """One stored report (a row of the append-only table)."""

    id: int
    art: str
    noegle: str
    version: int
    enhed_id: str
    vaerdi: dict[str, Any] = field(hash=False)
    forrige: dict[str, Any] | None = field(hash=False)
    snapshot_id: str | None
    bruger: str
    navn: str
    indberettet: datetime

    def kilderaekke(self) -> dict[str, Any]:
        """The report as a row of its source table (dates as `date`, prognose comment
        joined from explanation and action)."""
        r = dict(self.vaerdi)
        for k in ("dato", "opfoelgningsdato", "periode"):
            if isinstance(r.get(k), str):
                r[k] = date.fromisoformat(r[k])
        if self.art == "prognose":
            r["kommentar"] = prognose_kommentar(r.pop("forklaring", None), r.pop("handling", None))
        return r
