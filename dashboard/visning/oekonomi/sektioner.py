"""The Økonomi page's sections: the follow-up table (with drill and links) and its styles,
forecasts reported after the snapshot, and "Indberet prognose" for a budget line of the
table at centre and institution level (controllers, for the current follow-up)."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.faelles import url
from dashboard.indberetning import adgang as ad
from dashboard.indberetning import formular as fm
from dashboard.indberetning import ovenpaa
from dashboard.skal import tilstand
from dashboard.visning.oekonomi.data import FORKLARING, Forberedt, filter_for
from dashboard.visning.oekonomi.udsnit import Position, Udsnit, drill
from modeller.indberetning.mangler import med_linje

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


def vis_indberettet(k: tilstand.Kontekst, u: Udsnit) -> None:
    """Forecasts reported after the snapshot in this selection, marked."""
    po, enheder = filter_for(k.snapshot.id, u)
    ovenpaa.vis_prognoser(
        k.snapshot, [po] if isinstance(po, str) else po, enheder, u.budgettyper or None
    )


def budgetlinjer(k: tilstand.Kontekst, u: Udsnit, a: ad.Adgang) -> list[fm.Linje]:
    """The budget lines of the selection in the year that the user may forecast."""
    po, enheder = filter_for(k.snapshot.id, u)
    b = med_linje(k.snapshot["budget"]).filter(
        (pl.col("aar") == k.aar) & pl.col("enhed_id").is_in(list(a.enheder))
    )
    if po is not None:
        b = b.filter(pl.col("politikomraade_id").is_in([po] if isinstance(po, str) else po))
    if enheder is not None:
        b = b.filter(pl.col("enhed_id").is_in(enheder))
    if u.budgettyper:
        b = b.filter(pl.col("budgettype").is_in(list(u.budgettyper)))
    linjer = (
        b.select("enhed_id", "politikomraade_id", "budgettype", "projekt_id")
        .unique()
        .sort("enhed_id", "politikomraade_id", "budgettype", "projekt_id", nulls_last=True)
    )
    return [(r[0], r[1], r[2], r[3]) for r in linjer.iter_rows()]


def indberet_prognose(k: tilstand.Kontekst, u: Udsnit, pos: Position) -> None:
    """At centre and institution level: pick a budget line of the table, then the form
    "Indberet prognose" for the current follow-up (controllers for the line's unit). One
    caption why not for others when login is on; nothing without [auth]."""
    if pos.niveau not in ("center", "institution") or k.praesentation:
        return
    a = fm.adgang_her(k)
    if not isinstance(a, ad.Adgang):
        fm.hvorfor_ikke(a)
        return
    if not a.rolle.controller:
        st.caption("🔒 Prognoser for budgetlinjer kræver controller-rollen.")
        return
    linjer = budgetlinjer(k, u, a)
    if not linjer:
        st.caption(f"🔒 Ingen af budgetlinjerne her i {k.aar} hører under dine enheder.")
        return
    navne = dict(k.snapshot["organisation"].select("enhed_id", "navn").iter_rows())
    aaben = fm.har_besked("oekonomi", "prognose")
    with st.expander("Indberet prognose", icon=":material/edit_note:", expanded=aaben):
        linje = st.selectbox(
            "Budgetlinje",
            linjer,
            key=f"oek_prognose_linje_{pos.noegle}",
            format_func=lambda r: f"{fmt.ren(navne.get(r[0], r[0]))} · {fm.linje_tekst(r)}",
        )
        fm.prognose_formular(k, a, linje, sted="oekonomi")
