"""Overblik: where do we stand, and what needs attention?"""

import streamlit as st

from dashboard import charts, overblik, ui
from dashboard import format as fmt

k = ui.side("Overblik", "Hvor står vi, og hvad kræver opmærksomhed?")
sid = k.snapshot.id

st.subheader(f"Økonomi {k.aar}")
tal = overblik.noegletal(sid, k.aar, k.pr)
afv = tal["forventet_afvigelse_kr"] or 0.0
c1, c2, c3, c4 = st.columns(4)
c1.metric("Korrigeret budget", fmt.mio_kr(tal["korrigeret_budget_kr"]))
c2.metric(
    "Forbrug til dato",
    fmt.mio_kr(tal["forbrug_kr"]),
    f"{fmt.pct(tal['forbrugsprocent_pct'])} af budget",
    delta_color="off",
)
c3.metric("Forventet regnskab", fmt.mio_kr(tal["forventet_forbrug_kr"]))
c4.metric(
    "Forventet afvigelse",
    fmt.mio_kr(afv, fortegn=True),
    ui.AFVIGELSE_TEKST[afv > 0] if afv else "I balance",
    delta_color="inverse",
)
st.caption(overblik.FORTEGN_NOTE)

venstre, hoejre = st.columns([2, 3])
with venstre:
    st.subheader("Mål pr. status")
    antal = overblik.status_antal(sid, k.aar, k.pr)
    st.plotly_chart(overblik.plot_status(antal), config=charts.CONFIG, key="status")
    st.caption(f"{fmt.tal(antal['antal'].sum())} mål gælder for {k.aar}.")
with hoejre:
    st.subheader("Største afvigelser")
    top = overblik.stoerste_afvigelser(sid, k.aar, k.pr)
    if top.is_empty():
        st.success("Ingen linjer afviger over tærsklen.", icon="✔")
    else:
        ui.tabel(
            top.drop("enhed_id", "politikomraade_id"),
            noegle="afvigelser",
            filnavn=("overblik", "afvigelser", k.aar, k.data_pr),
            formater={
                "Korrigeret budget": fmt.mio,
                "Forventet regnskab": fmt.mio,
                "Forventet afvigelse": lambda x: fmt.mio(x, fortegn=True),
                "Afvigelse %": lambda x: fmt.pct(x, fortegn=True),
            },
            fodnote="Beløb i mio. kr. pr. enhed og politikområde. " + overblik.FORTEGN_NOTE,
        )
