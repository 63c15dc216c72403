"""The optional mapping file `kortlaegning.toml`: a system's headers and codes → the contract.

It lies in the source folder (CSV) or beside the workbook (.xlsx). Per table:

    [budget]
    fil = "ERP_budget_2026.csv"     # CSV folder: the table's file (default budget.csv)
    ark = "Budget"                  # workbook: the table's sheet (default: budget)
    header_raekke = 3               # the header's row number in file/sheet (default: found)

    [budget.kolonner]               # source header = contract column
    "Beløb (kr.)" = "beloeb_kr"
    "Omkostningssted" = "enhed_id"

    [budget.koder.beloebstype]      # source value = contract value
    "Opr. budget" = "oprindeligt_budget"

Headers are matched after the same normalisation as any header (trimmed, case, æøå);
code keys of allowed-value columns likewise (case, æøå, spaces), others exactly (trimmed).
Every problem with the file itself is a `Fejl` naming the file and the key.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modeller.errors import Fejl
from modeller.schemas import TABELLER
from modeller.tekst import ascii_fold

FILNAVN = "kortlaegning.toml"
_TABELNOEGLER = ("fil", "ark", "header_raekke", "kolonner", "koder")


def normaliser_navn(navn: str) -> str:
    """Normalise a header or sheet/file name: trim, lower-case, fold æøå, spaces to '_'."""
    return re.sub(r"[\s\-]+", "_", ascii_fold(navn.strip()).lower())


def normaliser_kode(vaerdi: str) -> str:
    """Normalise a value of an allowed-value column (`På sporet` → `paa_sporet`)."""
    return re.sub(r"[\s\-]+", "_", ascii_fold(vaerdi.strip().lower()))


@dataclass(frozen=True)
class TabelKort:
    """The mapping of one table."""

    kolonner: dict[str, str] = field(default_factory=dict)
    """Normalised source header → contract column."""
    koder: dict[str, dict[str, str]] = field(default_factory=dict)
    """Contract column → {source value (normalised for allowed-value columns) → value}."""
    fil: str | None = None
    ark: str | None = None
    header_raekke: int | None = None

    def kolonnenavn(self, normaliseret: str) -> str:
        return self.kolonner.get(normaliseret, normaliseret)


@dataclass(frozen=True)
class Kortlaegning:
    """A validated mapping file."""

    sti: Path
    sha256: str
    tabeller: dict[str, TabelKort]
    indhold: dict[str, Any]
    """The parsed TOML as written (recorded in the manifest)."""

    def tabel(self, navn: str) -> TabelKort:
        return self.tabeller.get(navn, TOM)


TOM = TabelKort()


def find_kortlaegning(kilde: Path) -> Path | None:
    """The mapping file for a source folder or workbook, if there is one."""
    mappe = kilde if kilde.is_dir() else kilde.parent
    sti = mappe / FILNAVN
    return sti if sti.is_file() else None


def laes_kortlaegning(sti: Path) -> Kortlaegning | list[Fejl]:
    """Parse and validate the mapping file; every problem as a Fejl naming file and key."""
    fil = sti.name
    try:
        indhold = sti.read_bytes()
    except OSError as exc:
        return [Fejl(fil, f"filen kan ikke læses ({exc.strerror}).")]
    try:
        data = tomllib.loads(indhold.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return [Fejl(fil, "filen skal være gemt som UTF-8.")]
    except tomllib.TOMLDecodeError as exc:
        return [Fejl(fil, f"filen er ikke gyldig TOML ({_toml_fejl(exc)}).")]
    fejl: list[Fejl] = []
    tabeller: dict[str, TabelKort] = {}
    for tnavn, afsnit in data.items():
        if tnavn not in TABELLER:
            kendte = ", ".join(TABELLER)
            fejl.append(Fejl(fil, f"[{tnavn}] er ikke en tabel; kendte tabeller er: {kendte}."))
            continue
        if not isinstance(afsnit, dict):
            fejl.append(Fejl(fil, f"'{tnavn}' skal være et afsnit [{tnavn}]."))
            continue
        kort = _tabel_kort(tnavn, afsnit, fil, fejl)
        if kort is not None:
            tabeller[tnavn] = kort
    if fejl:
        return fejl
    return Kortlaegning(sti, hashlib.sha256(indhold).hexdigest(), tabeller, data)


def _toml_fejl(exc: tomllib.TOMLDecodeError) -> str:
    m = re.search(r"line (\d+), column (\d+)", str(exc))
    if m:
        return f"syntaksfejl i linje {m.group(1)}, tegn {m.group(2)}"
    return "syntaksfejl"


def _tabel_kort(tnavn: str, afsnit: dict[str, Any], fil: str, fejl: list[Fejl]) -> TabelKort | None:
    tabel = TABELLER[tnavn]
    antal = len(fejl)
    for noegle in afsnit:
        if noegle not in _TABELNOEGLER:
            fejl.append(
                Fejl(
                    fil,
                    f"ukendt nøgle '{tnavn}.{noegle}'; tilladte nøgler er: "
                    f"{', '.join(_TABELNOEGLER)}.",
                )
            )
    tekst: dict[str, str | None] = {}
    for noegle in ("fil", "ark"):
        v = afsnit.get(noegle)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            fejl.append(Fejl(fil, f"'{tnavn}.{noegle}' skal være en tekst, fx \"{tnavn}.csv\"."))
            v = None
        tekst[noegle] = v.strip() if isinstance(v, str) else None
    if tekst["fil"] is not None and ("/" in tekst["fil"] or "\\" in tekst["fil"]):
        fejl.append(Fejl(fil, f"'{tnavn}.fil' skal være et filnavn i kildemappen, ikke en sti."))
    header = afsnit.get("header_raekke")
    if header is not None and (
        isinstance(header, bool) or not isinstance(header, int) or not 1 <= header <= 1000
    ):
        fejl.append(Fejl(fil, f"'{tnavn}.header_raekke' skal være et helt tal mellem 1 og 1000."))
        header = None

    kolonner: dict[str, str] = {}
    afsnit_kol = afsnit.get("kolonner", {})
    if not isinstance(afsnit_kol, dict):
        fejl.append(Fejl(fil, f"'{tnavn}.kolonner' skal være et afsnit [{tnavn}.kolonner]."))
        afsnit_kol = {}
    brugt: dict[str, str] = {}
    for kilde, maal in afsnit_kol.items():
        sted = f"'{tnavn}.kolonner.\"{kilde}\"'"
        if not isinstance(maal, str) or maal not in tabel.kolonnenavne:
            fejl.append(
                Fejl(
                    fil,
                    f"{sted} peger på {maal!r}, som ikke er en kolonne i '{tnavn}'; "
                    f"kolonnerne er: {', '.join(tabel.kolonnenavne)}.",
                )
            )
            continue
        if maal in brugt:
            fejl.append(
                Fejl(
                    fil,
                    f"{sted} og '{tnavn}.kolonner.\"{brugt[maal]}\"' peger begge på '{maal}'; "
                    "hver kolonne må kun have én kilde.",
                )
            )
            continue
        brugt[maal] = kilde
        n = normaliser_navn(kilde)
        if n in kolonner:
            fejl.append(Fejl(fil, f"{sted} står der allerede (samme overskrift)."))
            continue
        kolonner[n] = maal

    koder: dict[str, dict[str, str]] = {}
    afsnit_kod = afsnit.get("koder", {})
    if not isinstance(afsnit_kod, dict):
        fejl.append(Fejl(fil, f"'{tnavn}.koder' skal være et afsnit [{tnavn}.koder.<kolonne>]."))
        afsnit_kod = {}
    for kolnavn, tabelkoder in afsnit_kod.items():
        sted = f"'{tnavn}.koder.{kolnavn}'"
        if kolnavn not in tabel.kolonnenavne or tabel.kolonne(kolnavn).dtype.is_numeric():
            fejl.append(Fejl(fil, f"{sted}: '{kolnavn}' er ikke en tekstkolonne i '{tnavn}'."))
            continue
        if not isinstance(tabelkoder, dict):
            fejl.append(Fejl(fil, f"{sted} skal være et afsnit [{tnavn}.koder.{kolnavn}]."))
            continue
        tilladte = tabel.kolonne(kolnavn).tilladte
        oversaet: dict[str, str] = {}
        for kilde, maal in tabelkoder.items():
            if not isinstance(maal, str) or (tilladte is not None and maal not in tilladte):
                hvad = f"; tilladte værdier er: {', '.join(tilladte)}" if tilladte else ""
                fejl.append(
                    Fejl(fil, f'{sted}."{kilde}" peger på {maal!r}, som ikke er gyldig{hvad}.')
                )
                continue
            oversaet[normaliser_kode(kilde) if tilladte else kilde.strip()] = maal
        koder[kolnavn] = oversaet
    if len(fejl) > antal:
        return None
    return TabelKort(kolonner, koder, tekst["fil"], tekst["ark"], header)
