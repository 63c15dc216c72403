"""Tables: fixed Danish formatting, status colours and CSV/Excel downloads.

`st.dataframe`'s own number format follows the viewer's browser language; these tables
use the fixed formatters of faelles/format.py instead (through a pandas Styler), so a
projector in an English browser still shows "1.234,5".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from dashboard.faelles import eksport, tema
from dashboard.skal import tilstand
from modeller.status import STATUS_TEKST


def tabel(
    df: pl.DataFrame,
    *,
    noegle: str,
    filnavn: Sequence[str | int | date | None],
    formater: Mapping[str, Callable[[Any], str]] | None = None,
    statuskolonner: Sequence[str] = (),
    hoejde: int | None = None,
    fodnote: str | None = None,
    eksport_df: pl.DataFrame | None = None,
    stil: Mapping[str, Callable[[Any], str]] | None = None,
    kolonneopsaetning: Mapping[str, Any] | None = None,
    raekkestil: Callable[[Any], list[str]] | None = None,
    raekkehoejde: int | None = None,
    vaelg: bool = False,
    ved_valg: Callable[[int], None] | None = None,
    tabelnoegle: str | None = None,
    filtre_i_filnavn: bool = True,
) -> int | None:
    """A table with fixed Danish formatting, status colours and CSV/Excel downloads.

    `df` is what is shown (its column names are the Danish headers); `eksport_df`
    (default `df`) is what is downloaded, with raw numbers. `stil` maps a column to a
    function giving a cell's CSS (for colours beyond the goal statuses); `raekkestil`
    gives a whole row's CSS (pandas Styler.apply, axis=1); `kolonneopsaetning` is passed
    to st.dataframe as column_config (e.g. a LinkColumn).

    Selection mode (`vaelg=True`): the user can select one row; the index of the
    selected row (in `df`) is returned, None when nothing is selected. `ved_valg` is
    called with that index in the selection callback, before the rerun (for drilling).
    `tabelnoegle` is the widget key of the table (default `tabel_<noegle>`).

    The download file names carry `filnavn` plus the page's active filters
    (`filtre_i_filnavn=False` when the filters do not apply to this table).
    """
    pdf = df.to_pandas()
    styler = pdf.style.hide(axis="index")
    if formater:
        styler = styler.format({k: v for k, v in formater.items() if k in pdf.columns}, na_rep="–")
    for kol in statuskolonner:
        if kol in pdf.columns:
            styler = styler.map(_status_stil, subset=[kol])
    for kol, fn in (stil or {}).items():
        if kol in pdf.columns:
            styler = styler.map(fn, subset=[kol])
    if raekkestil is not None:
        styler = styler.apply(raekkestil, axis=1)
    valg: dict[str, Any] = {}
    if vaelg or ved_valg is not None:
        wkey = tabelnoegle or f"tabel_{noegle}"

        def _ved_valg() -> None:
            raekker = tilstand.widget_haendelse(wkey)["selection"]["rows"]
            if raekker and ved_valg is not None:
                ved_valg(int(raekker[0]))

        valg = {"key": wkey, "on_select": _ved_valg, "selection_mode": "single-row"}
    ev = st.dataframe(
        styler,
        hide_index=True,
        width="stretch",
        height=hoejde or "auto",
        row_height=raekkehoejde,
        column_config=dict(kolonneopsaetning) if kolonneopsaetning else None,
        placeholder="–",
        **valg,
    )
    raekker = ev["selection"]["rows"] if valg and ev is not None else []
    valgt = int(raekker[0]) if raekker else None
    if fodnote:
        st.caption(fodnote)
    ud = eksport_df if eksport_df is not None else df
    if filtre_i_filnavn:
        filnavn = filnavn_med_filtre(filnavn)
    c1, c2, _ = st.columns([1, 1, 4])
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


def _status_stil(vaerdi: object) -> str:
    tekst = str(vaerdi)
    for kode, ord_ in STATUS_TEKST.items():
        if tekst.endswith(ord_):
            return f"color: {tema.STATUS_TEKSTFARVE[kode]}; font-weight: 600"
    return ""
