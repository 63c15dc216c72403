"""The Økonomi page's figures, built from prepared frames (pure Plotly, no streamlit)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.faelles import charts, tema
from dashboard.faelles import format as fmt
from modeller.budget import Profilmetode

MAKS_SOEJLER = 25
"""At most this many rows in the bullet chart (the largest deviations)."""

BUDGET_FARVE = "#C8C8C8"

FORBRUG_FARVE = "#0072B2"

REGNSKAB_FARVE = "#D55E00"

PROFIL_VALG: dict[str, str] = {"lineaer": "Lineær", "sidste_aar": "Sidste års mønster"}


def _mio(x: float | None) -> float | None:
    return None if x is None else x / 1e6


def _etiket(tekst: str, maks: int = 34) -> str:
    """Data text for a chart label: shortened and with < > escaped."""
    return charts.plotly_tekst(tekst if len(tekst) <= maks else tekst[: maks - 1] + "…")


def _afvigelse_farve(er_afvigelse: bool | None, afvigelse_kr: float | None) -> str:
    return tema.afvigelse_farve(tema.afvigelse_tekst(er_afvigelse, afvigelse_kr)) or "#595959"


def plot_bullet(raekker: pl.DataFrame, kol: str) -> go.Figure:
    """Bullet chart per row: grey bar korrigeret budget, blue bar forbrug til dato,
    a diamond for forventet regnskab and a tick for the expected share by now
    (periodiseret budget). Sorted by deviation (merforbrug on top); at most
    MAKS_SOEJLER rows (the largest |afvigelse|). customdata = the drill id (column `kol`)."""
    df = (
        raekker.sort(pl.col("forventet_afvigelse_kr").abs(), descending=True)
        .head(MAKS_SOEJLER)
        .sort("forventet_afvigelse_kr")
    )
    y = [_etiket(n) for n in df["navn"]]
    ids = [[i] for i in df[kol].to_list()]
    tekst = [
        f"{_etiket(n, 60)}<br>Korrigeret budget: {fmt.mio_kr(k)}<br>Forbrug til dato: "
        f"{fmt.mio_kr(f)} ({fmt.pct(p)})<br>Forventet regnskab: {fmt.mio_kr(r)}<br>"
        f"Forventet afvigelse: {fmt.mio_kr(a, fortegn=True)}<br>Forventet andel nu: "
        f"{fmt.mio_kr(pb)}"
        for n, k, f, p, r, a, pb in df.select(
            "navn",
            "korrigeret_budget_kr",
            "forbrug_kr",
            "forbrugsprocent_pct",
            "forventet_forbrug_kr",
            "forventet_afvigelse_kr",
            "periodiseret_budget_kr",
        ).iter_rows()
    ]
    faelles: dict[str, Any] = {
        "y": y,
        "customdata": ids,
        "hovertext": tekst,
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    fig = go.Figure()
    fig.add_bar(
        x=[_mio(v) for v in df["korrigeret_budget_kr"]],
        orientation="h",
        name="Korrigeret budget",
        marker_color=BUDGET_FARVE,
        width=0.75,
        **faelles,
    )
    fig.add_bar(
        x=[_mio(v) for v in df["forbrug_kr"]],
        orientation="h",
        name="Forbrug til dato",
        marker_color=FORBRUG_FARVE,
        width=0.35,
        **faelles,
    )
    fig.add_scatter(
        x=[_mio(v) for v in df["periodiseret_budget_kr"]],
        mode="markers",
        name="Forventet forbrug til dato (budgetprofil)",
        marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": "#1A1A1A"}},
        **faelles,
    )
    fig.add_scatter(
        x=[_mio(v) for v in df["forventet_forbrug_kr"]],
        mode="markers",
        name="Forventet regnskab",
        marker={
            "symbol": "diamond",
            "size": 15,
            "color": REGNSKAB_FARVE,
            "line": {"width": 1.5, "color": "#FFFFFF"},
        },
        **faelles,
    )
    hoejre = [
        max(v for v in (k, f, r, 0.0) if v is not None)
        for k, f, r in df.select(
            "korrigeret_budget_kr", "forbrug_kr", "forventet_forbrug_kr"
        ).iter_rows()
    ]
    fig.add_scatter(
        x=[_mio(v) for v in hoejre],
        mode="text",
        text=[
            f"\u2002\u2002{tema.afvigelse_tekst(e, a)[:1]} {fmt.mio(a, fortegn=True)}"
            for e, a in df.select("er_afvigelse", "forventet_afvigelse_kr").iter_rows()
        ],
        textposition="middle right",
        textfont={
            "size": 15,
            "color": [
                _afvigelse_farve(e, a)
                for e, a in df.select("er_afvigelse", "forventet_afvigelse_kr").iter_rows()
            ],
        },
        name="Forventet afvigelse (mio. kr.)",
        showlegend=False,
        cliponaxis=False,
        **faelles,
    )
    fig.update_layout(
        barmode="overlay",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        clickmode="event+select",
    )
    fig.update_xaxes(title="mio. kr.", zeroline=True, zerolinecolor="#8C8C8C", tickformat=",.0f")
    fig.update_yaxes(automargin=True)
    return charts.layout(fig, hoejde=max(300, 120 + 38 * df.height))


def forloeb_tabel(df: pl.DataFrame) -> pl.DataFrame:
    """The monthly chart's figures as a table (so nothing is only on hover): month,
    cumulative forbrug this year and last year, and the budget profile, in kr."""
    return df.select(
        pl.col("maaned")
        .replace_strict(dict(enumerate(tema.MAANEDER_KORT, start=1)))
        .alias("Måned"),
        pl.col("akkumuleret_forbrug_kr").alias("Forbrug i år, akkumuleret"),
        pl.col("akkumuleret_forbrug_sidste_aar_kr").alias("Forbrug sidste år, akkumuleret"),
        pl.col("budgetprofil_kr").alias("Budgetprofil, akkumuleret"),
    )


def plot_forloeb(
    df: pl.DataFrame, aar: int, profil: Profilmetode, total: Mapping[str, Any]
) -> go.Figure:
    """Cumulative forbrug this year vs last year vs the budget profile, month by month,
    with the forecast and the run-rate projection (marked as not a forecast) at December."""
    x = list(tema.MAANEDER_KORT)
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["korrigeret_budget_kr"]],
        mode="lines",
        name="Korrigeret budget",
        line={"color": "#8C8C8C", "width": 2},
        hovertemplate="Korrigeret budget: %{y:,.1f} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["budgetprofil_kr"]],
        mode="lines",
        name=f"Budgetprofil ({PROFIL_VALG[profil].lower()})",
        line={"color": "#1A1A1A", "width": 2, "dash": "dot"},
        hovertemplate="%{x}: budgetprofil %{y:,.1f} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["akkumuleret_forbrug_sidste_aar_kr"]],
        mode="lines",
        name=f"Forbrug {aar - 1}",
        line={"color": "#56B4E9", "width": 2, "dash": "dash"},
        hovertemplate=f"%{{x}} {aar - 1}: %{{y:,.1f}} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["akkumuleret_forbrug_kr"]],
        mode="lines+markers",
        name=f"Forbrug {aar}",
        line={"color": FORBRUG_FARVE, "width": 4},
        hovertemplate=f"%{{x}} {aar}: %{{y:,.1f}} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=["dec"],
        y=[_mio(total["forventet_forbrug_kr"])],
        mode="markers",
        name="Forventet regnskab",
        marker={"symbol": "diamond", "size": 16, "color": REGNSKAB_FARVE},
        hovertemplate="Forventet regnskab: %{y:,.1f} mio. kr.<extra></extra>",
    )
    if total.get("run_rate_kr") is not None:
        fig.add_scatter(
            x=["dec"],
            y=[_mio(total["run_rate_kr"])],
            mode="markers",
            name="Fremskrivning af forbrugstakt (ikke en prognose)",
            marker={"symbol": "circle-open", "size": 16, "color": "#CC79A7", "line": {"width": 3}},
            hovertemplate="Fremskrivning af forbrugstakt (ikke en prognose): "
            "%{y:,.1f} mio. kr.<extra></extra>",
        )
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0})
    fig.update_yaxes(title="mio. kr. (akkumuleret)", rangemode="tozero", tickformat=",.0f")
    return charts.layout(fig, hoejde=460)


def plot_vandfald(df: pl.DataFrame) -> go.Figure:
    """Plotly waterfall from oprindeligt to korrigeret budget, in mio. kr."""
    y = [_mio(v) or 0.0 for v in df["beloeb_kr"]]
    fig = go.Figure(
        go.Waterfall(
            x=[t.replace(" ", "<br>") for t in df["label"]],
            y=y,
            measure=df["measure"].to_list(),
            text=[
                fmt.mio(v, fortegn=m == "relative")
                for v, m in zip(df["beloeb_kr"], df["measure"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            increasing={"marker": {"color": "#E69F00"}},
            decreasing={"marker": {"color": "#56B4E9"}},
            totals={"marker": {"color": "#595959"}},
            connector={"line": {"color": "#8C8C8C"}},
            hovertemplate="%{x}: %{y:,.1f} mio. kr.<extra></extra>",
        )
    )
    niveauer = list(itertools.accumulate(y[:-1]))
    lav, hoej = min(niveauer), max(niveauer)
    spaend = max(hoej - lav, abs(hoej) * 0.02, 1.0)
    fig.update_layout(showlegend=False)
    if lav > 0:  # a budget bridge: start the axis near the lowest level so steps show
        fig.update_yaxes(range=[max(0.0, lav - 2 * spaend), hoej + 1.2 * spaend])
    fig.update_yaxes(title="mio. kr.", tickformat=",.0f")
    fig.update_xaxes(tickangle=0)
    return charts.layout(fig, hoejde=400)
