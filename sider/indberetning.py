"""Indberetning: what may I report, what is missing for the current follow-up, and how
do I report a vurdering, a prognose or a måling?"""

import streamlit as st

from dashboard.faelles import komponenter as komp
from dashboard.indberetning import formular as fm

k = komp.side(
    "Indberetning",
    "Hvad kan jeg indberette, hvad mangler til opfølgningen, og hvordan indberetter jeg?",
)
a = fm.log_ind(k)

st.subheader("Det mangler til opfølgningen")
fm.mangler(k, a)

if a is not None:
    st.subheader("Indberet")
    vurd, prog, maal = st.tabs(["Vurdering af mål", "Prognose for budgetlinje", "Måling"])
    with vurd:
        fm.vaelg_vurdering(k, a)
    with prog:
        fm.vaelg_prognose(k, a)
    with maal:
        fm.vaelg_maaling(k, a)

st.subheader("Indberettet efter datasættet")
fm.efter_datasaettet(k)
if not k.praesentation:
    st.caption(
        "Indberetninger vises oven på datasættet og kommer med i næste indlæsning. "
        "Al tekst vises, som den er skrevet."
    )
