"""How a goal's status rolls up its subtree (DESIGN.md §6): the municipality's setting.

A goal has its *own* status (`modeller.status.maal_status`) and, when goals hang below it,
a *rolled-up* status over its subtree (`modeller.status.rul_op_status`, `samlet_status`).
The two are always kept apart. Which rule gives the rolled-up status is chosen in
`maalstatus.toml` in the data folder (read by dashboard/data.py, like oekonomi.toml):

- `andel` (default): the share of the subtree's assessed goals (the goal itself included)
  that are on track (opfyldt or paa_sporet). At or above `paa_sporet_pct`: paa_sporet
  (opfyldt when every assessed goal is opfyldt); at or above `i_risiko_pct`: i_risiko;
  below: ikke_paa_sporet. Unassessed goals (ikke_vurderet) count in neither numerator nor
  denominator; a subtree without any assessed goal is ikke_vurderet. A goal without goals
  below it keeps its own status.
- `vaerste`: the worst status in the subtree (the rule before issue 16), for
  municipalities that want one late goal to colour the whole chain.

The file:

    regel = "andel"            # or "vaerste"
    [andel]
    paa_sporet_pct = 75        # 0–100
    i_risiko_pct = 50          # 0–100, at most paa_sporet_pct

`fra_indstillinger` validates the parsed dict and raises `MaalstatusFejl` (Danish);
`STANDARD` applies when the file is missing. `beskrivelse` is the rule in words, for
captions and legends. Pure Python, no I/O.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from babel.numbers import format_decimal

from modeller.errors import StyringsFejl

__all__ = [
    "STANDARD",
    "MaalstatusFejl",
    "Regelnavn",
    "Statusregel",
    "beskrivelse",
    "fra_indstillinger",
    "fra_toml",
    "kort_beskrivelse",
]

Regelnavn = Literal["andel", "vaerste"]
REGLER: tuple[str, ...] = ("andel", "vaerste")


class MaalstatusFejl(StyringsFejl):
    """The roll-up settings (maalstatus.toml) are invalid (the message is Danish)."""


@dataclass(frozen=True)
class Statusregel:
    """The roll-up rule in force. Hashable, so it can be part of a cache key."""

    regel: Regelnavn = "andel"
    paa_sporet_pct: float = 75.0
    """Share on track (0–100) from which a subtree is paa_sporet (rule `andel`)."""
    i_risiko_pct: float = 50.0
    """Share on track (0–100) from which a subtree is i_risiko; below: ikke_paa_sporet."""


STANDARD = Statusregel()
"""The rule used when maalstatus.toml is missing."""

_TOPNIVEAU = {"regel", "andel"}
_ANDEL = {"paa_sporet_pct", "i_risiko_pct"}


def _pct(d: Mapping[str, Any], noegle: str, standard: float) -> float:
    v = d.get(noegle, standard)
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise MaalstatusFejl(f"[andel]: «{noegle}» skal være et tal fra 0 til 100 (fik {v!r}).")
    if not 0 <= v <= 100:
        raise MaalstatusFejl(f"[andel]: «{noegle}» skal ligge mellem 0 og 100 (fik {v!r}).")
    return float(v)


def fra_indstillinger(d: Mapping[str, Any]) -> Statusregel:
    """Build and validate the roll-up rule from the parsed `maalstatus.toml` (see the
    module docstring); every key is optional. Raises MaalstatusFejl (Danish)."""
    ukendte = sorted(set(d) - _TOPNIVEAU)
    if ukendte:
        raise MaalstatusFejl(
            f"Ukendt nøgle i maalstatus.toml: {', '.join(ukendte)} "
            f"(tilladt: {', '.join(sorted(_TOPNIVEAU))})."
        )
    regel = d.get("regel", STANDARD.regel)
    if regel not in REGLER:
        raise MaalstatusFejl(f'«regel» skal være "andel" eller "vaerste" (fik {regel!r}).')
    andel = d.get("andel", {})
    if not isinstance(andel, Mapping):
        raise MaalstatusFejl("«andel» skal være et afsnit med nøgler (fx [andel]).")
    if set(andel) - _ANDEL:
        raise MaalstatusFejl(
            f"[andel]: ukendt nøgle {', '.join(sorted(set(andel) - _ANDEL))} "
            f"(tilladt: {', '.join(sorted(_ANDEL))})."
        )
    paa = _pct(andel, "paa_sporet_pct", STANDARD.paa_sporet_pct)
    risiko = _pct(andel, "i_risiko_pct", STANDARD.i_risiko_pct)
    if risiko > paa:
        raise MaalstatusFejl(
            f"[andel]: «i_risiko_pct» ({risiko:g}) må ikke være større end "
            f"«paa_sporet_pct» ({paa:g})."
        )
    return Statusregel(regel=regel, paa_sporet_pct=paa, i_risiko_pct=risiko)


def fra_toml(tekst: str, fil: str = "maalstatus.toml") -> Statusregel:
    """Parse and validate the text of maalstatus.toml (see `fra_indstillinger`)."""
    try:
        d = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise MaalstatusFejl(f"{fil} er ikke gyldig TOML: {exc}") from exc
    return fra_indstillinger(d)


def _tal(v: float) -> str:
    return str(format_decimal(v, format="#,##0.#", locale="da_DK"))


def kort_beskrivelse(regel: Statusregel | None = None) -> str:
    """The rule in a few words, e.g. "andelen af målene på sporet" (for legends)."""
    r = regel or STANDARD
    if r.regel == "vaerste":
        return "det værste af målet og målene under det"
    return "andelen af målet og målene under det, der er på sporet"


def beskrivelse(regel: Statusregel | None = None) -> str:
    """The rule in force as a Danish sentence (captions and footnotes)."""
    r = regel or STANDARD
    if r.regel == "vaerste":
        return (
            "Samlet status er det værste af målet og målene under det: ét mål, der ikke er "
            "på sporet, farver hele kæden over det."
        )
    return (
        "Samlet status viser andelen af målet og målene under det, der er på sporet "
        f"(opfyldt eller på sporet): mindst {_tal(r.paa_sporet_pct)} % giver På sporet "
        "(Opfyldt når alle er opfyldt), "
        f"mindst {_tal(r.i_risiko_pct)} % I risiko, ellers Ikke på sporet. "
        "Mål uden vurdering tæller ikke med."
    )
