"""Shared Plotly styling: Danish separators, readable fonts on a projector."""

from __future__ import annotations

import plotly.graph_objects as go

FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"


def layout(fig: go.Figure, hoejde: int = 420, titel: str | None = None) -> go.Figure:
    """Apply the house style: `,.` separators (1.234,5), 16 px text, no clutter."""
    fig.update_layout(
        separators=",.",
        height=hoejde,
        font={"family": FONT, "size": 16, "color": "#1A1A1A"},
        title={"text": titel, "font": {"size": 20}} if titel else None,
        margin={"l": 10, "r": 30, "t": 50 if titel else 20, "b": 10},
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        hoverlabel={"font_size": 16},
        legend={"font": {"size": 15}},
    )
    fig.update_xaxes(tickfont={"size": 15}, gridcolor="#E5E5E5", title_font={"size": 16})
    fig.update_yaxes(tickfont={"size": 15}, gridcolor="#E5E5E5", title_font={"size": 16})
    return fig


CONFIG = {
    "displaylogo": False,
    "locale": "da",
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
"""Plotly config for st.plotly_chart: PNG export from the modebar, Danish locale."""
