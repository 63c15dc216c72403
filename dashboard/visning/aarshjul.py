"""The årshjul in the app: settings, the wheel figure and the compact/full views.

"Today" is the real date (`date.today()`): the needle and the current phase show where
the organisation is in its yearly cycle now. The data date (k.pr) is marked too, and the
data-dependent lists (what is overdue, what falls due within 30 days) use k.pr, since
they describe the data as loaded.
"""

from __future__ import annotations

import calendar
import html
import textwrap
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from dashboard import data
from dashboard.faelles import charts
from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.skal import tilstand
from modeller.aarshjul import STANDARD, Aarshjul, AarshjulFejl, FristDato

MAANEDER = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
FASEFARVER = ("#D6E6F2", "#DCEFE5", "#F6E7C8", "#E9DDF0")
"""Soft fills per phase (the current phase gets a dark outline, not a colour code)."""
NAAL = "#1A1A1A"
DATAFARVE = "#0072B2"
FRISTFARVE = {"indgaaelse": "#A63F00", "opfoelgning": "#005A8C", "frist": "#595959"}
FRIST_SYMBOL = {"indgaaelse": "diamond", "opfoelgning": "square", "frist": "circle"}


def indstillinger() -> Aarshjul:
    """The municipality's årshjul (data/aarshjul.toml), or the default with a Danish
    error message when the file is invalid."""
    try:
        return data.aarshjulet()
    except AarshjulFejl as fejl:
        st.error(
            f"Årshjulets indstillinger (aarshjul.toml) er ugyldige: {fmt.ren(fejl)} "
            "Standardårshjulet vises i stedet.",
            icon="⚠️",
        )
        return STANDARD


def vinkel(d: date) -> float:
    """The date's position on the wheel in degrees (0 = 1 January, clockwise)."""
    dage = 366 if calendar.isleap(d.year) else 365
    return (d.timetuple().tm_yday - 0.5) / dage * 360.0


def _bue(aar: int, maaneder: tuple[int, ...]) -> tuple[float, float]:
    """(centre angle, width) in degrees of consecutive months (may wrap New Year)."""
    dage = 366 if calendar.isleap(aar) else 365

    def start(m: int) -> float:
        return (date(aar, m, 1).timetuple().tm_yday - 1) / dage * 360.0

    bredde = sum((start(m + 1) if m < 12 else 360.0) - start(m) for m in maaneder)
    return (start(maaneder[0]) + bredde / 2) % 360, bredde


def _ombryd(tekst: str, bredde: int = 14) -> str:
    return "<br>".join(
        html.escape(linje) for linje in textwrap.wrap(tekst, bredde, break_long_words=False)
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def plot_hjul(
    hjul: Aarshjul, idag: date, pr: date | None, *, hoejde: int = 460, kompakt: bool = False
) -> go.Figure:
    """The year as a wheel: the phases as a ring, months around, deadlines on the rim,
    a needle at `idag` and a marker at the data date `pr`. Cached per settings and day:
    the figure is only read afterwards (never mutated), so sessions share it."""
    aar = idag.year
    fig = go.Figure()
    aktuel = hjul.fase(idag)
    for i, f in enumerate(hjul.faser):
        for m in f.maaneder:  # one bar per month keeps wrapping phases simple
            midt, bredde = _bue(aar, (m,))
            fig.add_trace(
                go.Barpolar(
                    r=[0.55],
                    base=[0.45],
                    theta=[midt],
                    width=[bredde],
                    marker={
                        "color": FASEFARVER[i % len(FASEFARVER)],
                        "line": {"color": "#FFFFFF", "width": 1},
                    },
                    hovertext=[f"{html.escape(f.navn)}<br>{html.escape(f.beskrivelse)}"],
                    hoverinfo="text",
                    showlegend=False,
                )
            )
        midt, _ = _bue(aar, f.maaneder)
        er_aktuel = f == aktuel
        if kompakt and not er_aktuel:
            continue  # the small wheel names only the current phase
        fig.add_trace(
            go.Scatterpolar(
                r=[0.72],
                theta=[midt],
                mode="text",
                text=[
                    ("<b>" if er_aktuel else "")
                    + _ombryd(f.navn, 12 if kompakt else 16)
                    + ("</b>" if er_aktuel else "")
                ],
                textfont={"size": 13 if kompakt else 15, "color": "#1A1A1A"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    midt, bredde = _bue(aar, aktuel.maaneder)
    fig.add_trace(  # outline of the current phase
        go.Barpolar(
            r=[0.55],
            base=[0.45],
            theta=[midt],
            width=[bredde],
            marker={"color": "rgba(0,0,0,0)", "line": {"color": NAAL, "width": 3}},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    frister = hjul.frister_i_aar(aar)
    naeste = hjul.naeste_frister(idag, 1)
    for art in ("frist", "opfoelgning", "indgaaelse"):
        valgte = [f for f in frister if f.art == art]
        if not valgte:
            continue
        fig.add_trace(
            go.Scatterpolar(
                r=[1.0] * len(valgte),
                theta=[vinkel(f.dato) for f in valgte],
                mode="markers",
                marker={
                    "size": [16 if naeste and f.dato == naeste[0].dato else 11 for f in valgte],
                    "color": FRISTFARVE[art],
                    "symbol": FRIST_SYMBOL[art],
                    "line": {"color": "#FFFFFF", "width": 1.5},
                },
                hovertext=[f"{fmt.dato(f.dato)}: {html.escape(f.navn)}" for f in valgte],
                hoverinfo="text",
                showlegend=False,
            )
        )
    if pr is not None and pr.year == aar and pr != idag:
        fig.add_trace(
            go.Scatterpolar(
                r=[0.0, 0.9],
                theta=[vinkel(pr)] * 2,
                mode="lines+markers",
                line={"color": DATAFARVE, "width": 2, "dash": "dot"},
                marker={"size": [0, 9], "color": DATAFARVE},
                hovertext=["", f"Data pr. {fmt.dato(pr)}"],
                hoverinfo="text",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatterpolar(
            r=[0.0, 1.08],
            theta=[vinkel(idag)] * 2,
            mode="lines+markers+text",
            line={"color": NAAL, "width": 4},
            marker={"size": [10, 12], "color": NAAL, "symbol": ["circle", "triangle-up"]},
            text=["", "I dag"],
            textposition="top center",
            textfont={"size": 14, "color": NAAL},
            hovertext=["", f"I dag: {fmt.dato(idag)}"],
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_layout(
        polar={
            "hole": 0.0,
            "bgcolor": "#FFFFFF",
            "radialaxis": {"visible": False, "range": [0, 1.12]},
            "angularaxis": {
                "rotation": 90,
                "direction": "clockwise",
                "tickmode": "array",
                "tickvals": [_bue(aar, (m,))[0] for m in range(1, 13)],
                "ticktext": list(MAANEDER),
                "tickfont": {"size": 13 if kompakt else 15},
                "showgrid": False,
                "linecolor": "#BFBFBF",
            },
        },
        bargap=0,
    )
    charts.layout(fig, hoejde=hoejde)
    fig.update_layout(margin={"l": 40, "r": 40, "t": 30, "b": 30}, showlegend=False)
    return fig


def _om(d: date, idag: date) -> str:
    dage = (d - idag).days
    if dage == 0:
        return "i dag"
    return "i morgen" if dage == 1 else f"{fmt.tal(dage)} dage"


def _fasetekst(hjul: Aarshjul, idag: date) -> str:
    f = hjul.fase(idag)
    kvartal = f"{MAANEDER[f.maaneder[0] - 1]}–{MAANEDER[f.maaneder[-1] - 1]}"
    return f"I dag ({fmt.dato(idag)}) er vi i fasen **{fmt.ren(f.navn)}** ({kvartal})."


def _frister(frister: list[FristDato], idag: date) -> None:
    st.markdown(
        "**Næste frister**\n\n"
        + "\n".join(
            f"- **{fmt.dato(f.dato)}** ({_om(f.dato, idag)}): {fmt.ren(f.navn)}" for f in frister
        )
    )


def vis_kompakt(k: tilstand.Kontekst, idag: date | None = None) -> None:
    """Overblik: the current phase, the next three deadlines and a small wheel."""
    idag = idag or date.today()
    hjul = indstillinger()
    st.subheader("Årshjulet")
    venstre, hoejre = st.columns([2, 3])
    with venstre:
        komp.vis(plot_hjul(hjul, idag, k.data_pr, hoejde=300, kompakt=True), key="aarshjul_kompakt")
    with hoejre:
        st.markdown(_fasetekst(hjul, idag))
        if not k.praesentation:
            st.caption(fmt.ren(hjul.fase(idag).beskrivelse))
        _frister(hjul.naeste_frister(idag, 3), idag)


def vis_fuld(k: tilstand.Kontekst, hjul: Aarshjul, idag: date | None = None) -> None:
    """Aftaler: the wheel with the current phase and the next deadlines."""
    idag = idag or date.today()
    venstre, hoejre = st.columns([1, 1])
    with venstre:
        komp.vis(plot_hjul(hjul, idag, k.data_pr), key="aarshjul")
        if not k.praesentation:
            st.caption(
                "Nålen viser dagens dato, den stiplede blå linje datadatoen. Frister på kanten: "
                "◆ aftaler indgås, ■ aftaler følges op, ● budgetopfølgning og -revision."
            )
    with hoejre:
        st.markdown(_fasetekst(hjul, idag))
        st.caption(fmt.ren(hjul.fase(idag).beskrivelse))
        _frister(hjul.naeste_frister(idag, 5), idag)
        if hjul.maanedlig_oekonomiudvalg and not k.praesentation:
            st.caption("Økonomiudvalget får desuden en økonomiopfølgning hver måned.")
