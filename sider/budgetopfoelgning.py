"""Budgetopfølgning: how does the budget stand for this committee, ØU or Byrådet – the
follow-up report as it goes on the agenda, on screen and as Word or PDF?"""

import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import url
from dashboard.skal import navigation
from dashboard.visning import budgetopfoelgning as bo
from modeller.budgetopfoelgning import OEKONOMIUDVALGET

k = komp.side(
    "Budgetopfølgning",
    "Opfølgningen til et fagudvalg, Økonomiudvalget eller Byrådet, som den kommer på "
    "dagsordenen: økonomien pr. udvalg og budgettype, afvigelser med forklaring, "
    "bevillinger til godkendelse og anlæg. Hent den som Word eller PDF.",
)
modtager = url.valg_param(
    "modtager",
    "Modtager",
    bo.modtagere(k.snapshot.id),
    OEKONOMIUDVALGET,
    beskrivelse="modtager",
    sted=st.sidebar if k.praesentation else None,
)
if not k.praesentation:
    st.caption(
        "Opfølgningen er det valgte datasæt (skift under «Datasæt» i sidepanelet); den "
        "sammenlignes med opfølgningen før den."
    )
valg = bo.Valg(modtager, bo.aarshjul())
f = bo.forbered(k.noegle, valg)
r = f.rapport

bo.vis_hoved(r)
st.caption(f"**{fmt.ren(r.total.navn)}**, alle budgettyper")
komp.oekonomi_noegletal(bo.noegletal(r))
if not k.praesentation:
    bo.vis_dokumenter(k.noegle, valg, r)
bo.vis_rapport(f)

if not k.praesentation:
    url.side_link(navigation.side("oekonomi"), "Se tallene på Økonomi", ":material/payments:")
    url.side_link(navigation.side("dialogmoede"), "Dialogmøde med en enhed", ":material/forum:")
