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

PROJEKTTABELLER: tuple[str, ...] = ("budget", "forbrug", "prognoser")
"""Tables whose rows may belong to an anlæg project (`projekt_id`)."""
OMPLACERING_TOLERANCE_KR = 0.5
"""Omplaceringer within an udvalg and year net to zero when |sum| is at most this."""


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
            maal = filer.get(ref.tabel)
            hvor = (
                f"i {maal} (kolonne '{ref.til_kolonne}')"
                if maal is not None
                else f"i tabellen '{ref.tabel}', som ikke er med i kilden"
            )
            for vaerdi, raekke in mangler.iter_rows():
                fejl.append(
                    Fejl(
                        filer[navn],
                        f"{kort_vaerdi(vaerdi)} findes ikke {hvor}.",
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


def tjek_projektlinjer(rammer: Mapping[str, pl.DataFrame], filer: Mapping[str, str]) -> list[Fejl]:
    """A budget, forbrug or prognose row with a `projekt_id` must have budgettype anlaeg
    (an empty budgettype in prognoser is a legacy forecast, read as service, so it is
    wrong on a project row too)."""
    fejl: list[Fejl] = []
    for navn in PROJEKTTABELLER:
        df = rammer.get(navn)
        if df is None or "projekt_id" not in df.columns or "budgettype" not in df.columns:
            continue
        forkerte = df.filter(
            pl.col("projekt_id").is_not_null()
            & (pl.col("budgettype").is_null() | (pl.col("budgettype") != "anlaeg"))
        ).sort(RAEKKE)
        for pid, bt, raekke in forkerte.select("projekt_id", "budgettype", RAEKKE).iter_rows():
            fik = f"'{bt}'" if bt is not None else "en tom budgettype"
            fejl.append(
                Fejl(
                    filer[navn],
                    f"rækken hører til anlægsprojektet {kort_vaerdi(pid)} og skal have "
                    f"budgettype 'anlaeg' (fik {fik}).",
                    raekke,
                    "budgettype",
                )
            )
    return fejl


def tjek_anlaegsprojekter(df: pl.DataFrame, fil: str) -> list[Fejl]:
    """A project's `startaar` must not lie after its `slutaar`."""
    forkerte = df.filter(pl.col("startaar") > pl.col("slutaar")).sort(RAEKKE)
    return [
        Fejl(
            fil,
            f"projektet {kort_vaerdi(pid)} slutter ({slut}) før det starter ({start}).",
            raekke,
            "slutaar",
        )
        for pid, start, slut, raekke in forkerte.select(
            "projekt_id", "startaar", "slutaar", RAEKKE
        ).iter_rows()
    ]


def tjek_prognosenoegle(df: pl.DataFrame, fil: str) -> list[Fejl]:
    """A forecast without budgettype is read as service: it must not stand beside a
    service forecast for the same date, unit, politikområde and project."""
    noegle = ["opfoelgningsdato", "enhed_id", "politikomraade_id", "projekt_id"]
    service = pl.col("budgettype") == "service"
    dubletter = df.with_columns(__service=pl.col(RAEKKE).filter(service).min().over(noegle)).filter(
        pl.col("budgettype").is_null() & pl.col("__service").is_not_null()
    )
    return [
        Fejl(
            fil,
            f"prognosen for {kort_vaerdi(e)} / {kort_vaerdi(p)} pr. {d} har ingen budgettype "
            f"og læses derfor som service, men række {f} er også en prognose for service.",
            r,
            "budgettype",
        )
        for d, e, p, r, f in dubletter.sort(RAEKKE)
        .select("opfoelgningsdato", "enhed_id", "politikomraade_id", RAEKKE, "__service")
        .iter_rows()
    ]


def tjek_aktivitet(df: pl.DataFrame, fil: str) -> list[Fejl]:
    """Activity of one ydelse at one unit and politikområde in one year is either one
    year row (maaned empty) or month rows, never both: the year's level would be counted
    twice. One error per year row that has month rows beside it."""
    noegle = ["aar", "enhed_id", "politikomraade_id", "ydelse"]
    blandet = df.with_columns(
        __maaneder=pl.col("maaned").is_not_null().sum().over(noegle),
    ).filter(pl.col("maaned").is_null() & (pl.col("__maaneder") > 0))
    return [
        Fejl(
            fil,
            f"{kort_vaerdi(y)} for {kort_vaerdi(e)} / {kort_vaerdi(p)} i {a} står både som "
            f"årstal (tom måned) og som {n} månedstal; brug enten ét årstal eller månedstal.",
            r,
            "maaned",
        )
        for a, e, p, y, n, r in blandet.sort(RAEKKE)
        .select(*noegle, "__maaneder", RAEKKE)
        .iter_rows()
    ]


def advarsler_aktivitet(df: pl.DataFrame, fil: str) -> list[str]:
    """Warnings on the activity table (they go into the manifest):

    - a ydelse reported with more than one maaleenhed (its unit costs would mix units);
    - a unit reporting several ydelser on one politikområde in one year: its service
      spending on the politikområde is then the cost of each of them (modeller.aktivitet).
    """
    advarsler: list[str] = []
    enheder = (
        df.filter(pl.col("maaleenhed").is_not_null())
        .group_by("ydelse")
        .agg(pl.col("maaleenhed").unique().sort(), pl.col(RAEKKE).min())
        .filter(pl.col("maaleenhed").list.len() > 1)
        .sort(RAEKKE)
    )
    for ydelse, ml, r in enheder.iter_rows():
        advarsler.append(
            f"{fil}: ydelsen {kort_vaerdi(ydelse)} har flere måleenheder "
            f"({', '.join(ml)}; første i række {r}); enhedspriserne blandes."
        )
    flere = (
        df.group_by("aar", "enhed_id", "politikomraade_id")
        .agg(pl.col("ydelse").n_unique().alias("n"), pl.col(RAEKKE).min())
        .filter(pl.col("n") > 1)
        .sort(RAEKKE)
    )
    for aar, e, p, n, r in flere.iter_rows():
        advarsler.append(
            f"{fil}: {kort_vaerdi(e)} har {n} ydelser på {kort_vaerdi(p)} i {aar} (første i "
            f"række {r}); enhedens udgift på politikområdet indgår i enhedsprisen for hver af dem."
        )
    return advarsler


def advarsler_paa_tvaers(rammer: Mapping[str, pl.DataFrame], filer: Mapping[str, str]) -> list[str]:
    """Warnings (not errors) across tables, in Danish; they go into the manifest.

    - Omplaceringer (neutral moves) must net to zero within an udvalg per year: the
      udvalg is the appropriation level, so a move between its politikområder is neutral,
      a move out of it is not.
    - A project's rows should be booked on the project's own unit and politikområde.
    - The activity table's warnings (`advarsler_aktivitet`).
    """
    advarsler: list[str] = []
    budget, po = rammer.get("budget"), rammer.get("politikomraader")
    if budget is not None and po is not None:
        netto = (
            budget.filter(pl.col("beloebstype") == "omplacering")
            .join(po.select("politikomraade_id", "udvalg"), on="politikomraade_id", how="left")
            .group_by("aar", "udvalg")
            .agg(pl.col("beloeb_kr").sum())
            .filter(pl.col("beloeb_kr").abs() > OMPLACERING_TOLERANCE_KR)
            .sort("aar", "udvalg", nulls_last=True)
        )
        for aar, udvalg, beloeb in netto.iter_rows():
            kr = f"{beloeb:,.0f}".replace(",", ".").replace("-", "−")
            advarsler.append(
                f"{filer['budget']}: omplaceringerne i {udvalg or 'et ukendt udvalg'} i {aar} "
                f"summerer til {kr} kr., ikke 0. Omplaceringer skal gå i nul inden for et "
                "udvalg; en flytning mellem udvalg kræver en tillægsbevilling."
            )
    aktivitet = rammer.get("aktivitet")
    if aktivitet is not None and aktivitet.height and "aktivitet" in filer:
        advarsler += advarsler_aktivitet(aktivitet, filer["aktivitet"])
    projekter = rammer.get("anlaegsprojekter")
    if projekter is not None and projekter.height:
        ejer = projekter.select(
            "projekt_id",
            pl.col("enhed_id").alias("__enhed"),
            pl.col("politikomraade_id").alias("__po"),
        )
        for navn in PROJEKTTABELLER:
            df = rammer.get(navn)
            if df is None or "projekt_id" not in df.columns:
                continue
            afvig = (
                df.filter(pl.col("projekt_id").is_not_null())
                .join(ejer, on="projekt_id", how="inner")
                .filter(
                    (pl.col("enhed_id") != pl.col("__enhed"))
                    | (pl.col("politikomraade_id") != pl.col("__po"))
                )
                .group_by("projekt_id")
                .agg(pl.len().alias("n"), pl.col(RAEKKE).min().alias("r"))
                .sort("r")
            )
            for pid, n, r in afvig.iter_rows():
                advarsler.append(
                    f"{filer[navn]}: {n} række(r) for anlægsprojektet {kort_vaerdi(pid)} "
                    f"(første i række {r}) er bogført på en anden enhed eller et andet "
                    "politikområde end projektets eget i anlaegsprojekter."
                )
    return advarsler


def tjek_alle(rammer: Mapping[str, pl.DataFrame], filer: Mapping[str, str]) -> list[Fejl]:
    """Run every integrity rule whose tables are available."""
    fejl = tjek_referencer(rammer, filer)
    fejl += tjek_projektlinjer(rammer, filer)
    if "anlaegsprojekter" in rammer and "anlaegsprojekter" in filer:
        fejl += tjek_anlaegsprojekter(rammer["anlaegsprojekter"], filer["anlaegsprojekter"])
    if "aktivitet" in rammer and "aktivitet" in filer:
        fejl += tjek_aktivitet(rammer["aktivitet"], filer["aktivitet"])
    if "prognoser" in rammer:
        fejl += tjek_prognosenoegle(rammer["prognoser"], filer["prognoser"])
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
