"""Politikområder: what does each politikområde promise (mål, serviceniveau, resultatkrav,
indsatsområder), what does it cost, and what do we get for the money?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.visning.politikomraader import forberedt, sektioner

k = komp.side(
    "Politikområder",
    "Hvad lover hvert politikområde (mål, serviceniveau, resultatkrav og indsatsområder), "
    "hvad koster det, og hvad får vi for pengene?",
)
valgt = sektioner.vaelg(k.snapshot.id)

if valgt is None:
    st.subheader(f"Alle politikområder {k.aar}")
    sektioner.vis_liste(k, forberedt.liste(k.noegle))
else:
    o = forberedt.omraade(k.noegle, valgt)
    st.header(f"{fmt.ren(o.navn)} · {fmt.ren(o.udvalg)}")

    st.subheader("Politik og vision")
    sektioner.vis_politik(o)

    st.subheader("Mål, serviceniveau, resultatkrav og indsatsområder")
    sektioner.vis_maal(o)

    st.subheader(f"Ramme {k.aar}: service")
    sektioner.vis_ramme(k, o)

    st.subheader("Aktivitet og enhedspriser")
    sektioner.vis_aktivitet(k, o)

    st.subheader("Centre og institutioner")
    sektioner.vis_baerere(k, o)
