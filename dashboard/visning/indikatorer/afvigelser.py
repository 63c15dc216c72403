"""The Indikatorer page's opening view: the exception list (rapportering på afvigelser).

Every indicator series of the year's goals that moves away from its target or is behind
the elapsed share of its goal's period (the rules: `modeller.indikatorer.afvigelsesliste`),
within the selection (`Udsnit`: udvalg, politikområde, centre, kind of exception; all in
the URL; nothing chosen = the whole municipality), furthest behind first. Each row links
to the indicator's trend (this page with `?indikator=`; a click on the row opens it in
place) and to its goal on Målkæden. `forbered` prepares the list once per context and
selection and shares it with every session (`st.cache_resource`; read-only).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.faelles import tema, url
from dashboard.skal import tilstand
from dashboard.skal.tilstand import Noegle
from dashboard.visning.indikatorer import periode_tekst
from modeller import indikatorer as ind

ALLE = "alle"
VIS_VALG: Mapping[str, str] = {
    ALLE: "Alle afvigelser",
    "vaek_fra_maal": "Væk fra målet",
    "bagud": "Bagud i forhold til tiden",
}
OVERSIGT = ""
"""The indicator selectbox's value for "no indicator chosen": the exception list."""

BEVAEGELSESFARVER: Mapping[str, str] = {
    tema.BEVAEGELSE_TEKST[k]: farve for k, farve in tema.BEVAEGELSE_FARVE.items()
}

FODNOTE = (
    "Væk fra målet: de seneste målinger (op til fire) peger væk fra målværdien, og målet er "
    "ikke nået. Bagud: fremdriften fra baseline mod målværdien er mindre end den del af "
    "målets periode, der var gået ved seneste måling (forventet). Først dem, der bevæger "
    "sig væk fra målet, derefter de mest bagud. Status som i Målkæden. Klik på en række "
    "for at se indikatorens udvikling."
)


@dataclass(frozen=True)
class Udsnit:
    """The list's selection (ids only; hashable: the cache key of `forbered`)."""

    udvalg: str | None = None
    politikomraade_id: str | None = None
    center_id: str | None = None
    vis: str | None = None
    """None: both kinds; "vaek_fra_maal" or "bagud": only that kind."""


# --- the selection -----------------------------------------------------------------------


def udvalg_valg(snapshot_id: str) -> dict[str, str]:
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    return {ALLE: "Alle udvalg", **{u: u for u in sorted(po["udvalg"].drop_nulls().unique())}}


def politikomraade_valg(snapshot_id: str, udvalg: str | None) -> dict[str, str]:
    po = data.load_snapshot(snapshot_id)["politikomraader"].sort("navn")
    if udvalg is not None:
        po = po.filter(pl.col("udvalg") == udvalg)
    return {ALLE: "Alle politikområder", **dict(po.select("politikomraade_id", "navn").iter_rows())}


def center_valg(snapshot_id: str) -> dict[str, str]:
    org = data.load_snapshot(snapshot_id)["organisation"]
    c = org.filter(pl.col("type") == "center").sort("navn")
    return {ALLE: "Alle centre", **dict(c.select("enhed_id", "navn").iter_rows())}


def laes_udsnit(snapshot_id: str, praesentation: bool) -> Udsnit:
    """Draw the filters (a row above the list; the sidebar in presentation mode) bound to
    `?udvalg=`, `?politikomraade=`, `?center=`, `?afvigelse=` and return the selection."""
    sted = st.sidebar if praesentation else st.container(horizontal=True, gap="medium")
    udvalg = url.valg_param(
        "udvalg", "Udvalg", udvalg_valg(snapshot_id), ALLE, beskrivelse="udvalg", sted=sted
    )
    u = None if udvalg == ALLE else udvalg
    po = url.valg_param(
        "politikomraade", "Politikområde", politikomraade_valg(snapshot_id, u), ALLE,
        beskrivelse="politikområde", sted=sted,
    )  # fmt: skip
    center = url.valg_param(
        "center", "Center", center_valg(snapshot_id), ALLE, beskrivelse="center", sted=sted
    )
    vis = url.valg_param("afvigelse", "Vis", VIS_VALG, ALLE, beskrivelse="afvigelse", sted=sted)
    url.saet_param("enheder", None)  # the trend's unit filter has no meaning here
    return Udsnit(
        udvalg=u,
        politikomraade_id=None if po == ALLE else po,
        center_id=None if center == ALLE else center,
        vis=None if vis == ALLE else vis,
    )


def vaelg_indikator(indikator_id: str) -> None:
    """Open an indicator's trend (OVERSIGT: back to the list); a widget callback."""
    url.saet_param("indikator", indikator_id or None)
    tilstand.saet(tilstand.widget_noegle("indikator"), indikator_id)


def til_oversigt_knap() -> None:
    """ "← Alle afvigelser": back to the exception list."""
    st.button(
        "← Alle afvigelser", key="til_oversigt", on_click=vaelg_indikator, args=(OVERSIGT,),
        type="tertiary",
    )  # fmt: skip


# --- the list ----------------------------------------------------------------------------


@st.cache_resource(max_entries=8, show_spinner=False)
def alle_afvigelser(snapshot_id: str, aar: int, pr: date) -> pl.DataFrame:
    """The whole municipality's exception list for the goals of `aar` (indicators without a
    goal included), with names and placement (`indikatorer.placering`). Read-only."""
    s = data.load_snapshot(snapshot_id)
    aktive = beregning.aktive_maal(snapshot_id, aar).get_column("maal_id").implode()
    udv = ind.udvikling(s["indikatorer"], s["maalinger"], s["maal"], pr).filter(
        pl.col("maal_id").is_null() | pl.col("maal_id").is_in(aktive)
    )
    liste = ind.afvigelsesliste(udv, s["maal"])
    return ind.placering(
        liste, s["indikatorer"], s["maal"], s["organisation"], s["politikomraader"]
    )


def udsnit_filter(u: Udsnit) -> pl.Expr:
    """The rows of the exception list inside the selection."""
    betingelser = [pl.lit(True)]
    if u.udvalg is not None:
        betingelser.append(pl.col("udvalg") == u.udvalg)
    if u.politikomraade_id is not None:
        betingelser.append(pl.col("politikomraade_id") == u.politikomraade_id)
    if u.center_id is not None:
        betingelser.append(pl.col("center_id") == u.center_id)
    if u.vis is not None:
        betingelser.append(pl.col(u.vis))
    return pl.all_horizontal(betingelser).fill_null(False)


def _tal(x: float | None) -> str:
    if x is None:
        return "–"
    return fmt.tal(x, 0 if float(x).is_integer() or abs(x) >= 100 else 1)


def _fremdrift(r: Mapping[str, Any]) -> str:
    forventet = fmt.pct(r["forventet_fremdrift_pct"] or 0.0, 0)
    if r["fremdrift_pct"] is None:
        return f"under målet igen (forventet {forventet})"
    return f"{fmt.pct(r['fremdrift_pct'], 0)} (forventet {forventet})"


KOLONNER = (
    "Status", "Bevægelse", "Indikator", "Enhed", "Seneste", "Målværdi",
    "Fremdrift mod mål", "Seneste målinger", "Mål",
)  # fmt: skip
"""What the list shows: it fits a 1920 screen with the sidebar open (baseline and the
measurement's period are in the download and behind a click on the row; the period ends
"Seneste målinger")."""


def vist(df: pl.DataFrame) -> pl.DataFrame:
    """The list as the user reads it (Danish headers, text in the indicator's unit)."""
    rk = list(df.iter_rows(named=True))

    def i_enhed(kolonne: str) -> list[str]:
        return [fmt.vaerdi(r[kolonne], r["maaleenhed"] or "") for r in rk]

    kolonner = {
        "Status": [tema.status_tekst(r["status"]) for r in rk],
        "Bevægelse": [tema.BEVAEGELSE_TEKST.get(r["bevaeger_sig"] or "", "") for r in rk],
        "Indikator": [r["indikator_navn"] for r in rk],
        "Enhed": [r["enhed_navn"] or "–" for r in rk],
        "Seneste": i_enhed("seneste_vaerdi"),
        "Målværdi": i_enhed("maalvaerdi"),
        "Fremdrift mod mål": [_fremdrift(r) for r in rk],
        "Seneste målinger": [
            " → ".join(_tal(v) for v in (r["seneste_vaerdier"] or []))
            + (
                f" ({periode_tekst(r['seneste_periode'], r['frekvens'])})"
                if r["seneste_periode"]
                else ""
            )
            for r in rk
        ],
        "Mål": [r["maal_titel"] or "–" for r in rk],
    }
    return pl.DataFrame(kolonner, schema=dict.fromkeys(KOLONNER, pl.String()))


def eksport(df: pl.DataFrame) -> pl.DataFrame:
    """The list as downloaded: raw numbers, ids and the placement."""
    return df.select(
        pl.col("indikator_id").alias("Indikator-id"),
        pl.col("indikator_navn").alias("Indikator"),
        pl.col("enhed_id").alias("Enheds-id"),
        pl.col("enhed_navn").alias("Enhed"),
        pl.col("maaleenhed").alias("Måleenhed"),
        pl.col("retning").alias("Retning"),
        pl.col("seneste_vaerdi").alias("Seneste værdi"),
        pl.col("seneste_periode").alias("Seneste periode"),
        pl.col("udgangsvaerdi").alias("Baseline"),
        pl.col("maalvaerdi").alias("Målværdi"),
        pl.col("fremdrift_pct").alias("Fremdrift %"),
        pl.col("forventet_fremdrift_pct").alias("Forventet fremdrift %"),
        pl.col("efterslaeb_pct").alias("Bagud, procentpoint"),
        pl.col("seneste_vaerdier").list.eval(pl.element().cast(pl.String())).list.join(" → ")
        .alias("Seneste målinger"),
        pl.col("bevaeger_sig").replace_strict(dict(tema.BEVAEGELSE_TEKST), default="")
        .alias("Bevægelse"),
        tema.status_udtryk().alias("Status"),
        pl.col("maal_id").alias("Mål-id"),
        pl.col("maal_titel").alias("Mål"),
        pl.col("politikomraade_navn").alias("Politikområde"),
        pl.col("udvalg").alias("Udvalg"),
        pl.col("center_navn").alias("Center"),
    )  # fmt: skip


PRAESENTATION_ANTAL = 8
"""Rows shown in presentation mode (as a list in large type, not a wide table)."""
BEVAEGELSE_NAVNEFARVE: Mapping[str, str] = {
    "vaek_fra_maal": "red",
    "mod_maal": "green",
    "uaendret": "gray",
}


def punkt(r: Mapping[str, Any]) -> str:
    """One row of the list as a Markdown item: status and movement as coloured badges
    (icon + word + colour), the indicator and unit, then its figures."""
    e = r["maaleenhed"] or ""
    kode = r["status"] or "ikke_vurderet"
    maerker = [f":{tema.STATUS_NAVNEFARVE[kode]}-badge[{tema.status_tekst(kode)}]"]
    if r["bevaeger_sig"]:
        farve = BEVAEGELSE_NAVNEFARVE[r["bevaeger_sig"]]
        maerker.append(f":{farve}-badge[{tema.BEVAEGELSE_TEKST[r['bevaeger_sig']]}]")
    hvem = f"**{fmt.ren(r['indikator_navn'])}** · {fmt.ren(r['enhed_navn'] or '–')}"
    tal = (
        f"Seneste {fmt.vaerdi(r['seneste_vaerdi'], e)} · baseline "
        f"{fmt.vaerdi(r['udgangsvaerdi'], e)} · mål {fmt.vaerdi(r['maalvaerdi'], e)} · "
        f"fremdrift {_fremdrift(r)}"
    )
    return f"{' '.join(maerker)} {hvem}  \n{fmt.ren(tal)}"


@dataclass(frozen=True)
class Forberedt:
    """The exception list for one context and selection (read-only, shared by sessions)."""

    titel: str
    raekker: pl.DataFrame
    """indikator_id, enhed_id, maal_id per shown row (for links and the row click)."""
    tabel: tbl.Indhold
    eksport: pl.DataFrame
    antal_vaek: int
    antal_bagud: int
    punkter: tuple[str, ...] = ()
    """The first PRAESENTATION_ANTAL rows as Markdown items (presentation mode)."""

    @property
    def antal(self) -> int:
        return self.raekker.height


def titel(snapshot_id: str, u: Udsnit) -> str:
    """The selection in words: "Børne- og Ungeudvalget › Dagtilbud › Center …"."""
    dele = [u.udvalg] if u.udvalg else []
    if u.politikomraade_id:
        dele.append(politikomraade_valg(snapshot_id, None).get(u.politikomraade_id, ""))
    if u.center_id:
        dele.append(center_valg(snapshot_id).get(u.center_id, ""))
    return " › ".join(d for d in dele if d) or "Hele kommunen"


@st.cache_resource(max_entries=64, show_spinner=False)
def forbered(n: Noegle, u: Udsnit) -> Forberedt:
    """The prepared list for one context (snapshot, year, date) and selection."""
    df = alle_afvigelser(n.snapshot_id, n.aar, n.pr).filter(udsnit_filter(u))
    return Forberedt(
        titel=titel(n.snapshot_id, u),
        raekker=df.select("indikator_id", "enhed_id", "maal_id"),
        tabel=tbl.indhold(
            vist(df), farver={"Status": tbl.STATUSFARVER, "Bevægelse": BEVAEGELSESFARVER}
        ),
        eksport=eksport(df),
        antal_vaek=int(df["vaek_fra_maal"].sum()),
        antal_bagud=int((df["afvigelse"] == "bagud").sum()),
        punkter=tuple(punkt(r) for r in df.head(PRAESENTATION_ANTAL).iter_rows(named=True)),
    )


def optaelling(f: Forberedt) -> str:
    """ "12 afvigelser: 4 bevæger sig væk fra målet, 8 er bagud i forhold til tiden."."""
    return (
        f"{fmt.tal(f.antal)} {'afvigelse' if f.antal == 1 else 'afvigelser'}: "
        f"{fmt.tal(f.antal_vaek)} bevæger sig væk fra målet, {fmt.tal(f.antal_bagud)} er "
        "bagud i forhold til den del af målets periode, der er gået."
    )


LINK_KOLONNER: dict[str, Any] = {
    "Udvikling": st.column_config.LinkColumn(
        "Udvikling", display_text="Se udvikling", width="small"
    ),
    "Målkæden": st.column_config.LinkColumn("Målkæden", display_text="Se målet", width="small"),
}
SKJULT_I_PRAESENTATION = ("Fremdrift mod mål", "Seneste målinger", "Mål", *LINK_KOLONNER)
"""Columns left out in presentation mode (a click on a row still opens the trend)."""


def kolonner(praesentation: bool) -> dict[str, Any]:
    """Column settings: the link columns, long texts at a medium width (the full text on
    hover); in presentation mode fewer columns (hidden)."""
    ud: dict[str, Any] = {
        **LINK_KOLONNER,
        **{navn: {"width": "medium"} for navn in ("Indikator", "Mål")},
    }
    if praesentation:
        ud |= dict.fromkeys(SKJULT_I_PRAESENTATION)
    return ud


def med_links(f: Forberedt) -> tbl.Indhold:
    """The list with this session's links: the trend (keeping the shared parameters) and
    the goal on Målkæden (`maalkaeden?maal=<id>`)."""
    trend = [url.side_url("indikatorer", indikator=i) for i in f.raekker["indikator_id"]]
    maal = [url.side_url("maalkaeden", maal=m) if m else None for m in f.raekker["maal_id"]]
    return tbl.med_kolonne(tbl.med_kolonne(f.tabel, "Udvikling", trend), "Målkæden", maal)


def valg(f: Forberedt) -> tbl.Valg:
    """Row selection: a click on a row opens that indicator's trend on this page."""
    ids = f.raekker["indikator_id"].to_list()
    return tbl.Valg("afvigelse_valg", lambda i: vaelg_indikator(ids[i]))


def vis_liste(f: Forberedt, praesentation: bool, data_pr: date | None) -> None:
    """The list under its heading, with the count, links, downloads and footnote."""
    st.subheader(f"Indikatorer, der kræver opmærksomhed · {fmt.ren(f.titel)}")
    if f.antal == 0:
        st.success("Ingen indikatorer bevæger sig væk fra målet eller er bagud.", icon="✔")
        return
    st.caption(optaelling(f))
    if praesentation:
        st.markdown("\n".join(f"- {p}" for p in f.punkter))
        if f.antal > len(f.punkter):
            st.caption(
                f"De {len(f.punkter)} mest bagud af {fmt.tal(f.antal)}. Hele listen kan hentes "
                "uden præsentationstilstand."
            )
        return
    tbl.tabel(
        med_links(f),
        noegle="afvigelser",
        eksport_df=f.eksport,
        kolonneopsaetning=kolonner(praesentation),
        filnavn=("indikatorer", "afvigelser", data_pr),
        fodnote=None if praesentation else FODNOTE,
        valg=valg(f),
    )
