"""The yearly steering cycle (årshjul): phases, deadlines and where a date falls in them.

The default cycle follows the seed (Sorø Kommune's model, DESIGN.md §2):
Q1 goal follow-up on last year's agreements (regnskab) and goal setting; Q2 agreement
dialogue; Q3 budget and goals adopted; Q4 agreements for the new year signed. Budget
follow-ups to Byrådet per 31 March, 31 May and 30 September, the budget revision per
30 April, and a monthly follow-up to Økonomiudvalget.

A municipality may set its own cycle in `data/aarshjul.toml` (read by dashboard/data.py);
`fra_indstillinger` validates that dict and gives a Danish error for a bad one. Every
deadline is a (month, day) that recurs each year; 29 February falls back to the 28th in
other years.

Two deadlines are tied to the agreements themselves:
- signing (`indgaaes_senest`): an agreement for year Y must be signed (status indgaaet)
  by that day in year Y − 1 (`indgaaes_aaret_foer = true`, the default) or in year Y.
- follow-up (`opfoelges_senest`): an agreement whose period ends in year Y must be
  followed up (status opfulgt) by that day in year Y + 1.
Deadlines marked `vurder_maal` are the points by which every goal of a running
agreement should have a fresh assessment (vurdering); see modeller/aftaler.py.

Pure Python, no I/O: the dates to evaluate ("today", the data date) are arguments.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from modeller.errors import StyringsFejl

ARTER: tuple[str, ...] = ("indgaaelse", "opfoelgning", "frist")
"""Kinds of deadline: signing agreements, following them up, any other (budget) deadline."""


class AarshjulFejl(StyringsFejl):
    """The årshjul settings are invalid (the message is Danish and names the problem)."""


@dataclass(frozen=True)
class Fase:
    """A phase of the cycle over whole months `fra_maaned`..`til_maaned` (may wrap
    around New Year, e.g. 11..2)."""

    navn: str
    fra_maaned: int
    til_maaned: int
    beskrivelse: str = ""

    @property
    def maaneder(self) -> tuple[int, ...]:
        if self.fra_maaned <= self.til_maaned:
            return tuple(range(self.fra_maaned, self.til_maaned + 1))
        return tuple(range(self.fra_maaned, 13)) + tuple(range(1, self.til_maaned + 1))


@dataclass(frozen=True)
class Frist:
    """A recurring deadline on (maaned, dag) each year."""

    maaned: int
    dag: int
    navn: str
    vurder_maal: bool = False

    def dato(self, aar: int) -> date:
        return _dato(aar, self.maaned, self.dag)


@dataclass(frozen=True)
class FristDato:
    """A concrete deadline: its date, Danish name and kind (see ARTER)."""

    dato: date
    navn: str
    art: str
    vurder_maal: bool = False


@dataclass(frozen=True)
class Aarshjul:
    """The cycle: phases covering the 12 months, recurring deadlines and the two
    agreement deadlines (see module docstring)."""

    faser: tuple[Fase, ...]
    frister: tuple[Frist, ...]
    indgaaes_senest: tuple[int, int] = (12, 31)
    indgaaes_aaret_foer: bool = True
    opfoelges_senest: tuple[int, int] = (3, 31)
    maanedlig_oekonomiudvalg: bool = True

    def fase(self, d: date) -> Fase:
        """The phase `d` falls in."""
        for f in self.faser:
            if d.month in f.maaneder:
                return f
        raise AarshjulFejl(f"Årshjulet har ingen fase for måned {d.month}.")  # validated away

    def signeringsfrist(self, aar: int) -> date:
        """When the agreement for year `aar` must be signed at the latest."""
        return _dato(aar - 1 if self.indgaaes_aaret_foer else aar, *self.indgaaes_senest)

    def opfoelgningsfrist(self, aar_til: int) -> date:
        """When an agreement whose period ends in `aar_til` must be followed up."""
        return _dato(aar_til + 1, *self.opfoelges_senest)

    def frister_i_aar(self, aar: int) -> list[FristDato]:
        """Every deadline falling in calendar year `aar`, by date (the agreement
        deadlines named after the agreement year they concern)."""
        naeste = aar + 1 if self.indgaaes_aaret_foer else aar
        ud = [FristDato(f.dato(aar), f.navn, "frist", f.vurder_maal) for f in self.frister]
        ud.append(
            FristDato(
                _dato(aar, *self.indgaaes_senest), f"Aftaler for {naeste} indgået", "indgaaelse"
            )
        )
        ud.append(
            FristDato(
                _dato(aar, *self.opfoelges_senest), f"Aftaler for {aar - 1} fulgt op", "opfoelgning"
            )
        )
        return sorted(ud, key=lambda f: (f.dato, ARTER.index(f.art), f.navn))

    def naeste_frister(self, d: date, n: int = 3) -> list[FristDato]:
        """The next `n` deadlines on or after `d` (crossing New Year when needed)."""
        alle = [f for aar in (d.year, d.year + 1) for f in self.frister_i_aar(aar)]
        return [f for f in alle if f.dato >= d][:n]

    def vurderingsfrister(self, d: date) -> tuple[date | None, date | None, date | None]:
        """(forrige, seneste, naeste) goal-assessment deadline around `d`: `seneste` is
        the latest `vurder_maal` deadline on or before `d`, `forrige` the one before it,
        `naeste` the first after `d`. None when no deadline assesses goals."""
        datoer = sorted(
            f.dato(aar)
            for aar in range(d.year - 2, d.year + 2)
            for f in self.frister
            if f.vurder_maal
        )
        foer = [x for x in datoer if x <= d]
        efter = [x for x in datoer if x > d]
        return (
            foer[-2] if len(foer) >= 2 else None,
            foer[-1] if foer else None,
            efter[0] if efter else None,
        )


def _dato(aar: int, maaned: int, dag: int) -> date:
    return date(aar, maaned, min(dag, calendar.monthrange(aar, maaned)[1]))


STANDARD = Aarshjul(
    faser=(
        Fase(
            "Målopfølgning og målformulering",
            1,
            3,
            "Opfølgning på sidste års aftaler (regnskab); mål formuleres og justeres.",
        ),
        Fase(
            "Aftaledialog",
            4,
            6,
            "Dialog mellem fagudvalg, direktion, centre og institutioner om aftalerne.",
        ),
        Fase(
            "Budget og mål vedtages",
            7,
            9,
            "Rammer, indsatser og mål drøftes i fagudvalg og Økonomiudvalget; budgettet vedtages.",
        ),
        Fase(
            "Aftaler indgås",
            10,
            12,
            "Byrådet indgår aftale med direktionen; aftalerne for det nye år indgås.",
        ),
    ),
    frister=(
        Frist(3, 31, "Budgetopfølgning til Byrådet", vurder_maal=True),
        Frist(4, 30, "Budgetrevision (fagudvalg, Økonomiudvalget, Byrådet)"),
        Frist(5, 31, "Budgetopfølgning til Byrådet", vurder_maal=True),
        Frist(9, 30, "Budgetopfølgning til Byrådet", vurder_maal=True),
    ),
)
"""The seed's cycle (used when data/aarshjul.toml is missing or leaves a part out)."""


# --- settings ------------------------------------------------------------------------

_MMDD = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_TOPNIVEAU = {"fase", "frist", "aftaler", "oekonomiudvalg"}


def _maaned_dag(vaerdi: object, hvor: str) -> tuple[int, int]:
    m = _MMDD.match(vaerdi) if isinstance(vaerdi, str) else None
    if m is None:
        raise AarshjulFejl(f'{hvor}: datoen skal skrives som "MM-DD", fx "03-31" (fik {vaerdi!r}).')
    maaned, dag = int(m.group(1)), int(m.group(2))
    if not 1 <= maaned <= 12 or not 1 <= dag <= calendar.monthrange(2024, maaned)[1]:
        raise AarshjulFejl(f"{hvor}: {vaerdi!r} er ikke en gyldig dato.")
    return maaned, dag


def _tekst(d: Mapping[str, Any], noegle: str, hvor: str, paakraevet: bool = True) -> str:
    v = d.get(noegle)
    if v is None and not paakraevet:
        return ""
    if not isinstance(v, str) or not v.strip():
        raise AarshjulFejl(f"{hvor}: «{noegle}» skal være en tekst.")
    return v.strip()


def _bool(d: Mapping[str, Any], noegle: str, standard: bool, hvor: str) -> bool:
    v = d.get(noegle, standard)
    if not isinstance(v, bool):
        raise AarshjulFejl(f"{hvor}: «{noegle}» skal være true eller false.")
    return v


def _tabeller(d: Mapping[str, Any], noegle: str) -> list[Mapping[str, Any]]:
    v = d.get(noegle)
    if not isinstance(v, list) or not all(isinstance(x, Mapping) for x in v):
        raise AarshjulFejl(f"«{noegle}» skal være en liste af [[{noegle}]]-afsnit.")
    return v


def _faser(raa: list[Mapping[str, Any]]) -> tuple[Fase, ...]:
    faser: list[Fase] = []
    for nr, f in enumerate(raa, start=1):
        hvor = f"[[fase]] nr. {nr}"
        mdr = []
        for noegle in ("fra_maaned", "til_maaned"):
            v = f.get(noegle)
            if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= 12:
                raise AarshjulFejl(f"{hvor}: «{noegle}» skal være et månedsnummer 1–12.")
            mdr.append(v)
        faser.append(
            Fase(_tekst(f, "navn", hvor), mdr[0], mdr[1], _tekst(f, "beskrivelse", hvor, False))
        )
    daekning = sorted(m for f in faser for m in f.maaneder)
    if daekning != list(range(1, 13)):
        raise AarshjulFejl(
            "Faserne skal tilsammen dække årets 12 måneder præcis én gang "
            f"(dækker: {', '.join(str(m) for m in daekning) or 'ingen'})."
        )
    return tuple(faser)


def _frister(raa: list[Mapping[str, Any]]) -> tuple[Frist, ...]:
    ud = []
    for nr, f in enumerate(raa, start=1):
        hvor = f"[[frist]] nr. {nr}"
        maaned, dag = _maaned_dag(f.get("dato"), hvor)
        ud.append(Frist(maaned, dag, _tekst(f, "navn", hvor), _bool(f, "vurder_maal", False, hvor)))
    return tuple(sorted(ud, key=lambda x: (x.maaned, x.dag)))


def fra_indstillinger(d: Mapping[str, Any]) -> Aarshjul:
    """Build and validate an Aarshjul from the settings dict (parsed data/aarshjul.toml).

    Keys (all optional; a missing part keeps the default of STANDARD): `fase` (list of
    {navn, fra_maaned, til_maaned, beskrivelse}; together covering the 12 months once),
    `frist` (list of {dato "MM-DD", navn, vurder_maal}), `aftaler` ({indgaaes_senest
    "MM-DD", indgaaes_aaret_foer bool, opfoelges_senest "MM-DD"}), `oekonomiudvalg`
    ({maanedlig bool}). Raises AarshjulFejl (Danish) on an unknown key or a bad value.
    """
    ukendte = sorted(set(d) - _TOPNIVEAU)
    if ukendte:
        raise AarshjulFejl(
            f"Ukendt afsnit i årshjulets indstillinger: {', '.join(ukendte)} "
            f"(tilladt: {', '.join(sorted(_TOPNIVEAU))})."
        )
    faser = _faser(_tabeller(d, "fase")) if "fase" in d else STANDARD.faser
    frister = _frister(_tabeller(d, "frist")) if "frist" in d else STANDARD.frister
    aft = d.get("aftaler", {})
    oeu = d.get("oekonomiudvalg", {})
    if not isinstance(aft, Mapping) or not isinstance(oeu, Mapping):
        raise AarshjulFejl("[aftaler] og [oekonomiudvalg] skal være afsnit med nøgler.")
    for navn, afsnit, tilladt in (
        ("aftaler", aft, {"indgaaes_senest", "indgaaes_aaret_foer", "opfoelges_senest"}),
        ("oekonomiudvalg", oeu, {"maanedlig"}),
    ):
        if set(afsnit) - tilladt:
            raise AarshjulFejl(
                f"[{navn}]: ukendt nøgle {', '.join(sorted(set(afsnit) - tilladt))}."
            )
    return Aarshjul(
        faser=faser,
        frister=frister,
        indgaaes_senest=_maaned_dag(aft["indgaaes_senest"], "[aftaler] indgaaes_senest")
        if "indgaaes_senest" in aft
        else STANDARD.indgaaes_senest,
        indgaaes_aaret_foer=_bool(aft, "indgaaes_aaret_foer", True, "[aftaler]"),
        opfoelges_senest=_maaned_dag(aft["opfoelges_senest"], "[aftaler] opfoelges_senest")
        if "opfoelges_senest" in aft
        else STANDARD.opfoelges_senest,
        maanedlig_oekonomiudvalg=_bool(oeu, "maanedlig", True, "[oekonomiudvalg]"),
    )
