"""The demo municipality: a complete, deterministic, fictional source set.

`build_tables(skala, pr)` returns every contract table as a typed polars frame;
`generate(ud, skala, fmt, pr)` writes them as CSV files or one Excel workbook (the
source format of DESIGN.md §4). The same arguments always give byte-identical output:
every random number comes from generators seeded with constants, `skala` and `pr.year`
(never the clock), and `pr` only cuts that world ("data as of"), so a snapshot per
31 May and one per 30 September of the same year agree on everything they share.

Run `python -m modeller.demo UD [--skala N] [--format csv|xlsx] [--pr YYYY-MM-DD]`.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Literal

import polars as pl
import xlsxwriter

from modeller.demo import aktivitet as _aktivitet
from modeller.demo import maal as _maal
from modeller.demo import oekonomi as _oekonomi
from modeller.demo import struktur as _struktur
from modeller.demo.struktur import DIREKTION_ID, KOMMUNE_ID, KOMMUNE_NAVN, PEDERSBORG_ENHED_ID
from modeller.demo.tekster import (
    SEED_BU_SUNDHED_MAAL_ID,
    SEED_DIGITAL_PO_MAAL_ID,
    SEED_PEDERSBORG_INDIKATOR_ID,
    SEED_PEDERSBORG_MAAL_ID,
    SEED_SUNDHED_DIREKTION_MAAL_ID,
    SEED_SUNDHED_PO_MAAL_ID,
    SEED_SUNDHEDSPOLITIK_MAAL_ID,
)
from modeller.schemas import AAR_MAX, AAR_MIN, TABELLER

__all__ = [
    "DIREKTION_ID",
    "KOMMUNE_ID",
    "KOMMUNE_NAVN",
    "PEDERSBORG_ENHED_ID",
    "PR_STANDARD",
    "SEED_BU_SUNDHED_MAAL_ID",
    "SEED_DIGITAL_PO_MAAL_ID",
    "SEED_PEDERSBORG_INDIKATOR_ID",
    "SEED_PEDERSBORG_MAAL_ID",
    "SEED_SUNDHEDSPOLITIK_MAAL_ID",
    "SEED_SUNDHED_DIREKTION_MAAL_ID",
    "SEED_SUNDHED_PO_MAAL_ID",
    "build_tables",
    "generate",
    "write_tables",
]

PR_STANDARD = date(2026, 9, 30)
Format = Literal["csv", "xlsx"]
XLSX_NAVN = "demo.xlsx"
_XLSX_OPRETTET = datetime(2026, 1, 1)
"""Fixed workbook creation time (xlsxwriter would otherwise stamp the clock)."""


def check_arguments(skala: int, fmt: str, pr: date) -> None:
    """Raise ValueError with a Danish message when the arguments cannot give a valid set."""
    if isinstance(skala, bool) or not isinstance(skala, int) or skala < 1:
        raise ValueError(f"skala skal være et helt tal på mindst 1 (fik {skala!r}).")
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"format skal være 'csv' eller 'xlsx' (fik {fmt!r}).")
    if pr.year - _oekonomi.AAR_ANTAL + 1 < AAR_MIN or pr.year + 1 > AAR_MAX:
        raise ValueError(
            f"datoen {pr.isoformat()} giver år uden for {AAR_MIN}–{AAR_MAX}; "
            f"vælg en dato mellem {AAR_MIN + _oekonomi.AAR_ANTAL - 1} og {AAR_MAX - 1}."
        )


def _typed(navn: str, df: pl.DataFrame) -> pl.DataFrame:
    """Select the contract columns in contract order with the contract dtypes."""
    tabel = TABELLER[navn]
    return df.select(
        [
            (pl.col(k.navn) if k.navn in df.columns else pl.lit(None))
            .cast(k.dtype, strict=True)
            .alias(k.navn)
            for k in tabel.kolonner
        ]
    )


def build_tables(skala: int = 1, pr: date = PR_STANDARD) -> dict[str, pl.DataFrame]:
    """Every contract table of the demo municipality, typed, in TABELLER order."""
    check_arguments(skala, "csv", pr)
    org = _struktur.organisation(skala)
    ledere: dict[str, str | None] = dict(
        zip(org.get_column("enhed_id").to_list(), org.get_column("leder").to_list(), strict=True)
    )
    oek = _oekonomi.verden(skala, pr.year)
    mv = _maal.verden(skala, pr.year, ledere)
    budget = _oekonomi.budget(oek, pr)
    raa = {
        "organisation": org,
        "politikomraader": _struktur.politikomraader(),
        "anlaegsprojekter": _oekonomi.anlaegsprojekter(oek),
        "budget": budget,
        "forbrug": _oekonomi.forbrug(oek, pr),
        "prognoser": _oekonomi.prognoser(oek, pr),
        "aktivitet": _aktivitet.aktivitet(budget, skala, pr),
        "aftaler": _maal.aftaler(mv, pr),
        "maal": mv.maal,
        "indikatorer": mv.indikatorer,
        "maalinger": _maal.maalinger(mv, pr, pr.year),
        "vurderinger": _maal.vurderinger(mv, pr),
    }
    return {navn: _typed(navn, raa[navn]) for navn in TABELLER}


def _skriv_csv(tabeller: dict[str, pl.DataFrame], ud: Path) -> list[Path]:
    stier = []
    for navn, df in tabeller.items():
        sti = ud / f"{navn}.csv"
        df.write_csv(
            sti,
            separator=";",
            line_terminator="\n",
            date_format="%Y-%m-%d",
            float_scientific=False,
            null_value="",
        )
        stier.append(sti)
    return stier


def _skriv_xlsx(tabeller: dict[str, pl.DataFrame], ud: Path) -> list[Path]:
    sti = ud / XLSX_NAVN
    with xlsxwriter.Workbook(str(sti)) as wb:
        wb.set_properties({"title": KOMMUNE_NAVN, "created": _XLSX_OPRETTET})
        for navn, df in tabeller.items():
            df.write_excel(
                wb,
                worksheet=navn,
                table_name=navn,
                dtype_formats={pl.Date: "yyyy-mm-dd"},
                float_precision=2,
                autofit=False,
            )
    return [sti]


def generate(
    ud: Path,
    skala: int = 1,
    fmt: Format = "csv",
    pr: date = PR_STANDARD,
) -> list[Path]:
    """Write the demo source set to folder `ud` (created if missing); returns the files."""
    check_arguments(skala, fmt, pr)
    return write_tables(build_tables(skala, pr), Path(ud), fmt)


def write_tables(tabeller: dict[str, pl.DataFrame], ud: Path, fmt: Format) -> list[Path]:
    """Write tables as `<tabel>.csv` files or one `demo.xlsx` workbook into `ud`."""
    ud.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        return _skriv_csv(tabeller, ud)
    return _skriv_xlsx(tabeller, ud)
