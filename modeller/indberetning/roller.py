"""Who may report on what: the roles file `roller.toml` in the data folder, validated.

    gruppe_claim = "groups"          # the identity token's claim holding groups (default)

    [bruger."anne@kommune.dk"]       # an e-mail address (case-insensitive)
    enheder = ["C-BR"]               # may report for these units and everything below
    controller = false               # economy lines (prognoser) need controller = true

    [gruppe."sg-oekonomi"]           # a group in the token's group claim
    enheder = ["K"]
    controller = true

A user's rights are the union over their e-mail entry and every group entry they are
in. Everyone else only reads. A missing file means nobody can report (read-only); an
invalid one raises RolleFejl with a Danish message, and the app stays read-only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modeller.errors import RolleFejl
from modeller.indberetning.model import Bruger

ROLLE_FIL = "roller.toml"
_TOP = {"gruppe_claim", "bruger", "gruppe"}
_AFSNIT = {"enheder", "controller"}


@dataclass(frozen=True)
class Rolle:
    """What one user (or group) may do: report for `enheder` and the units below them;
    `controller` adds the economy lines (prognoser) of those units."""

    enheder: tuple[str, ...] = ()
    controller: bool = False

    @property
    def kan_indberette(self) -> bool:
        return bool(self.enheder)


@dataclass(frozen=True)
class Roller:
    brugere: Mapping[str, Rolle]
    grupper: Mapping[str, Rolle]
    gruppe_claim: str = "groups"

    def for_bruger(self, bruger: Bruger) -> Rolle:
        """The union of the user's own entry and their groups' entries."""
        fundne = [self.brugere.get(bruger.email.strip().lower())]
        fundne += [self.grupper.get(g) for g in bruger.grupper]
        enheder: list[str] = []
        controller = False
        for r in fundne:
            if r is None:
                continue
            enheder += [e for e in r.enheder if e not in enheder]
            controller = controller or r.controller
        return Rolle(tuple(enheder), controller)


def _rolle(d: object, hvor: str) -> Rolle:
    if not isinstance(d, Mapping):
        raise RolleFejl(f"{ROLLE_FIL}: {hvor} skal være et afsnit med «enheder».")
    ukendte = set(d) - _AFSNIT
    if ukendte:
        raise RolleFejl(f"{ROLLE_FIL}: {hvor} har ukendte felter: {', '.join(sorted(ukendte))}.")
    enheder = d.get("enheder")
    if (
        not isinstance(enheder, list)
        or not enheder
        or not all(isinstance(e, str) and e.strip() for e in enheder)
    ):
        raise RolleFejl(
            f"{ROLLE_FIL}: {hvor}: «enheder» skal være en ikke-tom liste af enheds-id'er, "
            'fx enheder = ["C-BR"].'
        )
    controller = d.get("controller", False)
    if not isinstance(controller, bool):
        raise RolleFejl(f"{ROLLE_FIL}: {hvor}: «controller» skal være true eller false.")
    return Rolle(tuple(e.strip() for e in enheder), controller)


def fra_toml(d: Mapping[str, Any]) -> Roller:
    """Validate a parsed roles file; raises RolleFejl (Danish) when it is invalid."""
    ukendte = set(d) - _TOP
    if ukendte:
        raise RolleFejl(
            f"{ROLLE_FIL}: ukendte afsnit {', '.join(sorted(ukendte))}; "
            'tilladt er gruppe_claim, [bruger."e-mail"] og [gruppe."navn"].'
        )
    claim = d.get("gruppe_claim", "groups")
    if not isinstance(claim, str) or not claim.strip():
        raise RolleFejl(f'{ROLLE_FIL}: «gruppe_claim» skal være en tekst, fx "groups".')
    ud: dict[str, dict[str, Rolle]] = {}
    for afsnit in ("bruger", "gruppe"):
        raa = d.get(afsnit, {})
        if not isinstance(raa, Mapping):
            raise RolleFejl(f'{ROLLE_FIL}: [{afsnit}."…"] skal være afsnit pr. {afsnit}.')
        ud[afsnit] = {}
        for navn, indhold in raa.items():
            if afsnit == "bruger" and "@" not in navn:
                raise RolleFejl(f'{ROLLE_FIL}: [bruger."{navn}"] er ikke en e-mailadresse.')
            noegle = navn.strip().lower() if afsnit == "bruger" else navn
            ud[afsnit][noegle] = _rolle(indhold, f'[{afsnit}."{navn}"]')
    return Roller(ud["bruger"], ud["gruppe"], claim.strip())


def fra_tekst(tekst: str) -> Roller:
    """Parse and validate the text of a roles file."""
    try:
        return fra_toml(tomllib.loads(tekst))
    except tomllib.TOMLDecodeError as exc:
        raise RolleFejl(f"{ROLLE_FIL} er ikke gyldig TOML: {exc}") from exc


def laes_roller(data_dir: Path) -> Roller | None:
    """The roles in `data_dir/roller.toml`; None when the file is missing (read-only)."""
    fil = data_dir / ROLLE_FIL
    try:
        tekst = fil.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise RolleFejl(f"{ROLLE_FIL} kan ikke læses: {exc}") from exc
    return fra_tekst(tekst)
