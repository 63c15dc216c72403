"""The Budgetopfølgning page: the political follow-up report on screen, in Word and PDF.

The report (dashboard/rapport/budgetopfoelgning/indhold.py) is built once per (context,
selection) and shared by every session (`st.cache_resource`); the screen, the Word file
and the PDF render that same object, section by section and table by table. The
documents are built only when a download button is clicked, then cached by the same key.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import Any

import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import charts, eksport, tema
from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.rapport import figurer
from dashboard.rapport.budgetopfoelgning import figur, pdf, word
from dashboard.rapport.budgetopfoelgning import indhold as bo
from dashboard.rapport.budgetopfoelgning.indhold import Afsnit, Rapport, Tabel
from dashboard.skal.tilstand import Noegle
from modeller import budgetopfoelgning
from modeller.aarshjul import STANDARD, Aarshjul, AarshjulFejl
from modeller.errors import RapportFejl

FARVER: dict[str, dict[str, str]] = {
    "Afvigelse": dict(tema.AFVIGELSE_FARVER),
    "Prognose": dict(tema.MANGLER_FARVER),
    "Vurdering": {
        bo.OVER_RAMMEN: tema.MERFORBRUG_FARVE,
        bo.I_RAMMEN: tema.STATUS_TEKSTFARVE["paa_sporet"],
    },
    "Status": dict(tbl.STATUSFARVER),
}
"""Label columns: icon + word + colour."""

MAKS_RAEKKER = 20
"""Rows shown without scrolling inside a table (the report reads like the document)."""

BREDDER: dict[str, str | int] = {
    "Udvalg": 210,
    "Politikområde": 170,
    "Enhed": 240,
    "Forklaring": "large",
    "Handling": "medium",
    "Mål": "large",
    "Projekt": 260,
    "Budgettype": 150,
}
"""Column widths of text columns (names are not cut off at 1280 px)."""

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Valg:
    """The page's selection (hashable: the cache key with the context)."""

    modtager: str
    aarshjul: Aarshjul = STANDARD
    indberetninger: tuple[int, ...] = ()
    """Ids of the forecasts reported after the snapshot (set by `med_indberetninger`): a
    new report gives a new cache key, so the report uses it at once."""


def med_indberetninger(n: Noegle, v: Valg) -> Valg:
    """`v` with the ids of the forecasts reported after the snapshot (not cached: the
    store changes while the snapshot does not)."""
    nye = beregning.indberetninger(n.snapshot_id, "prognose")
    return replace(v, indberetninger=tuple(nye["indberetning_id"].to_list()))


def aarshjul() -> Aarshjul:
    """The municipality's årshjul (which follow-up is the budget revision); the default
    with a Danish error when aarshjul.toml is invalid."""
    try:
        return data.aarshjulet()
    except AarshjulFejl as fejl:
        st.error(
            f"Årshjulets indstillinger (aarshjul.toml) er ugyldige: {fmt.ren(fejl)} "
            "Standardårshjulet bruges (budgetrevision pr. 30. april).",
            icon="⚠️",
        )
        return STANDARD


def modtagere(snapshot_id: str) -> dict[str, str]:
    """URL value → label: Økonomiudvalget and Byrådet (the whole municipality), then each
    fagudvalg (its own area)."""
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    ud = {}
    for m in budgetopfoelgning.modtagere(po["udvalg"].to_list()):
        hele = budgetopfoelgning.er_hele_kommunen(m)
        ud[m] = f"{m} ({'hele kommunen' if hele else 'eget område'})"
    return ud


@dataclass(frozen=True)
class Forberedt:
    """The report and its tables ready to show (read-only, shared by sessions)."""

    rapport: Rapport
    tabeller: MappingProxyType[str, tuple[tbl.Indhold, pl.DataFrame]]
    figur: charts.Faerdig | None


def _eksport(t: Tabel) -> pl.DataFrame:
    """The table's raw values (amounts in kr.) for CSV/Excel."""
    navne = []
    for j, navn in enumerate(t.kolonner):
        beloeb = t.hoejre[j] and any(isinstance(r[j], float) for r in t.vaerdier)
        navne.append(f"{navn.replace(', 1.000 kr.', '')} (kr.)" if beloeb else navn)
    kolonner = {n: [r[j] for r in t.vaerdier] for j, n in enumerate(navne)}
    return pl.DataFrame(kolonner, strict=False)


def _indhold(t: Tabel) -> tbl.Indhold:
    df = pl.DataFrame(
        {k: [r[j] for r in t.raekker] for j, k in enumerate(t.kolonner)},
        schema={k: pl.String() for k in t.kolonner},
    )
    return tbl.indhold(
        df,
        formater={k: str for k, h in zip(t.kolonner, t.hoejre, strict=True) if h},
        farver={k: v for k, v in FARVER.items() if k in t.kolonner},
    )


def forbered(n: Noegle, v: Valg) -> Forberedt:
    """The report for one (context, recipient), with its tables and chart prepared, and
    the forecasts reported after the snapshot in it."""
    return _forbered(n, med_indberetninger(n, v))


@st.cache_resource(max_entries=64, show_spinner="Samler budgetopfølgningen …")
def _forbered(n: Noegle, v: Valg) -> Forberedt:
    r = bo.byg_rapport(
        beregning, n.snapshot_id, v.modtager, n.aar, n.forrige_id, n.oekonomi, v.aarshjul
    )
    tabeller = {t.noegle: (_indhold(t), _eksport(t)) for a in r.alle_afsnit() for t in a.tabeller}
    fig = next((a.figur for a in r.alle_afsnit() if a.figur is not None), None)
    return Forberedt(
        rapport=r,
        tabeller=MappingProxyType(tabeller),
        figur=charts.faerdig(figur.plot_afvigelser(fig)) if fig is not None else None,
    )


def dokument(n: Noegle, v: Valg, art: str, dannet: date) -> bytes:
    """The report as Word or PDF, dated `dannet` (printed in the footer)."""
    return _dokument(n, med_indberetninger(n, v), art, dannet)


@st.cache_data(max_entries=16, show_spinner=False)
def _dokument(n: Noegle, v: Valg, art: str, dannet: date) -> bytes:
    r = _forbered(n, v).rapport
    return word.byg_docx(r, dannet=dannet) if art == "docx" else pdf.byg_pdf(r, dannet=dannet)


def vis_hoved(r: Rapport) -> None:
    """The report's title, recipient and comparison, as printed."""
    st.header(f"{fmt.ren(r.titel)}: {fmt.ren(r.modtager)}")
    dele = [fmt.ren(r.undertitel)]
    if r.forrige_etiket:
        dele.append(f"sammenlignet med {fmt.ren(r.forrige_etiket)}")
    st.caption(" · ".join(dele))
    if r.er_budgetrevision:
        st.info(
            "Budgetrevision: årshjulet markerer denne opfølgning som budgetrevisionen. "
            "Rapporten følger op på mål, serviceniveau, resultatkrav og indsatsområder "
            "ved siden af økonomien.",
            icon="📌",
        )


def vis_dokumenter(n: Noegle, v: Valg, r: Rapport) -> None:
    """Download buttons for Word and PDF (built when clicked, then cached)."""
    i_dag = date.today()
    with st.container(horizontal=True, gap="small"):
        for art, label in (("docx", "⬇ Hent Word (.docx)"), ("pdf", "⬇ Hent PDF")):
            st.download_button(
                label,
                functools.partial(_dokument_eller_fejl, n, v, art, i_dag),
                file_name=eksport.filnavn(*r.filnavn_dele, endelse=art),
                mime=MIME[art],
                key=f"hent_{art}",
                on_click="ignore",
                type="primary" if art == "docx" else "secondary",
            )
    if figurer.chromium() is None:
        st.caption("Der er ingen Chromium på serveren: dokumenterne laves uden diagram.")


def _dokument_eller_fejl(n: Noegle, v: Valg, art: str, dannet: date) -> bytes:
    try:
        return dokument(n, v, art, dannet)
    except RapportFejl as fejl:  # e.g. the PDF font is missing: a text file says why
        return f"Dokumentet kunne ikke laves: {fejl}\n".encode()


def _afsnit(f: Forberedt, a: Afsnit, niveau: int) -> None:
    r = f.rapport
    if niveau == 2:
        st.subheader(fmt.ren(a.titel))
    else:
        st.markdown(f"#### {fmt.ren(a.titel)}")
    for linje in a.tekst:
        st.markdown(fmt.ren(linje))
    for t in a.tabeller:
        vist, ud = f.tabeller[t.noegle]
        tbl.tabel(
            vist,
            eksport_df=ud,
            noegle=f"bo_{t.noegle}",
            filnavn=(*r.filnavn_dele[:2], t.noegle, r.data_pr),
            fodnote=t.note,
            filtre_i_filnavn=False,
            hoejde=35 * (min(len(t.raekker), MAKS_RAEKKER) + 1) + 3,
            kolonneopsaetning={k: {"width": BREDDER[k]} for k in t.kolonner if k in BREDDER},
        )
    if a.figur is not None and f.figur is not None:
        st.markdown(f"**{fmt.ren(a.figur.titel)}**")
        komp.vis(f.figur, key="bo_figur")
        st.caption(fmt.ren(a.figur.alt_tekst))
    for u in a.underafsnit:
        _afsnit(f, u, niveau + 1)


def vis_rapport(f: Forberedt) -> None:
    """Every section of the report, in the order of the printed document."""
    for a in f.rapport.afsnit:
        _afsnit(f, a, 2)


def noegletal(r: Rapport) -> dict[str, Any]:
    """The total's key figures for `komp.oekonomi_noegletal` (the grand total, named)."""
    t = r.total.i_alt
    return {
        "korrigeret_budget_kr": t.korrigeret_budget_kr,
        "forbrug_kr": t.forbrug_kr,
        "forbrugsprocent_pct": t.forbrug_kr / abs(t.korrigeret_budget_kr) * 100
        if t.korrigeret_budget_kr
        else None,
        "forventet_forbrug_kr": t.forventet_forbrug_kr,
        "forventet_afvigelse_kr": t.forventet_afvigelse_kr,
    }
