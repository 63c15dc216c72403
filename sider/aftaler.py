"""Aftaler: is the chain of agreements complete, signed and followed up; where are we in
the årshjul?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import url
from dashboard.indberetning import formular as indberetning
from dashboard.visning import aarshjul, aftaler

k = komp.side("Aftaler", "Er aftalekæden komplet, indgået og fulgt op – og hvor er vi i årshjulet?")
sid = k.snapshot.id
hjul = aarshjul.indstillinger()

f1, f2, f3 = st.columns(3)
niveau = url.valg_param(
    "niveau", "Niveau", aftaler.NIVEAU_VALG, "alle", beskrivelse="niveau", sted=f1
)
center = url.valg_param(
    "center", "Center", aftaler.center_valg(sid), "alle", beskrivelse="center", sted=f2
)
status = url.valg_param(
    "status", "Aftalestatus", aftaler.STATUS_VALG, "alle", beskrivelse="aftalestatus", sted=f3
)

alle = aftaler.filtrer(aftaler.register(sid, k.aar, k.pr, hjul), niveau, center)
reg = aftaler.filtrer(alle, niveau, center, status)
mangler = aftaler.filtrer(aftaler.mangler_aftale(sid, k.aar), niveau, center)
tal = aftaler.noegletal(alle, mangler)

c1, c2, c3, c4 = st.columns(4)
c1.metric(f"Aftaler {k.aar}", fmt.tal(tal["aftaler"]))
c2.metric("✎ Udkast", fmt.tal(tal["udkast"]))
c3.metric("Mangler aftale", fmt.tal(tal["mangler_aftale"]))
c4.metric("Mangler opfølgning", fmt.tal(tal["mangler_opfoelgning"]))
st.caption(
    f"{fmt.tal(tal['indgaaet'])} indgået · {fmt.tal(tal['opfulgt'])} opfulgt · "
    f"{fmt.tal(tal['udkast'])} udkast"
)

st.subheader("Årshjulet")
aarshjul.vis_fuld(k, hjul)

st.subheader("Mangler aftale")
aftaler.vis_mangler_aftale(mangler, k)
st.subheader("Mangler opfølgning")
aftaler.vis_mangler_opfoelgning(reg, k)
st.subheader("Mangler vurdering og prognose til budgetopfølgningen")
indberetning.mangler_her(k, "aftaler")

st.subheader(f"Inden for 30 dage efter {fmt.dato(k.pr)}")
if not k.praesentation:
    st.caption("Hvad forfalder snart og ikke er gjort endnu, ud fra data pr. datadatoen.")
aftaler.vis_kommende(k, hjul, niveau, center)

st.subheader(f"Aftaler for {k.aar}")
aftaler.vis_register(reg, k)
