"""Overblik: where do we stand, and what needs attention?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.visning import aarshjul, overblik

k = komp.side("Overblik", "Hvor står vi, og hvad kræver opmærksomhed?")
sid = k.snapshot.id

st.subheader(f"Økonomi {k.aar}")
tal = overblik.noegletal(sid, k.aar, k.pr)
komp.oekonomi_noegletal(tal)
st.caption(overblik.FORTEGN_NOTE)

st.subheader("Mål pr. status")
antal = overblik.status_antal(sid, k.aar, k.pr)
komp.vis(overblik.plot_status(antal), key="status")
st.caption(f"{fmt.tal(antal['antal'].sum())} mål gælder for {k.aar}.")

st.subheader("Største afvigelser")
top = overblik.stoerste_afvigelser(sid, k.aar, k.pr)
if top.is_empty():
    st.success("Ingen linjer afviger over tærsklen.", icon="✔")
else:
    tbl.tabel(
        overblik.med_links(top),
        noegle="afvigelser",
        kolonneopsaetning=overblik.LINK_KOLONNER,
        eksport_df=top.drop("enhed_id", "politikomraade_id", "center_id"),
        filnavn=("overblik", "afvigelser", k.aar, k.data_pr),
        formater={
            "Forventet regnskab": fmt.mio,
            "Forventet afvigelse": lambda x: fmt.mio(x, fortegn=True),
            "Afvigelse %": lambda x: fmt.pct(x, fortegn=True),
        },
        fodnote="De ti største afvigelser pr. enhed og politikområde, i mio. kr.",
    )

aarshjul.vis_kompakt(k)
