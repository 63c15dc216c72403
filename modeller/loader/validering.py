"""Per-table validation: pandera polars schemas built from modeller.schemas, run lazily,
with every failure translated into a Danish `Fejl` carrying the file's row number.

pandera (polars backend) is used rather than hand-rolled checks: with `lazy=True` it
reports every failing cell in `failure_cases` with its column, check and row index.

Speed: pandera runs one query per check (~4 ms per table even when all is well). A table
is first screened with one polars query built from the same spec (`screening_ok`): types,
empty cells, allowed values, ranges and key uniqueness. Only when the screening finds
something, or cannot tell, does pandera run, and pandera alone produces the messages. The
screening is at least as strict as the schema (tested against pandera on random frames),
so a valid table is never passed on a failure pandera would have found.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import polars as pl

from modeller.errors import Fejl
from modeller.loader.laes import RAEKKE, kort_vaerdi
from modeller.schemas import AAR_MAX, AAR_MIN, Kolonne, Tabel

if TYPE_CHECKING:  # pandera is imported lazily: it costs ~0.9 s of start-up (it loads
    import pandera.polars as pa  # pandas too), and a valid source set never needs it.

_pandera_cache: dict[tuple[str, tuple[str, ...]], pa.DataFrameSchema] = {}


def _checks(kol: Kolonne) -> list[pa.Check]:
    import pandera.polars as pa

    checks: list[pa.Check] = []
    if kol.tilladte is not None:
        checks.append(pa.Check.isin(list(kol.tilladte)))
    if kol.minimum is not None or kol.maksimum is not None:
        heltal = kol.dtype == pl.Int32
        lav = kol.minimum if kol.minimum is not None else float("-inf")
        hoej = kol.maksimum if kol.maksimum is not None else float("inf")
        if heltal:
            checks.append(pa.Check.in_range(int(lav), int(hoej)))
        else:
            checks.append(pa.Check.in_range(lav, hoej))
    return checks


def pandera_schema(tabel: Tabel, udelad: Iterable[str] = ()) -> pa.DataFrameSchema:
    """The pandera schema of `tabel`, leaving out columns in `udelad` (absent in the source)."""
    import pandera.polars as pa

    udelad_t = tuple(sorted(udelad))
    noegle = (tabel.navn, udelad_t)
    if noegle in _pandera_cache:
        return _pandera_cache[noegle]
    # A nullable column without checks needs no validation (its dtype is set by the
    # cast in konverter.py); leaving it out saves pandera's per-column overhead.
    kolonner = {
        k.navn: pa.Column(k.dtype, checks=_checks(k), nullable=k.nullable, coerce=False)
        for k in tabel.kolonner
        if k.navn not in udelad_t and (not k.nullable or _checks(k) or k.navn in tabel.noegle)
    }
    unik = list(tabel.noegle) if tabel.noegle and not set(tabel.noegle) & set(udelad_t) else None
    schema = pa.DataFrameSchema(kolonner, unique=unik, strict=False, name=tabel.navn)
    _pandera_cache[noegle] = schema
    return schema


def screening_ok(df: pl.DataFrame, tabel: Tabel, udelad: Iterable[str] = ()) -> bool:
    """True when `df` certainly passes `pandera_schema(tabel, udelad)` (one polars query)."""
    udelad_s = set(udelad)
    betingelser: list[pl.Expr] = []
    for k in tabel.kolonner:
        if k.navn in udelad_s:
            continue
        if k.navn not in df.columns or df.schema[k.navn] != k.dtype:
            return False
        c = pl.col(k.navn)
        if not k.nullable:
            betingelser.append(c.null_count() == 0)
        if k.tilladte is not None:
            betingelser.append((c.is_in(list(k.tilladte)) | c.is_null()).all())
        if k.minimum is not None or k.maksimum is not None:
            lav = k.minimum if k.minimum is not None else float("-inf")
            hoej = k.maksimum if k.maksimum is not None else float("inf")
            betingelser.append((c.is_between(lav, hoej) | c.is_null()).all())
    if tabel.noegle and not set(tabel.noegle) & udelad_s:
        betingelser.append(~pl.struct(list(tabel.noegle)).is_duplicated().any())
    if not betingelser or df.height == 0:
        return df.height == 0 or not betingelser
    return bool(df.select(pl.all_horizontal(betingelser)).item())


def valider(
    df: pl.DataFrame,
    tabel: Tabel,
    fil: str,
    manglende: Iterable[str] = (),
    fejlceller: frozenset[tuple[int, str]] = frozenset(),
    raa: pl.DataFrame | None = None,
) -> list[Fejl]:
    """Validate a typed frame (with RAEKKE) against `tabel`; return every problem found.

    Cells listed in `fejlceller` already failed to cast and are not reported again.
    `raa` (the string frame `df` was cast from, same rows) lets messages quote the value
    as written in the file rather than its normalised form.
    """
    if screening_ok(df, tabel, manglende):
        return []
    from pandera.errors import SchemaError, SchemaErrors

    schema = pandera_schema(tabel, manglende)
    try:
        schema.validate(df, lazy=True)
    except SchemaErrors as exc:
        return _oversaet(exc.failure_cases, df, tabel, fil, fejlceller, raa)
    except SchemaError as exc:  # pragma: no cover - lazy=True collects into SchemaErrors
        return [Fejl(fil, f"tabellen kunne ikke valideres ({exc.reason_code}).")]
    return []


def _oversaet(
    fc: pl.DataFrame,
    df: pl.DataFrame,
    tabel: Tabel,
    fil: str,
    fejlceller: frozenset[tuple[int, str]],
    raa: pl.DataFrame | None,
) -> list[Fejl]:
    raekker = df[RAEKKE]
    fejl: list[Fejl] = []
    dubletter: list[int] = []
    for vaerdi, kolonne, check, index in fc.select(
        "failure_case", "column", "check", "index"
    ).iter_rows():
        raekke = int(raekker[index]) if index is not None else None
        if check in ("multiple_fields_uniqueness", "field_uniqueness", "unique"):
            if index is not None:
                dubletter.append(index)
            continue
        if kolonne is not None and raekke is not None and (raekke, kolonne) in fejlceller:
            continue
        if (
            raa is not None
            and kolonne in raa.columns
            and index is not None
            and check.startswith("isin")
        ):
            vaerdi = raa[kolonne][index]
        fejl.append(Fejl(fil, _besked(tabel, kolonne, check, vaerdi), raekke, kolonne))
    if dubletter:
        fejl.extend(_dublet_fejl(df, tabel, fil, sorted(set(dubletter))))
    fejl.sort(key=lambda f: (f.raekke or 0, f.kolonne or ""))
    return fejl


def _besked(tabel: Tabel, kolonne: str | None, check: str, vaerdi: str | None) -> str:
    if check == "not_nullable":
        return "værdien mangler (feltet må ikke være tomt)."
    if kolonne is None:
        return f"tabellen opfylder ikke kravet '{check}'."
    kol = tabel.kolonne(kolonne)
    v = kort_vaerdi(vaerdi)
    if check.startswith("isin"):
        tilladte = ", ".join(kol.tilladte or ())
        return f"{v} er ikke en tilladt værdi; tilladte værdier er: {tilladte}."
    if check.startswith("in_range"):
        if kol.minimum == AAR_MIN and kol.maksimum == AAR_MAX:
            return f"året {v} er ikke plausibelt; det skal ligge mellem {AAR_MIN} og {AAR_MAX}."
        if kolonne == "maaned":
            return f"måneden {v} findes ikke; den skal være mellem 1 og 12."
        return f"{v} ligger uden for det tilladte interval {kol.minimum}–{kol.maksimum}."
    if check.startswith("dtype"):
        return f"kolonnen har en forkert datatype ({vaerdi})."
    return f"{v} opfylder ikke kravet '{check}'."


def _dublet_fejl(df: pl.DataFrame, tabel: Tabel, fil: str, index: list[int]) -> list[Fejl]:
    """One Fejl per repeated key row, pointing at the row where the key first appears."""
    noegle = list(tabel.noegle)
    dub = (
        df.select(*noegle, RAEKKE)
        .with_row_index("__i")
        .filter(pl.col("__i").is_in(index))
        .with_columns(pl.col(RAEKKE).min().over(noegle).alias("__foerste"))
        .filter(pl.col(RAEKKE) != pl.col("__foerste"))
    )
    fejl: list[Fejl] = []
    for raekke_dict in dub.iter_rows(named=True):
        beskrivelse = ", ".join(f"{k}={kort_vaerdi(raekke_dict[k])}" for k in noegle)
        fejl.append(
            Fejl(
                fil,
                f"{beskrivelse} findes allerede i række {raekke_dict['__foerste']}; "
                "nøglen skal være unik.",
                raekke_dict[RAEKKE],
                noegle[0] if len(noegle) == 1 else ", ".join(noegle),
            )
        )
    return fejl
