"""Dialogmøde: what is this unit's (or udvalg's) agreement, status and economy – as a
printable brief?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import url
from dashboard.skal import navigation
from dashboard.visning import dialogmoede

k = komp.side(
    "Dialogmøde",
    "Hvad er enhedens eller udvalgets aftale, status og økonomi? Et oplæg til "
    "aftaledialogen, der kan hentes som PDF eller PowerPoint.",
)
omfang = dialogmoede.vaelg(k.snapshot.id)
if omfang is None:
    st.info(
        "Vælg den enhed, mødet handler om: et center eller en institution. Til det politiske "
        "dialogmøde om aftalen mellem udvalg og direktion vælges udvalget.",
        icon="ℹ️",
    )
    st.stop()

v = dialogmoede.hent(k, omfang)
b = v.b
filnavn = ("dialogmoede", b.enhed_navn, k.aar, k.data_pr)
st.header(f"{fmt.ren(b.enhed_navn)} · {k.aar}")
st.markdown(dialogmoede.aftale_tekst(b))

st.subheader("Forslag til dagsorden")
dialogmoede.vis_dagsorden(b)

st.subheader(f"Mål og status ({len(b.maal)})")
dialogmoede.vis_maal(b, k)

st.subheader("Indikatorer")
dialogmoede.vis_indikatorer(v, filnavn)

if not b.udvalg:
    st.subheader("Mangler til opfølgningen")
    dialogmoede.vis_mangler(b, k)

st.subheader(f"Økonomi {k.aar}")
dialogmoede.vis_budget(v, filnavn)

st.subheader("Siden sidst" + (f" ({fmt.ren(b.forrige_etiket)})" if b.forrige_etiket else ""))
dialogmoede.vis_siden_sidst(b)

if b.underenheder:
    st.subheader(f"{b.underenheder_titel} under {fmt.ren(b.enhed_navn)}")
    dialogmoede.vis_underenheder(v, filnavn)

st.subheader("Oplæg til mødet")
dialogmoede.vis_dokumenter(v)
if not k.praesentation:
    url.side_link(navigation.side("maalkaeden"), "Se målene i Målkæden", ":material/account_tree:")
    url.side_link(navigation.side("oekonomi"), "Se økonomien på Økonomi", ":material/payments:")
