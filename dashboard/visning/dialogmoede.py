"""Prepared content and sections for the Dialogmøde page, and its printable brief.

The brief (dashboard/rapport/indhold.py) is for a unit (`?enhed=`) or a fagudvalg's area
(`?udvalg=`, the political dialogue on the level-1 agreement). It is built once per
(snapshot, omfang, year, previous snapshot, settings, reports) and cached: `version` is
the newest report made after the snapshot, so a new report rebuilds it. The screen, the
PDF and the PowerPoint all show that same object. The screen draws a `Vist` of it (the
brief with its formatted tables and figures, prepared once per brief), so a rerun makes
one cache lookup and only draws. The documents are built only when asked for (a
button), then cached by the same key, so a rerun never rebuilds them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import beregning
from dashboard.faelles import charts, eksport, tema, url
from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.indberetning import adgang
from dashboard.indberetning import formular as fm
from dashboard.rapport import figurer, indhold, pdf, powerpoint
from dashboard.rapport.indhold import Brief, Budgetlinje, Omfang
from dashboard.skal import tilstand
from modeller.errors import RapportFejl
from modeller.snapshot import Snapshot
from modeller.status import STATUSSER
from modeller.styringsregler import STANDARD, Oekonomiindstillinger

MAKS_GRAFER = 6
INTET_UDVALG = ""


def vaelg(snapshot_id: str) -> Omfang | None:
    """The meeting's subject from the URL and two selectboxes: an udvalg (`?udvalg=`, the
    political dialogue; when chosen, the unit selector gives way) or a unit (`?enhed=`);
    None when neither is chosen. Unknown values get the Danish note of `url.laes_param`."""
    venstre, hoejre = st.columns(2)
    udvalg = url.valg_param(
        "udvalg",
        "Udvalg (politisk dialogmøde om aftalen med direktionen)",
        {INTET_UDVALG: "Intet udvalg: mødet er med en enhed",
         **{u: u for u in beregning.udvalg(snapshot_id)}},
        INTET_UDVALG,
        beskrivelse="udvalg",
        sted=hoejre,
    )  # fmt: skip
    if udvalg:
        venstre.caption(
            "Oplægget gælder udvalgets område. Vælg «Intet udvalg» for at se en enheds oplæg."
        )
        return Omfang(udvalg=udvalg)
    enhed = url.valg_param(
        "enhed",
        "Enhed (center eller institution; skriv for at søge)",
        beregning.enhed_valg(snapshot_id),
        beregning.INGEN,
        beskrivelse="enhed",
        sted=venstre,
    )
    return Omfang(enhed_id=enhed) if enhed else None


def version(snapshot: Snapshot) -> int:
    """The newest report made after the snapshot (0: none): part of the brief's key."""
    return max((i.id for i in adgang.nye(snapshot)), default=0)


@st.cache_resource(max_entries=64, show_spinner="Samler oplægget …")
def brief(
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    forrige_id: str | None,
    oekonomi: Oekonomiindstillinger = STANDARD,
    version: int = 0,
) -> Brief:
    """The brief for a unit or an udvalg (see dashboard/rapport/indhold.py); `version`
    only keys the cache (see the module docstring)."""
    return indhold.byg(beregning, snapshot_id, omfang, aar, forrige_id, oekonomi)


Noegle = tuple[str, Omfang, int, str | None, Oekonomiindstillinger, int]
"""(snapshot, omfang, year, previous snapshot, settings, version): one brief."""


@dataclass(frozen=True)
class Vist:
    """One brief as the page shows it, prepared once per brief and shared (read-only):
    a rerun makes one cache lookup for all of it, then only draws."""

    b: Brief
    n: Noegle
    """The brief's key (for the documents)."""
    tabeller: Mapping[str, tuple[pl.DataFrame, tbl.Indhold]]
    """Per table the brief has ("indikatorer", "budgettyper", "budget", "underenheder"):
    the raw frame (for the downloads) and its formatted cells."""
    figurer: tuple[tuple[str, go.Figure], ...]
    """(name, finished trend figure) of the first MAKS_GRAFER indicators with values."""


def hent(k: tilstand.Kontekst, omfang: Omfang) -> Vist:
    """The brief for `omfang` in the page's context, prepared for the screen."""
    return vist((k.snapshot.id, omfang, k.aar, k.forrige_id, k.oekonomi, version(k.snapshot)))


@st.cache_resource(max_entries=64, show_spinner=False, hash_funcs=tilstand.repr_hash(Omfang))
def vist(n: Noegle) -> Vist:
    """The brief `n` with its tables and figures (see `Vist`), built once per brief."""
    b = brief(*n)
    tabeller: dict[str, tuple[pl.DataFrame, tbl.Indhold]] = {}
    if b.indikatorer:
        df = indikator_tabel(b)
        tabeller["indikatorer"] = df, tbl.indhold(df, farver={"Status": tbl.STATUSFARVER})
    if b.budget_total is not None:
        formater = _budget_formater(b)
        if b.budgettyper:
            df = budgettype_tabel(b)
            tabeller["budgettyper"] = df, tbl.indhold(df, formater=formater, farver=_BUDGET_FARVER)
        df = budget_tabel(b)
        tabeller["budget"] = df, tbl.indhold(df, formater=formater, farver=_BUDGET_FARVER)
    if b.underenheder:
        df = underenheder_tabel(b)
        formater = {
            "Korrigeret budget": b.beloeb,
            "Forventet afvigelse": lambda x: b.beloeb(x, fortegn=True),
        }
        tabeller["underenheder"] = df, tbl.indhold(df, formater=formater)
    valgte = [i for i in b.indikatorer if i.vaerdier][:MAKS_GRAFER]
    figurer_ = tuple((i.navn, charts.faerdig(figurer.plot_indikator(i))) for i in valgte)
    return Vist(b, n, MappingProxyType(tabeller), figurer_)


def pdf_bytes(n: Noegle) -> bytes:
    """The brief as PDF, dated today (the date is printed, so it is part of the key)."""
    return _pdf_bytes(n, date.today())


@st.cache_data(max_entries=16, show_spinner=False)
def _pdf_bytes(n: Noegle, dannet: date) -> bytes:
    return pdf.byg_pdf(brief(*n), dannet=dannet)


@st.cache_data(max_entries=16, show_spinner=False)
def pptx_bytes(n: Noegle) -> bytes:
    return powerpoint.byg_pptx(brief(*n))


def badge(status: str) -> None:
    st.badge(tema.status_tekst(status), color=tema.STATUS_NAVNEFARVE.get(status, "gray"))


def aftale_tekst(b: Brief) -> str:
    """The unit's agreement(s) for the year: the direktion's level-1 agreements, one per
    udvalg, as a list."""
    aftaler = b.alle_aftaler
    if not aftaler:
        return f"Der er ingen aftale for {fmt.ren(b.enhed_navn)} i {b.aar} i datagrundlaget."
    linjer = [
        f"**Aftale {fmt.ren(a.aftale_id)}** · periode {a.periode} · status **{a.status_tekst}**"
        f" · indgået {fmt.kort_dato(a.indgaaet_dato)} · parter: {fmt.ren(a.holder)} "
        f"(aftaleholder) og {fmt.ren(a.modpart or '–')}"
        for a in aftaler
    ]
    return linjer[0] if len(linjer) == 1 else "\n".join(f"- {x}" for x in linjer)


def vis_dagsorden(b: Brief) -> None:
    if not b.dagsorden:
        st.success(
            "Data giver ingen særlige punkter: ingen mål i risiko, ingen økonomiske "
            "afvigelser og ingen indikatorer, der bevæger sig væk fra målet.",
            icon="✔",
        )
        return
    st.markdown(
        "\n".join(
            f"{n}. **{fmt.ren(p.kategori)}:** {fmt.ren(p.tekst)}"
            for n, p in enumerate(b.dagsorden, 1)
        )
    )


def vis_maal(b: Brief, k: tilstand.Kontekst) -> None:
    """The goal cards; a logged-in user with a role for a goal's unit gets "Indberet
    vurdering" on its card (dashboard/indberetning/formular.py), others one caption."""
    if not b.maal:
        komp.note(f"{b.enhed_navn} har ingen mål for {b.aar} i datagrundlaget.")
        return
    a = None if k.praesentation else fm.adgang_her(k)
    fm.hvorfor_ikke(a)
    for m in b.maal:
        with st.container(border=True):
            st.markdown(f"**{fmt.ren(m.titel)}**")
            badge(m.status)
            if m.indberettet:
                st.caption(
                    f"📝 {fmt.ren(m.indberettet)}"
                    + (
                        f" · i datasættet: {tema.status_tekst(m.status_datasaet)}"
                        if m.status_datasaet
                        else ""
                    )
                )
            if m.succeskriterie:
                st.markdown(
                    "Succeskriterier:\n"
                    + "\n".join(
                        f"- {fmt.ren(linje.strip())}"
                        for linje in m.succeskriterie.splitlines()
                        if linje.strip()
                    )
                )
            if m.vurdering_kommentar:
                st.caption(
                    f"Seneste vurdering ({fmt.kort_dato(m.vurdering_dato)}, "
                    f"{fmt.ren(m.vurderet_af or '–')}): {fmt.ren(m.vurdering_kommentar)}"
                )
            if not k.praesentation and m.overordnet_titel:
                st.caption(f"Bidrager til «{fmt.ren(m.overordnet_titel)}»")
            if isinstance(a, adgang.Adgang) and fm.maa_vurdere(k, a, m.maal_id):
                aaben = fm.har_besked("dialogmoede", "vurdering", m.maal_id)
                with st.expander("Indberet vurdering", expanded=aaben):
                    fm.vurdering_formular(k, a, m.maal_id, sted="dialogmoede")


def vis_mangler(b: Brief, k: tilstand.Kontekst) -> None:
    """What the unit and the units below it still miss for the current follow-up
    ("mangler vurdering / prognose"), by owner, with the årshjul's deadline (whoever
    looks: the meeting is about the unit)."""
    fm.mangler(k, None, beregning.efterkommere(k.snapshot.id, b.enhed_id), sted="dialogmoede")


def indikator_tabel(b: Brief) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "Indikator": [i.navn for i in b.indikatorer],
            "Mål": [i.maal_titel for i in b.indikatorer],
            "Udgangspunkt": [fmt.vaerdi(i.baseline, i.maaleenhed) for i in b.indikatorer],
            "Seneste": [fmt.vaerdi(i.seneste_vaerdi, i.maaleenhed) for i in b.indikatorer],
            "Målt": [fmt.kort_dato(i.seneste_periode) for i in b.indikatorer],
            "Målværdi": [fmt.vaerdi(i.maalvaerdi, i.maaleenhed) for i in b.indikatorer],
            "Status": [tema.status_tekst(i.status) for i in b.indikatorer],
        },
        schema={
            k: pl.String()
            for k in ("Indikator", "Mål", "Udgangspunkt", "Seneste", "Målt", "Målværdi", "Status")
        },
    )


def vis_indikatorer(v: Vist, filnavn: tuple[str | int | date | None, ...]) -> None:
    if not v.b.indikatorer:
        komp.note("Målene har ingen indikatorer.")
        return
    df, vist_ = v.tabeller["indikatorer"]
    tbl.tabel(vist_, eksport_df=df, noegle="indikatorer", filnavn=(*filnavn, "indikatorer"))
    kolonner = st.columns(3)
    for nr, (navn, fig) in enumerate(v.figurer):
        with kolonner[nr % 3]:
            st.markdown(f"**{fmt.ren(navn, 60)}**")
            komp.vis(fig, key=f"ind_{nr}")


def _budget_raekker(b: Brief, linjer: list[Budgetlinje], navn: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            navn: [x.navn for x in linjer],
            "Korrigeret budget": [x.korrigeret_budget_kr for x in linjer],
            "Forbrug til dato": [x.forbrug_kr for x in linjer],
            "Forbrug %": [x.forbrugsprocent_pct for x in linjer],
            b.regnskab_ord: [x.forventet_forbrug_kr for x in linjer],
            "Forventet afvigelse": [x.forventet_afvigelse_kr for x in linjer],
            "Afvigelse": [
                tema.afvigelse_tekst(x.er_afvigelse, x.forventet_afvigelse_kr) for x in linjer
            ],
            "Forklaring": [x.kommentar or "" for x in linjer],
            "Prognose": [tema.MANGLER_PROGNOSE if x.antal_prognose_mangler else "" for x in linjer],
            f"Overført fra {b.aar - 1}": [x.overfoersel_kr for x in linjer],
            f"Forventet overførsel til {b.aar + 1}": [
                x.forventet_overfoersel_ud_kr for x in linjer
            ],
            "Afvigelse ved forrige": [x.afvigelse_foer_kr for x in linjer],
            **(
                {"Indberettet efter datasættet": [x.indberettet or "" for x in linjer]}
                if any(x.indberettet for x in linjer)
                else {}
            ),
        },
        schema_overrides={"Forbrug %": pl.Float64(), "Afvigelse ved forrige": pl.Float64()},
    )


def budget_tabel(b: Brief) -> pl.DataFrame:
    """Per politikområde, with the grand total (named for what it contains) last."""
    linjer = [*b.budget, *([b.budget_total] if b.budget_total else [])]
    return _budget_raekker(b, linjer, "Politikområde")


def budgettype_tabel(b: Brief) -> pl.DataFrame:
    """The totals split into Service, Indkomstoverførsler and Anlæg, then the grand total."""
    linjer = [*b.budgettyper, *([b.budget_total] if b.budget_total else [])]
    return _budget_raekker(b, linjer, "Budgettype").drop("Afvigelse ved forrige")


def _budget_formater(b: Brief) -> dict[str, Callable[[Any], str]]:
    def tal(x: float | None) -> str:
        return b.beloeb(x)

    def fortegn(x: float | None) -> str:
        return b.beloeb(x, fortegn=True)

    return {
        "Korrigeret budget": tal,
        "Forbrug til dato": tal,
        b.regnskab_ord: tal,
        "Forbrug %": lambda x: fmt.pct(x, 0),
        "Forventet afvigelse": fortegn,
        f"Overført fra {b.aar - 1}": tal,
        f"Forventet overførsel til {b.aar + 1}": fortegn,
        "Afvigelse ved forrige": fortegn,
    }


_BUDGET_FARVER = {"Afvigelse": tema.AFVIGELSE_FARVER, "Prognose": tema.MANGLER_FARVER}


def vis_budget(v: Vist, filnavn: tuple[str | int | date | None, ...]) -> None:
    b, t = v.b, v.b.budget_total
    if t is None:
        komp.note(f"{b.enhed_navn} har intet budget for {b.aar} i datagrundlaget.")
        return
    st.caption(f"**{fmt.ren(t.navn)}**")
    komp.oekonomi_noegletal(dataclasses.asdict(t), enhed=b.beloebsenhed, beloeb=b.beloeb)
    fodnote = f"Beløb i {b.beloebsenhed} for {fmt.ren(b.omfang_tekst)}. " + b.fodnote
    if b.budget_total is not None and b.budget_total.indberettet:
        fodnote += (
            " Prognoser indberettet efter datasættet er brugt som forventet regnskab på deres"
            " linjer; de kommer med i næste indlæsning."
        )
    if b.budgettyper:
        df, vist_ = v.tabeller["budgettyper"]
        tbl.tabel(vist_, eksport_df=df, noegle="budgettyper", filnavn=(*filnavn, "budgettyper"))
    df, vist_ = v.tabeller["budget"]
    tbl.tabel(vist_, eksport_df=df, noegle="budget", filnavn=(*filnavn, "budget"), fodnote=fodnote)


def vis_siden_sidst(b: Brief) -> None:
    if not b.har_forrige:
        komp.note("Der er ingen tidligere opgørelse at sammenligne med.")
        return
    t = b.budget_total
    if t is not None and t.afvigelse_foer_kr is not None:
        st.markdown(
            f"Forventet afvigelse i alt: **{b.beloeb_tekst(t.forventet_afvigelse_kr, True)}** "
            f"(ved {fmt.ren(b.forrige_etiket)}: {b.beloeb_tekst(t.afvigelse_foer_kr, True)})."
        )
    if not b.statusaendringer:
        st.markdown("Ingen af målene har skiftet status.")
    for a in b.statusaendringer:
        foer = tema.status_tekst(a.status_foer) if a.status_foer else "nyt mål"
        nu = tema.status_tekst(a.status_nu) if a.status_nu else "udgået"
        st.markdown(f"- «{fmt.ren(a.titel)}»: {foer} → **{nu}**")


def underenheder_tabel(b: Brief) -> pl.DataFrame:
    u = b.underenheder
    return pl.DataFrame(
        {
            ("Politikområde" if b.udvalg else "Enhed"): [x.navn for x in u],
            **{tema.status_tekst(s): [x.antal[s] for x in u] for s in STATUSSER},
            "Korrigeret budget": [x.korrigeret_budget_kr for x in u],
            "Forventet afvigelse": [x.forventet_afvigelse_kr for x in u],
            "Afvigelse": [
                tema.afvigelse_tekst(x.er_afvigelse, x.forventet_afvigelse_kr) for x in u
            ],
        },
        schema_overrides={"Korrigeret budget": pl.Float64(), "Forventet afvigelse": pl.Float64()},
    )


def vis_underenheder(v: Vist, filnavn: tuple[str | int | date | None, ...]) -> None:
    b = v.b
    df, vist_ = v.tabeller["underenheder"]
    tbl.tabel(
        vist_,
        eksport_df=df,
        noegle="underenheder",
        filnavn=(*filnavn, "enheder"),
        fodnote=f"Antal mål pr. status for {b.aar}. Beløb i {b.beloebsenhed} "
        + (
            "for hvert politikområde med alle enheder på det. "
            if b.udvalg
            else "for hver enhed med alle enheder under den. "
        )
        + b.fodnote,
    )


def vis_dokumenter(v: Vist) -> None:
    """ "Forbered PDF" / "Forbered PowerPoint" buttons, then the download buttons."""
    b, n = v.b, v.n
    navn = eksport.filnavn("dialogmoede", b.enhed_navn, b.aar, b.data_pr, endelse="")
    for art, knap, bygger, mime in (
        ("pdf", "Forbered PDF", pdf_bytes, "application/pdf"),
        (
            "pptx",
            "Forbered PowerPoint",
            pptx_bytes,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ):
        klar = tilstand.dokument_klar(art, *n)
        if st.button(knap, key=f"knap_{art}", icon=":material/description:"):
            tilstand.saet(klar, True)
        if not tilstand.hent(klar):
            continue
        try:
            with st.spinner("Laver dokumentet …"):
                indhold_ = bygger(n)
        except RapportFejl as fejl:
            st.error(str(fejl))
            continue
        st.download_button(
            f"⬇ Hent {art.upper()}",
            indhold_,
            file_name=f"{navn}{art}",
            mime=mime,
            key=f"hent_{art}",
            on_click="ignore",
            type="primary",
        )
    if figurer.chromium() is None:
        st.caption("Der er ingen Chromium på serveren: dokumenterne laves uden grafer.")
