"""The Økonomi page's sections: the follow-up table (with drill and links) and its styles."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from dashboard.faelles import tabel as tbl
from dashboard.faelles import url
from dashboard.skal import tilstand
from dashboard.visning.oekonomi.data import FORKLARING, Forberedt
from dashboard.visning.oekonomi.udsnit import Position, drill

DIALOGMOEDE = "Dialogmøde"


RAEKKEHOEJDE = 35
"""st.dataframe(row_height=35) in faelles/tabel.py."""


def hoejde(raekker: int, maks: int = 22) -> int:
    """A table's height showing `raekker` rows (at most `maks`, then it scrolls) with its
    header. In presentation mode the header is taller (larger type): room for it, so the
    last row ("I alt") is never cut."""
    ekstra = 18 if tilstand.praesentation() else 0
    return RAEKKEHOEJDE * (min(raekker, maks) + 1) + 3 + ekstra


def vis_tabel(f: Forberedt, pos: Position, filnavn: tuple[str | int | date | None, ...]) -> None:
    """The follow-up table with row selection (drill), formatting and CSV/Excel export;
    at centre and institution level a link column to each unit's Dialogmøde brief.

    Amount and label columns size to their header and content (fixed widths cut headers
    and labels in presentation mode's larger type); the explanation is wide but bounded.
    No pinned column: Streamlit draws a pinned column's text grey (below 4.5:1)."""
    vist, ids = f.tabel, f.ids
    kolonner: dict[str, Any] = {FORKLARING: st.column_config.Column(width=240)}
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
        hoejde=hoejde(vist.raekker),
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
        hoejde=hoejde(f.fordeling.raekker),
    )


def vis_anlaeg(f: Forberedt, filnavn: tuple[str | int | date | None, ...]) -> None:
    """Anlæg per project (only when the selection has projects)."""
    tbl.tabel(
        f.anlaeg,
        noegle="anlaeg",
        filnavn=(*filnavn, "anlaeg"),
        eksport_df=f.anlaeg_eksport,
        kolonneopsaetning={FORKLARING: st.column_config.Column(width=360)},
        fodnote="Beløb i mio. kr. Tidsforskydning = rådighedsbeløb − forventet, når projektet "
        "bruger mindre end planlagt i år: pengene flyttes til senere år og er ikke en "
        "besparelse. Anlægsbevillingen gælder hele projektets levetid.",
    )
