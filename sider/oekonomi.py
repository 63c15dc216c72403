"""Økonomi: does each politikområde, centre and institution stay within its frame?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.faelles import url
from dashboard.visning import oekonomi

k = komp.side("Økonomi", "Holder hvert politikområde, center og institution sig inden for rammen?")
sid = k.snapshot.id
f = oekonomi.filtre(sid, k.praesentation)
pos = oekonomi.laes_position(sid)
oekonomi.broedkrumme(pos, k.praesentation)
valg = (pos.politikomraade_id, pos.center_id, f.udvalg, f.budgettyper)
o = oekonomi.opfoelgning(
    sid, k.forrige_id, k.aar, k.pr, f.profil, pos, f.udvalg, f.budgettyper, f.kun_afvigelser
)
komp.oekonomi_noegletal(o.udsnit, run_rate=True)

niveau = oekonomi.NIVEAU_OVERSKRIFT[pos.niveau].lower()
st.subheader(f"Budgetopfølgning pr. {niveau} · {fmt.ren(pos.titel)}")
if o.raekker.is_empty():
    url.note("Ingen rækker passer til filtrene. Fjern et filter eller gå et niveau op.")
else:
    oekonomi.vis_tabel(o, pos, ("oekonomi", pos.titel, k.aar, k.data_pr))
    if f.kun_afvigelser:
        st.caption("Kun afvigelser vises; «I alt» er summen af de viste rækker.")
    tekst = oekonomi.aendring_tekst(o, oekonomi.forrige_etiket(k.forrige_id))
    if tekst:
        st.markdown(tekst)

    st.subheader(f"Forbrug og forventet regnskab pr. {niveau}")
    noegle = f"bullet_{pos.noegle}"
    komp.vis(
        oekonomi.plot_bullet(o, pos),
        key=noegle,
        on_select=oekonomi.klik_callback(noegle, pos),
        selection_mode="points",
    )
    if not k.praesentation:
        st.caption(
            "Grå søjle: korrigeret budget. Blå søjle: forbrug til dato. Lodret streg: forventet "
            "forbrug til dato efter budgetprofilen (periodiseret budget). Rude: forventet "
            f"regnskab. Sorteret efter forventet afvigelse; højst {oekonomi.MAKS_SOEJLER} rækker."
        )

st.subheader(f"Forbrug måned for måned · {fmt.ren(pos.titel)}")
forloeb = oekonomi.forloeb(sid, k.aar, f.profil, *valg)
fig = oekonomi.plot_forloeb(forloeb, k.aar, f.profil, o)
komp.vis(fig, key="forloeb")
if not k.praesentation:
    st.caption(
        "Akkumuleret forbrug i år og sidste år mod budgetprofilen. Fremskrivning af "
        "forbrugstakt (ikke en prognose) = forbrug til dato ÷ forventet andel efter "
        "budgetprofilen; forventet regnskab er enhedernes egen prognose."
    )
    with st.expander("Tallene bag grafen"):
        tal = oekonomi.forloeb_tabel(forloeb)
        tbl.tabel(
            tal,
            noegle="forloeb_tal",
            filnavn=("oekonomi", "maaneder", pos.titel, k.aar, k.data_pr),
            formater=dict.fromkeys(tal.columns[1:], fmt.mio),
            fodnote="Beløb i mio. kr. (hentede filer i kr.).",
        )

st.subheader("Fra oprindeligt til korrigeret budget")
vf = oekonomi.vandfald(sid, k.aar, *valg)
komp.vis(oekonomi.plot_vandfald(vf), key="vandfald")
