"""Readers: turn source files (a CSV folder or one .xlsx workbook) into raw string frames.

Every reader returns `RaaTabel`s whose columns are all `pl.String`, named by the
normalised header (trimmed, lower-cased, æ/ø/å folded), plus the row-number column
`RAEKKE` holding the row number as a user sees it in the file (header = row 1).
Nothing here knows about types; that is `konverter.py`'s job. Problems are collected as
`Fejl` (never raised), so one run reports every problem.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from modeller.errors import Fejl
from modeller.schemas import TABELLER
from modeller.snapshot import KildeFil

RAEKKE = "_raekke"
"""Row-number column added to every raw frame (user-visible row numbers)."""

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_KONTROLBYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""C0 control bytes other than tab/LF/CR: never in a text export (same in UTF-8 and cp1252)."""


def normaliser_navn(navn: str) -> str:
    """Normalise a header or sheet/file name: trim, lower-case, fold æøå, spaces to '_'."""
    return re.sub(r"[\s\-]+", "_", navn.strip().translate(_FOLD).lower())


def kort_vaerdi(vaerdi: object, maks: int = 40) -> str:
    """A user-visible, quoted rendering of an offending value, shortened to ~`maks` chars."""
    tekst = str(vaerdi)
    if len(tekst) > maks:
        tekst = tekst[: maks - 1] + "…"
    return repr(tekst)


@dataclass(frozen=True)
class RaaTabel:
    """One table as read from its source, all columns still strings."""

    tabel: str
    fil: str
    """How the source is named in messages: `budget.csv` or `kilde.xlsx, ark 'budget'`."""
    data: pl.DataFrame
    kildefil: KildeFil
    decimal_hint: str | None = None
    """',' or '.' when the source format suggests a decimal mark (CSV with ';' → ',')."""


@dataclass
class LaesResultat:
    """Everything the readers produced: tables, problems and warnings."""

    tabeller: dict[str, RaaTabel] = field(default_factory=dict)
    fejl: list[Fejl] = field(default_factory=list)
    advarsler: list[str] = field(default_factory=list)
    kildehash: dict[str, str] = field(default_factory=dict)
    """sha256 per source file name (the workbook counts once)."""


def laes_kilde(kilde: Path) -> LaesResultat:
    """Read a source set: a folder of `<tabel>.csv` files or one `.xlsx` workbook."""
    res = LaesResultat()
    if kilde.is_dir():
        _laes_mappe(kilde, res)
    elif kilde.is_file() and kilde.suffix.lower() in (".xlsx", ".xlsm"):
        _laes_excel(kilde, res)
    elif kilde.exists():
        res.fejl.append(
            Fejl(
                kilde.name,
                "kilden skal være en mappe med CSV-filer eller en Excel-projektmappe (.xlsx).",
            )
        )
    else:
        res.fejl.append(Fejl(str(kilde), "kilden findes ikke."))
    return res


# --------------------------------------------------------------------------- CSV folder


def _laes_mappe(mappe: Path, res: LaesResultat) -> None:
    fundne: dict[str, list[Path]] = {}
    for sti in sorted(mappe.iterdir()):
        if sti.name.startswith((".", "~$")) or sti.is_dir():
            continue
        if sti.suffix.lower() == ".csv" and normaliser_navn(sti.stem) in TABELLER:
            fundne.setdefault(normaliser_navn(sti.stem), []).append(sti)
        else:
            res.advarsler.append(f"{sti.name}: ukendt fil i kildemappen; den ignoreres.")
    for tabel in TABELLER:
        stier = fundne.get(tabel, [])
        if not stier:
            res.fejl.append(
                Fejl(f"{tabel}.csv", f"tabellen '{tabel}' mangler: filen {tabel}.csv findes ikke.")
            )
        elif len(stier) > 1:
            navne = ", ".join(s.name for s in stier)
            res.fejl.append(Fejl(navne, f"tabellen '{tabel}' findes i flere filer; behold kun én."))
        else:
            raa = laes_csv(stier[0], tabel, res)
            if raa is not None:
                res.tabeller[tabel] = raa


def _dekod(indhold: bytes, fil: str) -> tuple[bytes, str] | Fejl:
    """Return UTF-8 bytes (without BOM) and the encoding used, or a Fejl."""
    if indhold.startswith(b"PK\x03\x04"):
        return Fejl(fil, "filen er en Excel- eller zip-fil, ikke en CSV-fil.")
    if indhold.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(indhold) >= 2 and b"\x00" in indhold[:200]
    ):
        return Fejl(
            fil,
            "filen er ikke gemt som UTF-8 eller Windows-1252 (den ligner UTF-16 eller binære "
            "data). Gem den som 'CSV UTF-8' og prøv igen.",
        )
    if indhold.startswith(b"\xef\xbb\xbf"):
        indhold, kodning = indhold[3:], "utf-8-sig"
    else:
        kodning = "utf-8"
    try:
        tekst = indhold.decode("utf-8")
    except UnicodeDecodeError:
        if kodning == "utf-8-sig":
            return Fejl(fil, "filen starter som UTF-8, men indeholder ugyldige UTF-8-tegn.")
        try:
            tekst = indhold.decode("cp1252")
        except UnicodeDecodeError as exc:
            return Fejl(
                fil,
                f"filen kan hverken læses som UTF-8 eller Windows-1252 (ugyldig byte ved "
                f"position {exc.start}). Gem den som 'CSV UTF-8' og prøv igen.",
            )
        indhold, kodning = tekst.encode("utf-8"), "cp1252"
    if len(indhold.translate(None, _KONTROLBYTES)) != len(indhold):
        return Fejl(
            fil,
            f"filen indeholder kontroltegn og ligner ikke en tekstfil (læst som {kodning}). "
            "Gem den som 'CSV UTF-8' og prøv igen.",
        )
    return indhold, kodning


def _find_skilletegn(indhold: bytes) -> str | None:
    linje = indhold.split(b"\n", 1)[0]
    semikolon, komma = linje.count(b";"), linje.count(b",")
    if semikolon == 0 and komma == 0:
        return None
    return ";" if semikolon >= komma else ","


def laes_csv(sti: Path, tabel: str, res: LaesResultat) -> RaaTabel | None:
    """Read one CSV file as strings; detect encoding and separator; None on failure."""
    fil = sti.name
    try:
        indhold = sti.read_bytes()
    except OSError as exc:
        res.fejl.append(Fejl(fil, f"filen kan ikke læses ({exc.strerror})."))
        return None
    sha = hashlib.sha256(indhold).hexdigest()
    res.kildehash[fil] = sha
    dekodet = _dekod(indhold, fil)
    if isinstance(dekodet, Fejl):
        res.fejl.append(dekodet)
        return None
    utf8, kodning = dekodet
    if not utf8.strip():
        res.fejl.append(Fejl(fil, "filen er tom (der mangler en overskriftslinje)."))
        return None
    sep = _find_skilletegn(utf8)
    if sep is None:
        res.fejl.append(
            Fejl(fil, "kan ikke finde skilletegnet i overskriftslinjen (brug ';' eller ',').", 1)
        )
        return None
    try:
        df = pl.read_csv(
            utf8,
            separator=sep,
            has_header=False,
            infer_schema=False,
            empty_string_is_null=True,
            raise_if_empty=False,
        )
    except (pl.exceptions.PolarsError, OSError) as exc:
        res.fejl.append(_diagnosticer_csv(utf8, sep, fil, exc))
        return None
    raa = _fra_streng_ramme(df, tabel, fil, foerste_raekke=1, res=res)
    if raa is None:
        return None
    kildefil = KildeFil(tabel, fil, sha, raa.height, encoding=kodning, separator=sep)
    return RaaTabel(tabel, fil, raa, kildefil, decimal_hint="," if sep == ";" else None)


def _diagnosticer_csv(utf8: bytes, sep: str, fil: str, exc: BaseException) -> Fejl:
    """Find the first malformed line with the csv module (error path only)."""
    rækker: Iterable[list[str]] = csv.reader(io.StringIO(utf8.decode("utf-8")), delimiter=sep)
    antal: int | None = None
    try:
        for nr, felter in enumerate(rækker, start=1):
            if antal is None:
                antal = len(felter)
            elif len(felter) > antal:
                return Fejl(
                    fil,
                    f"rækken har {len(felter)} felter, men overskriften har kun {antal}.",
                    nr,
                )
    except csv.Error:
        pass
    detalje = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return Fejl(
        fil,
        "filen kan ikke læses som CSV (forkert antal felter eller et citationstegn, der ikke "
        f"afsluttes). Detalje: {detalje}",
    )


def _fra_streng_ramme(
    df: pl.DataFrame, tabel: str, fil: str, foerste_raekke: int, res: LaesResultat
) -> pl.DataFrame | None:
    """Header row → column names; trim cells, empty → null; add the row-number column.

    `foerste_raekke` is the user-visible row number of the header row.
    """
    if df.height == 0:
        res.fejl.append(Fejl(fil, "filen er tom (der mangler en overskriftslinje)."))
        return None
    overskrift = [str(v) if v is not None else "" for v in df.row(0)]
    navne = [normaliser_navn(v) for v in overskrift]
    set_: dict[str, int] = {}
    ok = True
    for i, navn in enumerate(navne):
        if not navn:
            continue
        if navn in set_:
            res.fejl.append(
                Fejl(fil, "kolonnen findes mere end én gang i overskriften.", foerste_raekke, navn)
            )
            ok = False
        set_[navn] = i
    if not ok:
        return None
    kolonner = [
        pl.col(df.columns[i]).str.strip_chars().replace("", None).alias(navn)
        for navn, i in set_.items()
    ]
    data = df.slice(1).select(
        *kolonner,
        pl.int_range(foerste_raekke + 1, foerste_raekke + df.height, dtype=pl.Int64).alias(RAEKKE),
    )
    tomme_uden_navn = [
        i for i, n in enumerate(navne) if not n and df.slice(1)[df.columns[i]].drop_nulls().len()
    ]
    if tomme_uden_navn:
        res.advarsler.append(
            f"{fil}: {len(tomme_uden_navn)} kolonne(r) uden overskrift indeholder data; "
            "de ignoreres."
        )
    # Drop rows that are entirely empty (blank lines, trailing Excel rows); numbers stay right.
    vaerdier = [c for c in data.columns if c != RAEKKE]
    if vaerdier:
        tom = data.select(pl.all_horizontal(pl.col(vaerdier).is_null())).to_series()
        if tom.any():
            data = data.filter(~tom)
    return data


# --------------------------------------------------------------------------- Excel


def _laes_excel(sti: Path, res: LaesResultat) -> None:
    import fastexcel

    fil = sti.name
    try:
        indhold = sti.read_bytes()
        sha = hashlib.sha256(indhold).hexdigest()
        res.kildehash[fil] = sha
        laeser = fastexcel.read_excel(indhold)
    except (OSError, fastexcel.FastExcelError) as exc:
        res.fejl.append(Fejl(fil, f"Excel-filen kan ikke åbnes ({type(exc).__name__})."))
        return
    ark: dict[str, list[str]] = {}
    for navn in laeser.sheet_names:
        n = normaliser_navn(navn)
        if n in TABELLER:
            ark.setdefault(n, []).append(navn)
        else:
            res.advarsler.append(f"{fil}: ukendt ark '{navn}'; det ignoreres.")
    for tabel in TABELLER:
        navne = ark.get(tabel, [])
        if not navne:
            res.fejl.append(
                Fejl(fil, f"tabellen '{tabel}' mangler: arket '{tabel}' findes ikke i {fil}.")
            )
            continue
        if len(navne) > 1:
            res.fejl.append(Fejl(fil, f"tabellen '{tabel}' findes i flere ark: {navne}."))
            continue
        arkfil = f"{fil}, ark '{navne[0]}'"
        try:
            df = laeser.load_sheet(navne[0], header_row=None, dtypes="string").to_polars()
        except fastexcel.FastExcelError as exc:
            res.fejl.append(Fejl(arkfil, f"arket kan ikke læses ({type(exc).__name__})."))
            continue
        if df.width == 0:
            res.fejl.append(Fejl(arkfil, "arket er tomt (der mangler en overskriftsrække)."))
            continue
        df = df.select(pl.all().cast(pl.String))
        # Note: calamine skips leading empty rows, so the header is taken to be sheet row 1.
        data = _fra_streng_ramme(df, tabel, arkfil, foerste_raekke=1, res=res)
        if data is None:
            continue
        kildefil = KildeFil(tabel, f"{fil}#{navne[0]}", sha, data.height)
        res.tabeller[tabel] = RaaTabel(tabel, arkfil, data, kildefil, decimal_hint=None)
