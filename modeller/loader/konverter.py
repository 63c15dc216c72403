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

* `inf`, `NaN` and the like are not numbers.

Values without '.' or ',' take a fast path (a plain cast); only values with a separator
are classified by the patterns above, so an all-integer column costs one cast.

Integers: digits with an optional sign (`2026`, also `2026.0`/`2026,0` from spreadsheets).
Dates: ISO `2026-03-31` (an optional midnight time part from Excel is accepted) or Danish
`31-03-2026`, `31.03.2026`, `31/03/2026`; a whole number between 21916 and 73050 in a
date column is an Excel date serial (1960–2099), converted with a warning that says so.
Allowed-value columns are lower-cased, æ/ø/å folded and spaces turned into '_'
(`På sporet` → `paa_sporet`) before checking. Codes from `kortlaegning.toml` are replaced
first (matched the same way for allowed-value columns, exactly otherwise).

Signs: amounts (`_kr`) may be negative (income, corrections, savings), so may indicator
values, baselines and targets (e.g. a change in %). Years and months are bounded by the
contract (2000–2100, 1–12), so a negative one is an error there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import polars as pl

from modeller.errors import Fejl
from modeller.loader.laes import RAEKKE, RaaTabel, kort_vaerdi
from modeller.schemas import Tabel
from modeller.tekst import ascii_fold_udtryk

_S = r"^[+-]?"
DANSK = _S + r"(\d+|[1-9]\d{0,2}(\.\d{3})+)?(,\d+)?$"
"""Danish shape: optional '.'-grouped thousands, optional decimal comma."""
ENGELSK = _S + r"(\d+|[1-9]\d{0,2}(,\d{3})+)?(\.\d+)?$"
"""English shape: optional ','-grouped thousands, optional decimal point."""
VIDENSKABELIG = _S + r"(\d+\.?\d*|\.\d+)[eE][+-]?\d+$"
TVETYDIG_PUNKTUM = _S + r"[1-9]\d{0,2}\.\d{3}$"
TVETYDIG_KOMMA = _S + r"[1-9]\d{0,2},\d{3}$"

_HELTAL = r"^[+-]?\d+([.,]0+)?$"
_SERIEL = r"^\d{5}([.,]0+)?$"
SERIEL_MIN, SERIEL_MAX = 21916, 73050
"""Excel date serials accepted in date columns: 1960-01-01 … 2099-12-31."""
_ISO_DATO = r"^\d{4}-\d{2}-\d{2}([ T]00:00(:00(\.0+)?)?)?$"
_DK_DATO = r"^\d{1,2}[-./]\d{1,2}[-./]\d{4}$"


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


@dataclass(frozen=True)
class _TalArt:
    """Per-value shape flags of one number column (boolean Series, nulls as False)."""

    dansk: pl.Series
    engelsk: pl.Series
    separator: pl.Series

    @property
    def bevis_komma(self) -> bool:
        return bool((self.dansk & ~self.engelsk & self.separator).any())

    @property
    def bevis_punktum(self) -> bool:
        return bool((self.engelsk & ~self.dansk & self.separator).any())


def _tal_art(s: pl.Series) -> _TalArt:
    return _TalArt(
        dansk=s.str.contains(DANSK).fill_null(False),
        engelsk=s.str.contains(ENGELSK).fill_null(False),
        separator=(s.str.contains(".", literal=True) | s.str.contains(",", literal=True)).fill_null(
            False
        ),
    )


def _konvention(arter: list[_TalArt], decimal_hint: str | None) -> str:
    """'komma', 'punktum', 'blandet' or 'ukendt' for the number columns of one file."""
    komma = any(a.bevis_komma for a in arter)
    punktum = any(a.bevis_punktum for a in arter)
    if komma and punktum:
        return "blandet"
    if komma:
        return "komma"
    if punktum:
        return "punktum"
    return "komma" if decimal_hint == "," else "ukendt"


def _tal(s: pl.Series, art: _TalArt, konvention: str) -> pl.Series:
    """Cast one string column to Float64 per the module's rules (null where invalid)."""
    dk, en, sep = art.dansk, art.engelsk, art.separator
    begge = dk & en  # an integer, or ambiguous ('1.234' / '1,234')
    har_punktum = s.str.contains(".", literal=True).fill_null(False)
    tvetydig_p = begge & sep & har_punktum
    tvetydig_k = begge & sep & ~har_punktum
    som_dansk = dk & ~en
    som_engelsk = (en & ~dk) | (begge & ~sep)
    if konvention == "komma":
        som_dansk = som_dansk | tvetydig_p | tvetydig_k
    elif konvention == "punktum":
        som_engelsk = som_engelsk | tvetydig_p
    elif konvention == "ukendt":
        som_dansk = som_dansk | tvetydig_k
    frame = pl.DataFrame({"s": s, "dk": som_dansk, "en": som_engelsk})
    dansk = pl.col("s").str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    engelsk = pl.col("s").str.replace_all(",", "", literal=True)
    udtryk = pl.when(pl.col("dk")).then(dansk).when(pl.col("en")).then(engelsk)
    rest = s.is_not_null() & ~dk & ~en
    if rest.any():  # rare: scientific notation from spreadsheets
        frame = frame.with_columns(sci=s.str.contains(VIDENSKABELIG).fill_null(False))
        udtryk = udtryk.when(pl.col("sci")).then(pl.col("s"))
    return frame.select(udtryk.otherwise(None).cast(pl.Float64, strict=False))["s"]


def _fold_tilladt(s: pl.Expr) -> pl.Expr:
    return ascii_fold_udtryk(s.str.to_lowercase()).str.replace_all(r"[\s\-]+", "_")


def _dato_udtryk(s: pl.Expr) -> pl.Expr:
    iso = pl.when(s.str.contains(_ISO_DATO)).then(
        s.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    )
    dk = pl.when(s.str.contains(_DK_DATO)).then(
        s.str.replace_all(r"[./]", "-").str.to_date("%d-%m-%Y", strict=False)
    )
    seriel = pl.when(_seriel_udtryk(s)).then(
        pl.lit(date(1899, 12, 30))
        + pl.duration(days=s.str.replace(r"[.,]0+$", "").cast(pl.Int64, strict=False))
    )
    return pl.coalesce(iso, dk, seriel)


def _seriel_udtryk(s: pl.Expr) -> pl.Expr:
    """True for an Excel date serial (a whole number in the accepted range)."""
    tal = s.str.replace(r"[.,]0+$", "").cast(pl.Int64, strict=False)
    return s.str.contains(_SERIEL) & tal.is_between(SERIEL_MIN, SERIEL_MAX)


def _kodet(s: pl.Expr, koder: dict[str, str]) -> pl.Expr:
    """Fold an allowed-value column, then replace the mapped codes."""
    return _fold_tilladt(s).replace(list(koder), list(koder.values()))


def _tal_art_hurtig(s: pl.Series) -> tuple[pl.Series, _TalArt | None]:
    """The rows with a '.' or ',' (only they need the number patterns) and their shapes."""
    sep = (s.str.contains(".", literal=True) | s.str.contains(",", literal=True)).fill_null(False)
    if not sep.any():
        return sep, None
    return sep, _tal_art(s.filter(sep))


def _tal_hurtig(s: pl.Series, art: tuple[pl.Series, _TalArt | None], konvention: str) -> pl.Series:
    """Float64 per the module's rules: a plain cast where there is no separator, the
    pattern rules on the rest; non-finite results (`inf`, `nan`) are null."""
    sep, sep_art = art
    v = s.cast(pl.Float64, strict=False)
    if sep_art is not None:
        idx = sep.arg_true()
        v = v.scatter(idx, _tal(s.gather(idx), sep_art, konvention))
    if v.is_infinite().any() or v.is_nan().any():
        v = v.set(~v.is_finite().fill_null(True), None)
    return v


def _heltal(s: pl.Series) -> pl.Series:
    """Cast to Int32: a plain cast first; the tolerant pattern only when that fails."""
    tal = s.cast(pl.Int64, strict=False)
    if (s.is_not_null() & tal.is_null()).any():
        tolerant = (
            pl.DataFrame({"s": s})
            .select(
                pl.when(pl.col("s").str.contains(_HELTAL)).then(
                    pl.col("s").str.replace(r"[.,]0+$", "").cast(pl.Int64, strict=False)
                )
            )
            .to_series()
        )
        tal = tal.fill_null(tolerant)
    tal = tal.set(~tal.is_between(-(2**31), 2**31 - 1).fill_null(True), None)
    return tal.cast(pl.Int32)


def _per_unik(s: pl.Series, udtryk: Callable[[pl.Expr], pl.Expr], dtype: pl.DataType) -> pl.Series:
    """Apply `udtryk` to the distinct values only, then map back (few distinct values:
    codes, dates), which is much cheaper than string work on every row."""
    unikke = s.drop_nulls().unique()
    if unikke.len() * 4 > s.len():
        return pl.DataFrame({"s": s}).select(udtryk(pl.col("s"))).to_series()
    oversat = pl.DataFrame({"s": unikke}).select(udtryk(pl.col("s"))).to_series()
    return s.replace_strict(unikke, oversat, default=None, return_dtype=dtype)


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

    renset: dict[str, pl.Series] = {}

    def kilde(navn: str) -> pl.Series:
        if navn not in df.columns:
            return pl.Series(navn, [None] * df.height, dtype=pl.String)
        s = df[navn]
        if tabel.kolonne(navn).dtype.is_numeric():  # a Unicode minus only matters in numbers
            if navn not in renset:
                if s.str.contains("\u2212", literal=True).any():
                    s = s.str.replace_all("\u2212", "-", literal=True)
                renset[navn] = s
            return renset[navn]
        return s

    tal_kolonner = [
        k.navn for k in tabel.kolonner if k.dtype == pl.Float64 and k.navn in df.columns
    ]
    arter = {k: _tal_art_hurtig(kilde(k)) for k in tal_kolonner}
    konvention = _konvention([a for _, a in arter.values() if a is not None], raa.decimal_hint)

    udtryk: list[pl.Series] = []
    for kol in tabel.kolonner:
        s = kilde(kol.navn)
        if kol.dtype == pl.Float64:
            v = _tal_hurtig(s, arter[kol.navn], konvention) if kol.navn in arter else s
            v = v.cast(pl.Float64)
        elif kol.dtype == pl.Int32:
            v = _heltal(s)
        elif kol.dtype == pl.Date:
            v = _per_unik(s, _dato_udtryk, kol.dtype)
            # Serials are plain 5-digit numbers: only look when some value has no date mark.
            if (s.is_not_null() & ~s.str.contains(r"[-./]")).any():
                seriel = _per_unik(s, _seriel_udtryk, pl.Boolean()).fill_null(False)
                if seriel.any():
                    advarsler.append(
                        f"{raa.fil}: {int(seriel.sum())} værdi(er) i kolonne '{kol.navn}' er "
                        f"Excel-datonumre (fx {s.filter(seriel)[0]}) og er omregnet til datoer."
                    )
        elif kol.tilladte:
            koder = raa.koder.get(kol.navn)
            if koder:
                v = _per_unik(s, partial(_kodet, koder=koder), kol.dtype)
            else:
                v = _per_unik(s, _fold_tilladt, kol.dtype)
        else:
            koder = raa.koder.get(kol.navn)
            v = s.replace(list(koder), list(koder.values())) if koder else s
        if kol.standard is not None:
            v = v.fill_null(pl.Series([kol.standard]).cast(kol.dtype))
        udtryk.append(v.cast(kol.dtype).alias(kol.navn))
    typed = pl.DataFrame([*udtryk, df[RAEKKE]])

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
