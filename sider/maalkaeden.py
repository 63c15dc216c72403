"""Målkæden: how does each goal connect from vision to institution, and is it on track?"""

import streamlit as st

from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.visning import maalkaeden as mk

k = komp.side(
    "Målkæden",
    "Hvordan hænger hvert mål sammen fra vision til institution, og er det på sporet?",
)
n = k.noegle
g = mk.grundlag(n)
f = mk.filtre(g)
v = mk.visning(n, f, mk.valgt_maal(g))

mk.broedkrumme(v)
if v.figur is None:
    st.info("Ingen mål passer til de valgte filtre.", icon="ℹ️")
else:
    ev = komp.vis(
        v.figur,
        on_select="rerun",
        selection_mode="points",
        key="kaede",
        skala=(1.15, 1.5),
    )
    ny = mk.vaelg_fra_graf(ev, v)
    if ny is not None and ny != (v.valgt or mk.TOP_ID):
        mk.fokuser(None if ny == mk.TOP_ID else ny)
        st.rerun()
    if not k.praesentation:
        st.caption(v.forklaring)

mk.kort(k, v)

st.subheader("Kæden som tabel")
tbl.tabel(
    v.tabel,
    noegle="kaede",
    filnavn=("maalkaeden", k.aar, k.data_pr),
    eksport_df=v.eksport,
    fodnote=v.fodnote,
)
