"""The Indberetning page's sections: login line, what is missing, the three forms and
the reports made after the snapshot.

Every form remembers the version of its item it was opened on (skal/tilstand.py); the
store refuses a submit when the item changed in between and the message (with the newer
value) is shown. All text from users and data is passed through `fmt.ren`.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.faelles import tema
from dashboard.indberetning import adgang as ad
from dashboard.indberetning import ovenpaa
from dashboard.skal import tilstand
from modeller import aarshjul
from modeller.errors import IndberetningsFejl
from modeller.indberetning import maaling, prognose, vurdering
from modeller.indberetning.lager import beskriv, som_ramme
from modeller.indberetning.mangler import (
    aktuel_opfoelgning,
    manglende_prognoser,
    manglende_vurderinger,
    vurderinger_siden,
)
from modeller.indberetning.model import MAKS_TEKST, Forslag
from modeller.schemas import MAALSTATUSSER

BUDGETTYPE_TEKST = {"service": "Service", "indkomstoverfoersler": "Indkomstoverførsler",
                    "anlaeg": "Anlæg"}  # fmt: skip


def log_ind(k: tilstand.Kontekst) -> ad.Adgang | None:
    """One line on who is logged in (with log out), or why reporting is not possible."""
    a = ad.adgang(k.snapshot)
    if isinstance(a, ad.Adgang):
        v, h = st.columns([5, 1])
        rolle = " · controller (prognoser)" if a.rolle.controller else ""
        v.markdown(
            f"Logget ind som **{fmt.ren(a.bruger.navn)}** ({fmt.ren(a.bruger.email)}) · må "
            f"indberette for {fmt.ren(', '.join(a.rolle.enheder))} og enhederne under{rolle}"
        )
        if h.button("Log ud", key="indb_log_ud"):
            st.logout()
        return a
    if not ad.login_slaaet_til():
        st.info(ad.SLAA_TIL, icon="🔒")
    elif st.user.get("is_logged_in"):
        st.warning(fmt.ren(a), icon="🔒")
        if st.button("Log ud", key="indb_log_ud"):
            st.logout()
    else:
        st.info(fmt.ren(a), icon="🔑")
        if st.button("Log ind", type="primary", key="indb_log_ind"):
            st.login()
    return None


def _hjul() -> aarshjul.Aarshjul:
    try:
        return aarshjul.fra_indstillinger(data.load_aarshjul_indstillinger())
    except aarshjul.AarshjulFejl:
        return aarshjul.STANDARD


def opfoelgningsdato(k: tilstand.Kontekst) -> date:
    """The current follow-up's date (the årshjul's next budget deadline; 31/12 if none)."""
    f = aktuel_opfoelgning(_hjul(), k.data_pr or k.pr)
    return f.dato if f else date(k.aar, 12, 31)


def _med_nye(k: tilstand.Kontekst, tabel: str, art: str) -> pl.DataFrame:
    s = k.snapshot
    nye = som_ramme(ad.nye(s, art), art).select(s[tabel].columns)
    return pl.concat([s[tabel], nye])


def mangler(k: tilstand.Kontekst, a: ad.Adgang | None) -> None:
    """What is missing for the current follow-up, by owner, with the årshjul's deadline:
    the user's own units when logged in with a role, else the whole organisation."""
    f = aktuel_opfoelgning(_hjul(), k.data_pr or k.pr)
    dato = f.dato if f else date(k.aar, 12, 31)
    st.markdown(
        f"Aktuel opfølgning: **{fmt.ren(f.navn if f else 'Regnskab')}**, frist "
        f"**{fmt.dato(dato)}**" + ("" if a else " · hele organisationen")
    )
    org = k.snapshot["organisation"].select("enhed_id", pl.col("navn").alias("Ejer"))
    enheder = a.enheder if a else frozenset(org["enhed_id"].to_list())
    controller = a.rolle.controller if a else True
    mv = manglende_vurderinger(
        k.snapshot["maal"], _med_nye(k, "vurderinger", "vurdering"), enheder,
        vurderinger_siden(_hjul(), dato),
    )  # fmt: skip
    mp = manglende_prognoser(
        k.snapshot["budget"], _med_nye(k, "prognoser", "prognose"),
        enheder if controller else (), k.aar, dato,
    )  # fmt: skip
    v, h = st.columns(2)
    v.metric("Mål uden ny vurdering", fmt.tal(mv.height))
    h.metric("Budgetlinjer uden prognose", fmt.tal(mp.height) if controller else "–")
    if mv.height:
        tbl.tabel(
            mv.join(org, on="enhed_id", how="left").select(
                "Ejer",
                pl.col("titel").alias("Mål"),
                pl.col("seneste_vurdering").alias("Seneste vurdering"),
            ),
            noegle="indb_mangler_vurdering",
            filnavn=("mangler-vurdering", dato),
            formater={"Seneste vurdering": fmt.kort_dato},
            fodnote="Mangler vurdering: ingen vurdering efter forrige frist for målvurdering.",
        )
    if mp.height:
        tbl.tabel(
            mp.join(org, on="enhed_id", how="left").select(
                "Ejer",
                pl.col("politikomraade_id").alias("Politikområde"),
                pl.col("budgettype").replace_strict(BUDGETTYPE_TEKST, default=pl.col("budgettype"))
                .alias("Budgettype"),
                pl.col("projekt_id").fill_null("").alias("Projekt"),
            ),
            noegle="indb_mangler_prognose",
            filnavn=("mangler-prognose", dato),
            fodnote=f"Mangler prognose: ingen prognose pr. {fmt.dato(dato)}.",
        )  # fmt: skip


def _aabnet(art: str, noegle: str) -> int:
    """The version this session opened the item's form on (read once, then remembered)."""
    n = tilstand.indberetning_aabnet(art, noegle)
    if not tilstand.har(n):
        tilstand.saet(n, ad.lager().version(art, noegle))
    return int(tilstand.hent(n))


def _indsend(k: tilstand.Kontekst, a: ad.Adgang, forslag: Forslag) -> None:
    n = tilstand.indberetning_aabnet(forslag.art, forslag.noegle)
    try:
        i = ad.lager().indsend(
            forslag, a.bruger, a.roller, k.snapshot, _aabnet(forslag.art, forslag.noegle)
        )
    except IndberetningsFejl as fejl:
        st.error(f"Ikke gemt. {fmt.ren(fejl)}", icon="⛔")
    else:
        st.success(f"Gemt: {fmt.ren(beskriv(i))}. {ovenpaa.markering(i)}.", icon="✔")
    tilstand.fjern(n)  # the next form opens on the current version


def _historik(art: str, noegle: str) -> None:
    h = ad.lager().historik(art, noegle) if ad.findes() else []
    if not h:
        st.caption("Ingen indberetninger på dette endnu.")
        return
    with st.expander(f"Historik ({len(h)} indberetninger)"):
        for i in h:
            st.markdown(f"- {ovenpaa.markering(i).replace(' (efter datasættet)', '')}: "
                        f"{fmt.ren(beskriv(i))}")  # fmt: skip


def vurdering_formular(k: tilstand.Kontekst, a: ad.Adgang) -> None:
    maal = k.snapshot["maal"].filter(pl.col("enhed_id").is_in(list(a.enheder))).sort("maal_id")
    if maal.is_empty():
        st.caption("Du har ingen mål at vurdere.")
        return
    # Labels are unique (institutions share goal titles): title · unit · id.
    titler = {
        m: f"{t} · {e} · {m}" for m, t, e in maal.select("maal_id", "titel", "enhed_id").iter_rows()
    }
    maal_id = st.selectbox("Mål", list(titler), format_func=lambda m: titler[m], key="indb_maal")
    forslag_noegle = vurdering(maal_id, date.today(), "opfyldt", None).noegle
    _aabnet("vurdering", forslag_noegle)
    ovenpaa.vis_paa_maal(k.snapshot, maal_id)
    with st.form("indb_vurdering", clear_on_submit=False):
        status = st.selectbox("Status", MAALSTATUSSER, format_func=tema.status_tekst)
        dato = st.date_input("Dato", value=date.today(), format="DD.MM.YYYY")
        kommentar = st.text_area("Kommentar", max_chars=MAKS_TEKST)
        if st.form_submit_button("Indberet vurdering", type="primary"):
            _indsend(k, a, vurdering(maal_id, dato, status, kommentar))
    _historik("vurdering", forslag_noegle)


def prognose_formular(k: tilstand.Kontekst, a: ad.Adgang) -> None:
    if not a.rolle.controller:
        st.caption("Prognoser for budgetlinjer kræver controller-rollen.")
        return
    linjer = (
        k.snapshot["budget"]
        .filter((pl.col("aar") == k.aar) & pl.col("enhed_id").is_in(list(a.enheder)))
        .select("enhed_id", "politikomraade_id", "budgettype", "projekt_id")
        .unique()
        .sort("enhed_id", "politikomraade_id", "budgettype", "projekt_id", nulls_last=True)
    )
    if linjer.is_empty():
        st.caption(f"Du har ingen budgetlinjer i {k.aar}.")
        return
    valg = [tuple(r) for r in linjer.iter_rows()]
    linje = st.selectbox(
        "Budgetlinje (enhed · politikområde · budgettype · projekt)", valg, key="indb_linje",
        format_func=lambda r: " · ".join([r[0], r[1], BUDGETTYPE_TEKST.get(r[2], r[2]),
                                          *([r[3]] if r[3] else [])]),
    )  # fmt: skip
    dato = opfoelgningsdato(k)
    noegle = prognose(dato, linje[0], linje[1], linje[2], linje[3], 0.0, None, None).noegle
    _aabnet("prognose", noegle)
    st.caption(f"Prognosen gælder opfølgningen pr. {fmt.dato(dato)}. Udgifter positive, "
               "indtægter negative.")  # fmt: skip
    with st.form("indb_prognose"):
        beloeb = st.number_input("Forventet regnskab (kr.)", step=1000.0, format="%.0f")
        forklaring = st.text_area("Forklaring", max_chars=MAKS_TEKST)
        handling = st.text_area("Handling", max_chars=MAKS_TEKST)
        if st.form_submit_button("Indberet prognose", type="primary"):
            _indsend(k, a, prognose(dato, linje[0], linje[1], linje[2], linje[3], float(beloeb),
                                    forklaring, handling))  # fmt: skip
    _historik("prognose", noegle)


def maaling_formular(k: tilstand.Kontekst, a: ad.Adgang) -> None:
    s = k.snapshot
    ind = (
        s["indikatorer"]
        .join(s["maal"].select("maal_id", "enhed_id"), on="maal_id", how="inner")
        .filter(pl.col("enhed_id").is_in(list(a.enheder)))
        .sort("indikator_id")
    )
    if ind.is_empty():
        st.caption("Du har ingen indikatorer at måle.")
        return
    navne = {r[0]: f"{r[1]} ({r[2]})" for r in ind.select("indikator_id", "navn", "maaleenhed")
             .iter_rows()}  # fmt: skip
    enhed = dict(ind.select("indikator_id", "enhed_id").iter_rows())
    ind_id = st.selectbox("Indikator", list(navne), format_func=lambda i: navne[i], key="indb_ind")
    with st.form("indb_maaling"):
        periode = st.date_input("Periode", value=date.today().replace(day=1), format="DD.MM.YYYY")
        vaerdi = st.number_input("Værdi", format="%.2f")
        kommentar = st.text_area("Kommentar", max_chars=MAKS_TEKST)
        if st.form_submit_button("Indberet måling", type="primary"):
            f = maaling(ind_id, enhed[ind_id], periode, float(vaerdi), kommentar)
            _aabnet("maaling", f.noegle)
            _indsend(k, a, f)


def efter_datasaettet(k: tilstand.Kontekst) -> None:
    """Every current report made after the snapshot (all kinds), newest first."""
    nye = sorted(ad.nye(k.snapshot), key=lambda i: i.id, reverse=True)
    if not nye:
        st.caption("Ingen indberetninger efter datasættet.")
        return
    for i in nye[:50]:
        st.markdown(
            f"- **{i.art}** {fmt.ren(i.noegle)}: {fmt.ren(beskriv(i))} · {ovenpaa.markering(i)}"
        )
