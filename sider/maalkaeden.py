"""Målkæden: how does each goal connect from vision to institution, and is it on track?"""

import streamlit as st

from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.visning import maalkaeden as mk

k = komp.side(
    "Målkæden",
    "Hvordan hænger hvert mål sammen fra vision til institution, og er det på sporet?",
)
sid = k.snapshot.id
alle = mk.kaede(sid, k.pr, k.forrige_id, k.aar)
f = mk.filtre(sid)
df = mk.filtreret(sid, k.pr, k.forrige_id, k.aar, f, k.maalstatus)
valgt = mk.valgt_maal(alle, df)
rod = mk.rod_for(df, valgt)

mk.broedkrumme(alle, valgt)
if df.is_empty():
    st.info("Ingen mål passer til de valgte filtre.", icon="ℹ️")
else:
    ev = komp.vis(
        mk.figur(k.noegle, f, rod, valgt),
        on_select="rerun",
        selection_mode="points",
        key="kaede",
        skala=(1.15, 1.5),
    )
    ny = mk.vaelg_fra_graf(ev, rod, df)
    if ny is not None and ny != (valgt or mk.TOP_ID):
        mk.fokuser(None if ny == mk.TOP_ID else ny)
        st.rerun()
    if not k.praesentation:
        st.caption(mk.forklaring(k.maalstatus))

if valgt is not None:
    mk.kort(k, alle, df, valgt)

st.subheader("Kæden som tabel")
vis, ud = mk.tabel_indhold(k.noegle, f, rod)
tbl.tabel(
    vis,
    noegle="kaede",
    filnavn=("maalkaeden", k.aar, k.data_pr),
    eksport_df=ud,
    fodnote=mk.fodnote(k.maalstatus),
)
