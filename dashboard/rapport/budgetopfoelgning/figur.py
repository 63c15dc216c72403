"""The report's chart: forventet afvigelse per area, split by budget type (Plotly).

Drawn on screen by the page and as an image (kaleido, dashboard/rapport/figurer.py) in
Word and PDF, where it carries `Figur.alt_tekst` as its alternative text.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.faelles import charts, tema
from dashboard.rapport.budgetopfoelgning.indhold import Figur
from modeller.schemas import BUDGETTYPER
from modeller.styringsregler import BUDGETTYPE_NAVNE

FARVER = {"service": "#0072B2", "indkomstoverfoersler": "#E69F00", "anlaeg": "#009E73"}
"""Okabe-Ito hues per budget type (the legend names them: colour is never alone)."""


def plot_afvigelser(f: Figur) -> go.Figure:
    """Horizontal grouped bars: the deviation (mio. kr., plus = merforbrug) per area and
    budget type."""
    navne = [charts.plotly_tekst(n) for n in f.navne]
    fig = go.Figure(
        [
            go.Bar(
                y=navne,
                x=[v / 1e6 for v in vaerdier],
                name=BUDGETTYPE_NAVNE[bt],
                orientation="h",
                marker_color=FARVER[bt],
                hovertemplate="%{y}: %{x:+,.1f} mio. kr.<extra>"
                + BUDGETTYPE_NAVNE[bt]
                + "</extra>",
            )
            for bt, vaerdier in zip(BUDGETTYPER, f.pr_type, strict=True)
        ]
    )
    fig.add_vline(x=0, line={"color": tema.STATUS_TEKSTFARVE["ikke_vurderet"], "width": 1})
    fig.update_layout(
        barmode="group", legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="Forventet afvigelse, mio. kr. (plus = merforbrug)", zeroline=False)
    return charts.layout(fig, hoejde=max(320, 110 + 60 * len(navne)))
