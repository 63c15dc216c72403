"""Datagrundlag: what was loaded, when, from which files, with which warnings?"""

import streamlit as st

from dashboard import datagrundlag, ui
from dashboard import format as fmt

k = ui.side("Datagrundlag", "Hvad er indlæst, hvornår, fra hvilke filer og med hvilke advarsler?")
m = k.snapshot.manifest

st.subheader(ui.ren(m.label or "Datasæt uden etiket"))
st.markdown(datagrundlag.alder_tekst(m))
c1, c2, c3, c4 = st.columns(4)
c1.metric("Kommune", m.kommune)
c2.metric("Data pr.", fmt.dato(m.data_as_of))
c3.metric("Indlæst", fmt.tidspunkt(m.created_at))
c4.metric("Rækker i alt", fmt.tal(sum(m.tables.values())))
st.caption(
    f"Datasæt-id: `{m.snapshot_id}` · kilde: {ui.ren(m.source)} · skemaversion {m.schema_version}"
)

st.subheader("Kildefiler")
ui.tabel(
    datagrundlag.kildefiler(m),
    noegle="kildefiler",
    filnavn=("datagrundlag", "kildefiler", m.data_as_of),
    formater={"Rækker": fmt.tal},
)

st.subheader(f"Advarsler ({len(m.warnings)})")
if m.warnings:
    for advarsel in m.warnings:
        st.warning(ui.ren(advarsel), icon="⚠️")
else:
    st.success("Indlæsningen gav ingen advarsler.", icon="✔")

st.subheader("Alle datasæt")
ui.tabel(
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
