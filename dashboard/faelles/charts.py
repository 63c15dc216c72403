"""Shared Plotly styling: Danish separators, readable fonts on a projector.

Pure Plotly (no streamlit): the pages show figures through `komponenter.vis`, the
documents in dashboard/rapport/ draw them as images.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go


def plotly_tekst(tekst: object) -> str:
    """Data text for a Plotly label: Plotly renders a few HTML tags, so "<" and ">" are
    escaped and shown literally."""
    return html.escape(str(tekst), quote=False)


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

PRAESENTATION_SKALA = 1.3
"""Font scale for charts in presentation mode (16 px → 21 px: readable on a projector)."""


def _skaler_fonte(obj: Any, faktor: float, i_font: bool = False) -> Any:
    """Multiply every `size` inside a `*font*` entry of a figure dict by `faktor`."""
    if isinstance(obj, dict):
        ud: dict[str, Any] = {}
        for k, v in obj.items():
            if i_font and k == "size":
                if isinstance(v, int | float) and not isinstance(v, bool):
                    ud[k] = round(v * faktor, 1)
                elif isinstance(v, list):
                    ud[k] = [round(x * faktor, 1) if isinstance(x, int | float) else x for x in v]
                else:
                    ud[k] = v
            else:
                ud[k] = _skaler_fonte(v, faktor, "font" in k.lower())
        return ud
    if isinstance(obj, list):
        return [_skaler_fonte(x, faktor, i_font) for x in obj]
    return obj


def stor(
    fig: go.Figure, faktor: float = PRAESENTATION_SKALA, hoejde_faktor: float | None = None
) -> go.Figure:
    """A copy of `fig` with all fonts scaled by `faktor` and the height by `hoejde_faktor`
    (default `faktor`: the larger labels still fit in their bars and boxes). The copy is a
    `Faerdig` figure; `fig` itself is never changed."""
    spec: dict[str, Any] = _skaler_fonte(fig.to_dict(), faktor)
    layout = spec.setdefault("layout", {})
    font = layout.setdefault("font", {})
    font.setdefault("size", round(16 * faktor, 1))
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * (hoejde_faktor or faktor))
    return Faerdig(spec)


class Faerdig(go.Figure):  # type: ignore[misc]
    """A finished figure: its dict is computed once and handed out as is.

    Building and validating a Plotly figure costs milliseconds per trace, and
    `st.plotly_chart` converts a figure to a dict (a deep copy) on every run. A prepared
    view keeps its figures as `Faerdig` (shared by every session through
    `st.cache_resource`), so a rerun only serialises the dict. The dict is read-only: never
    change it; `stor` and `to_dict` callers get the same object.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self._faerdig_spec = spec

    def to_dict(self) -> dict[str, Any]:
        return self._faerdig_spec

    def to_plotly_json(self) -> dict[str, Any]:
        return self._faerdig_spec


def faerdig(fig: go.Figure) -> Faerdig:
    """`fig` as a finished figure (see `Faerdig`)."""
    return fig if isinstance(fig, Faerdig) else Faerdig(fig.to_dict())
