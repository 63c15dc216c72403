"""Indikatorer: how do the indicators behind the goals develop against target?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.faelles import url
from dashboard.visning import indikatorer as ind
from dashboard.visning.indikatorer import afvigelser

k = komp.side("Indikatorer", "Hvordan udvikler indikatorerne bag målene sig i forhold til målet?")
sid, pr = k.snapshot.id, k.pr
valg = ind.valg(sid)
if not valg:
    st.info("Der er ingen indikatorer i dette datagrundlag.", icon="ℹ️")
    st.stop()

iid = ind.laes_indikator(sid, valg, k.praesentation)
if iid is None:  # the opening view: the exception list
    u = afvigelser.laes_udsnit(sid, k.praesentation)
    afvigelser.vis_liste(afvigelser.forbered(k.noegle, u), k.praesentation, k.data_pr)
    st.stop()

afvigelser.til_oversigt_knap()
i = ind.info(sid, iid)
enhed = i["maaleenhed"]

ind.vis_maal(sid, pr, i, k.praesentation)
retning = "højere er bedre" if i["retning"] == "op" else "lavere er bedre"
st.caption(
    f"Måleenhed: {fmt.ren(enhed)} · {retning} · baseline {fmt.vaerdi(i['baseline'], enhed)}"
    f" · mål {fmt.vaerdi(i['maalvaerdi'], enhed)}"
)

st.subheader("Udvikling pr. enhed")
enheds_valg = ind.enheds_valg(sid, pr, iid)
standard = ind.standard_enheder(sid, pr, iid)
enheder = ind.enheds_filter(iid, enheds_valg, standard)
fig = ind.plot_trend(sid, pr, iid, tuple(enheder))
komp.vis(fig, key="trend")
if not k.praesentation:
    ind.vis_trend_tal(sid, pr, iid, tuple(enheder), enhed)
    ind.indberet(k, iid, enhed)
    st.caption(
        "Sort stiplet linje: kommunegennemsnit af alle sammenlignelige målinger. Et hul i en "
        "linje er en periode uden måling. Standardvalg: enhedens egne målinger og de mest "
        "afvigende."
    )

visning = url.valg_param("visning", "Små grafer", ind.VISNINGER, "maal", beskrivelse="visning")
titel, smaa = ind.smaa_indikatorer(sid, pr, iid, visning)
st.subheader(titel)
if smaa.is_empty():
    st.info("Ingen indikatorer at vise.", icon="ℹ️")
else:
    komp.vis(ind.plot_smaa(sid, pr, smaa), key="smaa")

st.subheader("Sammenligning med enheder i samme center")
if len(enheds_valg) > 1:
    komp.vis(ind.plot_sammenligning(sid, pr, iid), key="sammenligning")
else:
    st.info("Ingen andre enheder i centret måler den samme indikator.", icon="ℹ️")
tbl.tabel(
    ind.tabel_med_links(sid, pr, iid),
    noegle="indikator",
    eksport_df=ind.tabel(sid, pr, iid),
    kolonneopsaetning=ind.LINK_KOLONNER,
    filnavn=("indikator", iid, k.data_pr),
    filtre_i_filnavn=False,  # the unit filter applies to the chart, not the table
    formater=ind.formater(enhed),
    farver={"Status": tbl.STATUSFARVER},
    fodnote="Afstand til mål: hvad der mangler i indikatorens retning (✔ nået = målet er nået). "
    "Udvikling: hældningen over de seneste fire målinger. Status som i Målkæden.",
)
