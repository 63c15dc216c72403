"""The Overblik page's prepared view: totals, goal status counts, top exceptions.

`forbered(noegle)` computes it once per context and shares it with every session
(`st.cache_resource`; read-only), so a rerun only draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import budgettabel, charts, tema, url
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.skal import navigation
from dashboard.skal.tilstand import Noegle
from modeller import budget, indikatorer, status, styringsregler
from modeller.status import STATUS_TEKST, STATUSSER
from modeller.styringsregler import STANDARD, Oekonomiindstillinger
from modeller.tid import reference_dato

I_ALT_NAVN = budget.I_ALT_NAVN
"""The key figures' label: the grand total says what it contains."""


def fodnote(ind: Oekonomiindstillinger) -> str:
    """The economy footnote, generated from the settings in force."""
    return " ".join(
        (
            "Beløb i mio. kr.",
            styringsregler.fodnote_fortegn(),
            styringsregler.fodnote_taerskler(ind),
            styringsregler.fodnote_overfoersel(ind),
        )
    )


def noegletal(
    snapshot_id: str, aar: int, pr: date, ind: Oekonomiindstillinger = STANDARD
) -> dict[str, float | None]:
    """The year's totals: korrigeret budget, forbrug til dato, forventet regnskab, afvigelse."""
    linjer = beregning.opfoelgning(snapshot_id, aar, pr, "lineaer", ind)
    rk = budget.total(linjer).row(0, named=True)
    return {
        k: rk.get(k)
        for k in (
            "korrigeret_budget_kr",
            "forbrug_kr",
            "forbrugsprocent_pct",
            "forventet_andel_pct",
            "forventet_forbrug_kr",
            "forventet_afvigelse_kr",
            "oprindeligt_budget_kr",
        )
    }


def status_antal(snapshot_id: str, aar: int, pr: date) -> pl.DataFrame:
    """Number of the year's goals per status (every status listed, also with 0)."""
    aktive = beregning.aktive_maal(snapshot_id, aar).select("maal_id")
    st_ = beregning.maal_status(snapshot_id, pr).select("maal_id", "status")
    antal = (
        aktive.join(st_, on="maal_id", how="left")
        .with_columns(pl.col("status").fill_null("ikke_vurderet"))
        .group_by("status")
        .len("antal")
    )
    alle = pl.DataFrame({"status": list(STATUSSER)})
    return alle.join(antal, on="status", how="left").with_columns(
        pl.col("antal").fill_null(0).cast(pl.Int64),
        pl.col("status").replace_strict(STATUS_TEKST).alias("tekst"),
    )


def plot_status(antal: pl.DataFrame) -> go.Figure:
    """A horizontal bar per status, coloured and labelled with icon + word + count."""
    etiketter = [tema.status_tekst(s) for s in antal["status"]]
    fig = go.Figure(
        go.Bar(
            x=antal["antal"].to_list(),
            y=etiketter,
            orientation="h",
            marker_color=[tema.STATUS_FARVE[s] for s in antal["status"]],
            text=[str(n) for n in antal["antal"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} mål<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    stoerst = max(int(n) for n in [*antal["antal"].to_list(), 1])
    fig.update_xaxes(title="Antal mål", range=[0, stoerst * 1.15])
    fig.update_layout(showlegend=False)
    return charts.layout(fig, hoejde=300)


def stoerste_afvigelser(
    snapshot_id: str, aar: int, pr: date, n: int = 10, ind: Oekonomiindstillinger = STANDARD
) -> pl.DataFrame:
    """The n largest exceptions per enhed and politikområde, largest |afvigelse| first."""
    s = data.load_snapshot(snapshot_id)
    linjer = budget.rul_op(
        beregning.opfoelgning(snapshot_id, aar, pr, "lineaer", ind),
        s["organisation"],
        s["politikomraader"],
        "enhed",
    )
    return (
        budget.marker_afvigelser(linjer, ind.taerskler)
        .filter(pl.col("er_afvigelse"))
        .sort(pl.col("forventet_afvigelse_kr").abs(), descending=True)
        .head(n)
        .select(
            pl.col("navn").alias("Enhed"),
            pl.col("politikomraade_navn").alias("Politikområde"),
            pl.col("forventet_forbrug_kr").alias("Forventet regnskab"),
            pl.col("forventet_afvigelse_kr").alias("Forventet afvigelse"),
            pl.col("afvigelse_pct").alias("Afvigelse %"),
            pl.when(pl.col("forventet_afvigelse_kr") > 0)
            .then(pl.lit(tema.AFVIGELSE_TEKST[True]))
            .otherwise(pl.lit(tema.AFVIGELSE_TEKST[False]))
            .alias("Afvigelse"),
            "enhed_id",
            "politikomraade_id",
            "center_id",
        )
    )


AFVIGELSE_FORMATER: dict[str, Callable[[Any], str]] = {
    "Forventet regnskab": fmt.mio,
    "Forventet afvigelse": lambda x: fmt.mio(x, fortegn=True),
    "Afvigelse %": lambda x: fmt.pct(x, fortegn=True),
}


def forvaerrede_maal(n: Noegle) -> pl.DataFrame | None:
    """The year's goals whose status worsened since the previous follow-up (the previous
    snapshot; `status.forvaerrede`), worst first, with title and unit. None without a
    previous snapshot."""
    if n.forrige_id is None:
        return None
    s = data.load_snapshot(n.snapshot_id)
    aktive = beregning.aktive_maal(n.snapshot_id, n.aar).select("maal_id", "titel", "enhed_id")
    nu = beregning.maal_status(n.snapshot_id, n.pr).join(aktive, on="maal_id", how="semi")
    pr_foer = reference_dato(data.load_snapshot(n.forrige_id).manifest.data_as_of, n.aar)
    foer = beregning.maal_status(n.forrige_id, pr_foer)
    navne = s["organisation"].select("enhed_id", pl.col("navn").alias("enhed_navn"))
    return (
        status.forvaerrede(nu, foer)
        .with_row_index("_nr")
        .join(aktive, on="maal_id", how="left")
        .join(navne, on="enhed_id", how="left")
        .sort("_nr")
        .drop("_nr")
    )


def vaek_fra_maal(n: Noegle) -> pl.DataFrame:
    """The indicator series of the year's goals moving away from target
    (`indikatorer.afvigelsesliste`, the list Indikatorer opens with), furthest behind
    first, with names."""
    s = data.load_snapshot(n.snapshot_id)
    aktive = beregning.aktive_maal(n.snapshot_id, n.aar).get_column("maal_id").implode()
    udv = indikatorer.udvikling(s["indikatorer"], s["maalinger"], s["maal"], n.pr).filter(
        pl.col("maal_id").is_null() | pl.col("maal_id").is_in(aktive)
    )
    liste = indikatorer.afvigelsesliste(udv, s["maal"]).filter(pl.col("vaek_fra_maal"))
    return indikatorer.placering(
        liste, s["indikatorer"], s["maal"], s["organisation"], s["politikomraader"]
    )


KORT_LISTE = 5
"""Rows of a short list on Overblik (the rest a click away)."""


def _forvaerrede_vist(df: pl.DataFrame) -> pl.DataFrame:
    return df.select(
        pl.col("titel").alias("Mål"),
        pl.col("enhed_navn").fill_null("–").alias("Enhed"),
        tema.status_udtryk("status_foer").alias("Før"),
        tema.status_udtryk("status_nu").alias("Nu"),
    )


def _vaek_vist(df: pl.DataFrame) -> pl.DataFrame:
    rk = list(df.iter_rows(named=True))
    return pl.DataFrame(
        {
            "Indikator": [r["indikator_navn"] for r in rk],
            "Enhed": [r["enhed_navn"] or "–" for r in rk],
            "Seneste": [fmt.vaerdi(r["seneste_vaerdi"], r["maaleenhed"] or "") for r in rk],
            "Mål": [fmt.vaerdi(r["maalvaerdi"], r["maaleenhed"] or "") for r in rk],
            "Status": [tema.status_tekst(r["status"]) for r in rk],
        },
        schema=dict.fromkeys(("Indikator", "Enhed", "Seneste", "Mål", "Status"), pl.String()),
    )


@dataclass(frozen=True)
class Forberedt:
    """Everything Overblik shows for one context (read-only, shared by sessions)."""

    tal: Mapping[str, float | None]
    fordeling: tbl.Indhold
    """Totals split into Service, Indkomstoverførsler, Anlæg and the grand total."""
    fordeling_eksport: pl.DataFrame
    fodnote: str
    antal: pl.DataFrame
    status: go.Figure
    top: pl.DataFrame
    """The exceptions with their ids (for links)."""
    top_tabel: tbl.Indhold
    top_eksport: pl.DataFrame
    forvaerrede: pl.DataFrame | None
    """Worsened goals (ids for links); None without a previous follow-up."""
    forvaerrede_tabel: tbl.Indhold | None
    forvaerrede_eksport: pl.DataFrame | None
    forrige_etiket: str | None
    vaek: pl.DataFrame
    """The first KORT_LISTE indicator series moving away from target (ids for links)."""
    vaek_tabel: tbl.Indhold
    vaek_eksport: pl.DataFrame
    antal_vaek: int


@st.cache_resource(max_entries=32, show_spinner=False)
def forbered(n: Noegle) -> Forberedt:
    """The prepared view for one context (snapshot, year, reference date)."""
    antal = status_antal(n.snapshot_id, n.aar, n.pr)
    top = stoerste_afvigelser(n.snapshot_id, n.aar, n.pr, ind=n.oekonomi)
    linjer = beregning.opfoelgning(n.snapshot_id, n.aar, n.pr, "lineaer", n.oekonomi)
    regnskab = bool(budget.total(linjer)["er_regnskab"][0])
    fordeling, fordeling_eksport = budgettabel.fordeling(linjer, regnskab)
    uden_ids = top.drop("enhed_id", "politikomraade_id", "center_id")
    forv = forvaerrede_maal(n)
    vaek = vaek_fra_maal(n)
    forrige = data.load_snapshot(n.forrige_id).manifest if n.forrige_id else None
    return Forberedt(
        forvaerrede=forv,
        forvaerrede_tabel=None
        if forv is None
        else tbl.indhold(
            _forvaerrede_vist(forv), farver={"Før": tbl.STATUSFARVER, "Nu": tbl.STATUSFARVER}
        ),
        forvaerrede_eksport=None if forv is None else _forvaerrede_vist(forv),
        forrige_etiket=(forrige.label or fmt.dato(forrige.data_as_of)) if forrige else None,
        vaek=vaek.head(KORT_LISTE),
        vaek_tabel=tbl.indhold(
            _vaek_vist(vaek.head(KORT_LISTE)), farver={"Status": tbl.STATUSFARVER}
        ),
        vaek_eksport=_vaek_vist(vaek),
        antal_vaek=vaek.height,
        tal=MappingProxyType(noegletal(n.snapshot_id, n.aar, n.pr, n.oekonomi)),
        fordeling=fordeling,
        fordeling_eksport=fordeling_eksport,
        fodnote=fodnote(n.oekonomi),
        antal=antal,
        status=charts.faerdig(plot_status(antal)),
        top=top,
        top_tabel=tbl.indhold(
            uden_ids, formater=AFVIGELSE_FORMATER, farver={"Afvigelse": tema.AFVIGELSE_FARVER}
        ),
        top_eksport=uden_ids,
    )


def med_links(f: Forberedt) -> tbl.Indhold:
    """The exceptions table with a "Se i Økonomi" link per line: Økonomi drilled to the
    line's politikområde and centre, keeping this session's shared parameters."""
    links = [
        url.side_url("oekonomi", politikomraade=p, center=c)
        for p, c in zip(f.top["politikomraade_id"], f.top["center_id"], strict=True)
    ]
    return tbl.med_kolonne(f.top_tabel, "Økonomi", links)


LINK_KOLONNER = {"Økonomi": st.column_config.LinkColumn("Økonomi", display_text="Se i Økonomi")}


def forvaerrede_med_links(f: Forberedt) -> tbl.Indhold | None:
    """The worsened goals with a link to each goal on Målkæden (shared parameters kept)."""
    if f.forvaerrede is None or f.forvaerrede_tabel is None:
        return None
    links = [url.side_url("maalkaeden", maal=m) for m in f.forvaerrede["maal_id"]]
    return tbl.med_kolonne(f.forvaerrede_tabel, "Målkæden", links)


def vaek_med_links(f: Forberedt) -> tbl.Indhold:
    """The indicators moving away with a link to each one's trend on Indikatorer."""
    links = [url.side_url("indikatorer", indikator=i) for i in f.vaek["indikator_id"]]
    return tbl.med_kolonne(f.vaek_tabel, "Udvikling", links)


MAAL_LINK_KOLONNER = {
    "Målkæden": st.column_config.LinkColumn("Målkæden", display_text="Se målet", width="small")
}
INDIKATOR_LINK_KOLONNER = {
    "Udvikling": st.column_config.LinkColumn(
        "Udvikling", display_text="Se udvikling", width="small"
    )
}


def vis_forvaerrede(f: Forberedt, data_pr: date | None, praesentation: bool = False) -> None:
    """The short list "Mål med forværret status siden <forrige opfølgning>"."""
    st.markdown(f"**Mål med forværret status siden {fmt.ren(f.forrige_etiket or 'sidst')}**")
    tabel = forvaerrede_med_links(f)
    if tabel is None or f.forvaerrede_eksport is None:
        st.info("Der er ingen tidligere opfølgning at sammenligne med.", icon="ℹ️")
        return
    if tabel.raekker == 0:
        st.success("Ingen mål har fået en dårligere status siden sidst.", icon="✔")
        return
    tbl.tabel(
        tabel,
        noegle="forvaerrede",
        eksport_df=f.forvaerrede_eksport,
        kolonneopsaetning={
            **MAAL_LINK_KOLONNER,
            **({k: {"width": "medium"} for k in ("Mål", "Enhed")} if praesentation else {}),
        },
        hoejde=36 * min(tabel.raekker, KORT_LISTE) + 38,
        filnavn=("overblik", "forvaerrede_maal", data_pr),
        fodnote=f"{fmt.tal(tabel.raekker)} mål, værste først. Forværret: målet var vurderet "
        "ved begge opfølgninger og har nu en dårligere status (samme status som i Målkæden).",
    )


def vis_vaek(f: Forberedt, data_pr: date | None, praesentation: bool = False) -> None:
    """The short list "Indikatorer, der bevæger sig væk fra målet" and a link to all."""
    st.markdown("**Indikatorer, der bevæger sig væk fra målet**")
    if f.antal_vaek == 0:
        st.success("Ingen indikatorer bevæger sig væk fra målet.", icon="✔")
        return
    tbl.tabel(
        vaek_med_links(f),
        noegle="vaek_fra_maal",
        eksport_df=f.vaek_eksport,
        kolonneopsaetning={
            **INDIKATOR_LINK_KOLONNER,
            # large type: narrower text columns keep status and link on screen at 1280 px
            **({k: {"width": "medium"} for k in ("Indikator", "Enhed")} if praesentation else {}),
        },
        filnavn=("overblik", "indikatorer_vaek_fra_maal", data_pr),
        fodnote="De mest bagud først. Væk fra målet: de seneste målinger peger væk fra "
        "målværdien, og målet er ikke nået.",
    )
    url.side_link(
        navigation.side("indikatorer"),
        f"Alle {fmt.tal(f.antal_vaek)} indikatorer, der bevæger sig væk fra målet",
        ":material/trending_down:",
        afvigelse="vaek_fra_maal",
    )
