"""Datagrundlag: what was loaded, when, from which files, with which warnings?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.visning import datagrundlag

k = komp.side("Datagrundlag", "Hvad er indlæst, hvornår, fra hvilke filer og med hvilke advarsler?")
m = k.snapshot.manifest

st.subheader(fmt.ren(m.label or "Datasæt uden etiket"))
st.markdown(datagrundlag.alder_tekst(m))
c1, c2, c3, c4 = st.columns(4)
c1.metric("Kommune", m.kommune)
c2.metric("Data pr.", fmt.dato(m.data_as_of))
c3.metric("Indlæst", fmt.tidspunkt(m.created_at))
c4.metric("Rækker i alt", fmt.tal(sum(m.tables.values())))
st.caption(
    f"Datasæt-id: `{m.snapshot_id}` · kilde: {fmt.ren(m.source)} · skemaversion {m.schema_version}"
)

st.subheader("Kildefiler")
tbl.tabel(
    datagrundlag.kildefiler(m),
    noegle="kildefiler",
    filnavn=("datagrundlag", "kildefiler", m.data_as_of),
    formater={"Rækker": fmt.tal},
)

st.subheader(f"Advarsler ({len(m.warnings)})")
if m.warnings:
    for advarsel in m.warnings:
        st.warning(fmt.ren(advarsel), icon="⚠️")
else:
    st.success("Indlæsningen gav ingen advarsler.", icon="✔")

st.subheader("Alle datasæt")
tbl.tabel(
    datagrundlag.alle_datasaet(),
    noegle="datasaet",
    filnavn=("datagrundlag", "datasaet", m.data_as_of),
    formater={"Rækker i alt": fmt.tal},
)
if not k.praesentation:
    st.caption(
        "Hvert datasæt er et uforanderligt øjebliksbillede. Vælg et andet i menuen til venstre "
        "for at se tallene, som de var dengang."
    )
