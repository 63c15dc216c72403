"""The Politikområder page's prepared views: the list of all politikområder and the view
of one, computed once per (context, politikområde) and shared (read-only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import charts, tema
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.skal.tilstand import Noegle
from modeller import aktivitet, budget, politikomraade, status, statusregler, styringsregler
from modeller.politikomraade import MAALTYPE_NAVNE
from modeller.schemas import MAAL

FORDELING = "Målenes status"
AFVIGELSE = "Afvigelse"
ENHEDSPRIS_AENDRING = "Ændring"
MERUDGIFT = "Merudgift ved budgetpris"
AKTIVITET = "Aktivitet mod budget"
LISTE_BREDDER: Mapping[str, int] = MappingProxyType(
    {
        "Politikområde": 150,
        "Udvalg": 170,
        "Korrigeret budget": 120,
        "Forventet afvigelse": 130,
        AFVIGELSE: 135,
        FORDELING: 170,
        "På sporet": 80,
        "Enhedspris": 200,
        ENHEDSPRIS_AENDRING: 80,
        AKTIVITET: 140,
    }
)
"""Column widths of the list (px): every column fits at 1920×1080."""


# --- shared frames -----------------------------------------------------------------------


@st.cache_resource(max_entries=16, show_spinner=False)
def maal_med_status(n: Noegle) -> pl.DataFrame:
    """The goals active in the year with maaltype (default for an older snapshot), own
    status, the rolled-up status by the rule in force (`samlet_status`,
    `andel_paa_sporet_pct`, counts) over the active goals."""
    s = data.load_snapshot(n.snapshot_id)
    m = beregning.aktive_maal(n.snapshot_id, n.aar)
    if "maaltype" not in m.columns:  # a snapshot from before maaltype existed
        m = m.with_columns(pl.lit(MAAL.kolonne("maaltype").standard).alias("maaltype"))
    egen = beregning.maal_status(n.snapshot_id, n.pr).select("maal_id", "status")
    rul = status.rul_op_status(m, egen, n.maalstatus)
    return m.join(rul, on="maal_id", how="left").join(
        s["organisation"].select("enhed_id", pl.col("navn").alias("enhed_navn")),
        on="enhed_id",
        how="left",
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def linjer(n: Noegle, aar: int) -> pl.DataFrame:
    """Follow-up lines of `aar` as of the context's date (a past year: its regnskab)."""
    return beregning.opfoelgning(n.snapshot_id, aar, n.pr, indstillinger=n.oekonomi)


@st.cache_resource(max_entries=16, show_spinner=False)
def enhedspriser(n: Noegle, gruppe: tuple[str, ...]) -> pl.DataFrame:
    """Unit costs this year beside last year's (`aktivitet.enhedspriser`, grouped by
    `gruppe`)."""
    akt = data.load_snapshot(n.snapshot_id)["aktivitet"]
    nu = aktivitet.enhedspriser(akt, linjer(n, n.aar), n.aar, n.pr, gruppe)
    foer = aktivitet.enhedspriser(akt, linjer(n, n.aar - 1), n.aar - 1, n.pr, gruppe)
    return aktivitet.enhedspris_aendring(nu, foer, gruppe)


def _ramme(n: Noegle) -> pl.DataFrame:
    s = data.load_snapshot(n.snapshot_id)
    return politikomraade.ramme(
        linjer(n, n.aar), s["organisation"], s["politikomraader"], n.oekonomi.taerskler
    )


def fodnote(n: Noegle, antal_mangler: int, regnskab: bool) -> str:
    """The economy footnote from the settings in force."""
    dele = [
        "Service (inden for rammen).",
        styringsregler.fodnote_fortegn(),
        styringsregler.fodnote_taerskler(n.oekonomi),
    ]
    if regnskab:
        dele.append(styringsregler.fodnote_regnskab(n.aar))
    if antal_mangler:
        dele.append(styringsregler.fodnote_mangler_prognose(antal_mangler))
    return " ".join(dele)


AKTIVITET_FODNOTE = (
    "Mængde = gennemsnitligt antal i årets måneder til dato; budgetteret mængde over de "
    "samme måneder. Enhedspris = enhedernes forventede regnskab for service på "
    "politikområdet ÷ mængde; budgetteret enhedspris = oprindeligt budget ÷ budgetteret "
    "mængde (kr. pr. år); ændring mod sidste års regnskab. Merudgift ved budgetpris = "
    "(mængde − budgetteret "
    "mængde) × budgetteret enhedspris: hvad aktivitetsafvigelsen koster på et år, "
    "grundlaget for demografiregulering. Positiv = mere aktivitet end budgetteret."
)


def fordeling_tekst(r: Mapping[str, Any]) -> str:
    """Goal status counts as icon + number: "★ 2  ✔ 10  ⚠ 3  ✖ 1  ? 4"."""
    dele = [
        f"{tema.STATUS_IKON[s]} {fmt.tal(int(r.get(f'antal_{s}') or 0))}"
        for s in status.STATUSSER
        if r.get(f"antal_{s}")
    ]
    return "  ".join(dele) or "–"


def _enhedspris(x: float | None, maaleenhed: str | None) -> str:
    return "–" if x is None else f"{fmt.tal(x)} kr. pr. {maaleenhed or 'enhed'}"


# --- the list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Liste:
    """Every politikområde on one screen."""

    tabel: tbl.Indhold
    eksport: pl.DataFrame
    ids: tuple[str, ...]
    total: Mapping[str, Any]
    antal_afvigelser: int
    fodnote: str


@st.cache_resource(max_entries=16, show_spinner=False)
def liste(n: Noegle) -> Liste:
    """The list: frame, deviation, goal status distribution and unit-cost change per
    politikområde (`politikomraade.oversigt`)."""
    s = data.load_snapshot(n.snapshot_id)
    mst = maal_med_status(n)
    rammer = _ramme(n)
    ydelser = enhedspriser(n, ("politikomraade_id", "ydelse"))
    akt_sum = ydelser.group_by("politikomraade_id").agg(
        pl.col("afvigelse_til_budgetpris_kr").sum().alias("aktivitet_i_alt_kr"),
        pl.col("afvigelse_til_budgetpris_kr").is_not_null().any().alias("_har"),
    )
    df = politikomraade.oversigt(
        s["politikomraader"],
        rammer,
        politikomraade.maal_fordeling(mst, mst),
        ydelser,
    ).join(akt_sum, on="politikomraade_id", how="left")
    rk = list(df.iter_rows(named=True))
    vis = pl.DataFrame(
        {
            "Politikområde": [r["navn"] for r in rk],
            "Udvalg": [r["udvalg"] for r in rk],
            "Korrigeret budget": [r["korrigeret_budget_kr"] for r in rk],
            "Forventet afvigelse": [r["forventet_afvigelse_kr"] for r in rk],
            AFVIGELSE: [
                tema.afvigelse_tekst(r["er_afvigelse"], r["forventet_afvigelse_kr"]) for r in rk
            ],
            FORDELING: [fordeling_tekst(r) for r in rk],
            "På sporet": [r["andel_paa_sporet_pct"] for r in rk],
            "Enhedspris": [_enhedspris(r["enhedspris_kr"], r["maaleenhed"]) for r in rk],
            ENHEDSPRIS_AENDRING: [r["enhedspris_aendring_pct"] for r in rk],
            AKTIVITET: [r["aktivitet_i_alt_kr"] if r["_har"] else None for r in rk],
        },
        schema_overrides={
            k: pl.Float64()
            for k in (
                "Korrigeret budget",
                "Forventet afvigelse",
                "På sporet",
                ENHEDSPRIS_AENDRING,
                AKTIVITET,
            )
        },
    )
    afv_farver = tema.AFVIGELSE_FARVER
    indhold = tbl.indhold(
        vis,
        formater={
            "Korrigeret budget": fmt.mio,
            "Forventet afvigelse": lambda x: fmt.mio(x, fortegn=True),
            "På sporet": lambda x: fmt.pct(x, 0),
            ENHEDSPRIS_AENDRING: lambda x: fmt.pct(x, 1, fortegn=True),
            AKTIVITET: lambda x: fmt.mio(x, fortegn=True),
        },
        farver={AFVIGELSE: afv_farver},
    )
    eksport = df.select(
        pl.col("politikomraade_id").alias("Politikområde-id"),
        pl.col("navn").alias("Politikområde"),
        pl.col("udvalg").alias("Udvalg"),
        pl.col("korrigeret_budget_kr").alias("Korrigeret budget (kr.)"),
        pl.col("forventet_forbrug_kr").alias("Forventet regnskab (kr.)"),
        pl.col("forventet_afvigelse_kr").alias("Forventet afvigelse (kr.)"),
        pl.col("er_afvigelse").alias("Afvigelse"),
        *[pl.col(f"antal_{s}").alias(status.STATUS_TEKST[s]) for s in status.STATUSSER],
        pl.col("andel_paa_sporet_pct").alias("På sporet (%)"),
        pl.col("ydelse").alias("Ydelse"),
        pl.col("maaleenhed").alias("Måleenhed"),
        pl.col("enhedspris_kr").alias("Enhedspris (kr.)"),
        pl.col("budget_enhedspris_kr").alias("Budgetteret enhedspris (kr.)"),
        pl.col("enhedspris_aendring_pct").alias("Enhedspris mod sidste år (%)"),
        pl.col("aktivitet_i_alt_kr").alias("Aktivitet mod budget (kr.)"),
    )
    total = budget.total(linjer(n, n.aar).filter(pl.col("budgettype") == "service")).row(
        0, named=True
    )
    return Liste(
        tabel=indhold,
        eksport=eksport,
        ids=tuple(df["politikomraade_id"].to_list()),
        total=MappingProxyType(total),
        antal_afvigelser=int(df["er_afvigelse"].sum()),
        fodnote=(
            "Beløb i mio. kr. "
            + fodnote(n, int(total.get("antal_prognose_mangler") or 0), bool(total["er_regnskab"]))
            + " Målenes status: målenes egen status under politikområdet (★ opfyldt, ✔ på "
            "sporet, ⚠ i risiko, ✖ ikke på sporet, ? ikke vurderet); På sporet = andelen af "
            "de vurderede. Enhedspris: politikområdets største ydelse, ændring mod sidste "
            "års regnskab. Aktivitet mod budget: merudgift ved budgetteret enhedspris, "
            "summeret over ydelserne."
        ),
    )


# --- one politikområde -------------------------------------------------------------------


@dataclass(frozen=True)
class Maalkort:
    """One goal of the politikområde, as the budget document states it."""

    maal_id: str
    titel: str
    status: str
    samlet_status: str | None
    """Rolled up over the goals below (None when none hangs below)."""
    andel_paa_sporet_pct: float | None
    antal_under: int
    succeskriterie: str | None
    tidsfrist: date | None
    indikator: str | None
    seneste: str
    maalvaerdi: str
    indikator_status: str | None


@dataclass(frozen=True)
class Omraade:
    """Everything the view of one politikområde shows."""

    politikomraade_id: str
    navn: str
    udvalg: str
    politikker: tuple[tuple[str, str], ...]
    """(titel, beskrivelse incl. period) of the politikker its goals serve."""
    vision: tuple[str, str] | None
    maal: Mapping[str, tuple[Maalkort, ...]]
    """maaltype → its goals, in MAALTYPE_NAVNE order (every type present)."""
    ramme: Mapping[str, Any] | None
    ramme_fodnote: str
    har_aktivitetstabel: bool
    aktivitet: tbl.Indhold | None
    aktivitet_eksport: pl.DataFrame | None
    forloeb: charts.Faerdig | None
    baerere: tbl.Indhold
    baerere_eksport: pl.DataFrame
    enheder: Mapping[str, str]
    """enhed_id → label for the Dialogmøde link (centres first, then institutions)."""
    baerere_fodnote: str


def _indikatorer(n: Noegle, maal_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per goal its first indicator: name, unit, target, latest value (average of the
    units' latest values) and status (the worst series, as the goal's rule)."""
    s = data.load_snapshot(n.snapshot_id)
    ind = s["indikatorer"].filter(pl.col("maal_id").is_in(maal_ids)).sort("indikator_id")
    if ind.is_empty():
        return {}
    ist = status.indikator_status(ind, s["maalinger"], s["maal"], n.pr)
    pr_ind = ist.group_by("indikator_id").agg(
        pl.col("seneste_vaerdi").mean(),
        pl.col("status").replace_strict(status.ALVORLIGHED, default=0).max().alias("_alvor"),
    )
    df = ind.join(pr_ind, on="indikator_id", how="left").group_by("maal_id").first()
    fra_alvor = {v: k for k, v in status.ALVORLIGHED.items()}
    return {
        r["maal_id"]: {**r, "status": fra_alvor.get(r["_alvor"] or 0, "ikke_vurderet")}
        for r in df.iter_rows(named=True)
    }


def _maalkort(n: Noegle, po: pl.DataFrame) -> dict[str, tuple[Maalkort, ...]]:
    ind = _indikatorer(n, po["maal_id"].to_list())
    ud: dict[str, tuple[Maalkort, ...]] = {}
    for maaltype in MAALTYPE_NAVNE:
        kort = []
        for r in po.filter(pl.col("maaltype") == maaltype).sort("maal_id").iter_rows(named=True):
            i = ind.get(r["maal_id"])
            enhed = str(i["maaleenhed"]) if i else ""
            under = int(r["antal_i_alt"] or 1) - 1
            kort.append(
                Maalkort(
                    maal_id=r["maal_id"],
                    titel=r["titel"],
                    status=r["status"] or "ikke_vurderet",
                    samlet_status=r["samlet_status"] if under else None,
                    andel_paa_sporet_pct=r["andel_paa_sporet_pct"] if under else None,
                    antal_under=under,
                    succeskriterie=r["succeskriterie"],
                    tidsfrist=r["tidsfrist"],
                    indikator=i["navn"] if i else None,
                    seneste=fmt.vaerdi(i["seneste_vaerdi"], enhed) if i else "–",
                    maalvaerdi=fmt.vaerdi(i["maalvaerdi"], enhed) if i else "–",
                    indikator_status=i["status"] if i else None,
                )
            )
        ud[maaltype] = tuple(kort)
    return ud


def _politikker(mst: pl.DataFrame, po: pl.DataFrame) -> tuple[Any, Any]:
    """The politikker the area's goals serve (their parents at niveau politik) and the
    vision above them."""
    alle = mst.select(
        "maal_id", "titel", "niveau", "beskrivelse", "overordnet_maal_id", "aar_fra", "aar_til"
    )
    pol = alle.join(
        po.select(pl.col("overordnet_maal_id").alias("maal_id")).unique(), on="maal_id"
    ).filter(pl.col("niveau") == "politik")
    politikker = tuple(
        (
            str(r["titel"]),
            (r["beskrivelse"] or "")
            + (f" (gælder {r['aar_fra']}–{r['aar_til']})" if r["aar_fra"] else ""),
        )
        for r in pol.sort("titel").iter_rows(named=True)
    )
    vis = alle.join(
        pol.select(pl.col("overordnet_maal_id").alias("maal_id")).unique(), on="maal_id"
    ).filter(pl.col("niveau") == "vision")
    vision = (str(vis["titel"][0]), str(vis["beskrivelse"][0] or "")) if vis.height else None
    return politikker, vision


def _aktivitet(n: Noegle, po_id: str) -> tuple[tbl.Indhold | None, pl.DataFrame | None]:
    df = enhedspriser(n, ("politikomraade_id", "ydelse")).filter(
        pl.col("politikomraade_id") == po_id
    )
    if df.is_empty():
        return None, None
    rk = list(df.iter_rows(named=True))
    vis = pl.DataFrame(
        {
            "Ydelse": [r["ydelse"] for r in rk],
            "Mængde": [r["maengde"] for r in rk],
            "Budgetteret mængde": [r["budget_maengde"] for r in rk],
            "Afvigelse": [r["afvigelse_maengde_pct"] for r in rk],
            "Enhedspris": [_enhedspris(r["enhedspris_kr"], r["maaleenhed"]) for r in rk],
            "Budgetteret enhedspris": [
                _enhedspris(r["budget_enhedspris_kr"], r["maaleenhed"]) for r in rk
            ],
            "Ændring mod sidste år": [r["enhedspris_aendring_pct"] for r in rk],
            MERUDGIFT: [r["afvigelse_til_budgetpris_kr"] for r in rk],
        },
        schema_overrides={
            "Mængde": pl.Float64(),
            "Budgetteret mængde": pl.Float64(),
            "Afvigelse": pl.Float64(),
            "Ændring mod sidste år": pl.Float64(),
            MERUDGIFT: pl.Float64(),
        },
    )
    indhold = tbl.indhold(
        vis,
        formater={
            "Mængde": fmt.tal,
            "Budgetteret mængde": fmt.tal,
            "Afvigelse": lambda x: fmt.pct(x, 1, fortegn=True),
            "Ændring mod sidste år": lambda x: fmt.pct(x, 1, fortegn=True),
            MERUDGIFT: lambda x: fmt.mio_kr(x, 1, fortegn=True),
        },
    )
    eksport = df.select(
        pl.col("ydelse").alias("Ydelse"),
        pl.col("maaleenhed").alias("Måleenhed"),
        pl.col("antal_enheder").alias("Enheder"),
        pl.col("maengde").alias("Mængde"),
        pl.col("budget_maengde").alias("Budgetteret mængde"),
        pl.col("afvigelse_maengde").alias("Afvigelse (mængde)"),
        pl.col("afvigelse_maengde_pct").alias("Afvigelse (%)"),
        pl.col("udgift_kr").alias("Forventet regnskab (kr.)"),
        pl.col("budget_kr").alias("Oprindeligt budget (kr.)"),
        pl.col("enhedspris_kr").alias("Enhedspris (kr.)"),
        pl.col("budget_enhedspris_kr").alias("Budgetteret enhedspris (kr.)"),
        pl.col("enhedspris_foer_kr").alias("Enhedspris sidste år (kr.)"),
        pl.col("enhedspris_aendring_pct").alias("Ændring (%)"),
        pl.col("afvigelse_til_budgetpris_kr").alias("Merudgift ved budgetteret enhedspris (kr.)"),
    )
    return indhold, eksport


def plot_forloeb(maaneder: pl.DataFrame, titel: str) -> go.Figure:
    """Activity month by month this year against the budgeted activity (levels summed
    over the units), one pair of lines per ydelse."""
    fig = go.Figure()
    for i, (ydelse,) in enumerate(maaneder.select("ydelse").unique(maintain_order=True).rows()):
        d = maaneder.filter(pl.col("ydelse") == ydelse)
        x = [tema.MAANEDER_KORT[m - 1] for m in d["maaned"]]
        farve = tema.SERIEFARVER[i % len(tema.SERIEFARVER)]
        fig.add_scatter(
            x=x,
            y=d["budget_maengde"].to_list(),
            name=f"{ydelse}: budget",
            mode="lines",
            line={"color": farve, "dash": "dash", "width": 2},
            hovertemplate="%{x}: %{y:,.0f}<extra>"
            + charts.plotly_tekst(f"{ydelse}: budget")
            + "</extra>",
        )
        fig.add_scatter(
            x=x,
            y=d["maengde"].to_list(),
            name=f"{ydelse}: faktisk",
            mode="lines+markers",
            line={"color": farve, "width": 3},
            hovertemplate="%{x}: %{y:,.0f}<extra>"
            + charts.plotly_tekst(f"{ydelse}: faktisk")
            + "</extra>",
        )
    charts.layout(fig, hoejde=320, titel=titel)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return fig


def _forloeb(n: Noegle, po_id: str) -> charts.Faerdig | None:
    akt = data.load_snapshot(n.snapshot_id)["aktivitet"]
    d = (
        akt.filter(
            (pl.col("aar") == n.aar)
            & (pl.col("politikomraade_id") == po_id)
            & pl.col("maaned").is_not_null()
            & (pl.date(pl.col("aar"), pl.col("maaned"), 1) <= n.pr)
        )
        .group_by("ydelse", "maaned")
        .agg(pl.col("maengde").sum(), pl.col("budget_maengde").sum())
        .sort("ydelse", "maaned")
    )
    if d.height < 2:
        return None
    return charts.faerdig(plot_forloeb(d, f"Aktivitet måned for måned {n.aar} mod budget"))


def _baerere(n: Noegle, po_id: str) -> tuple[tbl.Indhold, pl.DataFrame, dict[str, str]]:
    s = data.load_snapshot(n.snapshot_id)
    rk = budget.marker_afvigelser(
        budget.rul_op(
            linjer(n, n.aar),
            s["organisation"],
            s["politikomraader"],
            "enhed",
            politikomraade_id=po_id,
            budgettyper="service",
        ),
        n.oekonomi.taerskler,
    ).join(
        s["organisation"].select(pl.col("enhed_id").alias("center_id"), pl.col("navn").alias("c")),
        on="center_id",
        how="left",
    )
    rk = rk.sort(
        pl.col("center_id").fill_null(""), pl.col("enhed_id") != pl.col("center_id"), "navn"
    )
    rows = list(rk.iter_rows(named=True))
    vis = pl.DataFrame(
        {
            "Enhed": [
                r["navn"] if r["enhed_id"] == r["center_id"] else f"\u2003└ {r['navn']}"
                for r in rows
            ],
            "Center": [r["c"] or "–" for r in rows],
            "Korrigeret budget": [r["korrigeret_budget_kr"] for r in rows],
            "Forventet regnskab": [r["forventet_forbrug_kr"] for r in rows],
            "Forventet afvigelse": [r["forventet_afvigelse_kr"] for r in rows],
            AFVIGELSE: [
                tema.afvigelse_tekst(r["er_afvigelse"], r["forventet_afvigelse_kr"]) for r in rows
            ],
        },
        schema_overrides={
            "Korrigeret budget": pl.Float64(),
            "Forventet regnskab": pl.Float64(),
            "Forventet afvigelse": pl.Float64(),
        },
    )
    indhold = tbl.indhold(
        vis,
        formater={
            "Korrigeret budget": fmt.mio,
            "Forventet regnskab": fmt.mio,
            "Forventet afvigelse": lambda x: fmt.mio(x, fortegn=True),
        },
        farver={AFVIGELSE: tema.AFVIGELSE_FARVER},
    )
    eksport = rk.select(
        pl.col("enhed_id").alias("Enheds-id"),
        pl.col("navn").alias("Enhed"),
        pl.col("c").alias("Center"),
        pl.col("korrigeret_budget_kr").alias("Korrigeret budget (kr.)"),
        pl.col("forventet_forbrug_kr").alias("Forventet regnskab (kr.)"),
        pl.col("forventet_afvigelse_kr").alias("Forventet afvigelse (kr.)"),
        pl.col("er_afvigelse").alias("Afvigelse"),
    )
    enheder = {str(r["enhed_id"]): str(r["navn"]) for r in rows}
    return indhold, eksport, enheder


@st.cache_resource(max_entries=64, show_spinner=False)
def omraade(n: Noegle, po_id: str) -> Omraade:
    """The view of one politikområde (the id must exist in the snapshot)."""
    s = data.load_snapshot(n.snapshot_id)
    p = s["politikomraader"].filter(pl.col("politikomraade_id") == po_id).row(0, named=True)
    mst = maal_med_status(n)
    po = mst.filter((pl.col("niveau") == "politikomraade") & (pl.col("politikomraade_id") == po_id))
    politikker, vision = _politikker(mst, po)
    rammer = _ramme(n).filter(pl.col("politikomraade_id") == po_id)
    ramme = MappingProxyType(rammer.row(0, named=True)) if rammer.height else None
    rr: Mapping[str, Any] = ramme or {}
    akt, akt_ud = _aktivitet(n, po_id)
    baerere, baerere_ud, enheder = _baerere(n, po_id)
    return Omraade(
        politikomraade_id=po_id,
        navn=str(p["navn"]),
        udvalg=str(p["udvalg"] or "–"),
        politikker=politikker,
        vision=vision,
        maal=MappingProxyType(_maalkort(n, po)),
        ramme=ramme,
        ramme_fodnote=fodnote(
            n,
            int(rr.get("antal_prognose_mangler") or 0),
            bool(rr.get("er_regnskab")),
        )
        + " "
        + statusregler.beskrivelse(n.maalstatus),
        har_aktivitetstabel=not s["aktivitet"].is_empty(),
        aktivitet=akt,
        aktivitet_eksport=akt_ud,
        forloeb=_forloeb(n, po_id),
        baerere=baerere,
        baerere_eksport=baerere_ud,
        enheder=MappingProxyType(enheder),
        baerere_fodnote="Beløb i mio. kr., service. " + styringsregler.fodnote_fortegn(),
    )


def valg(snapshot_id: str) -> dict[str, str]:
    """politikomraade_id → navn, sorted by udvalg and navn (for the selectbox)."""
    po = data.load_snapshot(snapshot_id)["politikomraader"].sort("udvalg", "navn")
    return dict(zip(po["politikomraade_id"], po["navn"], strict=True))
