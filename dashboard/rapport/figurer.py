"""Charts of the brief: Plotly figures (screen) and static PNG images (PDF, PowerPoint).

Images are drawn by kaleido 1.5 with the installed Chromium (no download). One kaleido
server is started per process and reused for every figure; calls are serialised with a
lock (the server's queues are shared). Without Chromium, or when drawing fails or takes
too long, `png` returns None and the documents are made without images; a failure is
logged and drawing is retried after a back-off.
"""

from __future__ import annotations

import html
import logging
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FremtidTimeout
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import plotly.graph_objects as go

from dashboard.faelles import charts, tema
from dashboard.faelles import format as fmt
from dashboard.rapport.indhold import Brief, Indikator

CHROMIUM_STIER = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
TIDSGRAENSE_S = 60.0

VENTETID_S = 20.0
"""Longest wait for another user's render before a document goes without the image."""
PAUSE_S = 30.0
PAUSE_MAKS_S = 600.0

log = logging.getLogger(__name__)


@dataclass
class _Tilstand:
    """Process-wide renderer state; changed only while holding `_laas`."""

    startet: bool = False
    fejl_i_traek: int = 0
    pause_til: float = 0.0


_laas = threading.Lock()
_tilstand = _Tilstand()
_udfoerer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaleido")


def _etiket(tekst: str) -> str:
    """Data text for a chart label: Plotly renders a few HTML tags, so escape them."""
    return html.escape(tekst, quote=False)


def plot_indikator(i: Indikator, hoejde: int = 260) -> go.Figure:
    """A small trend chart: the series, its target (dashed) and baseline (dotted)."""
    farve = tema.STATUS_FARVE.get(i.status, "#555555")
    fig = go.Figure(
        go.Scatter(
            x=list(i.perioder),
            y=list(i.vaerdier),
            mode="lines+markers",
            line={"color": farve, "width": 3},
            marker={"size": 8},
            name=_etiket(i.enhed_navn or i.navn),
            hovertemplate="%{x|%d.%m.%Y}: %{y:,.1f}<extra></extra>",
        )
    )
    if i.maalvaerdi is not None:
        fig.add_hline(
            y=i.maalvaerdi,
            line={"dash": "dash", "color": "#1A1A1A", "width": 2},
            annotation_text=f"Mål {fmt.vaerdi(i.maalvaerdi, i.maaleenhed)}",
            annotation_position="top left",
            annotation_font_size=14,
        )
    if i.baseline is not None:
        fig.add_hline(y=i.baseline, line={"dash": "dot", "color": "#8C8C8C", "width": 1})
    if len(i.perioder) == 1:  # one point: give it some room and one clear tick
        fig.update_xaxes(
            range=[i.perioder[0] - timedelta(days=120), i.perioder[0] + timedelta(days=120)],
            tickvals=[i.perioder[0]],
        )
    fig.update_layout(showlegend=False)
    fig.update_yaxes(title=_etiket(i.maaleenhed), rangemode="normal")
    fig.update_xaxes(tickformat="%m.%Y")
    return charts.layout(fig, hoejde=hoejde)


def plot_budget(b: Brief, hoejde: int = 340) -> go.Figure:
    """Korrigeret budget and forventet regnskab per politikområde (horizontal bars)."""
    navne = [_etiket(linje.navn) for linje in b.budget]
    deler = 1e6 if b.i_mio else 1e3
    fig = go.Figure(
        [
            go.Bar(
                y=navne,
                x=[linje.korrigeret_budget_kr / deler for linje in b.budget],
                name="Korrigeret budget",
                orientation="h",
                marker_color="#9DB9D3",
                hovertemplate="%{y}: %{x:,.1f}<extra>Korrigeret budget</extra>",
            ),
            go.Bar(
                y=navne,
                x=[linje.forventet_forbrug_kr / deler for linje in b.budget],
                name="Forventet regnskab",
                orientation="h",
                marker_color="#0B5394",
                hovertemplate="%{y}: %{x:,.1f}<extra>Forventet regnskab</extra>",
            ),
        ]
    )
    fig.update_layout(
        barmode="group", legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=b.beloebsenhed)
    return charts.layout(fig, hoejde=max(hoejde, 90 + 50 * len(navne)))


def chromium() -> str | None:
    """The Chromium kaleido will use, or None when none is installed."""
    for sti in CHROMIUM_STIER:
        if Path(sti).exists():
            return sti
    return shutil.which("chromium")


def _tegn(fig: go.Figure, bredde: int, hoejde: int) -> bytes:
    import kaleido  # type: ignore[import-untyped]

    if not _tilstand.startet:
        kaleido.start_sync_server(silence_warnings=True)
        _tilstand.startet = True
    fig = go.Figure(fig)
    fig.update_layout(margin={"l": 70, "r": 25, "t": 30, "b": 50})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    ud = kaleido.calc_fig_sync(
        fig, opts={"format": "png", "width": bredde, "height": hoejde, "scale": 2}
    )
    return bytes(ud)


def png(fig: go.Figure, bredde: int = 900, hoejde: int = 360) -> bytes | None:
    """The figure as PNG bytes, or None when no image can be drawn (see module docstring).

    One render at a time (kaleido's server queues are shared). A caller waits at most
    VENTETID_S for its turn, so one slow render never blocks every user. After a failure
    or timeout, images are skipped for a back-off period that doubles with each failure in
    a row (PAUSE_S up to PAUSE_MAKS_S) and then tried again; a success resets it.
    """
    if chromium() is None or time.monotonic() < _tilstand.pause_til:
        return None
    if not _laas.acquire(timeout=VENTETID_S):
        log.warning(
            "Diagramtegning optaget i over %.0f s; dokumentet laves uden billede", VENTETID_S
        )
        return None
    try:
        if time.monotonic() < _tilstand.pause_til:
            return None
        fremtid = _udfoerer.submit(_tegn, fig, bredde, hoejde)
        try:
            ud = fremtid.result(timeout=TIDSGRAENSE_S)
        except FremtidTimeout:
            _fejlet(f"tidsgrænsen på {TIDSGRAENSE_S:.0f} s blev overskredet")
            return None
        except Exception as exc:  # kaleido/Chromium failures of every kind
            _fejlet(type(exc).__name__)
            return None
        _tilstand.fejl_i_traek = 0
        return ud
    finally:
        _laas.release()


def _fejlet(aarsag: str) -> None:
    _tilstand.fejl_i_traek += 1
    pause = min(PAUSE_S * 2 ** (_tilstand.fejl_i_traek - 1), PAUSE_MAKS_S)
    _tilstand.pause_til = time.monotonic() + pause
    log.warning(
        "Diagramtegning fejlede (%s); næste forsøg om %.0f s (fejl nr. %d i træk)",
        aarsag,
        pause,
        _tilstand.fejl_i_traek,
    )
