"""Overblik: where do we stand, and what needs attention?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.indberetning import formular as indberetning
from dashboard.visning import aarshjul, overblik

k = komp.side("Overblik", "Hvor står vi, og hvad kræver opmærksomhed?")
f = overblik.forbered(k.noegle)

st.subheader(f"Økonomi {k.aar}")
st.caption(f"**{overblik.I_ALT_NAVN}**")
komp.oekonomi_noegletal(f.tal)
tbl.tabel(
    f.fordeling,
    noegle="budgettyper",
    filnavn=("overblik", "budgettyper", k.aar, k.data_pr),
    eksport_df=f.fordeling_eksport,
    fodnote=f.fodnote,
)

st.subheader("Mål pr. status")
komp.vis(f.status, key="status")
st.caption(f"{fmt.tal(f.antal['antal'].sum())} mål gælder for {k.aar}.")

st.subheader("Største afvigelser")
if f.top.is_empty():
    st.success("Ingen linjer afviger over tærsklen.", icon="✔")
else:
    tbl.tabel(
        overblik.med_links(f),
        noegle="afvigelser",
        kolonneopsaetning=overblik.LINK_KOLONNER,
        eksport_df=f.top_eksport,
        filnavn=("overblik", "afvigelser", k.aar, k.data_pr),
        fodnote="De ti største afvigelser pr. enhed og politikområde, i mio. kr.",
    )

st.subheader("Mål og indikatorer, der kræver opmærksomhed")
overblik.vis_vaek(f, k.data_pr, k.praesentation)
overblik.vis_forvaerrede(f, k.data_pr, k.praesentation)

st.subheader("Mangler til opfølgningen")
indberetning.mangler_her(k, "overblik")

aarshjul.vis_kompakt(k)
