"""The Økonomi page's sections: the follow-up table (with drill and links) and its styles."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from dashboard.faelles import tabel as tbl
from dashboard.faelles import url
from dashboard.visning.oekonomi.data import (
    _VIS_KOLONNER,
    AFVIGELSE,
    FORKLARING,
    PROGNOSE,
    Forberedt,
)
from dashboard.visning.oekonomi.udsnit import Position, drill

DIALOGMOEDE = "Dialogmøde"


def vis_tabel(f: Forberedt, pos: Position, filnavn: tuple[str | int | date | None, ...]) -> None:
    """The follow-up table with row selection (drill), formatting and CSV/Excel export;
    at centre and institution level a link column to each unit's Dialogmøde brief."""
    vist, ids = f.tabel, f.ids
    kolonner: dict[str, Any] = {
        v: st.column_config.Column(width=128)
        for _, v in _VIS_KOLONNER
        if v in vist.vist.column_names
    }
    kolonner[vist.vist.column_names[0]] = st.column_config.Column(width=190)
    kolonner[FORKLARING] = st.column_config.Column(width=220)
    kolonner[PROGNOSE] = st.column_config.Column(width=170)
    kolonner["Udvalg"] = st.column_config.Column(width=165)
    kolonner[AFVIGELSE] = st.column_config.Column(width=140)
    kolonner["Ændring siden forrige"] = st.column_config.Column(width=155)
    kolonner["Forventet overførsel (ud)"] = st.column_config.Column(width=175)
    if pos.niveau in ("center", "institution"):
        links = [url.side_url("dialogmoede", enhed=i) if i else None for i in ids]
        vist = tbl.med_kolonne(vist, DIALOGMOEDE, links)
        kolonner[DIALOGMOEDE] = st.column_config.LinkColumn(
            DIALOGMOEDE, display_text="Åbn oplæg", width=110
        )
    ved_valg = (lambda i: drill(ids[i], pos)) if pos.niveau != "institution" else None
    tbl.tabel(
        vist,
        noegle="oekonomi",
        filnavn=filnavn,
        hoejde=35 * min(vist.raekker + 1, 22) + 3,
        kolonneopsaetning=kolonner,
        eksport_df=f.eksport,
        fodnote=f.fodnote,
        valg=tbl.Valg(f"oek_tabel_{pos.noegle}", ved_valg),
    )


def vis_fordeling(f: Forberedt, filnavn: tuple[str | int | date | None, ...]) -> None:
    """The selection's totals split into Service, Indkomstoverførsler and Anlæg."""
    tbl.tabel(
        f.fordeling,
        noegle="fordeling",
        filnavn=(*filnavn, "budgettyper"),
        eksport_df=f.fordeling_eksport,
        hoejde=35 * (f.fordeling.raekker + 1) + 3,
    )


def vis_anlaeg(f: Forberedt, filnavn: tuple[str | int | date | None, ...]) -> None:
    """Anlæg per project (only when the selection has projects)."""
    tbl.tabel(
        f.anlaeg,
        noegle="anlaeg",
        filnavn=(*filnavn, "anlaeg"),
        eksport_df=f.anlaeg_eksport,
        fodnote="Beløb i mio. kr. Tidsforskydning = rådighedsbeløb − forventet, når projektet "
        "bruger mindre end planlagt i år: pengene flyttes til senere år og er ikke en "
        "besparelse. Anlægsbevillingen gælder hele projektets levetid.",
    )
