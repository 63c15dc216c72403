"""Readers: turn source files (a CSV folder or one .xlsx workbook) into raw string frames.

Every reader returns `RaaTabel`s whose columns are all `pl.String`, named by the
normalised header (trimmed, lower-cased, æ/ø/å folded) after the optional mapping file
(`kortlaegning.py`), plus the row-number column `RAEKKE` holding the row number as a user
sees it: the record number in a CSV file (as Excel shows it; a quoted field with a line
break stays one row) or the sheet row in a workbook.

The header need not be the first row: title rows above it (an Excel export's heading,
blank lines) are skipped. The header is the first of the first `SOEG_RAEKKER` rows that
holds every required column of the table (after mapping), or the row `header_raekke`
named in the mapping file. Cells are text, never evaluated: a formula-like cell such as
`=HYPERLINK(...)` in a CSV file is loaded as that text; a workbook formula is read as its
stored (cached) value.

Nothing here knows about types; that is `konverter.py`'s job. Problems are collected as
`Fejl` (never raised), so one run reports every problem.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from modeller.errors import Fejl
from modeller.loader.kortlaegning import (
    FILNAVN,
    TOM,
    Kortlaegning,
    TabelKort,
    find_kortlaegning,
    laes_kortlaegning,
    normaliser_navn,
)
from modeller.schemas import TABELLER
from modeller.snapshot import KildeFil

__all__ = ["RAEKKE", "LaesResultat", "RaaTabel", "kort_vaerdi", "laes_kilde", "normaliser_navn"]

RAEKKE = "_raekke"
"""Row-number column added to every raw frame (user-visible row numbers)."""

SOEG_RAEKKER = 20
"""The header is looked for in this many rows at the top of a file or sheet."""
MAKS_FELT = 10_000
"""Longest accepted cell (bytes). Longer cells are reported (often a missing closing quote)."""
_MAKS_FEJL_PR_FIL = 20

_KONTROLBYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""C0 control bytes other than tab/LF/CR: never in a text export (same in UTF-8 and cp1252)."""


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
    koder: dict[str, dict[str, str]] = field(default_factory=dict)
    """Code mapping per contract column (from kortlaegning.toml)."""


@dataclass
class LaesResultat:
    """Everything the readers produced: tables, problems and warnings."""

    tabeller: dict[str, RaaTabel] = field(default_factory=dict)
    fejl: list[Fejl] = field(default_factory=list)
    advarsler: list[str] = field(default_factory=list)
    kildehash: dict[str, str] = field(default_factory=dict)
    """sha256 per source file name (the workbook counts once)."""
    kortlaegning: Kortlaegning | None = None
    fravaerende: list[str] = field(default_factory=list)
    """Optional tables the source set leaves out (loaded as empty tables)."""


def laes_kilde(kilde: Path) -> LaesResultat:
    """Read a source set: a folder of `<tabel>.csv` files or one `.xlsx` workbook."""
    res = LaesResultat()
    if not kilde.exists():
        res.fejl.append(Fejl(str(kilde), "kilden findes ikke."))
        return res
    erkendt = kilde.is_dir() or (kilde.is_file() and kilde.suffix.lower() in (".xlsx", ".xlsm"))
    if not erkendt:
        res.fejl.append(
            Fejl(
                kilde.name,
                "kilden skal være en mappe med CSV-filer eller en Excel-projektmappe (.xlsx).",
            )
        )
        return res
    sti = find_kortlaegning(kilde)
    if sti is not None:
        kort = laes_kortlaegning(sti)
        if isinstance(kort, list):
            res.fejl.extend(kort)
            return res
        res.kortlaegning = kort
        res.kildehash[FILNAVN] = kort.sha256
        res.advarsler.append(f"{FILNAVN}: kortlægningen af kolonner og koder er brugt.")
    if kilde.is_dir():
        _laes_mappe(kilde, res)
    else:
        _laes_excel(kilde, res)
    return res


def _kort(res: LaesResultat, tabel: str) -> TabelKort:
    return res.kortlaegning.tabel(tabel) if res.kortlaegning else TOM


# --------------------------------------------------------------------------- CSV folder


def _laes_mappe(mappe: Path, res: LaesResultat) -> None:
    fundne: dict[str, list[Path]] = {}
    navngivne = {
        kort.fil.lower(): tabel for tabel in TABELLER if (kort := _kort(res, tabel)).fil is not None
    }
    for sti in sorted(mappe.iterdir()):
        if sti.name.startswith((".", "~$")) or sti.is_dir() or sti.name == FILNAVN:
            continue
        if sti.name.lower() in navngivne:
            fundne.setdefault(navngivne[sti.name.lower()], []).append(sti)
        elif (
            sti.suffix.lower() == ".csv"
            and (n := normaliser_navn(sti.stem)) in TABELLER
            and _kort(res, n).fil is None
        ):
            fundne.setdefault(n, []).append(sti)
        else:
            res.advarsler.append(f"{sti.name}: ukendt fil i kildemappen; den ignoreres.")
    opgaver: dict[str, Path] = {}
    for tabel in TABELLER:
        stier = fundne.get(tabel, [])
        filnavn = _kort(res, tabel).fil or f"{tabel}.csv"
        if not stier:
            if TABELLER[tabel].valgfri and _kort(res, tabel).fil is None:
                res.fravaerende.append(tabel)  # an optional table may be left out
                continue
            hvor = f" (angivet i {FILNAVN})" if _kort(res, tabel).fil else ""
            res.fejl.append(
                Fejl(filnavn, f"tabellen '{tabel}' mangler: filen {filnavn}{hvor} findes ikke.")
            )
        elif len(stier) > 1:
            navne = ", ".join(s.name for s in stier)
            res.fejl.append(Fejl(navne, f"tabellen '{tabel}' findes i flere filer; behold kun én."))
        else:
            opgaver[tabel] = stier[0]
    # Files are read in parallel (polars and hashing release the GIL); each into its own
    # result, merged in contract order so messages come out the same every time.
    with ThreadPoolExecutor(max_workers=min(4, len(opgaver) or 1)) as pulje:
        fremtid = {
            t: pulje.submit(_laes_en_csv, sti, t, res.kortlaegning) for t, sti in opgaver.items()
        }
    for tabel in TABELLER:
        if tabel in fremtid:
            del_res, raa = fremtid[tabel].result()
            res.fejl.extend(del_res.fejl)
            res.advarsler.extend(del_res.advarsler)
            res.kildehash.update(del_res.kildehash)
            if raa is not None:
                res.tabeller[tabel] = raa


def _laes_en_csv(
    sti: Path, tabel: str, kort: Kortlaegning | None
) -> tuple[LaesResultat, RaaTabel | None]:
    del_res = LaesResultat(kortlaegning=kort)
    return del_res, laes_csv(sti, tabel, del_res)


def _dekod(indhold: bytes, fil: str) -> tuple[bytes, str] | Fejl:
    """Return UTF-8 bytes (without BOM) and the encoding used, or a Fejl.

    UTF-8 is tried first (strict); only bytes that are not valid UTF-8 are read as
    Windows-1252, and the manifest records which encoding was used.
    """
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
        indhold.decode("utf-8")
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
    renset = indhold.translate(None, _KONTROLBYTES)
    if len(renset) != len(indhold):
        pos = next(i for i, b in enumerate(indhold) if b in _KONTROLBYTES)
        linje = indhold.count(b"\n", 0, pos) + 1
        return Fejl(
            fil,
            f"filen indeholder kontroltegn (byte 0x{indhold[pos]:02x} i linje {linje}) og "
            f"ligner ikke en tekstfil (læst som {kodning}). Fjern tegnet, eller gem filen "
            "som 'CSV UTF-8' og prøv igen.",
        )
    return indhold, kodning


def _forhaand(utf8: bytes, sep: str) -> list[list[str]]:
    """The first SOEG_RAEKKER records parsed with the csv module (for header search).

    Looks at the first 256 KB only; stops at a record the csv module cannot parse (e.g. a
    huge field): the full parse reports that.
    """
    tekst = utf8[: 1 << 18].decode("utf-8", errors="replace")
    raekker: list[list[str]] = []
    try:
        for felter in csv.reader(io.StringIO(tekst, newline=""), delimiter=sep):
            raekker.append(felter)
            if len(raekker) >= SOEG_RAEKKER:
                break
    except csv.Error:
        pass
    return raekker


def find_overskrift(
    raekker: Sequence[Sequence[str | None]], tabel: str, kort: TabelKort
) -> int | None:
    """Index of the first row holding every required column of `tabel` (after mapping)."""
    kraevet = set(TABELLER[tabel].paakraevede)
    for i, felter in enumerate(raekker[:SOEG_RAEKKER]):
        navne = {kort.kolonnenavn(normaliser_navn(v)) for v in felter if v}
        if kraevet <= navne:
            return i
    return None


def _foerste_ikke_tomme(raekker: Sequence[Sequence[str | None]]) -> int | None:
    for i, felter in enumerate(raekker):
        if any(v and v.strip() for v in felter):
            return i
    return None


def bedste_overskrift(
    raekker: Sequence[Sequence[str | None]], tabel: str, kort: TabelKort
) -> int | None:
    """When no row holds every required column: the first row naming the most contract
    columns (so the message names what is missing), else the first non-empty row."""
    kendte = set(TABELLER[tabel].kolonnenavne)
    bedst, antal = None, 0
    for i, felter in enumerate(raekker[:SOEG_RAEKKER]):
        n = len({kort.kolonnenavn(normaliser_navn(v)) for v in felter if v} & kendte)
        if n > antal:
            bedst, antal = i, n
    return bedst if bedst is not None else _foerste_ikke_tomme(raekker)


def laes_csv(sti: Path, tabel: str, res: LaesResultat) -> RaaTabel | None:
    """Read one CSV file as strings; detect encoding, separator and header row."""
    fil = sti.name
    kort = _kort(res, tabel)
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
    valg = _find_skilletegn_og_overskrift(utf8, tabel, kort)
    if valg is None:
        res.fejl.append(
            Fejl(
                fil,
                "kan ikke finde overskriftslinjen og skilletegnet (brug ';' eller ',' mellem "
                "kolonnenavnene).",
            )
        )
        return None
    sep, h = valg
    try:
        df = pl.read_csv(
            utf8,
            separator=sep,
            has_header=False,
            skip_rows=h,
            infer_schema=False,
            empty_string_is_null=True,
            raise_if_empty=False,
        )
    except (pl.exceptions.PolarsError, OSError) as exc:
        res.fejl.append(_diagnosticer_csv(utf8, sep, fil, exc, h))
        return None
    raa = _fra_streng_ramme(
        df, tabel, fil, foerste_raekke=h + 1, res=res, kort=kort, trim=_blanke_tegn(utf8)
    )
    if raa is None:
        return None
    if not utf8.endswith((b"\n", b"\r")):
        res.advarsler.append(
            f"{fil}: filen slutter midt i en linje (intet linjeskift til sidst); kontrollér, at "
            "den er komplet og ikke afkortet."
        )
    kildefil = KildeFil(tabel, fil, sha, raa.height, encoding=kodning, separator=sep)
    hint = "," if sep == ";" else None
    return RaaTabel(tabel, fil, raa, kildefil, decimal_hint=hint, koder=kort.koder)


def _find_skilletegn_og_overskrift(
    utf8: bytes, tabel: str, kort: TabelKort
) -> tuple[str, int] | None:
    """(separator, 0-based header record) — the separator under which the header is found;
    without a recognisable header, the separator most frequent in the first non-empty line.
    """
    forsoeg = {sep: _forhaand(utf8, sep) for sep in (";", ",")}
    if kort.header_raekke is not None:
        h = kort.header_raekke - 1
        linje = forsoeg[";"][h] if h < len(forsoeg[";"]) else []
        sep = ";" if len(linje) >= len(forsoeg[","][h] if h < len(forsoeg[","]) else []) else ","
        return sep, h
    for sep, raekker in forsoeg.items():
        fundet = find_overskrift(raekker, tabel, kort)
        if fundet is not None and len(raekker[fundet]) > 1:
            return sep, fundet
    for sep in (";", ","):
        bedst = bedste_overskrift(forsoeg[sep], tabel, kort)
        if bedst is not None and len(forsoeg[sep][bedst]) > 1:
            andet = forsoeg["," if sep == ";" else ";"]
            if bedst < len(andet) and len(andet[bedst]) > len(forsoeg[sep][bedst]):
                return ("," if sep == ";" else ";"), bedst
            return sep, bedst
    return None


def _blanke_tegn(utf8: bytes) -> tuple[str, ...]:
    """The whitespace characters that can stand at a cell's edge in this file, found with
    byte searches (memchr-fast): space, tab, no-break space, and line breaks only when
    there are quoted fields. Empty: no cell needs trimming."""
    tegn: list[str] = []
    if b" " in utf8:
        tegn.append(" ")
    if b"\t" in utf8:
        tegn.append("\t")
    if b"\xc2\xa0" in utf8:
        tegn.append("\u00a0")
    if b'"' in utf8:
        tegn += ["\n", "\r"]
    return tuple(tegn)


def _diagnosticer_csv(utf8: bytes, sep: str, fil: str, exc: BaseException, h: int) -> Fejl:
    """Find the first malformed record with the csv module (error path only)."""
    antal: int | None = None
    nr = 0
    csv.field_size_limit(1 << 30)
    try:
        for nr, felter in enumerate(
            csv.reader(io.StringIO(utf8.decode("utf-8"), newline=""), delimiter=sep), start=1
        ):
            if nr <= h:
                continue
            if any(len(f) > MAKS_FELT and "\n" in f for f in felter):
                return Fejl(
                    fil,
                    'et felt begynder med et citationstegn ("), der ikke afsluttes; resten af '
                    "filen bliver til ét felt. Afslut citationstegnet, eller fjern det.",
                    nr,
                )
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
    df: pl.DataFrame,
    tabel: str,
    fil: str,
    foerste_raekke: int,
    res: LaesResultat,
    kort: TabelKort = TOM,
    trim: tuple[str, ...] | None = None,
) -> pl.DataFrame | None:
    """Header row (row 0 of `df`) → column names (mapped); trim cells, empty → null; add
    the row-number column. `foerste_raekke` is the user-visible row number of the header.
    `trim`: the whitespace characters that may stand at a cell's edge (None: any; empty:
    none, and empty cells are already null).
    """
    if df.height == 0:
        res.fejl.append(Fejl(fil, "filen er tom (der mangler en overskriftslinje)."))
        return None
    overskrift = [str(v) if v is not None else "" for v in df.row(0)]
    navne = [kort.kolonnenavn(normaliser_navn(v)) for v in overskrift]
    set_: dict[str, int] = {}
    ok = True
    for i, navn in enumerate(navne):
        if not navn:
            continue
        if navn in set_:
            kilder = f" ('{overskrift[set_[navn]].strip()}' og '{overskrift[i].strip()}')"
            res.fejl.append(
                Fejl(
                    fil,
                    "kolonnen findes mere end én gang i overskriften"
                    + (kilder if overskrift[set_[navn]].strip() != overskrift[i].strip() else "")
                    + ".",
                    foerste_raekke,
                    navn,
                )
            )
            ok = False
        set_[navn] = i
    if not ok:
        return None
    krop = df.slice(1)
    # Cells are trimmed; whitespace-only cells become empty (null).
    kolonner = []
    trimmes = (
        _skal_trimmes(krop, [df.columns[i] for i in set_.values()], trim or ())
        if trim is None or trim
        else set()
    )
    for navn, i in set_.items():
        c = pl.col(df.columns[i])
        if df.columns[i] in trimmes:
            c = c.str.strip_chars()
            c = pl.when(c.str.len_bytes() > 0).then(c)
        kolonner.append(c.alias(navn))
    data = krop.select(
        *kolonner,
        pl.int_range(foerste_raekke + 1, foerste_raekke + df.height, dtype=pl.Int64).alias(RAEKKE),
    )
    tomme_uden_navn = [
        i for i, n in enumerate(navne) if not n and krop[df.columns[i]].null_count() < krop.height
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
    if not _tjek_feltlaengder(data, fil, res):
        return None
    return data


def _skal_trimmes(df: pl.DataFrame, kolonner: list[str], tegn: tuple[str, ...]) -> set[str]:
    """Columns with a cell starting or ending in whitespace (cheap prefix/suffix tests).
    `tegn` empty: test for any whitespace (a regex, slower)."""
    if not kolonner or df.height == 0:
        return set()
    if not tegn:
        test = df.select(pl.col(k).str.contains(r"^\s|\s$").any() for k in kolonner).row(0)
        return {k for k, ja in zip(kolonner, test, strict=True) if ja}
    test = df.select(
        pl.any_horizontal(
            *(pl.col(k).str.starts_with(b) | pl.col(k).str.ends_with(b) for b in tegn)
        )
        .any()
        .alias(k)
        for k in kolonner
    ).row(0)
    return {k for k, ja in zip(kolonner, test, strict=True) if ja}


def _tjek_feltlaengder(data: pl.DataFrame, fil: str, res: LaesResultat) -> bool:
    """Cells longer than MAKS_FELT bytes are errors (cheap: lengths come from offsets)."""
    kolonner = [c for c in data.columns if c != RAEKKE]
    if not kolonner:
        return True
    maks = data.select(pl.col(kolonner).str.len_bytes().max()).row(0)
    lange = [k for k, m in zip(kolonner, maks, strict=True) if m is not None and m > MAKS_FELT]
    antal = 0
    for k in lange:
        for raekke, laengde in (
            data.select(RAEKKE, pl.col(k).str.len_bytes().alias("n"))
            .filter(pl.col("n") > MAKS_FELT)
            .head(_MAKS_FEJL_PR_FIL)
            .iter_rows()
        ):
            antal += 1
            res.fejl.append(
                Fejl(
                    fil,
                    f"feltet er {laengde:,} tegn langt (højst {MAKS_FELT:,} er tilladt); "
                    'måske mangler et afsluttende citationstegn (") tidligere i filen.'.replace(
                        ",", "."
                    ),
                    raekke,
                    k,
                )
            )
    return antal == 0


# --------------------------------------------------------------------------- Excel


_ARK_RE = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL_RE = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_RE2 = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_CELLE_RE = re.compile(rb'<c\b[^>]*?\br="[A-Z]+(\d+)"[^>]*?>(.*?)</c>', re.S)


def _xml_tekst(v: bytes) -> str:
    return (
        v.decode("utf-8", errors="replace")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
    )


def excel_foerste_raekke(indhold: bytes) -> dict[str, int]:
    """Sheet name → sheet row number of its first non-empty cell.

    calamine (fastexcel) drops leading empty rows; this recovers the offset so that row
    numbers in messages are the sheet's own. Best effort: a sheet missing here counts
    from row 1.
    """
    ud: dict[str, int] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(indhold)) as z:
            wb = z.read("xl/workbook.xml")
            rels = z.read("xl/_rels/workbook.xml.rels")
            maal = {rid: t for rid, t in _REL_RE.findall(rels)}
            maal.update({rid: t for t, rid in _REL_RE2.findall(rels)})
            for navn, rid in _ARK_RE.findall(wb):
                target = maal.get(rid)
                if target is None:
                    continue
                t = target.decode().lstrip("/")
                sti = t if t.startswith("xl/") else f"xl/{t}"
                with z.open(sti) as f:
                    hoved = f.read(4 << 20)
                for m in _CELLE_RE.finditer(hoved):
                    if b"<v" in m.group(2) or b"<is" in m.group(2):
                        ud[_xml_tekst(navn)] = int(m.group(1))
                        break
    except (KeyError, OSError, ValueError, zipfile.BadZipFile):
        pass
    return ud


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
    navngivne = {
        normaliser_navn(kort.ark): tabel
        for tabel in TABELLER
        if (kort := _kort(res, tabel)).ark is not None
    }
    ark: dict[str, list[str]] = {}
    for navn in laeser.sheet_names:
        n = normaliser_navn(navn)
        if n in navngivne:
            ark.setdefault(navngivne[n], []).append(navn)
        elif n in TABELLER and _kort(res, n).ark is None:
            ark.setdefault(n, []).append(navn)
        else:
            res.advarsler.append(f"{fil}: ukendt ark '{navn}'; det ignoreres.")
    forskydning = excel_foerste_raekke(indhold)
    for tabel in TABELLER:
        kort = _kort(res, tabel)
        navne = ark.get(tabel, [])
        if not navne:
            if TABELLER[tabel].valgfri and kort.ark is None:
                res.fravaerende.append(tabel)  # an optional table may be left out
                continue
            arknavn = kort.ark or tabel
            hvor = f" (angivet i {FILNAVN})" if kort.ark else ""
            res.fejl.append(
                Fejl(
                    fil, f"tabellen '{tabel}' mangler: arket '{arknavn}'{hvor} findes ikke i {fil}."
                )
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
        if df.width == 0 or df.height == 0:
            res.fejl.append(Fejl(arkfil, "arket er tomt (der mangler en overskriftsrække)."))
            continue
        df = df.select(pl.all().cast(pl.String))
        start = forskydning.get(navne[0], 1)  # sheet row of df's first row
        top: list[list[str | None]] = [list(r) for r in df.head(SOEG_RAEKKER).iter_rows()]
        if kort.header_raekke is not None:
            h = max(0, kort.header_raekke - start)
        else:
            fundet = find_overskrift(top, tabel, kort)
            h = fundet if fundet is not None else (bedste_overskrift(top, tabel, kort) or 0)
        data = _fra_streng_ramme(
            df.slice(h), tabel, arkfil, foerste_raekke=start + h, res=res, kort=kort
        )
        if data is None:
            continue
        kildefil = KildeFil(tabel, f"{fil}#{navne[0]}", sha, data.height)
        res.tabeller[tabel] = RaaTabel(
            tabel, arkfil, data, kildefil, decimal_hint=None, koder=kort.koder
        )


def beskriv_kortlaegning(kort: Kortlaegning) -> dict[str, Any]:
    """What goes into the manifest about the mapping file used."""
    return {"fil": kort.sti.name, "sha256": kort.sha256, "indhold": kort.indhold}
