"""Integrity rules across tables (DESIGN.md §4), vectorised with polars joins.

Each check takes the typed frames (with the RAEKKE row-number column) and returns every
violation as a Danish `Fejl`. A check whose tables are not available (could not be read)
is skipped by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from modeller.errors import Fejl
from modeller.loader.laes import RAEKKE, kort_vaerdi
from modeller.schemas import ENHEDSTYPER, TABELLER


def tjek_referencer(rammer: Mapping[str, pl.DataFrame], filer: Mapping[str, str]) -> list[Fejl]:
    """Every non-empty reference (schemas' `referencer`) must exist in its target table."""
    fejl: list[Fejl] = []
    for navn, tabel in TABELLER.items():
        if navn not in rammer:
            continue
        df = rammer[navn]
        for ref in tabel.referencer:
            if ref.tabel not in rammer:
                continue
            # Screen on the distinct values (few: ids repeat across rows), then find rows.
            vaerdier = df[ref.kolonne].drop_nulls().unique()
            ukendte = vaerdier.filter(~vaerdier.is_in(rammer[ref.tabel][ref.til_kolonne].implode()))
            if ukendte.len() == 0:
                continue
            mangler = (
                df.select(ref.kolonne, RAEKKE)
                .filter(pl.col(ref.kolonne).is_in(ukendte.implode()))
                .sort(RAEKKE)
            )
            for vaerdi, raekke in mangler.iter_rows():
                fejl.append(
                    Fejl(
                        filer[navn],
                        f"{kort_vaerdi(vaerdi)} findes ikke i {filer[ref.tabel]} "
                        f"(kolonne '{ref.til_kolonne}').",
                        raekke,
                        ref.kolonne,
                    )
                )
    return fejl


def tjek_kommune(org: pl.DataFrame, fil: str) -> list[Fejl]:
    """Exactly one kommune row; it, and only it, has an empty overordnet_id."""
    fejl: list[Fejl] = []
    kommuner = org.filter(pl.col("type") == "kommune")
    if kommuner.height == 0:
        fejl.append(
            Fejl(
                fil, "der er ingen række med type 'kommune'; der skal være præcis én.", None, "type"
            )
        )
    elif kommuner.height > 1:
        raekker = ", ".join(str(r) for r in kommuner[RAEKKE].to_list())
        for r in kommuner[RAEKKE].to_list()[1:]:
            fejl.append(
                Fejl(
                    fil,
                    f"der må kun være én række med type 'kommune' (fundet i række {raekker}).",
                    r,
                    "type",
                )
            )
    for eid, r in (
        kommuner.filter(pl.col("overordnet_id").is_not_null())
        .select("enhed_id", RAEKKE)
        .iter_rows()
    ):
        fejl.append(
            Fejl(
                fil,
                f"kommunen {kort_vaerdi(eid)} må ikke have en overordnet enhed.",
                r,
                "overordnet_id",
            )
        )
    for eid, r in (
        org.filter((pl.col("type") != "kommune") & pl.col("overordnet_id").is_null())
        .select("enhed_id", RAEKKE)
        .iter_rows()
    ):
        fejl.append(
            Fejl(
                fil,
                f"enheden {kort_vaerdi(eid)} mangler en overordnet enhed (kun kommunen må "
                "stå uden).",
                r,
                "overordnet_id",
            )
        )
    return fejl


def tjek_typeorden(org: pl.DataFrame, fil: str) -> list[Fejl]:
    """A child's `type` must come strictly after its parent's in ENHEDSTYPER."""
    orden = pl.DataFrame(
        {"type": list(ENHEDSTYPER), "__niveau": list(range(len(ENHEDSTYPER)))},
        schema={"type": pl.String, "__niveau": pl.Int32},
    )
    med_niveau = org.join(orden, on="type", how="left")
    foraeldre = med_niveau.select(
        pl.col("enhed_id").alias("overordnet_id"),
        pl.col("type").alias("__ftype"),
        pl.col("__niveau").alias("__fniveau"),
    ).unique(subset="overordnet_id", keep="first")
    forkerte = (
        med_niveau.join(foraeldre, on="overordnet_id", how="inner")
        .filter(pl.col("__niveau") <= pl.col("__fniveau"))
        .sort(RAEKKE)
    )
    kaede = " → ".join(ENHEDSTYPER)
    return [
        Fejl(
            fil,
            f"enheden {kort_vaerdi(r['enhed_id'])} af type '{r['type']}' kan ikke ligge under "
            f"{kort_vaerdi(r['overordnet_id'])} af type '{r['__ftype']}'; en underenhed skal "
            f"ligge lavere ({kaede}).",
            r[RAEKKE],
            "type",
        )
        for r in forkerte.iter_rows(named=True)
    ]


def find_cykler(df: pl.DataFrame, id_kol: str, forael_kol: str) -> list[list[str]]:
    """The cycles of a parent-pointer hierarchy, each as its ids in pointer order.

    Walks all pointers one step per iteration with a join (a loop over depth): a row whose
    walk returns to itself lies on a cycle; walks that end (null / unknown parent) or that
    run into an already found cycle stop. Bounded by the number of rows.
    """
    kanter = df.select(pl.col(id_kol).alias("__fra"), pl.col(forael_kol).alias("__til")).unique(
        subset="__fra", keep="first"
    )
    gang = kanter.select(pl.col("__fra").alias("__start"), pl.col("__til").alias("__cur"))
    gang = gang.filter(pl.col("__cur").is_not_null())
    paa_cykel: set[str] = set()
    for _ in range(kanter.height + 1):
        if gang.height == 0:
            break
        ramt = gang.filter(pl.col("__cur") == pl.col("__start"))["__start"].to_list()
        paa_cykel.update(ramt)
        gang = gang.filter(
            (pl.col("__cur") != pl.col("__start")) & ~pl.col("__cur").is_in(list(paa_cykel))
        )
        gang = (
            gang.join(kanter, left_on="__cur", right_on="__fra", how="inner")
            .select("__start", pl.col("__til").alias("__cur"))
            .filter(pl.col("__cur").is_not_null())
        )
    if not paa_cykel:
        return []
    # Group the (few) cycle members into cycles by following their pointers.
    forael = dict(kanter.filter(pl.col("__fra").is_in(list(paa_cykel))).iter_rows())
    cykler: list[list[str]] = []
    set_: set[str] = set()
    for start in sorted(paa_cykel):
        if start in set_:
            continue
        cykel = [start]
        nxt = forael[start]
        while nxt is not None and nxt != start and nxt not in cykel:
            cykel.append(nxt)
            nxt = forael.get(nxt)
        set_.update(cykel)
        cykler.append(cykel)
    return cykler


def tjek_cykler(df: pl.DataFrame, id_kol: str, forael_kol: str, fil: str, hvad: str) -> list[Fejl]:
    """One Fejl per cycle, at the row of its first member (sorted by id)."""
    raekke = dict(df.select(id_kol, RAEKKE).iter_rows())
    fejl: list[Fejl] = []
    for cykel in find_cykler(df, id_kol, forael_kol):
        vej = " → ".join([*cykel, cykel[0]])
        fejl.append(
            Fejl(
                fil,
                f"{hvad} går i ring: {vej}. Et hierarki må ikke være cirkulært.",
                raekke.get(cykel[0]),
                forael_kol,
            )
        )
    return fejl


def tjek_alle(rammer: Mapping[str, pl.DataFrame], filer: Mapping[str, str]) -> list[Fejl]:
    """Run every integrity rule whose tables are available."""
    fejl = tjek_referencer(rammer, filer)
    if "organisation" in rammer:
        org, fil = rammer["organisation"], filer["organisation"]
        fejl += tjek_kommune(org, fil)
        fejl += tjek_cykler(org, "enhed_id", "overordnet_id", fil, "organisationshierarkiet")
        fejl += tjek_typeorden(org, fil)
    if "maal" in rammer:
        fejl += tjek_cykler(
            rammer["maal"], "maal_id", "overordnet_maal_id", filer["maal"], "målkæden"
        )
    return fejl
