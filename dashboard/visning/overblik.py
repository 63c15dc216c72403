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
from dashboard.faelles import charts, tema, url
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.skal.tilstand import Noegle
from modeller import budget
from modeller.status import STATUS_TEKST, STATUSSER

FORTEGN_NOTE = (
    "Fortegn: udgifter er positive, indtægter negative. Forventet afvigelse = forventet "
    "regnskab − korrigeret budget; positiv = merforbrug, negativ = mindreforbrug. "
    "Beløb i mio. kr. Afvigelse: over 1 mio. kr. eller over 2 % af korrigeret budget."
)


def noegletal(snapshot_id: str, aar: int, pr: date) -> dict[str, float | None]:
    """The year's totals: korrigeret budget, forbrug til dato, forventet regnskab, afvigelse."""
    rk = budget.total(beregning.opfoelgning(snapshot_id, aar, pr)).row(0, named=True)
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


def stoerste_afvigelser(snapshot_id: str, aar: int, pr: date, n: int = 10) -> pl.DataFrame:
    """The n largest exceptions per enhed and politikområde, largest |afvigelse| first."""
    s = data.load_snapshot(snapshot_id)
    linjer = budget.rul_op(
        beregning.opfoelgning(snapshot_id, aar, pr),
        s["organisation"],
        s["politikomraader"],
        "enhed",
    )
    return (
        budget.marker_afvigelser(linjer)
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
AFVIGELSE_FARVER = {
    tema.AFVIGELSE_TEKST[True]: tema.MERFORBRUG_FARVE,
    tema.AFVIGELSE_TEKST[False]: tema.MINDREFORBRUG_FARVE,
}


@dataclass(frozen=True)
class Forberedt:
    """Everything Overblik shows for one context (read-only, shared by sessions)."""

    tal: Mapping[str, float | None]
    antal: pl.DataFrame
    status: go.Figure
    top: pl.DataFrame
    """The exceptions with their ids (for links)."""
    top_tabel: tbl.Indhold
    top_eksport: pl.DataFrame


@st.cache_resource(max_entries=32, show_spinner=False)
def forbered(n: Noegle) -> Forberedt:
    """The prepared view for one context (snapshot, year, reference date)."""
    antal = status_antal(n.snapshot_id, n.aar, n.pr)
    top = stoerste_afvigelser(n.snapshot_id, n.aar, n.pr)
    uden_ids = top.drop("enhed_id", "politikomraade_id", "center_id")
    return Forberedt(
        tal=MappingProxyType(noegletal(n.snapshot_id, n.aar, n.pr)),
        antal=antal,
        status=charts.faerdig(plot_status(antal)),
        top=top,
        top_tabel=tbl.indhold(
            uden_ids, formater=AFVIGELSE_FORMATER, farver={"Afvigelse": AFVIGELSE_FARVER}
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
