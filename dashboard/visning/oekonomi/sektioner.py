"""The Økonomi page's sections: the follow-up table (with drill and links) and its styles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.faelles import tema, url
from dashboard.visning.oekonomi.data import (
    _VIS_KOLONNER,
    AFVIGELSE,
    I_ALT,
    Forberedt,
    fortegn_note,
)
from dashboard.visning.oekonomi.udsnit import Position, _drill

DIALOGMOEDE = "Dialogmøde"


def formater() -> dict[str, Callable[[Any], str]]:
    """Danish formatters for the shown table's columns."""
    ud: dict[str, Callable[[Any], str]] = {v: fmt.mio for k, v in _VIS_KOLONNER}
    ud["Forbrugsprocent"] = fmt.pct
    ud["Forventet afvigelse"] = lambda x: fmt.mio(x, fortegn=True)
    ud["Ændring siden forrige"] = lambda x: fmt.mio(x, fortegn=True)
    return ud


def _afvigelse_stil(vaerdi: object) -> str:
    farve = tema.afvigelse_farve(str(vaerdi))
    return f"color: {farve}; font-weight: 600" if farve else ""


def _total_stil(raekke: Any) -> list[str]:
    fed = "font-weight: 700; background-color: #F0F2F6"
    return [fed if raekke.iloc[0] == I_ALT else "" for _ in raekke]


def vis_tabel(f: Forberedt, pos: Position, filnavn: tuple[str | int | date | None, ...]) -> None:
    """The follow-up table with row selection (drill), formatting and CSV/Excel export;
    at centre and institution level a link column to each unit's Dialogmøde brief."""
    vist, eksport_df, ids = f.vist, f.eksport, f.ids
    kolonner: dict[str, Any] = {
        v: st.column_config.Column(width=128) for _, v in _VIS_KOLONNER if v in vist.columns
    }
    kolonner[vist.columns[0]] = st.column_config.Column(width=190)
    kolonner["Udvalg"] = st.column_config.Column(width=165)
    kolonner[AFVIGELSE] = st.column_config.Column(width=140)
    kolonner["Ændring siden forrige"] = st.column_config.Column(width=155)
    kolonner["Forventet overførsel (ud)"] = st.column_config.Column(width=175)
    if pos.niveau != "politikomraade":
        links = [url.side_url("dialogmoede", enhed=i) if i else None for i in ids]
        vist = vist.with_columns(pl.Series(DIALOGMOEDE, links, dtype=pl.String()))
        kolonner[DIALOGMOEDE] = st.column_config.LinkColumn(
            DIALOGMOEDE, display_text="Åbn oplæg", width=110
        )
    tbl.tabel(
        vist,
        noegle="oekonomi",
        tabelnoegle=f"oek_tabel_{pos.noegle}",
        filnavn=filnavn,
        formater=formater(),
        stil={AFVIGELSE: _afvigelse_stil},
        raekkestil=_total_stil,
        hoejde=35 * min(vist.height + 1, 22) + 3,
        raekkehoejde=35,
        kolonneopsaetning=kolonner,
        eksport_df=eksport_df,
        fodnote=fortegn_note(),
        ved_valg=(lambda i: _drill(ids[i], pos)) if pos.niveau != "institution" else None,
    )
