"""Build small, valid source sets in code (CSV folder or .xlsx) for loader and app tests.

`gyldigt_saet()` returns table name → rows (first row = header, all cells strings), one
kommune, a direktion, two centres, three institutions, two politikområder, budget /
forbrug / prognose rows, two aftaler, a 4-level goal chain, one indicator with three
measurements and one vurdering. Tests change cells, then write with `skriv_csv` or
`skriv_xlsx`.
"""

from __future__ import annotations

import copy
from pathlib import Path

import polars as pl

Saet = dict[str, list[list[str]]]

_SAET: Saet = {
    "organisation": [
        ["enhed_id", "navn", "type", "overordnet_id", "leder"],
        ["K", "Sorø Kommune", "kommune", "", ""],
        ["D", "Direktionen", "direktion", "K", "Kommunaldirektør"],
        ["C1", "Center for Børn og Unge", "center", "D", "Åse Ærø"],
        ["C2", "Center for Sundhed", "center", "D", ""],
        ["I1", "Pedersborg Børnehus", "institution", "C1", ""],
        ["I2", "Frederiksberg Skole", "institution", "C1", ""],
        ["I3", "Plejecenter Solgaven", "institution", "C2", ""],
    ],
    "politikomraader": [
        ["politikomraade_id", "navn", "udvalg"],
        ["P1", "Dagtilbud", "Børne- og Skoleudvalget"],
        ["P2", "Ældre", "Social- og Sundhedsudvalget"],
    ],
    "budget": [
        ["aar", "enhed_id", "politikomraade_id", "beloebstype", "beloeb_kr", "budgettype"],
        ["2026", "I1", "P1", "oprindeligt_budget", "1000000", "service"],
        ["2026", "I2", "P1", "oprindeligt_budget", "2000000.5", "service"],
        ["2026", "I3", "P2", "oprindeligt_budget", "3000000", ""],
        ["2026", "I3", "P2", "tillaegsbevilling", "-250000", "service"],
    ],
    "forbrug": [
        ["aar", "maaned", "enhed_id", "politikomraade_id", "beloeb_kr"],
        ["2026", "1", "I1", "P1", "80000"],
        ["2026", "2", "I1", "P1", "85000.25"],
        ["2026", "1", "I3", "P2", "240000"],
        ["2026", "3", "I2", "P1", "170000"],
    ],
    "prognoser": [
        ["opfoelgningsdato", "enhed_id", "politikomraade_id", "forventet_forbrug_kr"],
        ["2026-03-31", "I1", "P1", "1010000"],
        ["2026-03-31", "I3", "P2", "2800000"],
    ],
    "aftaler": [
        ["aftale_id", "enhed_id", "aar_fra", "aar_til", "status", "indgaaet_dato"],
        ["A1", "C1", "2026", "2027", "indgaaet", "2025-12-15"],
        ["A2", "I1", "2026", "2026", "udkast", ""],
    ],
    "maal": [
        ["maal_id", "titel", "niveau", "overordnet_maal_id", "enhed_id", "aftale_id"],
        ["M1", "Sundhed for alle", "vision", "", "", ""],
        ["M2", "Sundhedspolitik 2026-2029", "politik", "M1", "", ""],
        ["M3", "Sunde børn i dagtilbud", "center", "M2", "C1", "A1"],
        ["M4", "90 % af forældrene støtter sundhedspolitikken", "institution", "M3", "I1", "A2"],
    ],
    "indikatorer": [
        ["indikator_id", "navn", "maaleenhed", "retning", "maal_id", "baseline", "maalvaerdi"],
        ["IND1", "Forældre der støtter op", "%", "op", "M4", "70", "90"],
    ],
    "maalinger": [
        ["indikator_id", "enhed_id", "periode", "vaerdi"],
        ["IND1", "I1", "2025-12-31", "72"],
        ["IND1", "I1", "2026-01-31", "75.5"],
        ["IND1", "I1", "2026-02-28", "80"],
    ],
    "vurderinger": [
        ["maal_id", "dato", "status", "kommentar"],
        ["M4", "2026-03-15", "paa_sporet", "God udvikling"],
    ],
}


def gyldigt_saet() -> Saet:
    """A fresh deep copy of the valid source set (safe to modify)."""
    return copy.deepcopy(_SAET)


def saet_celle(saet: Saet, tabel: str, raekke: int, kolonne: str, vaerdi: str) -> None:
    """Set a cell; `raekke` is the row number as in the CSV file (header = 1)."""
    idx = saet[tabel][0].index(kolonne)
    saet[tabel][raekke - 1][idx] = vaerdi


def _csv_felt(v: str, sep: str) -> str:
    if sep in v or '"' in v or "\n" in v:
        return '"' + v.replace('"', '""') + '"'
    return v


def csv_tekst(rows: list[list[str]], sep: str = ";") -> str:
    return "".join(sep.join(_csv_felt(v, sep) for v in r) + "\n" for r in rows)


def skriv_csv(
    mappe: Path,
    saet: Saet | None = None,
    sep: str = ";",
    encoding: str = "utf-8",
) -> Path:
    """Write every table as `<tabel>.csv` into `mappe` (created); return `mappe`."""
    saet = gyldigt_saet() if saet is None else saet
    mappe.mkdir(parents=True, exist_ok=True)
    for tabel, rows in saet.items():
        (mappe / f"{tabel}.csv").write_bytes(csv_tekst(rows, sep).encode(encoding))
    return mappe


def skriv_xlsx(sti: Path, saet: Saet | None = None) -> Path:
    """Write every table as a sheet (all cells text) of one workbook at `sti`."""
    saet = gyldigt_saet() if saet is None else saet
    sti.parent.mkdir(parents=True, exist_ok=True)
    import xlsxwriter

    with xlsxwriter.Workbook(sti) as wb:
        for tabel, rows in saet.items():
            df = pl.DataFrame(rows[1:], schema=rows[0], orient="row")
            df.write_excel(wb, worksheet=tabel, autofit=False)
    return sti
