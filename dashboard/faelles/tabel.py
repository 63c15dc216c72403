"""Tables: fixed Danish formatting, coloured labels and CSV/Excel downloads.

`st.dataframe`'s own number format follows the viewer's browser language, so numbers are
formatted here, in Python after polars is done (faelles/format.py: "1.234,5"), and the
table goes to the browser as a pyarrow Table of text, right-aligned. That is also the
cheapest path through Streamlit (no pandas Styler on every rerun), and a prepared
`Indhold` can be cached with the page's view and reused by every session.

Status-like columns (goal status, deviation, agreement status) are shown as labels with
icon, word and colour (a read-only MultiselectColumn with one coloured option per word).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import polars as pl
import pyarrow as pa
import streamlit as st

from dashboard.faelles import eksport, tema
from dashboard.skal import tilstand

STATUSFARVER: Mapping[str, str] = {
    tema.status_tekst(kode): farve for kode, farve in tema.STATUS_TEKSTFARVE.items()
}
"""Colour per goal-status word ("✔ På sporet" → green), for `farver`."""


@dataclass(frozen=True)
class Indhold:
    """A table ready to show: text cells (`vist`) and the column settings they need."""

    vist: pa.Table
    kolonner: Mapping[str, Any] = field(default_factory=dict)
    raekker: int = 0


def indhold(
    df: pl.DataFrame,
    *,
    formater: Mapping[str, Callable[[Any], str]] | None = None,
    farver: Mapping[str, Mapping[str, str]] | None = None,
) -> Indhold:
    """Format `df` for showing: `formater` maps a column to a cell formatter (numbers
    become right-aligned text, null → "–"); `farver` maps a column to {word → colour}
    (the column becomes coloured labels). Other columns are shown as they are."""
    kolonner: dict[str, Any] = {}
    serier: dict[str, pa.Array] = {}
    for navn in df.columns:
        vaerdier = df.get_column(navn).to_list()
        if formater and navn in formater:
            fn = formater[navn]
            tekst = ["–" if v is None or v != v else fn(v) for v in vaerdier]
            serier[navn] = pa.array(tekst, type=pa.string())
            kolonner[navn] = st.column_config.TextColumn(navn, alignment="right")
        elif farver and navn in farver:
            muligheder = farver[navn]
            serier[navn] = pa.array(
                [[v] if v else [] for v in vaerdier], type=pa.list_(pa.string())
            )
            kolonner[navn] = st.column_config.MultiselectColumn(
                navn,
                options=list(muligheder),
                color=list(muligheder.values()),
                disabled=True,
            )
        else:
            serier[navn] = df.get_column(navn).to_arrow()
    return Indhold(pa.table(serier), kolonner, df.height)


def _flet(genereret: Mapping[str, Any], givet: Mapping[str, Any]) -> dict[str, Any]:
    """Column settings: the given ones on top of the generated ones, key by key (a given
    width keeps a generated alignment or label colours)."""
    ud = dict(genereret)
    for navn, opsaetning in givet.items():
        if isinstance(opsaetning, Mapping) and isinstance(ud.get(navn), Mapping):
            ud[navn] = {**ud[navn], **{k: v for k, v in opsaetning.items() if v is not None}}
        else:
            ud[navn] = opsaetning
    return ud


def med_kolonne(t: Indhold, navn: str, vaerdier: Sequence[str | None]) -> Indhold:
    """`t` with one more text column (e.g. this session's links) at the end."""
    return replace(t, vist=t.vist.append_column(navn, pa.array(vaerdier, pa.string())))


@dataclass(frozen=True)
class Valg:
    """Row selection: `noegle` is the table's widget key; `ved_valg(i)` is called with the
    selected row's index before the rerun (for drilling)."""

    noegle: str
    ved_valg: Callable[[int], None] | None = None


def tabel(
    df: pl.DataFrame | Indhold,
    *,
    noegle: str,
    filnavn: Sequence[str | int | date | None],
    eksport_df: pl.DataFrame | None = None,
    formater: Mapping[str, Callable[[Any], str]] | None = None,
    farver: Mapping[str, Mapping[str, str]] | None = None,
    kolonneopsaetning: Mapping[str, Any] | None = None,
    hoejde: int | None = None,
    fodnote: str | None = None,
    valg: Valg | None = None,
    filtre_i_filnavn: bool = True,
) -> int | None:
    """A table with Danish formatting, coloured labels and CSV/Excel downloads.

    `df` is what is shown (its column names are the Danish headers), raw or already
    prepared by `indhold` (then `formater`/`farver` are ignored); `eksport_df` (default:
    `df` when raw) is what is downloaded, with raw numbers. `kolonneopsaetning` is passed
    to st.dataframe as column_config (e.g. a LinkColumn) on top of the generated one.

    With `valg`, the user can select one row; the index of the selected row is returned,
    None when nothing is selected.

    The download file names carry `filnavn` plus the page's active filters
    (`filtre_i_filnavn=False` when the filters do not apply to this table).
    """
    vis = df if isinstance(df, Indhold) else indhold(df, formater=formater, farver=farver)
    ud = eksport_df if eksport_df is not None else df
    if isinstance(ud, Indhold):
        raise TypeError("tabel: a prepared Indhold needs eksport_df")
    valgargumenter: dict[str, Any] = {}
    if valg is not None:
        wkey = valg.noegle
        ved_valg = valg.ved_valg

        def _ved_valg() -> None:
            raekker = tilstand.widget_haendelse(wkey)["selection"]["rows"]
            if raekker and ved_valg is not None:
                ved_valg(int(raekker[0]))

        valgargumenter = {"key": wkey, "on_select": _ved_valg, "selection_mode": "single-row"}
    ev = st.dataframe(
        vis.vist,
        hide_index=True,
        width="stretch",
        height=hoejde or "auto",
        row_height=35,
        column_config=_flet(vis.kolonner, kolonneopsaetning or {}) or None,
        placeholder="–",
        **valgargumenter,
    )
    raekker = ev["selection"]["rows"] if valgargumenter and ev is not None else []
    valgt = int(raekker[0]) if raekker else None
    if fodnote:
        st.caption(fodnote)
    if filtre_i_filnavn:
        filnavn = filnavn_med_filtre(filnavn)
    knapper = st.container(horizontal=True, gap="small")
    c1, c2 = knapper, knapper
    # The files are built only when a button is clicked (Streamlit calls the function
    # then), not on every run: a large table's Excel file costs a few hundred ms.
    c1.download_button(
        "⬇ CSV",
        lambda: eksport.csv_bytes(ud),
        file_name=eksport.filnavn(*filnavn, endelse="csv"),
        mime="text/csv",
        key=f"csv_{noegle}",
        on_click="ignore",
    )
    c2.download_button(
        "⬇ Excel",
        lambda: eksport.excel_bytes(ud),
        file_name=eksport.filnavn(*filnavn, endelse="xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{noegle}",
        on_click="ignore",
    )
    return valgt


def filnavn_med_filtre(
    dele: Sequence[str | int | date | None],
) -> tuple[str | int | date | None, ...]:
    """The download file name parts with the page's active filters (as shown in the
    "Filtre:" line) inserted before a trailing data date: ("maalkaeden", 2026, date) →
    ("maalkaeden", 2026, "Sundhedspolitik", date)."""
    filtre: dict[str, str] = tilstand.hent(tilstand.FILTRE) or {}
    navne = [d for d in dele if isinstance(d, str) and d]
    vaerdier = [v[:30] for v in filtre.values() if not any(n in v for n in navne)]
    ud = list(dele)
    if ud and isinstance(ud[-1], date):
        return (*ud[:-1], *vaerdier, ud[-1])
    return (*ud, *vaerdier)
