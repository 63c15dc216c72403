"""Streamlit building blocks every page shares: the page header, the economy key
figures and the chart display (house config, larger fonts in presentation mode)."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboard.faelles import charts, tema
from dashboard.faelles import format as fmt
from dashboard.faelles.format import ren
from dashboard.skal import tilstand


def note(tekst: str) -> None:
    """A friendly Danish note (e.g. about an invalid link value)."""
    st.info(tekst, icon="ℹ️")


def side(titel: str, spoergsmaal: str) -> tilstand.Kontekst:
    """Page header: title, the page's question and "Data pr. <dato> · <etiket>"."""
    k = tilstand.kontekst()
    st.title(titel)
    m = k.snapshot.manifest
    dele = [f"**Data pr. {fmt.dato(m.data_as_of)}**"]
    if m.label:
        dele.append(ren(m.label))
    dele.append(ren(m.kommune))
    dele.append(f"År {k.aar}")
    st.caption(" · ".join(dele))
    tilstand.saet(tilstand.FILTRE, {})
    tilstand.saet(tilstand.FILTERLINJE, st.empty())
    if not k.praesentation:
        st.caption(spoergsmaal)
    else:
        st.html(
            '<div class="so-datalinje" role="status">'
            f"Data pr. {html.escape(fmt.dato(m.data_as_of))} · {html.escape(m.kommune)}"
            "</div>"
        )
    return k


def oekonomi_noegletal(
    tal: Mapping[str, Any],
    *,
    enhed: str = "mio. kr.",
    beloeb: Callable[[float | None, bool], str] | None = None,
    run_rate: bool = False,
) -> None:
    """The budget follow-up's key figures as metrics: korrigeret budget, forbrug til dato
    (with forbrugsprocent), forventet regnskab, forventet afvigelse (▲ Merforbrug in red,
    ▼ Mindreforbrug in green) and, with `run_rate`, the run-rate projection marked as
    not a forecast. `tal` holds the columns of modeller.budget.total; `beloeb(x, fortegn)`
    formats an amount in `enhed` (default mio. kr.)."""
    vis = beloeb or (lambda x, fortegn: fmt.mio(x, fortegn=fortegn))
    afv = tal.get("forventet_afvigelse_kr") or 0.0
    rk = st.container(horizontal=True, gap="medium")
    rk.metric(
        f"Korrigeret budget, {enhed}", vis(tal.get("korrigeret_budget_kr"), False), width="content"
    )
    rk.metric(
        f"Forbrug til dato, {enhed}",
        vis(tal.get("forbrug_kr"), False),
        f"{fmt.pct(tal.get('forbrugsprocent_pct'))} af budget",
        delta_color="off",
        delta_arrow="off",
        width="content",
    )
    rk.metric(
        f"Forventet regnskab, {enhed}", vis(tal.get("forventet_forbrug_kr"), False), width="content"
    )
    rk.metric(
        f"Forventet afvigelse, {enhed}",
        vis(afv, True),
        tema.AFVIGELSE_TEKST[afv > 0] if afv else "I balance",
        delta_color="inverse" if afv > 0 else "normal",  # red for merforbrug
        delta_arrow="off",  # the word carries its own ▲/▼
        width="content",
    )
    if run_rate:
        rk.metric(
            f"Fremskrivning af forbrugstakt, {enhed}",
            vis(tal.get("run_rate_kr"), False),
            "ikke en prognose",
            delta_color="off",
            delta_arrow="off",
            width="content",
            help="Forbrug til dato divideret med den forventede andel efter budgetprofilen: "
            "hvad året ender på, hvis forbruget fortsætter i samme takt. Ikke en prognose.",
        )


def vis(
    fig: go.Figure,
    *,
    key: str,
    config: dict[str, Any] | None = None,
    skala: tuple[float, float] = (charts.PRAESENTATION_SKALA, charts.PRAESENTATION_SKALA),
    **kw: Any,
) -> Any:
    """st.plotly_chart with the house CONFIG (PNG export, Danish locale) and, in
    presentation mode, larger fonts (`skala` = (font, height) factors; a chart of many
    small boxes needs more height than font). Extra keyword arguments pass through."""
    if tilstand.praesentation():
        fig = charts.stor(fig, *skala)
    return st.plotly_chart(fig, config=config or charts.CONFIG, key=key, **kw)
