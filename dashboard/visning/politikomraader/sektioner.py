"""Drawing the Politikområder page: the choice (URL-bound), the list, and the sections of
one politikområde in the order of the budget document."""

from __future__ import annotations

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.faelles import tema, url
from dashboard.skal import navigation, tilstand
from dashboard.visning.politikomraader import forberedt
from dashboard.visning.politikomraader.forberedt import Liste, Maalkort, Omraade
from modeller.politikomraade import MAALTYPE_NAVNE

ALLE = "alle"
PARAM = "politikomraade"


def vaelg(snapshot_id: str) -> str | None:
    """The selectbox bound to `?politikomraade=` (unknown id: a note and the list);
    returns the chosen id, None for the list."""
    v = forberedt.valg(snapshot_id)
    valgt = url.valg_param(
        PARAM,
        "Politikområde",
        {ALLE: "Alle politikområder (oversigt)", **v},
        ALLE,
        beskrivelse="politikområde",
        sted=st.columns([2, 3])[0],
    )
    return None if valgt == ALLE else valgt


def _aabn(po_id: str) -> None:
    url.saet_param(PARAM, po_id)
    tilstand.fjern(tilstand.widget_noegle(PARAM))


def vis_liste(k: tilstand.Kontekst, li: Liste) -> None:
    """Every politikområde on one screen; selecting a row opens it."""
    komp.oekonomi_noegletal(li.total)
    st.markdown(
        f"**{fmt.tal(li.antal_afvigelser)} af {fmt.tal(len(li.ids))} politikområder** har "
        "en afvigelse på service. Vælg en række for at åbne politikområdet."
    )
    ids = li.ids
    tbl.tabel(
        li.tabel,
        noegle="politikomraader",
        filnavn=("politikomraader", k.aar, k.data_pr),
        eksport_df=li.eksport,
        hoejde=35 * (li.tabel.raekker + 1) + 3,
        kolonneopsaetning={navn: {"width": b} for navn, b in forberedt.LISTE_BREDDER.items()},
        fodnote=None if k.praesentation else li.fodnote,
        valg=tbl.Valg("po_liste", lambda i: _aabn(ids[i])),
    )


def _status(kode: str | None) -> str:
    k = kode or "ikke_vurderet"
    return f":{tema.STATUS_NAVNEFARVE[k]}[**{tema.status_tekst(k)}**]"


def _kort(m: Maalkort) -> None:
    st.markdown(f"**{fmt.ren(m.titel)}**")
    linje = f"Status: {_status(m.status)}"
    if m.samlet_status is not None:
        andel = (
            f", {fmt.pct(m.andel_paa_sporet_pct, 0)} på sporet"
            if m.andel_paa_sporet_pct is not None
            else ""
        )
        linje += f" · med {fmt.tal(m.antal_under)} mål under: {_status(m.samlet_status)}{andel}"
    st.markdown(linje)
    dele = []
    if m.indikator:
        dele.append(f"Indikator: {fmt.ren(m.indikator)}: **{m.seneste}** af mål {m.maalvaerdi}")
    if m.succeskriterie:
        dele.append(f"Succeskriterie: {fmt.ren(m.succeskriterie, 160)}")
    dele.append(f"Tidsfrist: {fmt.dato(m.tidsfrist)}")
    st.caption("  \n".join(dele))
    url.side_link(
        navigation.side("maalkaeden"),
        "Se i Målkæden",
        ikon=":material/account_tree:",
        maal=m.maal_id,
    )


def vis_politik(o: Omraade) -> None:
    """The politik(ker) and the vision the politikområde serves."""
    if o.vision:
        st.markdown(f"**Vision:** {fmt.ren(o.vision[0])}")
    for titel, beskr in o.politikker:
        st.markdown(f"**{fmt.ren(titel)}** – {fmt.ren(beskr)}")
    if not o.politikker and not o.vision:
        st.caption("Politikområdets mål hænger ikke under en politik i målkæden.")


def vis_maal(o: Omraade) -> None:
    """Udviklingsmål, serviceniveau, særlige resultatkrav and indsatsområder, two by two."""
    typer = list(MAALTYPE_NAVNE)
    for par in (typer[:2], typer[2:]):
        for kol, maaltype in zip(st.columns(2), par, strict=True):
            with kol, st.container(border=True):
                st.markdown(f"#### {MAALTYPE_NAVNE[maaltype]}")
                maal = o.maal[maaltype]
                if not maal:
                    st.caption("Ingen fastlagt i budgettet.")
                for i, m in enumerate(maal):
                    if i:
                        st.divider()
                    _kort(m)


def vis_ramme(k: tilstand.Kontekst, o: Omraade) -> None:
    """The service frame's key figures."""
    if o.ramme is None:
        komp.note(f"Politikområdet har intet servicebudget i {k.aar}.")
        return
    komp.oekonomi_noegletal(o.ramme)
    if not k.praesentation:
        st.caption(o.ramme_fodnote)


def vis_aktivitet(k: tilstand.Kontekst, o: Omraade) -> None:
    """Activity and unit costs against budget, and the month-by-month chart."""
    if not o.har_aktivitetstabel:
        komp.note(
            "Datasættet har ingen aktivitetsdata (tabellen aktivitet er valgfri), så "
            "enhedspriser kan ikke beregnes."
        )
        return
    if o.aktivitet is None or o.aktivitet_eksport is None:
        st.caption(f"Ingen aktivitetsdata for {fmt.ren(o.navn)} i {k.aar}.")
        return
    tbl.tabel(
        o.aktivitet,
        noegle="po_aktivitet",
        filnavn=("aktivitet", o.navn, k.aar, k.data_pr),
        eksport_df=o.aktivitet_eksport,
        fodnote=None if k.praesentation else forberedt.AKTIVITET_FODNOTE,
        filtre_i_filnavn=False,
    )
    if o.forloeb is not None:
        komp.vis(o.forloeb, key="po_forloeb")


def vis_baerere(k: tilstand.Kontekst, o: Omraade) -> None:
    """The centres and institutions booking service on it, with links on."""
    tbl.tabel(
        o.baerere,
        noegle="po_baerere",
        filnavn=("politikomraade", o.navn, "enheder", k.aar, k.data_pr),
        eksport_df=o.baerere_eksport,
        hoejde=35 * (min(o.baerere.raekker, 14) + 1) + 3,
        kolonneopsaetning={"Enhed": {"width": 260}},
        fodnote=None if k.praesentation else o.baerere_fodnote,
        filtre_i_filnavn=False,
    )
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
        url.side_link(
            navigation.side("maalkaeden"),
            "Målene i Målkæden",
            ikon=":material/account_tree:",
            omraade=o.politikomraade_id,
        )
        url.side_link(
            navigation.side("oekonomi"),
            "Økonomien i Økonomi",
            ikon=":material/payments:",
            politikomraade=o.politikomraade_id,
        )
    if o.enheder:
        ids = list(o.enheder)
        enhed = st.columns([2, 3])[0].selectbox(
            "Enhed til dialogmødet",
            ids,
            format_func=lambda e: o.enheder[e],
            key=f"po_enhed_{o.politikomraade_id}",
        )
        url.side_link(
            navigation.side("dialogmoede"),
            f"Dialogmøde-oplæg for {o.enheder[enhed]}",
            ikon=":material/forum:",
            enhed=enhed,
        )
