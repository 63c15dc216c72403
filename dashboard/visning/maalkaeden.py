"""Prepared frames, figures and sections for the Målkæden page.

The page shows the goal cascade (vision → politik → politikområde → direktion → center →
institution) as an icicle chart of one focused goal and two levels below it, the same
cascade as an indented table, and the chosen goal's card. Statuses come from the shared
rule (`beregning.maal_status`); the filter keeps ancestors (`maal.filtrer`), and the
chart colours each goal by its status rolled up over the goals the filter shows, by the
roll-up rule in force (`modeller.statusregler`, maalstatus.toml; the goal's own status
stays beside it). The card shows the goal's politikområde's service frame and deviation,
a vurdering reported after the snapshot beside the snapshot's status (marked, never in
its place), and "Indberet vurdering" for a logged-in user whose units hold the goal.

A run does no frame query: it looks up two prepared, shared structures (`grundlag` per
snapshot and year: the filter options, the goal tree and rows as plain lookups;
`visning` per filters and chosen goal: chart, table, breadcrumb and card, every text
formatted) and draws them; only what belongs to the session (reports after the snapshot,
the form, links with the URL's parameters) is made on the run.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import charts, tema, url
from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.indberetning import adgang as ad
from dashboard.indberetning import formular as fm
from dashboard.indberetning import ovenpaa
from dashboard.skal import navigation, tilstand
from dashboard.skal.tilstand import Noegle
from modeller import indikatorer, maal, organisation, politikomraade, status, statusregler
from modeller.status import STATUS_TEKST
from modeller.statusregler import Statusregel
from modeller.tid import reference_dato

NIVEAU_TEKST = {
    "vision": "Vision",
    "politik": "Politik",
    "politikomraade": "Politikområde",
    "direktion": "Direktion",
    "center": "Center",
    "institution": "Institution",
}
ALLE = "alle"
AFVIGENDE = ("i_risiko", "ikke_paa_sporet")
"""Statuses shown by the toggle "kun mål der ikke er på sporet"."""
MAKS_NODER = 300
"""At most this many goals are drawn at once (else only one level below the focus)."""
MIN_HOEJDE, MAKS_HOEJDE = 360, 760
"""Chart height: 46 px per drawn leaf (room for a status line and a title line), capped."""
TOP_ID = "__top__"
"""Id of the synthetic root drawn when the filtered tree has several roots."""


# --- prepared frames ---------------------------------------------------------------------


def _pr_for(snapshot_id: str, aar: int) -> date:
    """The reference date of a snapshot for `aar` (`modeller.tid.reference_dato`)."""
    return reference_dato(data.find_manifest(snapshot_id).data_as_of, aar)


@st.cache_resource(max_entries=16, show_spinner=False)
def aendringer(snapshot_id: str, forrige_id: str | None, aar: int) -> pl.DataFrame:
    """Goals whose own status changed since the previous snapshot, with a Danish text."""
    tom = pl.DataFrame(schema={"maal_id": pl.String(), "aendring_tekst": pl.String()})
    if forrige_id is None:
        return tom
    nu = beregning.maal_status(snapshot_id, _pr_for(snapshot_id, aar))
    foer = beregning.maal_status(forrige_id, _pr_for(forrige_id, aar))
    rk = status.status_aendringer(nu, foer).filter(pl.col("aendring") != "fjernet")
    tekster = [
        "Nyt siden forrige datasæt"
        if r["aendring"] == "ny"
        else f"Ændret siden forrige datasæt: {tema.status_tekst(r['status_foer'])} → "
        f"{tema.status_tekst(r['status_nu'])}"
        for r in rk.iter_rows(named=True)
    ]
    return rk.select("maal_id").with_columns(pl.Series("aendring_tekst", tekster, pl.String()))


@st.cache_resource(max_entries=16, show_spinner=False)
def kaede(snapshot_id: str, pr: date, forrige_id: str | None, aar: int) -> pl.DataFrame:
    """Every goal with unit and area names, its own status (the shared rule), the latest
    assessment and the change since the previous snapshot."""
    s = data.load_snapshot(snapshot_id)
    st_ = beregning.maal_status(snapshot_id, pr).drop(
        "samlet_status", *[f"antal_{x}" for x in status.STATUSSER], "antal_i_alt"
    )
    enheder = s["organisation"].select("enhed_id", pl.col("navn").alias("enhed_navn"))
    omr = s["politikomraader"].select(
        "politikomraade_id", pl.col("navn").alias("politikomraade_navn")
    )
    return (
        s["maal"]
        .join(st_, on="maal_id", how="left")
        .with_columns(pl.col("status").fill_null("ikke_vurderet"))
        .join(enheder, on="enhed_id", how="left")
        .join(omr, on="politikomraade_id", how="left")
        .join(aendringer(snapshot_id, forrige_id, aar), on="maal_id", how="left")
    )


@dataclass(frozen=True)
class Filtre:
    """The page's filters as plain values (usable as a cache key)."""

    politik: str | None = None
    omraade: str | None = None
    enhed: str | None = None
    statusser: tuple[str, ...] = ()


NOEGLE_HASH = tilstand.repr_hash(Filtre)
"""`hash_funcs` of this page's caches (see `tilstand.repr_hash`)."""


@st.cache_resource(max_entries=64, show_spinner=False, hash_funcs=NOEGLE_HASH)
def filtreret(
    snapshot_id: str,
    pr: date,
    forrige_id: str | None,
    aar: int,
    f: Filtre,
    regel: Statusregel = statusregler.STANDARD,
) -> pl.DataFrame:
    """The goals matching the filters plus their ancestors (`maal.filtrer`), each with
    `samlet_status` rolled up over the goals shown by `regel`, `andel_paa_sporet_pct`
    and `antal_under` (all goals below)."""
    alle = kaede(snapshot_id, pr, forrige_id, aar)
    enheder = None
    if f.enhed is not None:
        enheder = organisation.efterkommere(
            data.load_snapshot(snapshot_id)["organisation"], f.enhed
        )
    df = maal.filtrer(
        alle,
        aar=aar,
        politik_id=f.politik,
        politikomraade_id=f.omraade,
        enhed_ids=enheder,
        statusser=f.statusser or None,
        status=alle.select("maal_id", "status"),
    )
    rul = status.rul_op_status(df, df.select("maal_id", "status"), regel).select(
        "maal_id",
        "samlet_status",
        "andel_paa_sporet_pct",
        (pl.col("antal_i_alt") - 1).alias("antal_under"),
        *[f"antal_{x}" for x in status.STATUSSER],
    )
    return df.join(rul, on="maal_id", how="left")


def valg(snapshot_id: str) -> dict[str, dict[str, str]]:
    """Options of the filters: politik goals, politikområder, units with goals."""
    s = data.load_snapshot(snapshot_id)
    m = s["maal"]
    pol = m.filter(pl.col("niveau") == "politik").sort("titel")
    org = s["organisation"].join(m.select("enhed_id").unique(), on="enhed_id", how="semi")
    return {
        "politik": {ALLE: "Alle politikker", **dict(pol.select("maal_id", "titel").iter_rows())},
        "omraade": {
            ALLE: "Alle politikområder",
            **dict(
                s["politikomraader"].sort("navn").select("politikomraade_id", "navn").iter_rows()
            ),
        },
        "enhed": {
            ALLE: "Alle enheder",
            **dict(org.sort("navn").select("enhed_id", "navn").iter_rows()),
        },
    }


@dataclass(frozen=True, eq=False)
class Grundlag:
    """What a run needs of every goal, as plain lookups built once per key (`grundlag`),
    read-only and shared: the filter options, the tree and each goal's row of `kaede`."""

    valg: Mapping[str, Mapping[str, str]]
    """The filters' options (`valg`)."""
    alle: maal.Graf
    """The tree of every goal."""
    raekker: Mapping[str, Mapping[str, Any]]
    """Every goal's row of `kaede`, by maal_id."""


@st.cache_resource(max_entries=16, show_spinner=False, hash_funcs=NOEGLE_HASH)
def grundlag(n: Noegle) -> Grundlag:
    """The `Grundlag` of the snapshot, year and previous snapshot in `n`."""
    df = kaede(n.snapshot_id, n.pr, n.forrige_id, n.aar)
    return Grundlag(
        valg=valg(n.snapshot_id),
        alle=maal.graf(df),
        raekker={str(r["maal_id"]): r for r in df.iter_rows(named=True)},
    )


def rod_for(vist: maal.Graf, valgt: str | None) -> str | None:
    """The goal the chart is drawn from: the chosen goal when it has goals below it among
    the goals shown (`vist`), else its parent (so a leaf is seen among its siblings);
    None = the top."""
    if valgt is None or valgt not in vist.ids:
        return None
    if vist.boern_af(valgt):
        return valgt
    kaeden = vist.kaede_op(valgt)
    return kaeden[-2] if len(kaeden) > 1 else valgt


# --- figure ------------------------------------------------------------------------------


def _etiket(titel: str, bredde: int = 26, linjer: int = 2) -> str:
    """A goal title shortened, wrapped and escaped for a Plotly label (no markup from data)."""
    dele = textwrap.wrap(titel, bredde, max_lines=linjer, placeholder=" …") or [""]
    return "<br>".join(html.escape(d, quote=False) for d in dele)


def _e(x: object) -> str:
    return html.escape(str(x), quote=False)


def _hover(r: dict[str, object]) -> str:
    e = _e
    dele = [
        "<b>" + "<br>".join(e(d) for d in textwrap.wrap(str(r["titel"]), 60, max_lines=3)) + "</b>",
        f"{NIVEAU_TEKST.get(str(r['niveau']), e(r['niveau']))}"
        + (f" · {e(r['enhed_navn'])}" if r.get("enhed_navn") else ""),
        f"Egen status: {tema.status_tekst(str(r['status']))}",
        f"Samlet (med undermål): {tema.status_tekst(str(r['samlet_status']))}",
    ]
    if r.get("antal_under"):
        dele.append(f"{fmt.tal(float(str(r['antal_under'])))} mål under dette")
        dele.append("Fordeling: " + _fordeling(r))
        if r.get("andel_paa_sporet_pct") is not None:
            dele.append(f"På sporet: {fmt.pct(float(str(r['andel_paa_sporet_pct'])), 0)}")
    if r.get("aendring_tekst"):
        dele.append(e(r["aendring_tekst"]))
    return "<br>".join(dele)


def _tegnet_under(noder: pl.DataFrame) -> dict[str, int]:
    """Per drawn goal: how many goals below it are drawn."""
    anc = maal.forfaedre(noder)
    return dict(anc.group_by("forfader_id").len().iter_rows())


def _fordeling(r: dict[str, object]) -> str:
    """The status counts over a goal and everything below it: "★ 5  ✔ 40  ⚠ 3  ✖ 12"
    (the rolled-up status comes from these by the rule in force; the counts show how
    many)."""
    dele = []
    for s in status.STATUSSER:
        antal = int(str(r.get(f"antal_{s}") or 0))
        if antal:
            dele.append(f"{tema.STATUS_IKON[s]} {fmt.tal(antal)}")
    return "  ".join(dele)


def plot_kaede(df: pl.DataFrame, rod: str | None, valgt: str | None) -> go.Figure:
    """Icicle of `rod` (None = the top) and two levels below it, at most MAKS_NODER goals.

    ids are goal ids, parents by id; colour and label (icon + word) by samlet_status; a
    goal with goals below the drawn levels says so in its label ("▸ 12 mål"). The
    chosen goal `valgt` gets a thick dark border. Text from data is HTML-escaped.
    """
    noder = maal.undertrae(df, rod, 2)
    if noder.height > MAKS_NODER:
        noder = noder.filter(pl.col("dybde") <= 1)
    rows = list(noder.iter_rows(named=True))
    flere_roedder = sum(r["dybde"] == 0 for r in rows) > 1
    tegnet = _tegnet_under(noder)
    punkter: list[dict[str, object]] = []
    if flere_roedder:
        punkter.append(
            {
                "id": TOP_ID,
                "parent": "",
                "label": "Alle mål",
                "text": "Alle mål",
                "farve": "#FFFFFF",
                "tekstfarve": "#111111",
                "hover": "Alle mål",
                "kant": 1,
                "kantfarve": "#8C8C8C",
            }
        )
    for r in rows:
        sam = str(r["samlet_status"] or "ikke_vurderet")
        foraelder = r["overordnet_maal_id"] if r["dybde"] > 0 else ""
        skjult = int(r["antal_under"] or 0) - tegnet.get(r["maal_id"], 0)
        navn = f"{r['enhed_navn']}: {r['titel']}" if r.get("enhed_navn") else str(r["titel"])
        titel = _etiket(navn, 34, 3 if r["dybde"] == 0 else 1)
        mere = f" · ▸ {fmt.tal(skjult)} mål" if skjult > 0 else ""
        andel = r.get("andel_paa_sporet_pct")
        if andel is not None and int(r["antal_under"] or 0) > 0:
            mere = f" · {fmt.pct(float(andel), 0)} på sporet{mere}"
        tekst = f"{tema.status_tekst(sam)}{mere}<br>{titel}"
        er_valgt = r["maal_id"] == valgt
        punkter.append(
            {
                "id": r["maal_id"],
                "parent": TOP_ID if flere_roedder and not foraelder else foraelder,
                "label": _etiket(str(r["titel"]), 60, 1),
                "text": tekst,
                "farve": tema.STATUS_FARVE.get(sam, tema.STATUS_FARVE["ikke_vurderet"]),
                "tekstfarve": "#FFFFFF" if sam == "opfyldt" else "#111111",
                "hover": _hover(r),
                "kant": 5 if er_valgt else 1,
                "kantfarve": "#111111" if er_valgt else "#FFFFFF",
            }
        )
    kol = {n: [p[n] for p in punkter] for n in punkter[0]} if punkter else {}
    fig = go.Figure(
        go.Icicle(
            ids=kol.get("id", []),
            parents=kol.get("parent", []),
            labels=kol.get("label", []),
            text=kol.get("text", []),
            texttemplate="%{text}",
            hovertext=kol.get("hover", []),
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                "colors": kol.get("farve", []),
                "line": {"width": kol.get("kant", []), "color": kol.get("kantfarve", [])},
            },
            textfont={"color": kol.get("tekstfarve", []), "size": 15},
            tiling={"orientation": "h", "pad": 0},
            leaf={"opacity": 1.0},
            pathbar={"visible": False},
            sort=False,
        )
    )
    fig.update_layout(uniformtext={"minsize": 14, "mode": "hide"})
    blade = sum(1 for r in rows if tegnet.get(r["maal_id"], 0) == 0)
    return charts.layout(fig, hoejde=max(MIN_HOEJDE, min(MAKS_HOEJDE, 46 * blade)))


def filtre(g: Grundlag) -> Filtre:
    """The filter widgets (sidebar), each bound to the URL; returns the chosen values."""
    v = g.valg
    with st.sidebar:
        st.subheader("Filtre for målkæden")
        pol = url.valg_param("politik", "Politik", v["politik"], ALLE, beskrivelse="politik")
        omr = url.valg_param(
            "omraade", "Politikområde", v["omraade"], ALLE, beskrivelse="politikområde"
        )
        enh = url.valg_param(
            "enhed", "Enhed (med underenheder)", v["enhed"], ALLE, beskrivelse="enhed"
        )
        if enh == ALLE:  # the shell remembers the shared unit; "Alle" clears it
            tilstand.fjern(tilstand.DELT_ENHED)
        statusser = url.flere_param(
            "status",
            "Status",
            {s: tema.status_tekst(s) for s in status.STATUSSER},
            beskrivelse="status",
        )
        afv = url.flag_param(
            "afvigende",
            "Kun mål der ikke er på sporet",
            hjaelp="Viser mål i risiko eller ikke på sporet, med kæden over dem.",
        )
    valgte = tuple(statusser) or status.STATUSSER
    if afv:
        valgte = tuple(s for s in valgte if s in AFVIGENDE)
    return Filtre(
        politik=None if pol == ALLE else pol,
        omraade=None if omr == ALLE else omr,
        enhed=None if enh == ALLE else enh,
        statusser=() if valgte == status.STATUSSER else (valgte or ("__ingen__",)),
    )


def valgt_maal(g: Grundlag) -> str | None:
    """The chosen goal from `?maal=` (unknown id: a note, the top)."""
    return url.laes_param("maal", g.alle.ids, "mål")


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=NOEGLE_HASH)
def figur(n: Noegle, f: Filtre, rod: str | None, valgt: str | None) -> go.Figure:
    """`plot_kaede` of the filtered cascade, built once per view and shared (finished)."""
    df = filtreret(n.snapshot_id, n.pr, n.forrige_id, n.aar, f, n.maalstatus)
    return charts.faerdig(plot_kaede(df, rod, valgt))


@st.cache_resource(max_entries=128, show_spinner=False, hash_funcs=NOEGLE_HASH)
def tabel_indhold(n: Noegle, f: Filtre, rod: str | None) -> tuple[tbl.Indhold, pl.DataFrame]:
    """The cascade table below `rod` formatted for showing, and its export (see `tabel`)."""
    vis, ud = tabel(filtreret(n.snapshot_id, n.pr, n.forrige_id, n.aar, f, n.maalstatus), rod)
    farver = {"Status": tbl.STATUSFARVER, "Samlet status": tbl.STATUSFARVER}
    return tbl.indhold(vis, farver=farver), ud


def forklaring(regel: Statusregel) -> str:
    """The chart's caption: what colour and label mean under the rule in force."""
    return (
        f"Farve og mærke viser målets samlede status ({statusregler.kort_beskrivelse(regel)}"
        "); målets egen status står i kortet og tabellen. Klik på et mål for at se det; "
        "klik på det yderste til venstre for at gå op."
    )


def fodnote(regel: Statusregel) -> str:
    """The table's footnote: own status, rolled-up status by the rule in force."""
    return (
        "Status: målets egen status. " + statusregler.beskrivelse(regel) + " Tabellen viser "
        "de samme mål som grafen; hentede filer har hele kæden."
    )


@st.cache_resource(max_entries=16, show_spinner=False, hash_funcs=NOEGLE_HASH)
def po_rammer(n: Noegle) -> dict[str, dict[str, object]]:
    """politikomraade_id → its service frame this year (`politikomraade.ramme` with the
    thresholds in force): korrigeret budget, forventet regnskab, afvigelse, er_afvigelse."""
    s = data.load_snapshot(n.snapshot_id)
    linjer = beregning.opfoelgning(n.snapshot_id, n.aar, n.pr, indstillinger=n.oekonomi)
    df = politikomraade.ramme(linjer, s["organisation"], s["politikomraader"], n.oekonomi.taerskler)
    return {str(r["politikomraade_id"]): r for r in df.iter_rows(named=True)}


def _po_for(g: Grundlag, valgt: str) -> str | None:
    """The goal's politikområde: its own, else the nearest goal above it with one (lower
    goals serve the area of the goal above them)."""
    for mid in reversed(g.alle.kaede_op(valgt)):
        po = g.raekker[mid]["politikomraade_id"]
        if po:
            return str(po)
    return None


def _ramme_tekst(n: Noegle, po: str | None) -> str | None:
    """The card's line on the politikområde's service frame and deviation (None: no
    politikområde or no frame)."""
    r = po_rammer(n).get(po) if po else None
    if r is None:
        return None
    afv = r["forventet_afvigelse_kr"]
    ord_ = tema.afvigelse_tekst(bool(r["er_afvigelse"]), afv) or "Inden for tærsklen"  # type: ignore[arg-type]
    hvad = "Regnskab" if r["er_regnskab"] else "Forventet regnskab"
    return (
        f"**Politikområdets ramme {n.aar}** ({fmt.ren(r['navn'])}, service): "
        f"korrigeret budget {fmt.mio_kr(r['korrigeret_budget_kr'])} · "  # type: ignore[arg-type]
        f"{hvad.lower()} {fmt.mio_kr(r['forventet_forbrug_kr'])} · "  # type: ignore[arg-type]
        f"afvigelse {fmt.mio_kr(afv, fortegn=True)} "  # type: ignore[arg-type]
        f"({fmt.pct(r['afvigelse_pct'], fortegn=True)}) · **{ord_}**"  # type: ignore[arg-type]
    )


# --- table -------------------------------------------------------------------------------


def tabel(df: pl.DataFrame, rod: str | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The cascade below `rod` (None = all) in depth-first order: (shown, exported).

    The table shows what the chart shows (`rod` and two levels below), to be read aloud
    beside it; the export holds the whole (filtered) cascade below `rod`."""
    alle = maal.indrykket(df, rod, sorter_efter="titel")
    rk = alle.filter(pl.col("dybde") <= 2)
    dybde = rk.get_column("dybde").to_list()
    vis = pl.DataFrame(
        {
            "Mål": [
                "\u2003" * d + ("└ " if d else "") + t
                for d, t in zip(dybde, rk["titel"], strict=True)
            ],
            "Niveau": [NIVEAU_TEKST.get(n, n) for n in rk["niveau"]],
            "Enhed": rk["enhed_navn"].fill_null("–").to_list(),
            "Status": [tema.status_tekst(s) for s in rk["status"]],
            "Samlet status": [tema.status_tekst(s) for s in rk["samlet_status"]],
            "Fordeling": [
                _fordeling(r) if (r["antal_under"] or 0) > 0 else ""
                for r in rk.iter_rows(named=True)
            ],
            "Tidsfrist": [fmt.dato(d) for d in rk["tidsfrist"]],
            "Ansvarlig": rk["ansvarlig"].fill_null("–").to_list(),
            "Ændring": rk["aendring_tekst"].fill_null("").to_list(),
        },
        schema={
            k: pl.String()
            for k in (
                "Mål",
                "Niveau",
                "Enhed",
                "Status",
                "Samlet status",
                "Fordeling",
                "Tidsfrist",
                "Ansvarlig",
                "Ændring",
            )
        },
    )
    ud = alle.select(
        pl.col("maal_id").alias("Mål-id"),
        pl.col("dybde").alias("Dybde"),
        pl.col("titel").alias("Mål"),
        pl.col("niveau").replace_strict(NIVEAU_TEKST, default=pl.col("niveau")).alias("Niveau"),
        pl.col("enhed_navn").alias("Enhed"),
        pl.col("status").replace_strict(STATUS_TEKST, default=pl.col("status")).alias("Status"),
        pl.col("samlet_status")
        .replace_strict(STATUS_TEKST, default=pl.col("samlet_status"))
        .alias("Samlet status"),
        pl.col("tidsfrist").alias("Tidsfrist"),
        pl.col("ansvarlig").alias("Ansvarlig"),
        pl.col("aendring_tekst").alias("Ændring"),
    )
    return vis, ud


# --- the view of one run -----------------------------------------------------------------


@dataclass(frozen=True)
class Knap:
    """A button that focuses a goal: the goal, its label and tooltip."""

    maal_id: str
    label: str
    hjaelp: str | None = None


@dataclass(frozen=True)
class Indikatorlinje:
    """One of the card's indicators, formatted (see `_indikatorer`)."""

    indikator_id: str
    tekst: str
    kilde: str
    figur: go.Figure | None
    """The trend sparkline (`tendens`), None with fewer than two values."""


@dataclass(frozen=True)
class Kort:
    """The chosen goal's card with every text formatted (`kort_indhold`), the same for
    every filter; what depends on the session is drawn by `kort`."""

    titel: str
    aendring: str | None
    beskrivelse: str | None
    succeskriterie: str | None
    fakta: str
    dialogmoede_enhed: str | None
    """The goal's unit when it has a Dialogmøde brief (the link), else None."""
    hvorfor: tuple[Knap, ...]
    hvordan: str
    boern: tuple[Knap, ...]
    flere: str | None
    ramme: str | None
    politikomraade: str | None
    indikatorer: tuple[Indikatorlinje, ...]
    vurdering: str | None
    """The latest assessment, None when the goal has none."""


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=NOEGLE_HASH)
def kort_indhold(n: Noegle, valgt: str) -> Kort:
    """The card of goal `valgt` (a goal of `kaede`), formatted once and shared."""
    g = grundlag(n)
    r = g.raekker[valgt]
    boern = g.alle.boern_af(valgt)
    po = _po_for(g, valgt)
    ramme = _ramme_tekst(n, po)
    vurdering = None
    if r["vurdering_dato"] is not None:
        vurdering = (
            f"**Seneste vurdering** {fmt.dato(r['vurdering_dato'])} af "
            f"{fmt.ren(r['vurderet_af'] or 'ukendt')}: "
            f"**{tema.status_tekst(r['vurdering_status'])}**"
            + (f"  \n{_linjer(r['vurdering_kommentar'])}" if r["vurdering_kommentar"] else "")
        )
    return Kort(
        titel=fmt.ren(r["titel"]),
        aendring=r["aendring_tekst"] or None,
        beskrivelse=(
            "**Beskrivelse**  \n" + _linjer(r["beskrivelse"]) if r["beskrivelse"] else None
        ),
        succeskriterie=(
            "**Succeskriterie**  \n" + _linjer(r["succeskriterie"]) if r["succeskriterie"] else None
        ),
        fakta=(
            f"**Ansvarlig:** {fmt.ren(r['ansvarlig'] or '–')}  \n"
            f"**Tidsfrist:** {fmt.dato(r['tidsfrist'])}  \n"
            f"**Enhed:** {fmt.ren(r['enhed_navn'] or '–')}  \n"
            f"**Politikområde:** {fmt.ren(r['politikomraade_navn'] or '–')}"
        ),
        dialogmoede_enhed=(
            str(r["enhed_id"])
            if r["enhed_id"] and r["enhed_id"] in beregning.enhed_valg(n.snapshot_id)
            else None
        ),
        hvorfor=tuple(
            Knap(
                mid,
                f"↑ {NIVEAU_TEKST.get(g.raekker[mid]['niveau'], '')}: "
                f"{fmt.ren(g.raekker[mid]['titel'], 70)}",
            )
            for mid in g.alle.kaede_op(valgt)[:-1]
        ),
        hvordan=f"**Hvordan** – {fmt.tal(len(boern))} mål under dette",
        boern=tuple(
            Knap(
                mid,
                f"{tema.status_tekst(g.raekker[mid]['status'])} · "
                f"{fmt.ren(g.raekker[mid]['titel'], 60)}",
            )
            for mid in boern[:12]
        ),
        flere=(
            f"… og {fmt.tal(len(boern) - 12)} flere (se tabellen nedenfor)."
            if len(boern) > 12
            else None
        ),
        ramme=ramme,
        politikomraade=po if ramme is not None else None,
        indikatorer=_indikatorlinjer(n, valgt),
        vurdering=vurdering,
    )


def _indikatorlinjer(n: Noegle, valgt: str) -> tuple[Indikatorlinje, ...]:
    ud = []
    for r in indikator_serier(n.snapshot_id, n.pr, valgt):
        enhed = str(r["maaleenhed"])
        vaerdier = r["vaerdier"]
        seneste = vaerdier[-1] if isinstance(vaerdier, list) and vaerdier else None
        ud.append(
            Indikatorlinje(
                indikator_id=str(r["indikator_id"]),
                tekst=f"{fmt.ren(r['navn'])}  \n**{fmt.vaerdi(seneste, enhed)}** af mål "
                f"{fmt.vaerdi(r['maalvaerdi'], enhed)} · {tema.status_tekst(str(r['status']))}",  # type: ignore[arg-type]
                kilde=f"Seneste værdi: {r['kilde']}.",
                figur=(
                    tendens(n.snapshot_id, n.pr, valgt, str(r["indikator_id"]))
                    if isinstance(vaerdier, list) and len(vaerdier) > 1
                    else None
                ),
            )
        )
    return tuple(ud)


@dataclass(frozen=True, eq=False)
class Visning:
    """Everything a run of the page draws for one key (`visning`), read-only and shared."""

    valgt: str | None
    """The chosen goal (None = the top)."""
    vist: maal.Graf
    """The tree of the goals the filters show."""
    valgt_vist: bool
    """Whether the chosen goal is among the goals shown."""
    rod: str | None
    """The goal the chart is drawn from (`rod_for`)."""
    figur: go.Figure | None
    """The chart (`figur`); None when no goal matches the filters."""
    tabel: tbl.Indhold
    eksport: pl.DataFrame
    fodnote: str
    forklaring: str
    krumme: tuple[Knap, ...]
    """The breadcrumb from the top down to the chosen goal."""
    statuslinje: str | None
    """The card's status line (own and rolled-up status, level); None without a goal."""
    kort: Kort | None


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=NOEGLE_HASH)
def _visning(n: Noegle, f: Filtre, valgt: str | None) -> Visning:
    g = grundlag(n)
    df = filtreret(n.snapshot_id, n.pr, n.forrige_id, n.aar, f, n.maalstatus)
    vist = maal.graf(df)
    rod = rod_for(vist, valgt)
    indhold, eksport = tabel_indhold(n, f, rod)
    statuslinje = None
    if valgt is not None:
        r = g.raekker[valgt]
        i_vist = df.filter(pl.col("maal_id") == valgt)
        samlet = i_vist["samlet_status"][0] if i_vist.height else r["status"]
        statuslinje = (
            f"**{tema.status_tekst(r['status'])}** · samlet med undermål: "
            f"**{tema.status_tekst(samlet)}** · {NIVEAU_TEKST.get(r['niveau'], r['niveau'])}"
        )
    return Visning(
        valgt=valgt,
        vist=vist,
        valgt_vist=valgt is not None and valgt in vist.ids,
        rod=rod,
        figur=figur(n, f, rod, valgt) if vist.ids else None,
        tabel=indhold,
        eksport=eksport,
        fodnote=fodnote(n.maalstatus),
        forklaring=forklaring(n.maalstatus),
        krumme=tuple(
            Knap(mid, "› " + fmt.ren(g.raekker[mid]["titel"], 28), fmt.ren(g.raekker[mid]["titel"]))
            for mid in (g.alle.kaede_op(valgt) if valgt else [])
        ),
        statuslinje=statuslinje,
        kort=kort_indhold(n, valgt) if valgt is not None else None,
    )


def visning(n: Noegle, f: Filtre, valgt: str | None) -> Visning:
    """The view of the filters `f` with goal `valgt` chosen, built once per key. A chosen
    goal outside the filters keeps its card; the chart then starts from the top, with a
    note."""
    v = _visning(n=n, f=f, valgt=valgt)  # by keyword: Streamlit then skips a signature lookup
    if valgt is not None and not v.valgt_vist:
        komp.note("Det valgte mål er ikke med i de valgte filtre. Grafen viser toppen af kæden.")
    return v


# --- sections ----------------------------------------------------------------------------


def fokuser(maal_id: str | None) -> None:
    """Callback: make `maal_id` the chosen goal (None = the top) in the URL."""
    url.saet_param("maal", maal_id)


def vaelg_fra_graf(ev: object, v: Visning) -> str | None:
    """The goal id clicked in the chart, or None. A click on the drawn root goes one
    level up (Plotly's own zoom-out tells the server nothing)."""
    punkter = (ev or {}).get("selection", {}).get("points", [])  # type: ignore[attr-defined]
    if not punkter:
        return None
    pid = punkter[0].get("id")
    if pid is None or pid == TOP_ID:
        return TOP_ID if pid == TOP_ID else None
    if pid == v.rod:
        kaeden = v.vist.kaede_op(pid)
        return kaeden[-2] if len(kaeden) > 1 else TOP_ID
    return str(pid)


def broedkrumme(v: Visning) -> None:
    """Buttons from the top down to the chosen goal, plus "⬆ Op et niveau"."""
    kaeden = v.krumme
    op = kaeden[-2].maal_id if len(kaeden) > 1 else None
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button("⬆ Op et niveau", key="op", on_click=fokuser, args=(op,), disabled=not kaeden)
        st.button("⌂ Top", key="krumme_top", on_click=fokuser, args=(None,), type="tertiary")
        for i, b in enumerate(kaeden):
            st.button(
                b.label,
                key=f"krumme_{i}",
                on_click=fokuser,
                args=(b.maal_id,),
                type="tertiary",
                disabled=b.maal_id == v.valgt,
                help=b.hjaelp,
            )


def _linjer(tekst: object) -> str:
    """Multi-line text from data, escaped, with its line breaks kept."""
    return "  \n".join(fmt.ren(x) for x in str(tekst).splitlines() if x.strip())


@st.cache_resource(max_entries=64, show_spinner=False)
def indikator_serier(snapshot_id: str, pr: date, maal_id: str) -> list[dict[str, object]]:
    """The goal's indicators: latest value vs target, status and the series for a trend.

    Series as in the status rule: the goal's own unit's series when it has one, else the
    municipal average (status then the worst of the units' series)."""
    s = data.load_snapshot(snapshot_id)
    m = s["maal"].filter(pl.col("maal_id") == maal_id)
    enhed = m.get_column("enhed_id")[0] if m.height else None
    ind = s["indikatorer"].filter(pl.col("maal_id") == maal_id).sort("indikator_id")
    mi = s["maalinger"].filter(
        pl.col("indikator_id").is_in(ind.get_column("indikator_id").implode())
        & (pl.col("periode") <= pr)
    )
    ist = status.indikator_status(ind, mi, s["maal"], pr)
    brugte = status.maalets_serier(ist, enhed)
    ud = []
    for r in ind.iter_rows(named=True):
        mine = brugte.filter(pl.col("indikator_id") == r["indikator_id"])
        stat = mine["status"].to_list()
        if mine["egen_serie"].any():
            serie = (
                mi.filter(
                    (pl.col("indikator_id") == r["indikator_id"]) & (pl.col("enhed_id") == enhed)
                )
                .sort("periode")
                .select("periode", "vaerdi")
            )
            kilde = "enhedens egne målinger"
        else:
            serie = indikatorer.kommune_gennemsnit(mi, r["indikator_id"]).select(
                "periode", "vaerdi"
            )
            kilde = "gennemsnit for kommunen"
        ud.append(
            {
                **r,
                "status": status.vaerste_status(stat),
                "kilde": kilde,
                "perioder": serie["periode"].to_list(),
                "vaerdier": serie["vaerdi"].to_list(),
            }
        )
    return ud


@st.cache_resource(max_entries=256, show_spinner=False)
def tendens(snapshot_id: str, pr: date, maal_id: str, indikator_id: str) -> go.Figure:
    """The trend sparkline of one of the goal's indicators, built once (finished)."""
    r = next(
        x for x in indikator_serier(snapshot_id, pr, maal_id) if x["indikator_id"] == indikator_id
    )
    return charts.faerdig(plot_tendens(r["perioder"], r["vaerdier"], r["maalvaerdi"]))  # type: ignore[arg-type]


def plot_tendens(perioder: list[date], vaerdier: list[float], maal_v: float | None) -> go.Figure:
    """A small trend line (sparkline) with the target as a dashed line."""
    fig = go.Figure(
        go.Scatter(
            x=perioder,
            y=vaerdier,
            mode="lines+markers",
            line={"color": "#0B5394", "width": 3},
            hovertemplate="%{x|%d.%m.%Y}: %{y:,.1f}<extra></extra>",
        )
    )
    if maal_v is not None:
        fig.add_hline(y=maal_v, line_dash="dash", line_color="#595959")
    charts.layout(fig, hoejde=110)
    fig.update_layout(showlegend=False, margin={"l": 4, "r": 4, "t": 6, "b": 6})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def kort(k: tilstand.Kontekst, v: Visning) -> None:
    """The chosen goal's card: text, chain up ("Hvorfor"), children ("Hvordan"),
    indicators with latest value vs target and trend, latest assessment."""
    c, valgt = v.kort, v.valgt
    if c is None or valgt is None or v.statuslinje is None:
        return
    with st.container(border=True):
        st.subheader(c.titel)
        st.markdown(v.statuslinje)
        if c.aendring:
            st.warning(c.aendring, icon="🔄")
        ovenpaa.vis_paa_maal(k.snapshot, valgt)  # reported after the snapshot, marked
        ve, h = st.columns([3, 2])
        with ve:
            if c.beskrivelse:
                st.markdown(c.beskrivelse)
            if c.succeskriterie:
                st.markdown(c.succeskriterie)
        with h:
            st.markdown(c.fakta)
            if c.dialogmoede_enhed is not None:
                url.side_link(
                    navigation.side("dialogmoede"),
                    "Enhedens dialogmøde-oplæg",
                    ikon=":material/forum:",
                    enhed=c.dialogmoede_enhed,
                )
        hv, hd = st.columns(2)
        with hv:
            st.markdown("**Hvorfor** – kæden op til visionen")
            for b in c.hvorfor:
                st.button(
                    b.label,
                    key=f"hvorfor_{b.maal_id}",
                    on_click=fokuser,
                    args=(b.maal_id,),
                    type="tertiary",
                )
        with hd:
            st.markdown(c.hvordan)
            for b in c.boern:
                st.button(
                    b.label,
                    key=f"hvordan_{b.maal_id}",
                    on_click=fokuser,
                    args=(b.maal_id,),
                    type="tertiary",
                )
            if c.flere:
                st.caption(c.flere)
        if c.ramme is not None:
            st.markdown(c.ramme)
            url.side_link(
                navigation.side("politikomraader"),
                "Se politikområdet",
                ikon=":material/account_balance:",
                politikomraade=str(c.politikomraade),
            )
        _indikatorer(c, valgt)
        if c.vurdering is not None:
            st.markdown(c.vurdering)
        else:
            st.caption("Målet er endnu ikke vurderet.")
        if not k.praesentation:
            _indberet(k, valgt)


def _indberet(k: tilstand.Kontekst, valgt: str) -> None:
    """The goal's form "Indberet vurdering" for a user who may report on its unit; one
    caption for others when login is on; nothing without [auth]."""
    a = fm.adgang_her(k)
    if not isinstance(a, ad.Adgang):
        fm.hvorfor_ikke(a)
    elif not fm.maa_vurdere(k, a, valgt):
        fm.vurdering_formular(k, a, valgt, sted="maalkaeden")  # the caption why not
    else:
        aaben = fm.har_besked("maalkaeden", "vurdering", valgt)
        with st.expander("Indberet vurdering", icon=":material/edit_note:", expanded=aaben):
            fm.vurdering_formular(k, a, valgt, sted="maalkaeden")


def _indikatorer(c: Kort, valgt: str) -> None:
    if not c.indikatorer:
        st.caption("Målet har ingen indikatorer.")
        return
    st.markdown("**Indikatorer**")
    for r in c.indikatorer:
        a, b, d = st.columns([3, 2, 2])
        a.markdown(r.tekst)
        a.caption(r.kilde)
        if r.figur is not None:
            with b:
                komp.vis(
                    r.figur,
                    config={**charts.CONFIG, "displayModeBar": False},
                    key=f"tendens_{r.indikator_id}",
                )
        with d:
            url.side_link(
                navigation.side("indikatorer"),
                "Se indikatoren",
                ikon=":material/trending_up:",
                indikator=r.indikator_id,
                maal=valgt,
            )
