"""Indberetning forms, one item at a time, for any page: a vurdering of one goal, a
prognose for one budget line, a måling of one indicator, and what is missing for the
current follow-up; plus the Indberetning page's pickers around them.

How a page uses them (nothing here draws a form without an `Adgang` covering the item's
unit, and controller for prognoser):

    a = fm.adgang_her(k)            # Adgang | reason (str) | None without [auth]; no widgets
    fm.hvorfor_ikke(a)              # at most one caption, once per page section
    if isinstance(a, ad.Adgang) and fm.maa_vurdere(k, a, maal_id):
        fm.vurdering_formular(k, a, maal_id, sted="maalkaeden")

`sted` names the place, so the same item may have a form in several places and several
items may have forms on one page: widget keys are `tilstand.indberetning_felt(...)` of
place + item. Every form remembers the version of its item it was opened on
(`tilstand.indberetning_aabnet`); the submit runs as the button's callback, before the
page is drawn again, so the whole page (the goal card's "Indberettet … (efter
datasættet)", the missing lists) shows the new report in the same run. The store refuses
a submit when the item changed in between, and the message (with the newer value) is
shown once above the form. All text from users and data is passed through `fmt.ren`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

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
    aktuel_maalvurdering,
    aktuel_opfoelgning,
    manglende_prognoser,
    manglende_vurderinger,
    med_linje,
    pr_ejer,
    vurderinger_siden,
)
from modeller.indberetning.model import MAKS_TEKST, Forslag, Indberetning
from modeller.schemas import MAALSTATUSSER
from modeller.snapshot import Snapshot
from modeller.styringsregler import BUDGETTYPE_NAVNE

Linje = tuple[str, str, str, str | None]
"""A budget line: enhed_id, politikomraade_id, budgettype, projekt_id (or None)."""


# --- who may report ------------------------------------------------------------------


def log_ind(k: tilstand.Kontekst) -> ad.Adgang | None:
    """One line on who is logged in (with log out), or why reporting is not possible."""
    a = ad.adgang(k.snapshot)
    if isinstance(a, ad.Adgang):
        v, h = st.columns([5, 1])
        rolle = " · controller (prognoser)" if a.rolle.controller else ""
        adresse = fmt.ren_uden_links(a.bruger.email)
        v.markdown(
            f"Logget ind som **{fmt.ren(a.bruger.navn)}** ({adresse}) · må "
            f"indberette for {fmt.ren(', '.join(a.rolle.enheder))} og enhederne under{rolle}"
        )
        if h.button("Log ud", key="indb_log_ud"):
            st.logout()
        return a
    if not ad.login_slaaet_til():
        st.info(ad.SLAA_TIL, icon="🔒")
    elif st.user.get("is_logged_in"):
        st.warning(fmt.ren_uden_links(a), icon="🔒")
        if st.button("Log ud", key="indb_log_ud"):
            st.logout()
    else:
        st.info(fmt.ren_uden_links(a), icon="🔑")
        if st.button("Log ind", type="primary", key="indb_log_ind"):
            st.login()
    return None


def adgang_her(k: tilstand.Kontekst) -> ad.Adgang | str | None:
    """For a view page (no widgets): the user's access, the Danish reason why they cannot
    report when login is switched on, or None without `[auth]` (the page stays as it is)."""
    if not ad.login_slaaet_til():
        return None
    return ad.adgang(k.snapshot)


def hvorfor_ikke(a: ad.Adgang | str | None) -> None:
    """One caption with the reason a logged-out or role-less user cannot report here
    (nothing without `[auth]` or with access). Call it once, not per item."""
    if isinstance(a, str):
        st.caption(f"🔒 {fmt.ren_uden_links(a)} Indberetning sker på siden Indberetning.")


def maa_vurdere(k: tilstand.Kontekst, a: ad.Adgang, maal_id: str) -> bool:
    """Whether the goal's unit is among the user's units."""
    return _maal_enhed(k, maal_id) in a.enheder


def maa_prognose(a: ad.Adgang, enhed_id: str) -> bool:
    """Whether the user is a controller for the budget line's unit."""
    return a.rolle.controller and enhed_id in a.enheder


def indikator_enhed(k: tilstand.Kontekst, indikator_id: str) -> str | None:
    """The unit that owns an indicator (through its goal), or None."""
    s = k.snapshot
    r = (
        s["indikatorer"]
        .filter(pl.col("indikator_id") == indikator_id)
        .join(s["maal"].select("maal_id", "enhed_id"), on="maal_id", how="inner")
    )
    return str(r["enhed_id"][0]) if r.height and r["enhed_id"][0] is not None else None


def _maal_enhed(k: tilstand.Kontekst, maal_id: str) -> str | None:
    r = k.snapshot["maal"].filter(pl.col("maal_id") == maal_id)
    return str(r["enhed_id"][0]) if r.height and r["enhed_id"][0] is not None else None


def _enhedsnavn(k: tilstand.Kontekst, enhed_id: str | None) -> str:
    org = k.snapshot["organisation"].filter(pl.col("enhed_id") == enhed_id)
    return str(org["navn"][0]) if org.height else str(enhed_id or "–")


# --- the current follow-up -----------------------------------------------------------


def _hjul() -> aarshjul.Aarshjul:
    try:
        return data.aarshjulet()
    except aarshjul.AarshjulFejl:
        return aarshjul.STANDARD


def opfoelgningsdato(k: tilstand.Kontekst) -> date:
    """The current follow-up's date (the årshjul's next budget deadline; 31/12 if none)."""
    f = aktuel_opfoelgning(_hjul(), k.data_pr or k.pr)
    return f.dato if f else date(k.aar, 12, 31)


def _med_nye(tabel: pl.DataFrame, nye: Collection[Indberetning], art: str) -> pl.DataFrame:
    return pl.concat([tabel, som_ramme(nye, art).select(tabel.columns)])


@dataclass(frozen=True)
class Mangler:
    """What is missing for the current follow-up in a set of units (read-only, shared by
    the sessions that ask for the same units and reports)."""

    navn: str
    """The follow-up's name in the årshjul ("Regnskab" when the cycle has none)."""
    frist: date
    """When the forecasts are due (the current follow-up)."""
    frist_vurdering: date
    """When the missing vurderinger are due (the next goal-assessment deadline)."""
    vurderinger: pl.DataFrame
    """Goals without a fresh vurdering (manglende_vurderinger)."""
    prognoser: pl.DataFrame
    """Budget lines without a prognose at the follow-up (manglende_prognoser)."""
    prognoser_med: bool
    """Whether prognoser count (controllers and read-only viewers; not other reporters)."""
    ejere: pl.DataFrame
    """Per owner (Danish headers, raw numbers): the compact list and its download."""
    ejere_vist: tbl.Indhold
    """`ejere` formatted for showing."""
    org: pl.DataFrame
    """The snapshot's owners (enhed_id, Ejer), for the detail tables."""

    # The parts below are built on first use, then kept with the object (shared by every
    # session that gets it): a rerun only draws them. Two sessions may build one at the
    # same time; both build the same value.

    @cached_property
    def datoer(self) -> tuple[str, str]:
        """`frist` and `frist_vurdering` as Danish dates ("30. september 2026")."""
        return fmt.dato(self.frist), fmt.dato(self.frist_vurdering)

    @cached_property
    def antal(self) -> tuple[str, str]:
        """The counts for the metrics: missing vurderinger, missing prognoser ("–" when
        prognoser do not count)."""
        prognoser = fmt.tal(self.prognoser.height) if self.prognoser_med else "–"
        return fmt.tal(self.vurderinger.height), prognoser

    @cached_property
    def frist_tekst(self) -> str:
        """ "Aktuel opfølgning: **navn**, frist **dato**" (· the goal deadline)."""
        frist, frist_v = self.datoer
        maal = f" · mål vurderes senest **{frist_v}**" if self.frist_vurdering != self.frist else ""
        return f"Aktuel opfølgning: **{fmt.ren(self.navn)}**, frist **{frist}**" + maal

    @cached_property
    def vurderinger_tabel(self) -> tuple[pl.DataFrame, tbl.Indhold]:
        """The goals without a fresh vurdering by owner: raw (downloads) and formatted."""
        df = self.vurderinger.join(self.org, on="enhed_id", how="left").select(
            "Ejer",
            pl.col("titel").alias("Mål"),
            pl.col("seneste_vurdering").alias("Seneste vurdering"),
        )
        return df, tbl.indhold(df, formater={"Seneste vurdering": fmt.kort_dato})

    @cached_property
    def prognoser_tabel(self) -> tuple[pl.DataFrame, tbl.Indhold]:
        """The budget lines without a prognose by owner: raw (downloads) and formatted."""
        df = self.prognoser.join(self.org, on="enhed_id", how="left").select(
            "Ejer",
            pl.col("politikomraade_id").alias("Politikområde"),
            pl.col("budgettype").replace_strict(BUDGETTYPE_NAVNE, default=pl.col("budgettype"))
            .alias("Budgettype"),
            pl.col("projekt_id").fill_null("").alias("Projekt"),
        )  # fmt: skip
        return df, tbl.indhold(df)


def find_mangler(
    k: tilstand.Kontekst, a: ad.Adgang | None, enheder: Collection[str] | None = None
) -> Mangler:
    """What is missing in `enheder` (default: the user's units when logged in with a
    role, else the whole organisation), counting reports made after the snapshot.

    Computed once per snapshot, year, units and set of reports after the snapshot (one
    query for those per run), so Overblik stays fast for everybody. The units and the
    reports key the cache as their repr: one string, exact, and cheaper for the cache to
    hash than a tuple of hundreds of items."""
    if enheder is None:
        enheder = a.enheder if a else k.snapshot["organisation"]["enhed_id"].to_list()
    elif a is not None:
        enheder = [e for e in enheder if e in a.enheder]
    hjul = _hjul()
    nye = tuple(i for i in ad.nye(k.snapshot) if i.art in ("vurdering", "prognose"))
    alle = tuple(sorted(set(enheder)))
    return _beregn(
        k.snapshot.id, k.aar, k.data_pr or k.pr, repr(hjul), repr(alle),
        a.rolle.controller if a else True, repr(tuple(i.id for i in nye)),
        k.snapshot, hjul, nye, alle,
    )  # fmt: skip


@st.cache_resource(max_entries=64, show_spinner=False)
def _beregn(
    snapshot_id: str,
    aar: int,
    data_pr: date,
    hjul_noegle: str,
    enheder_noegle: str,
    controller: bool,
    indberetninger_noegle: str,
    _snapshot: Snapshot,
    _hjul: aarshjul.Aarshjul,
    _nye: tuple[Indberetning, ...],
    _enheder: tuple[str, ...],
) -> Mangler:
    s, enheder = _snapshot, _enheder
    f = aktuel_opfoelgning(_hjul, data_pr)
    frist = f.dato if f else date(aar, 12, 31)
    frist_v = aktuel_maalvurdering(_hjul, data_pr) or frist
    mv = manglende_vurderinger(
        s["maal"], _med_nye(s["vurderinger"], _nye, "vurdering"), enheder,
        vurderinger_siden(_hjul, frist_v),
    )  # fmt: skip
    mp = manglende_prognoser(
        s["budget"], _med_nye(s["prognoser"], _nye, "prognose"),
        enheder if controller else (), aar, frist,
    )  # fmt: skip
    org = s["organisation"].select("enhed_id", pl.col("navn").alias("Ejer"))
    ejere = (
        pr_ejer(mv, mp)
        .join(org, on="enhed_id", how="left")
        .select(
            "Ejer",
            pl.col("mangler_vurdering").alias("Mangler vurdering"),
            pl.lit(frist_v).alias("Frist for vurdering"),
            *(
                [pl.col("mangler_prognose").alias("Mangler prognose"),
                 pl.lit(frist).alias("Frist for prognose")]
                if controller else []
            ),
        )
    )  # fmt: skip
    vist = tbl.indhold(
        ejere,
        formater={
            "Mangler vurdering": fmt.tal,
            "Mangler prognose": fmt.tal,
            "Frist for vurdering": fmt.kort_dato,
            "Frist for prognose": fmt.kort_dato,
        },
    )
    navn = f.navn if f else "Regnskab"
    return Mangler(navn, frist, frist_v, mv, mp, controller, ejere, vist, org)


def _frist_linje(m: Mangler, a: ad.Adgang | None, hele: str) -> None:
    st.markdown(m.frist_tekst + ("" if a else f" · {hele}"))


def mangler(
    k: tilstand.Kontekst,
    a: ad.Adgang | None,
    enheder: Collection[str] | None = None,
    sted: str = "side",
) -> None:
    """What is missing for the current follow-up, by owner, with the årshjul's deadline,
    goal by goal and line by line: in `enheder` (default: the user's own units when
    logged in with a role, else the whole organisation)."""
    m = find_mangler(k, a, enheder)
    _frist_linje(m, a, "hele organisationen" if enheder is None else "alle enheder her")
    v, h = st.columns(2)
    v.metric("Mål uden ny vurdering", m.antal[0])
    h.metric("Budgetlinjer uden prognose", m.antal[1])
    if m.vurderinger.height:
        df, vist = m.vurderinger_tabel
        tbl.tabel(
            vist,
            eksport_df=df,
            noegle=f"indb_mangler_vurdering_{sted}",
            filnavn=("mangler-vurdering", m.frist_vurdering),
            fodnote="Mangler vurdering: ingen vurdering efter forrige frist for målvurdering; "
            f"den skal foreligge senest {m.datoer[1]}.",
        )
    if m.prognoser.height:
        df, vist = m.prognoser_tabel
        tbl.tabel(
            vist,
            eksport_df=df,
            noegle=f"indb_mangler_prognose_{sted}",
            filnavn=("mangler-prognose", m.frist),
            fodnote=f"Mangler prognose: ingen prognose pr. {m.datoer[0]}.",
        )


def mangler_kompakt(k: tilstand.Kontekst, a: ad.Adgang | None, sted: str) -> None:
    """The compact list for Overblik and Aftaler: counts, and one row per owner that
    misses something ("mangler vurdering / prognose"), with the deadline; downloadable."""
    m = find_mangler(k, a)
    _frist_linje(m, a, "hele organisationen")
    v, h = st.columns(2)
    v.metric("Mangler vurdering (mål)", m.antal[0])
    h.metric("Mangler prognose (budgetlinjer)", m.antal[1])
    if m.ejere.is_empty():
        st.caption("Intet mangler til opfølgningen.")
        return
    tbl.tabel(
        m.ejere_vist,
        eksport_df=m.ejere,
        noegle=f"indb_mangler_ejer_{sted}",
        filnavn=("mangler", m.frist),
        fodnote="Mangler vurdering: antal mål uden vurdering efter forrige frist for "
        "målvurdering. Mangler prognose: antal budgetlinjer uden prognose til den aktuelle "
        "opfølgning (månedlig til Økonomiudvalget, når årshjulet siger det). "
        "Indberetning sker på siden Indberetning.",
    )


def mangler_her(k: tilstand.Kontekst, sted: str) -> None:
    """`mangler_kompakt` for a view page: the logged-in user's units when they have a
    role, else the whole organisation (also without [auth])."""
    a = adgang_her(k)
    mangler_kompakt(k, a if isinstance(a, ad.Adgang) else None, sted)


# --- one form per item ---------------------------------------------------------------


def _aabnet(art: str, noegle: str) -> int:
    """The version this session opened the item's form on (read once, then remembered)."""
    n = tilstand.indberetning_aabnet(art, noegle)
    if not tilstand.har(n):
        tilstand.saet(n, ad.lager().version(art, noegle))
    return int(tilstand.hent(n))


def _id(sted: str, art: str, *noegle: object) -> str:
    return "_".join([sted, art, *("" if x is None else str(x) for x in noegle)])


def har_besked(sted: str, art: str, *noegle: object) -> bool:
    """Whether a form at `sted` (for the item `noegle`, or any item when none is given)
    has a submit outcome waiting to be shown: its expander opens, so the user sees
    "Gemt …" or why it was refused (the rerun after a submit redraws the page)."""
    fid = _id(sted, art, *noegle)
    if noegle:
        return tilstand.har(tilstand.indberetning_besked(fid))
    return tilstand.har_med_praefiks(tilstand.indberetning_besked(fid))


def _felt(fid: str, felt: str) -> str:
    return tilstand.indberetning_felt(fid, felt)


def _indsend(
    k: tilstand.Kontekst, a: ad.Adgang, fid: str, lav: Callable[[Callable[[str], Any]], Forslag]
) -> None:
    """The submit button's callback: build the report from the form's fields, store it
    (checked again on the server), remember the outcome for the form to show."""
    forslag = lav(lambda felt: tilstand.hent(_felt(fid, felt)))
    n = tilstand.indberetning_aabnet(forslag.art, forslag.noegle)
    try:
        i = ad.lager().indsend(
            forslag, a.bruger, a.roller, k.snapshot, _aabnet(forslag.art, forslag.noegle)
        )
    except IndberetningsFejl as fejl:
        tilstand.saet(tilstand.indberetning_besked(fid), ("fejl", f"Ikke gemt. {fmt.ren(fejl)}"))
    else:
        besked = f"Gemt: {fmt.ren(beskriv(i))}. {ovenpaa.markering(i)}."
        tilstand.saet(tilstand.indberetning_besked(fid), ("ok", besked))
    tilstand.fjern(n)  # the next form opens on the current version


def _besked(fid: str) -> None:
    n = tilstand.indberetning_besked(fid)
    b = tilstand.hent(n)
    if b is None:
        return
    tilstand.fjern(n)
    if b[0] == "ok":
        st.success(b[1], icon="✔")
    else:
        st.error(b[1], icon="⛔")


def _historik(art: str, noegle: str) -> None:
    h = ad.lager().historik(art, noegle) if ad.findes() else []
    if not h:
        st.caption("Ingen indberetninger på dette endnu.")
        return
    antal = "1 indberetning" if len(h) == 1 else f"{fmt.tal(len(h))} indberetninger"
    with st.expander(f"Historik ({antal})"):
        for i in h:
            st.markdown(f"- {ovenpaa.markering(i).replace(' (efter datasættet)', '')}: "
                        f"{fmt.ren(beskriv(i))}")  # fmt: skip


def _ikke_din(k: tilstand.Kontekst, enhed_id: str | None, hvad: str) -> None:
    st.caption(f"🔒 Du kan ikke indberette {hvad} for {fmt.ren(_enhedsnavn(k, enhed_id))}: "
               "din rolle dækker ikke enheden.")  # fmt: skip


def vurdering_formular(k: tilstand.Kontekst, a: ad.Adgang, maal_id: str, sted: str) -> None:
    """The form "Indberet vurdering" for one goal (status, date, comment) with its history;
    only a caption when the goal's unit is not the user's."""
    if not maa_vurdere(k, a, maal_id):
        _ikke_din(k, _maal_enhed(k, maal_id), "en vurdering af målet")
        return
    noegle = vurdering(maal_id, date.today(), "opfyldt", None).noegle
    _aabnet("vurdering", noegle)
    fid = _id(sted, "vurdering", maal_id)
    _besked(fid)

    def lav(felt: Callable[[str], Any]) -> Forslag:
        return vurdering(maal_id, felt("dato"), felt("status"), felt("kommentar"))

    with st.form(_felt(fid, "form"), clear_on_submit=False):
        st.selectbox("Status", MAALSTATUSSER, format_func=tema.status_tekst,
                     key=_felt(fid, "status"))  # fmt: skip
        st.date_input("Dato", value=date.today(), format="DD.MM.YYYY", key=_felt(fid, "dato"))
        st.text_area("Kommentar", max_chars=MAKS_TEKST, key=_felt(fid, "kommentar"))
        st.form_submit_button("Indberet vurdering", type="primary", on_click=_indsend,
                              args=(k, a, fid, lav))  # fmt: skip
    _historik("vurdering", noegle)


def prognose_formular(k: tilstand.Kontekst, a: ad.Adgang, linje: Linje, sted: str) -> None:
    """The form "Indberet prognose" for one budget line at the current follow-up
    (forventet regnskab, explanation, action) with its history; only a caption when the
    user is not a controller for the line's unit."""
    enhed, politik, budgettype, projekt = linje
    if not maa_prognose(a, enhed):
        if not a.rolle.controller:
            st.caption("🔒 Prognoser for budgetlinjer kræver controller-rollen.")
        else:
            _ikke_din(k, enhed, "en prognose")
        return
    dato = opfoelgningsdato(k)
    noegle = prognose(dato, enhed, politik, budgettype, projekt, 0.0, None, None).noegle
    _aabnet("prognose", noegle)
    fid = _id(sted, "prognose", *linje)
    _besked(fid)
    st.caption(f"Prognosen gælder opfølgningen pr. {fmt.dato(dato)}. Udgifter positive, "
               "indtægter negative.")  # fmt: skip

    def lav(felt: Callable[[str], Any]) -> Forslag:
        return prognose(dato, enhed, politik, budgettype, projekt, float(felt("beloeb")),
                        felt("forklaring"), felt("handling"))  # fmt: skip

    with st.form(_felt(fid, "form")):
        st.number_input("Forventet regnskab (kr.)", step=1000.0, format="%.0f",
                        key=_felt(fid, "beloeb"))  # fmt: skip
        st.text_area("Forklaring", max_chars=MAKS_TEKST, key=_felt(fid, "forklaring"))
        st.text_area("Handling", max_chars=MAKS_TEKST, key=_felt(fid, "handling"))
        st.form_submit_button("Indberet prognose", type="primary", on_click=_indsend,
                              args=(k, a, fid, lav))  # fmt: skip
    _historik("prognose", noegle)


def maaling_formular(k: tilstand.Kontekst, a: ad.Adgang, indikator_id: str, sted: str) -> None:
    """The form "Indberet måling" for one indicator of the user's unit: the period is
    chosen first (the item is indicator × unit × period), then value and comment; with
    the period's history. Only a caption when the owning unit is not the user's."""
    enhed = indikator_enhed(k, indikator_id)
    if enhed is None or enhed not in a.enheder:
        _ikke_din(k, enhed, "en måling af indikatoren")
        return
    fid = _id(sted, "maaling", indikator_id)
    periode: date = st.date_input("Periode", value=date.today().replace(day=1),
                                  format="DD.MM.YYYY", key=_felt(fid, "periode"))  # fmt: skip
    noegle = maaling(indikator_id, enhed, periode, 0.0, None).noegle
    _aabnet("maaling", noegle)
    _besked(fid)

    def lav(felt: Callable[[str], Any]) -> Forslag:
        return maaling(indikator_id, enhed, felt("periode"), float(felt("vaerdi")),
                       felt("kommentar"))  # fmt: skip

    with st.form(_felt(fid, "form")):
        st.number_input("Værdi", format="%.2f", key=_felt(fid, "vaerdi"))
        st.text_area("Kommentar", max_chars=MAKS_TEKST, key=_felt(fid, "kommentar"))
        st.form_submit_button("Indberet måling", type="primary", on_click=_indsend,
                              args=(k, a, fid, lav))  # fmt: skip
    _historik("maaling", noegle)


# --- the Indberetning page: pick an item, then its form --------------------------------


def vaelg_vurdering(k: tilstand.Kontekst, a: ad.Adgang) -> None:
    """Pick one of the user's goals, see a report made after the snapshot, then its form."""
    maal = k.snapshot["maal"].filter(pl.col("enhed_id").is_in(list(a.enheder))).sort("maal_id")
    if maal.is_empty():
        st.caption("Du har ingen mål at vurdere.")
        return
    # Labels are unique (institutions share goal titles): title · unit · id.
    titler = {
        m: f"{t} · {e} · {m}" for m, t, e in maal.select("maal_id", "titel", "enhed_id").iter_rows()
    }
    maal_id = st.selectbox("Mål", list(titler), format_func=lambda m: titler[m], key="indb_maal")
    ovenpaa.vis_paa_maal(k.snapshot, maal_id)
    vurdering_formular(k, a, maal_id, sted="side")


def vaelg_prognose(k: tilstand.Kontekst, a: ad.Adgang) -> None:
    """Pick one of the user's budget lines in the year, then its form (controllers)."""
    if not a.rolle.controller:
        st.caption("Prognoser for budgetlinjer kræver controller-rollen.")
        return
    linjer = (
        med_linje(k.snapshot["budget"])
        .filter((pl.col("aar") == k.aar) & pl.col("enhed_id").is_in(list(a.enheder)))
        .select("enhed_id", "politikomraade_id", "budgettype", "projekt_id")
        .unique()
        .sort("enhed_id", "politikomraade_id", "budgettype", "projekt_id", nulls_last=True)
    )
    if linjer.is_empty():
        st.caption(f"Du har ingen budgetlinjer i {k.aar}.")
        return
    valg: list[Linje] = [(r[0], r[1], r[2], r[3]) for r in linjer.iter_rows()]
    linje = st.selectbox(
        "Budgetlinje (enhed · politikområde · budgettype · projekt)", valg, key="indb_linje",
        format_func=linje_tekst,
    )  # fmt: skip
    prognose_formular(k, a, linje, sted="side")


def linje_tekst(r: Linje) -> str:
    """The line as "C-AE · P-AEL · Service" (· the project when there is one)."""
    return " · ".join([r[0], r[1], BUDGETTYPE_NAVNE.get(r[2], r[2]), *([r[3]] if r[3] else [])])


def vaelg_maaling(k: tilstand.Kontekst, a: ad.Adgang) -> None:
    """Pick one of the indicators the user's units own, then its form."""
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
    ind_id = st.selectbox("Indikator", list(navne), format_func=lambda i: navne[i], key="indb_ind")
    maaling_formular(k, a, ind_id, sted="side")


def efter_datasaettet(k: tilstand.Kontekst) -> None:
    """Every current report made after the snapshot (all kinds), newest first."""
    nye = sorted(ad.nye(k.snapshot), key=lambda i: i.id, reverse=True)
    if not nye:
        st.caption("Ingen indberetninger efter datasættet.")
        return
    for i in nye[:50]:
        st.markdown(
            f"- **{fmt.ren(genstand(k, i))}**: {fmt.ren(beskriv(i))} · {ovenpaa.markering(i)}"
        )


def _navn(df: pl.DataFrame, id_kolonne: str, id_: object, kolonne: str) -> str:
    r = df.filter(pl.col(id_kolonne) == id_)
    return str(r[kolonne][0]) if r.height else str(id_ or "–")


def genstand(k: tilstand.Kontekst, i: Indberetning) -> str:
    """What a report is about, in Danish words (plain text): «Vurdering af målet …»,
    «Prognose pr. 30.09.2026 for <enhed> · <politikområde> · Service», «Måling af …»."""
    s, v = k.snapshot, i.vaerdi
    if i.art == "vurdering":
        return f"Vurdering af målet «{_navn(s['maal'], 'maal_id', v.get('maal_id'), 'titel')}»"
    enhed = _enhedsnavn(k, v.get("enhed_id"))
    if i.art == "prognose":
        po = _navn(s["politikomraader"], "politikomraade_id", v.get("politikomraade_id"), "navn")
        bt = BUDGETTYPE_NAVNE.get(str(v.get("budgettype")), str(v.get("budgettype") or "Service"))
        dele = [enhed, po, bt, *([str(v["projekt_id"])] if v.get("projekt_id") else [])]
        return f"Prognose pr. {fmt.kort_dato(_dato(v.get('opfoelgningsdato')))} for " + " · ".join(
            dele
        )
    ind = _navn(s["indikatorer"], "indikator_id", v.get("indikator_id"), "navn")
    return f"Måling af «{ind}» for {enhed} pr. {fmt.kort_dato(_dato(v.get('periode')))}"


def _dato(x: object) -> date | None:
    if isinstance(x, date):
        return x
    return date.fromisoformat(x) if isinstance(x, str) and x else None
