"""Økonomi: does each politikområde, centre and institution stay within its frame?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.visning.oekonomi import data, figurer, sektioner, udsnit

k = komp.side("Økonomi", "Holder hvert politikområde, center og institution sig inden for rammen?")
u, pos = udsnit.laes_udsnit(k.snapshot.id, k.praesentation)
udsnit.broedkrumme(pos, k.praesentation)
f = data.forbered(k.noegle, u)
filnavn = ("oekonomi", pos.titel, k.aar, k.data_pr)
st.caption(f"**{f.i_alt_navn}** · {fmt.ren(pos.titel)}")
komp.oekonomi_noegletal(f.o.udsnit, run_rate=True)
with st.expander("Fordelt på service, indkomstoverførsler og anlæg", expanded=True):
    sektioner.vis_fordeling(f, filnavn)

niveau = udsnit.NIVEAU_OVERSKRIFT[pos.niveau].lower()
st.subheader(f"Budgetopfølgning pr. {niveau} · {fmt.ren(pos.titel)}")
if f.o.raekker.is_empty():
    komp.note("Ingen rækker passer til filtrene. Fjern et filter eller gå et niveau op.")
else:
    sektioner.vis_tabel(f, pos, filnavn)
    sektioner.vis_indberettet(k, u)
    sektioner.indberet_prognose(k, u, pos)
    if u.kun_afvigelser:
        st.caption("Kun afvigelser vises; «I alt» er summen af de viste rækker.")
    if f.aendring:
        st.markdown(f.aendring)

    st.subheader(f"Forbrug og forventet regnskab pr. {niveau}")
    noegle = f"bullet_{pos.noegle}"
    komp.vis(
        f.bullet,
        key=noegle,
        on_select=udsnit.klik_callback(noegle, pos),
        selection_mode="points",
    )
    if not k.praesentation:
        st.caption(
            "Grå søjle: korrigeret budget. Blå søjle: forbrug til dato. Lodret streg: forventet "
            "forbrug til dato efter budgetprofilen (periodiseret budget). Rude: forventet "
            f"regnskab. Sorteret efter forventet afvigelse; højst {figurer.MAKS_SOEJLER} rækker."
        )

if f.anlaeg.raekker:
    st.subheader(f"Anlæg pr. projekt · {fmt.ren(pos.titel)}")
    sektioner.vis_anlaeg(f, filnavn)

st.subheader(f"Forbrug måned for måned · {fmt.ren(pos.titel)}")
komp.vis(f.forloeb, key="forloeb")
if not k.praesentation:
    st.caption(
        "Akkumuleret forbrug i år og sidste år mod budgetprofilen. Fremskrivning af "
        "forbrugstakt (ikke en prognose) = forbrug til dato ÷ forventet andel efter "
        "budgetprofilen; forventet regnskab er enhedernes egen prognose."
    )
    with st.expander("Tallene bag grafen"):
        tbl.tabel(
            f.forloeb_tabel,
            noegle="forloeb_tal",
            eksport_df=f.forloeb_tal,
            filnavn=("oekonomi", "maaneder", pos.titel, k.aar, k.data_pr),
            fodnote="Beløb i mio. kr. (hentede filer i kr.).",
        )

st.subheader("Fra oprindeligt til korrigeret budget")
komp.vis(f.vandfald, key="vandfald")
