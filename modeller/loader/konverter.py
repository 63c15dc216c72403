"""Mapping and casting: raw string frames → frames typed per the contract.

Vectorised polars expressions only (no per-row Python). The rules, stated once:

Numbers (`pl.Float64` columns). Surrounding whitespace is trimmed, a Unicode minus is
read as '-'. Each value is classified:

* `1234`, `-5` — an integer.
* `1.234.567,50`, `1.234,5` — Danish: '.' groups thousands, ',' is the decimal mark.
* `1.234.567` — two or more '.'-groups of three digits: Danish thousands (1234567).
* `1234567,50`, `0,5` — a single ',' is a decimal comma (the contract is Danish).
* `1234567.50`, `0.5` — a single '.' not followed by exactly three digits: decimal point.
* `1,234,567.50`, `1,234,567` — English grouping, accepted because it cannot be misread.
* `1.234` / `1,234` — ambiguous (one to three digits, one separator, three digits).
  The file's convention decides: a file whose number columns hold values with a decimal
  comma (or Danish grouping), and no value with a decimal point, uses decimal comma, so
  `1.234` is 1234 and `1,234` is 1,234. A file showing only decimal points reads
  `1.234` as 1.234 and rejects `1,234` (could be English 1234). When the values show no
  convention, a ';'-separated CSV counts as Danish; otherwise, and in a file mixing both
  conventions, an ambiguous value is an error (never silently guessed).

Integers: digits with an optional sign (`2026`, also `2026.0`/`2026,0` from spreadsheets).
Dates: ISO `2026-03-31` (an optional midnight time part from Excel is accepted) or Danish
`31-03-2026`, `31.03.2026`, `31/03/2026`. Allowed-value columns are lower-cased,
æ/ø/å folded and spaces turned into '_' (`På sporet` → `paa_sporet`) before checking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import polars as pl

from modeller.errors import Fejl
from modeller.loader.laes import RAEKKE, RaaTabel, kort_vaerdi
from modeller.schemas import Tabel

_S = r"^[+-]?"
INT = _S + r"\d+$"
DK_FULD = _S + r"\d{1,3}(\.\d{3})+,\d+$"
DK_TUSINDER = _S + r"\d{1,3}(\.\d{3}){2,}$"
TVETYDIG_PUNKTUM = _S + r"[1-9]\d{0,2}\.\d{3}$"
TVETYDIG_KOMMA = _S + r"[1-9]\d{0,2},\d{3}$"
DECIMALKOMMA = _S + r"\d*,\d+$"
DECIMALPUNKTUM = _S + r"\d*\.\d+$"
EN_FULD = _S + r"\d{1,3}(,\d{3})+\.\d+$"
EN_TUSINDER = _S + r"\d{1,3}(,\d{3}){2,}$"
VIDENSKABELIG = _S + r"(\d+\.?\d*|\.\d+)[eE][+-]?\d+$"

# Kind codes of a number value.
(K_INT, K_DK_FULD, K_DK_TUS, K_TV_P, K_TV_K, K_DKOMMA, K_DPUNKT, K_EN_FULD, K_EN_TUS, K_SCI) = (
    range(10)
)
_MOENSTRE = (
    (INT, K_INT),
    (DK_FULD, K_DK_FULD),
    (DK_TUSINDER, K_DK_TUS),
    (TVETYDIG_PUNKTUM, K_TV_P),
    (TVETYDIG_KOMMA, K_TV_K),
    (DECIMALKOMMA, K_DKOMMA),
    (DECIMALPUNKTUM, K_DPUNKT),
    (EN_FULD, K_EN_FULD),
    (EN_TUSINDER, K_EN_TUS),
    (VIDENSKABELIG, K_SCI),
)
_BEVIS_KOMMA = (K_DK_FULD, K_DK_TUS, K_DKOMMA)
_BEVIS_PUNKTUM = (K_DPUNKT, K_EN_FULD, K_EN_TUS)

_HELTAL = r"^[+-]?\d+([.,]0+)?$"
_ISO_DATO = r"^\d{4}-\d{2}-\d{2}([ T]00:00(:00(\.0+)?)?)?$"
_DK_DATO = r"^\d{1,2}[-./]\d{1,2}[-./]\d{4}$"

_FOLD = {"æ": "ae", "ø": "oe", "å": "aa"}


@dataclass
class KonverteringsResultat:
    """A typed frame (contract columns + RAEKKE) and what went wrong on the way."""

    data: pl.DataFrame
    fejl: list[Fejl] = field(default_factory=list)
    advarsler: list[str] = field(default_factory=list)
    manglende: tuple[str, ...] = ()
    """Required columns absent from the source (the frame holds nulls there)."""
    fejlceller: frozenset[tuple[int, str]] = frozenset()
    """(row, column) cells that failed to cast: validation must not report them again."""


def _tal_art(s: pl.Expr) -> pl.Expr:
    """Classify each number value by pattern (Int8 kind code, null when no pattern fits)."""
    chain: Any = pl
    for moenster, kode in _MOENSTRE:
        chain = chain.when(s.str.contains(moenster)).then(pl.lit(kode, dtype=pl.Int8))
    return cast(pl.Expr, chain.otherwise(None))


def _konvention(arter: pl.DataFrame, kolonner: list[str], decimal_hint: str | None) -> str:
    """'komma', 'punktum', 'blandet' or 'ukendt' for the number columns of one file."""
    if not kolonner:
        return "ukendt"
    bevis = arter.select(
        pl.any_horizontal([pl.col(k).is_in(_BEVIS_KOMMA).any() for k in kolonner]).alias("k"),
        pl.any_horizontal([pl.col(k).is_in(_BEVIS_PUNKTUM).any() for k in kolonner]).alias("p"),
    ).row(0)
    komma, punktum = bool(bevis[0]), bool(bevis[1])
    if komma and punktum:
        return "blandet"
    if komma:
        return "komma"
    if punktum:
        return "punktum"
    return "komma" if decimal_hint == "," else "ukendt"


def _tal_udtryk(s: pl.Expr, art: pl.Expr, konvention: str) -> pl.Expr:
    uden_punktum = s.str.replace_all(".", "", literal=True)
    uden_komma = s.str.replace_all(",", "", literal=True)
    komma_til_punktum = s.str.replace(",", ".", literal=True)
    if konvention == "komma":
        tv_p: pl.Expr = uden_punktum
    elif konvention == "punktum":
        tv_p = s
    else:
        tv_p = pl.lit(None, dtype=pl.String)
    tv_k = komma_til_punktum if konvention in ("komma", "ukendt") else pl.lit(None, pl.String)
    norm = (
        pl.when(art.is_in((K_INT, K_DPUNKT, K_SCI)))
        .then(s)
        .when(art == K_DK_FULD)
        .then(uden_punktum.str.replace(",", ".", literal=True))
        .when(art == K_DK_TUS)
        .then(uden_punktum)
        .when(art == K_TV_P)
        .then(tv_p)
        .when(art == K_TV_K)
        .then(tv_k)
        .when(art == K_DKOMMA)
        .then(komma_til_punktum)
        .when(art.is_in((K_EN_FULD, K_EN_TUS)))
        .then(uden_komma)
        .otherwise(None)
    )
    return norm.cast(pl.Float64, strict=False)


def _fold_tilladt(s: pl.Expr) -> pl.Expr:
    ud = s.str.to_lowercase()
    for a, b in _FOLD.items():
        ud = ud.str.replace_all(a, b, literal=True)
    return ud.str.replace_all(r"[\s\-]+", "_")


def _dato_udtryk(s: pl.Expr) -> pl.Expr:
    iso = pl.when(s.str.contains(_ISO_DATO)).then(
        s.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    )
    dk = pl.when(s.str.contains(_DK_DATO)).then(
        s.str.replace_all(r"[./]", "-").str.to_date("%d-%m-%Y", strict=False)
    )
    return pl.coalesce(iso, dk)


def _heltal_udtryk(s: pl.Expr) -> pl.Expr:
    tal = pl.when(s.str.contains(_HELTAL)).then(
        s.str.replace(r"[.,]0+$", "").cast(pl.Int64, strict=False)
    )
    return pl.when(tal.is_between(-(2**31), 2**31 - 1)).then(tal).cast(pl.Int32)


def konverter(raa: RaaTabel, tabel: Tabel) -> KonverteringsResultat:
    """Select, cast and default the columns of `raa` per `tabel`; collect cast errors."""
    df = raa.data
    fejl: list[Fejl] = []
    advarsler: list[str] = []
    kendte = set(tabel.kolonnenavne)
    ekstra = [c for c in df.columns if c != RAEKKE and c not in kendte]
    if ekstra:
        advarsler.append(f"{raa.fil}: ekstra kolonne(r) ignoreres: {', '.join(ekstra)}.")
    manglende = tuple(k for k in tabel.paakraevede if k not in df.columns)
    for k in manglende:
        fejl.append(Fejl(raa.fil, "den påkrævede kolonne mangler.", kolonne=k))

    def kilde(navn: str) -> pl.Expr:
        if navn in df.columns:
            return pl.col(navn).str.replace_all("\u2212", "-", literal=True)
        return pl.lit(None, dtype=pl.String)

    tal_kolonner = [
        k.navn for k in tabel.kolonner if k.dtype == pl.Float64 and k.navn in df.columns
    ]
    konvention = "ukendt"
    arter: pl.DataFrame | None = None
    if tal_kolonner:
        arter = df.select([_tal_art(kilde(k)).alias(k) for k in tal_kolonner])
        konvention = _konvention(arter, tal_kolonner, raa.decimal_hint)
        df = df.with_columns([arter[k].alias(f"__art_{k}") for k in tal_kolonner])

    udtryk: list[pl.Expr] = []
    for kol in tabel.kolonner:
        s = kilde(kol.navn)
        if kol.dtype == pl.Float64:
            v = (
                _tal_udtryk(s, pl.col(f"__art_{kol.navn}"), konvention)
                if kol.navn in (tal_kolonner)
                else pl.lit(None, pl.Float64)
            )
        elif kol.dtype == pl.Int32:
            v = _heltal_udtryk(s)
        elif kol.dtype == pl.Date:
            v = _dato_udtryk(s)
        else:
            v = _fold_tilladt(s) if kol.tilladte else s
        if kol.standard is not None:
            v = v.fill_null(pl.lit(kol.standard).cast(kol.dtype))
        udtryk.append(v.cast(kol.dtype).alias(kol.navn))
    typed = df.select(*udtryk, pl.col(RAEKKE))

    # Cast failures: a non-empty source cell that became null.
    fejlceller: set[tuple[int, str]] = set()
    for kol in tabel.kolonner:
        if kol.dtype == pl.String or kol.navn not in df.columns:
            continue
        maske = df[kol.navn].is_not_null() & typed[kol.navn].is_null()
        if not maske.any():
            continue
        daarlige = pl.DataFrame({"v": df[kol.navn].filter(maske), "r": df[RAEKKE].filter(maske)})
        if kol.dtype == pl.Float64:
            tvetydig = daarlige["v"].str.contains(TVETYDIG_PUNKTUM) | daarlige["v"].str.contains(
                TVETYDIG_KOMMA
            )
            daarlige = daarlige.with_columns(t=tvetydig)
        else:
            daarlige = daarlige.with_columns(t=pl.lit(False))
        for vaerdi, raekke, tv in daarlige.iter_rows():
            fejlceller.add((raekke, kol.navn))
            fejl.append(
                Fejl(raa.fil, _castbesked(kol.dtype, vaerdi, tv, konvention), raekke, kol.navn)
            )
    return KonverteringsResultat(typed, fejl, advarsler, manglende, frozenset(fejlceller))


def _castbesked(dtype: pl.DataType, vaerdi: str, tvetydig: bool, konvention: str) -> str:
    v = kort_vaerdi(vaerdi)
    if dtype == pl.Float64:
        if tvetydig:
            hvorfor = (
                "filen blander decimalkomma og decimalpunktum"
                if konvention == "blandet"
                else "filen bruger decimalpunktum"
                if konvention == "punktum"
                else "filens talformat kan ikke afgøres"
            )
            return (
                f"tallet {v} er tvetydigt ({hvorfor}): det kan være et tusindtal eller et "
                "decimaltal. Skriv det uden tusindtalsseparator, fx 1234 eller 1,234."
            )
        return f"{v} er ikke et tal (fx 1234567,50 eller 1.234.567,50)."
    if dtype == pl.Int32:
        return f"{v} er ikke et helt tal."
    if dtype == pl.Date:
        return f"{v} er ikke en gyldig dato (brug 2026-03-31 eller 31-03-2026)."
    return f"{v} kan ikke læses."
