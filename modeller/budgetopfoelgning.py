"""Rules of the political follow-up report (budgetopfølgning to udvalg, ØU and Byråd).

The seed: follow-up monthly to Økonomiudvalget, three times a year to Byrådet, and a
budget revision per 30 April "med opsamling på økonomi, mål, serviceniveau, resultatkrav
og indsatsområder", treated in fagudvalg, Økonomiudvalget and Byrådet. The figures of the
report come from modeller/budget.py (the same rules as the Økonomi page); this module
adds only what the report needs beyond them:

- the recipients (`modtagere`): Økonomiudvalget and Byrådet get the whole municipality,
  a fagudvalg its own politikområder;
- the budget revision edition (`er_budgetrevision`): the follow-up whose date the
  årshjul marks as budgetrevision (a deadline whose name starts with "Budgetrevision";
  30 April by default);
- the appropriations since the previous follow-up (`bevillingsaendringer`), found by
  comparing the budget tables of two snapshots (the source has no decision dates);
- the explanation and the action of a forecast comment (`del_kommentar`);
- how the forecast moved month by month up to the follow-up (`prognoseudvikling`), for
  Økonomiudvalget, which follows the budget monthly.

Pure Python and polars, no I/O. Sign: expenses positive, income negative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import polars as pl

from modeller import budget
from modeller.aarshjul import Aarshjul

__all__ = [
    "BEVILLINGSARTER",
    "BYRAADET",
    "OEKONOMIUDVALGET",
    "bevillingsaendringer",
    "budgetrevisionsdatoer",
    "del_kommentar",
    "er_budgetrevision",
    "er_hele_kommunen",
    "modtagere",
    "prognoseudvikling",
]

OEKONOMIUDVALGET = "Økonomiudvalget"
BYRAADET = "Byrådet"
HELE_KOMMUNEN = (OEKONOMIUDVALGET, BYRAADET)
"""Recipients that get the whole municipality (the fagudvalg get their own area)."""

BEVILLINGSARTER: dict[str, str] = {
    "tillaegsbevilling": "Tillægsbevilling",
    "omplacering": "Omplacering",
}
"""The budget amount types a committee approves (beloebstype → Danish name)."""

_NOEGLE = ("enhed_id", "politikomraade_id", "budgettype", "projekt_id")


def modtagere(udvalg: Iterable[str | None]) -> list[str]:
    """The recipients of a report: Økonomiudvalget and Byrådet (whole municipality) first,
    then every other udvalg of the politikområder, alphabetically. An udvalg named
    Økonomiudvalget in the data is the ØU recipient (it is not listed twice)."""
    fag = sorted({u for u in udvalg if u and u not in HELE_KOMMUNEN})
    return [*HELE_KOMMUNEN, *fag]


def er_hele_kommunen(modtager: str) -> bool:
    """True when `modtager` gets the report for the whole municipality."""
    return modtager in HELE_KOMMUNEN


def budgetrevisionsdatoer(aarshjul: Aarshjul, aar: int) -> list[date]:
    """The budget revision dates of `aar`: the årshjul's deadlines whose name starts with
    "Budgetrevision" (case-insensitive); 30 April with the default årshjul."""
    return sorted(
        f.dato(aar) for f in aarshjul.frister if f.navn.strip().lower().startswith("budgetrevision")
    )


def er_budgetrevision(aarshjul: Aarshjul, opfoelgningsdato: date | None) -> bool:
    """True when the follow-up dated `opfoelgningsdato` (a snapshot's data date) is the
    budget revision: the årshjul marks that very date as budgetrevision."""
    if opfoelgningsdato is None:
        return False
    return opfoelgningsdato in budgetrevisionsdatoer(aarshjul, opfoelgningsdato.year)


def _bevillinger(budget: pl.DataFrame, aar: int, navn: str) -> pl.DataFrame:
    b = budget
    if "projekt_id" not in b.columns:
        b = b.with_columns(projekt_id=pl.lit(None, dtype=pl.String()))
    if "budgettype" not in b.columns:
        b = b.with_columns(budgettype=pl.lit("service"))
    return (
        b.filter(pl.col("aar") == aar, pl.col("beloebstype").is_in(list(BEVILLINGSARTER)))
        .with_columns(pl.col("budgettype").fill_null("service"))
        .group_by(*_NOEGLE, "beloebstype")
        .agg(pl.col("beloeb_kr").sum().cast(pl.Float64()).alias(navn))
    )


def bevillingsaendringer(
    budget_nu: pl.DataFrame, budget_foer: pl.DataFrame | None, aar: int
) -> pl.DataFrame:
    """Tillægsbevillinger and omplaceringer for `aar` since the previous follow-up.

    Compares the `budget` tables of two snapshots per line (`enhed_id`,
    `politikomraade_id`, `budgettype`, `projekt_id`) and `beloebstype` (tillaegsbevilling,
    omplacering): `beloeb_kr` = now − before (positive = more expense budget). Without a
    previous snapshot (`budget_foer` None) every appropriation of the year counts. Lines
    whose change is 0 are left out. Columns: the line key, `beloebstype`, `art` (Danish),
    `beloeb_nu_kr`, `beloeb_foer_kr`, `beloeb_kr`. Sorted by politikområde, enhed, art.
    """
    nu = _bevillinger(budget_nu, aar, "beloeb_nu_kr")
    if budget_foer is None:
        foer = nu.head(0).rename({"beloeb_nu_kr": "beloeb_foer_kr"})
    else:
        foer = _bevillinger(budget_foer, aar, "beloeb_foer_kr")
    noegle = [*_NOEGLE, "beloebstype"]
    return (
        nu.join(foer, on=noegle, how="full", coalesce=True, nulls_equal=True)
        .with_columns(pl.col("beloeb_nu_kr", "beloeb_foer_kr").fill_null(0.0))
        .with_columns(beloeb_kr=pl.col("beloeb_nu_kr") - pl.col("beloeb_foer_kr"))
        .filter(pl.col("beloeb_kr").round(2) != 0)
        .with_columns(
            art=pl.col("beloebstype").replace_strict(BEVILLINGSARTER, return_dtype=pl.String())
        )
        .select(*noegle, "art", "beloeb_nu_kr", "beloeb_foer_kr", "beloeb_kr")
        .sort("politikomraade_id", "enhed_id", "beloebstype", "budgettype", "projekt_id",
              nulls_last=True)
    )  # fmt: skip


_HANDLING = re.compile(r"\b(handling|tiltag|handleplan)\s*:\s*", re.IGNORECASE)


def del_kommentar(kommentar: str | None) -> tuple[str | None, str | None]:
    """(explanation, action) of a forecast comment: the text after "Handling:" (or
    "Tiltag:", "Handleplan:") is the action, the text before it the explanation. A comment
    without such a marker is all explanation; an empty comment gives (None, None)."""
    if kommentar is None or not kommentar.strip():
        return None, None
    m = _HANDLING.search(kommentar)
    if m is None:
        return kommentar.strip(), None
    forklaring = kommentar[: m.start()].strip().rstrip(".;,") or None
    handling = kommentar[m.end() :].strip() or None
    if forklaring is not None and not forklaring.endswith((".", "!", "?")):
        forklaring += "."
    return forklaring, handling


_PROGNOSE_TYPER: dict[str, pl.DataType] = {
    "opfoelgningsdato": pl.Date(),
    "enhed_id": pl.String(),
    "politikomraade_id": pl.String(),
    "forventet_forbrug_kr": pl.Float64(),
    "kommentar": pl.String(),
    "budgettype": pl.String(),
    "projekt_id": pl.String(),
}


def _prognoser(df: pl.DataFrame) -> pl.DataFrame:
    """Forecasts in the source columns with every optional column present (a forecast
    without budgettype is a service forecast, as in modeller/budget.py)."""
    return df.select(
        (pl.col(k) if k in df.columns else pl.lit(None)).cast(t).alias(k)
        for k, t in _PROGNOSE_TYPER.items()
    ).with_columns(pl.col("budgettype").fill_null(budget.LEGACY_BUDGETTYPE))


def prognoseudvikling(
    linjer: pl.DataFrame,
    prognoser: pl.DataFrame,
    aar: int,
    pr: date,
    grupper: Iterable[str] = (),
) -> pl.DataFrame:
    """How the forecast moved, month by month, up to the follow-up `pr` of year `aar`.

    `linjer` are the follow-up lines of `budget.opfoelgning` (key, `korrigeret_budget_kr`,
    `er_regnskab`, `forventet_forbrug_kr`) with the grouping columns `grupper` (e.g.
    `udvalg`); `prognoser` the forecasts (source table). At every forecast date of `aar`
    up to `pr` (the distinct `opfoelgningsdato`s; monthly for ØU) each line takes the
    forecast in force then (`budget.seneste_prognose`: its latest forecast dated on or
    before, so a line that skipped a month keeps its previous forecast); a line without
    any counts at its korrigeret budget (deviation 0) and in `antal_mangler`, never
    silently as on budget. The deviation is measured against the follow-up's korrigeret
    budget (the source carries no decision dates for budget changes). A closed year
    (`er_regnskab`) ends with a point dated 31 December: the accounts (`er_regnskab`
    True), as the report shows them.

    Returns per group, `budgettype` and `dato`: `korrigeret_budget_kr`,
    `forventet_forbrug_kr`, `forventet_afvigelse_kr` (= forventet forbrug − korrigeret
    budget; positive = merforbrug, also on income lines, where income is negative),
    `antal_linjer`, `antal_mangler` and `er_regnskab`; sorted by group, budget type, date.
    Sign: expenses positive, income negative.
    """
    g = list(grupper)
    noegle = list(budget.NOEGLE)
    prog = _prognoser(prognoser)
    lin = linjer.select(
        *g, *noegle, "korrigeret_budget_kr", "forventet_forbrug_kr", "er_regnskab"
    ).with_columns(pl.col("korrigeret_budget_kr").fill_null(0.0).cast(pl.Float64()))
    datoer = (
        prog.filter(pl.col("opfoelgningsdato").dt.year() == aar, pl.col("opfoelgningsdato") <= pr)
        .get_column("opfoelgningsdato")
        .unique()
        .sort()
        .to_list()
    )
    dele = []
    for d in datoer:
        i_kraft = budget.seneste_prognose(prog, aar, d).select(
            *noegle, pl.col("forventet_forbrug_kr").alias("_prognose_kr")
        )
        dele.append(
            lin.join(i_kraft, on=noegle, how="left", nulls_equal=True).select(
                *g,
                "budgettype",
                pl.lit(d, dtype=pl.Date()).alias("dato"),
                "korrigeret_budget_kr",
                pl.col("_prognose_kr")
                .fill_null(pl.col("korrigeret_budget_kr"))
                .alias("forventet_forbrug_kr"),
                pl.col("_prognose_kr").is_null().alias("mangler"),
                pl.lit(False).alias("er_regnskab"),
            )
        )
    if lin.height and bool(lin.get_column("er_regnskab").all()):
        dele.append(
            lin.select(
                *g,
                "budgettype",
                pl.lit(date(aar, 12, 31), dtype=pl.Date()).alias("dato"),
                "korrigeret_budget_kr",
                pl.col("forventet_forbrug_kr").fill_null(0.0).cast(pl.Float64()),
                pl.lit(False).alias("mangler"),
                pl.lit(True).alias("er_regnskab"),
            )
        )
    skema = {
        **{k: lin.schema[k] for k in g},
        "budgettype": pl.String(),
        "dato": pl.Date(),
        "korrigeret_budget_kr": pl.Float64(),
        "forventet_forbrug_kr": pl.Float64(),
        "mangler": pl.Boolean(),
        "er_regnskab": pl.Boolean(),
    }
    alle = pl.concat(dele) if dele else pl.DataFrame(schema=skema)
    return (
        alle.group_by(*g, "budgettype", "dato", "er_regnskab")
        .agg(
            pl.col("korrigeret_budget_kr").sum(),
            pl.col("forventet_forbrug_kr").sum(),
            pl.len().cast(pl.Int64()).alias("antal_linjer"),
            pl.col("mangler").sum().cast(pl.Int64()).alias("antal_mangler"),
        )
        .with_columns(
            forventet_afvigelse_kr=pl.col("forventet_forbrug_kr") - pl.col("korrigeret_budget_kr")
        )
        .select(
            *g,
            "budgettype",
            "dato",
            "korrigeret_budget_kr",
            "forventet_forbrug_kr",
            "forventet_afvigelse_kr",
            "antal_linjer",
            "antal_mangler",
            "er_regnskab",
        )
        .sort(*g, "budgettype", "dato", nulls_last=True)
    )
