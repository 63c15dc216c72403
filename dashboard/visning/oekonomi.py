"""Prepared frames, figures and drill controls for the Økonomi page.

The page answers "does each politikområde, centre and institution stay within its
frame?". It shows one level at a time: politikområder (top), the centres booking on one
politikområde, then the institutions of one centre. The position lives in the URL
(`?politikomraade=<id>&center=<id>`); filters too (`udvalg`, `budgettype`,
`kun_afvigelser`, `profil`). All rules come from `modeller.budget`; this module only
selects, rolls up (via `budget.rul_op`), labels and draws.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import charts, tema, url
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.skal import tilstand
from modeller import budget, organisation
from modeller.budget import Niveau, Profilmetode, Taerskler

ALLE = "alle"
PROFIL_VALG: dict[str, str] = {"lineaer": "Lineær", "sidste_aar": "Sidste års mønster"}
BUDGETTYPE_VALG: dict[str, str] = {
    "service": "Service",
    "indkomstoverfoersler": "Indkomstoverførsler",
    "anlaeg": "Anlæg",
}
NIVEAU_OVERSKRIFT: dict[str, str] = {
    "politikomraade": "Politikområde",
    "center": "Center",
    "institution": "Institution",
}
NIVEAU_FLERTAL: dict[str, str] = {
    "politikomraade": "politikområde",
    "center": "center",
    "institution": "institution",
}
ID_KOLONNE: dict[str, str] = {
    "politikomraade": "politikomraade_id",
    "center": "center_id",
    "institution": "enhed_id",
}
MERFORBRUG_FARVE = "#A63F00"  # dark orange, text on white (WCAG AA)
MINDREFORBRUG_FARVE = "#005A8C"  # dark blue
BUDGET_FARVE = "#C8C8C8"
FORBRUG_FARVE = "#0072B2"
REGNSKAB_FARVE = "#D55E00"
MAKS_SOEJLER = 25
"""At most this many rows in the bullet chart (the largest deviations)."""


def fortegn_note(t: Taerskler | None = None) -> str:
    """The sign convention and the exception thresholds, for table footnotes."""
    t = t or Taerskler()
    return (
        "Beløb i mio. kr. Fortegn: udgifter er positive, indtægter negative. Forventet "
        "afvigelse = forventet regnskab − korrigeret budget; positiv = merforbrug, negativ = "
        "mindreforbrug. Forventet overførsel (ud) = korrigeret budget − forventet regnskab. "
        f"Afvigelse (▲/▼): over {fmt.tal(t.kr / 1e6, 1)} mio. kr. eller over "
        f"{fmt.pct(t.pct, 0)} af korrigeret budget. Downloads indeholder beløb i hele kr."
    )


# --------------------------------------------------------------------------- position


@dataclass(frozen=True)
class Position:
    """Where the user is in the drill-down (ids validated against the snapshot)."""

    politikomraade_id: str | None = None
    politikomraade_navn: str | None = None
    center_id: str | None = None
    center_navn: str | None = None

    @property
    def niveau(self) -> Niveau:
        if self.center_id is not None:
            return "institution"
        if self.politikomraade_id is not None:
            return "center"
        return "politikomraade"

    @property
    def noegle(self) -> str:
        """A widget-key suffix unique to this position."""
        return f"{self.niveau}_{self.politikomraade_id or ''}_{self.center_id or ''}"

    @property
    def titel(self) -> str:
        """The selection in words: "Dagtilbud › Center for Børn og Unge"."""
        dele = [n for n in (self.politikomraade_navn, self.center_navn) if n]
        return " › ".join(dele) or "Alle politikområder"


def politikomraader(snapshot_id: str) -> dict[str, str]:
    """politikomraade_id → navn."""
    po = data.load_snapshot(snapshot_id)["politikomraader"].sort("navn")
    return dict(zip(po["politikomraade_id"], po["navn"], strict=True))


def centre(snapshot_id: str) -> dict[str, str]:
    """enhed_id → navn for every centre."""
    org = data.load_snapshot(snapshot_id)["organisation"].filter(pl.col("type") == "center")
    return dict(zip(org["enhed_id"], org["navn"], strict=True))


def udvalg_valg(snapshot_id: str) -> dict[str, str]:
    """URL value → label for the committee filter ("alle" first)."""
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    navne = sorted(u for u in po["udvalg"].unique().to_list() if u)
    return {ALLE: "Alle udvalg", **{u: u for u in navne}}


@dataclass(frozen=True)
class Filtre:
    """The page's filters (all in the URL)."""

    udvalg: str | None
    budgettyper: tuple[str, ...]
    profil: Profilmetode
    kun_afvigelser: bool


def filtre(snapshot_id: str, praesentation: bool) -> Filtre:
    """Draw the filters (in a row above the page; in the sidebar in presentation mode)."""
    sted = st.sidebar if praesentation else st.container(horizontal=True, gap="medium")
    udvalg = url.valg_param(
        "udvalg", "Udvalg", udvalg_valg(snapshot_id), ALLE, beskrivelse="udvalg", sted=sted
    )
    budgettyper = url.flere_param(
        "budgettype", "Budgettype", BUDGETTYPE_VALG, beskrivelse="budgettype", sted=sted
    )
    profil = url.valg_param(
        "profil", "Budgetprofil", PROFIL_VALG, "lineaer", beskrivelse="budgetprofil", sted=sted
    )
    kun = url.flag_param("kun_afvigelser", "Kun afvigelser", sted=sted)
    return Filtre(
        udvalg=None if udvalg == ALLE else udvalg,
        budgettyper=tuple(budgettyper),
        profil="sidste_aar" if profil == "sidste_aar" else "lineaer",
        kun_afvigelser=kun,
    )


def laes_position(snapshot_id: str) -> Position:
    """The drill position from the URL. An unknown id gives a note and the top level."""
    alle_po = politikomraader(snapshot_id)
    alle_c = centre(snapshot_id)
    ukendt_po = st.query_params.get("politikomraade") not in (None, "", *alle_po)
    po = url.laes_param("politikomraade", alle_po, "politikområde")
    c = url.laes_param("center", alle_c, "center")
    if ukendt_po or (c is not None and po is None):
        url.saet_param("center", None)  # an unknown politikområde: back to the top level
        c = None
    return Position(
        politikomraade_id=po,
        politikomraade_navn=alle_po.get(po) if po else None,
        center_id=c,
        center_navn=alle_c.get(c) if c else None,
    )


def gaa_til(politikomraade_id: str | None = None, center_id: str | None = None) -> None:
    """Move the drill position (a widget callback: writes the URL)."""
    url.saet_param("politikomraade", politikomraade_id)
    url.saet_param("center", center_id)


def _op(pos: Position) -> tuple[str | None, str | None]:
    if pos.center_id is not None:
        return pos.politikomraade_id, None
    return None, None


def broedkrumme(pos: Position, praesentation: bool = False) -> None:
    """Clickable breadcrumb "Alle politikområder › Dagtilbud › Center …" + "⬆ Op et niveau"."""
    trin: list[tuple[str, tuple[str | None, str | None]]] = [("Alle politikområder", (None, None))]
    if pos.politikomraade_id:
        trin.append(
            (pos.politikomraade_navn or pos.politikomraade_id, (pos.politikomraade_id, None))
        )
    if pos.center_id:
        trin.append((pos.center_navn or pos.center_id, (pos.politikomraade_id, pos.center_id)))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        for i, (label, maal) in enumerate(trin):
            sidste = i == len(trin) - 1
            if i:
                st.markdown("›")
            if sidste:
                st.markdown(f"**{fmt.ren(label)}**")
            else:
                st.button(label, key=f"krumme_{i}", type="tertiary", on_click=gaa_til, args=maal)
        if pos.niveau != "politikomraade":
            st.button("⬆ Op et niveau", key="op_et_niveau", on_click=gaa_til, args=_op(pos))
    if not praesentation and pos.niveau != "institution":
        st.caption(
            f"Klik på en række i tabellen eller en søjle i grafen for at se et "
            f"{'center' if pos.niveau == 'politikomraade' else 'centers institutioner'}."
        )


# --------------------------------------------------------------------------- rows


def reference_dato(snapshot_id: str, aar: int) -> date:
    """A snapshot's reference date for `aar` (its data date, capped to the year; the same
    rule as `tilstand.Kontekst.pr`)."""
    d = data.load_snapshot(snapshot_id).manifest.data_as_of or date(aar, 12, 31)
    return d if d.year <= aar else date(aar, 12, 31)


def _udvalg_po(snapshot_id: str, udvalg: str | None) -> list[str] | None:
    if udvalg is None:
        return None
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    return po.filter(pl.col("udvalg") == udvalg)["politikomraade_id"].to_list()


@st.cache_data(max_entries=64, show_spinner=False)
def raekker(
    snapshot_id: str,
    aar: int,
    pr: date,
    profil: Profilmetode,
    politikomraade_id: str | None,
    center_id: str | None,
    udvalg: str | None,
    budgettyper: tuple[str, ...],
) -> pl.DataFrame:
    """The rows of one drill level, rolled up with `budget.rul_op` and flagged with
    `budget.marker_afvigelser` (default thresholds). Level: politikområder at the top,
    centres within a politikområde, institutions within a centre."""
    s = data.load_snapshot(snapshot_id)
    pos = Position(politikomraade_id=politikomraade_id, center_id=center_id)
    rul = budget.rul_op(
        beregning.opfoelgning(snapshot_id, aar, pr, profil),
        s["organisation"],
        s["politikomraader"],
        pos.niveau,
        udvalg=udvalg,
        politikomraade_id=politikomraade_id,
        center_id=center_id,
        budgettyper=list(budgettyper) or None,
    )
    return budget.marker_afvigelser(rul)


@dataclass(frozen=True)
class Opfoelgning:
    """The follow-up at one position: rows (with change), their total, and the selection's
    total before the "kun afvigelser" filter (for the charts and key figures)."""

    raekker: pl.DataFrame
    total: dict[str, Any]
    udsnit: dict[str, Any]
    niveau: Niveau
    forrige_total_afvigelse: float | None


def opfoelgning(
    snapshot_id: str,
    forrige_id: str | None,
    aar: int,
    pr: date,
    profil: Profilmetode,
    pos: Position,
    udvalg: str | None,
    budgettyper: tuple[str, ...],
    kun_afvigelser: bool,
) -> Opfoelgning:
    """Rows of the current level with `aendring_afvigelse_kr` (change in forventet
    afvigelse since the previous snapshot, via `budget.afvigelse_aendring`), sorted by
    name ("Uden center" last), optionally only the exceptions."""
    args = (pos.politikomraade_id, pos.center_id, udvalg, budgettyper)
    nu = raekker(snapshot_id, aar, pr, profil, *args)
    kol = ID_KOLONNE[pos.niveau]
    forrige_total: float | None = None
    if forrige_id is not None:
        foer = raekker(forrige_id, aar, reference_dato(forrige_id, aar), profil, *args)
        aendring = budget.afvigelse_aendring(nu, foer, [kol]).select(
            kol, "forventet_afvigelse_foer_kr", "aendring_afvigelse_kr"
        )
        nu = nu.join(aendring, on=kol, how="left", nulls_equal=True)
        forrige_total = float(budget.total(foer)["forventet_afvigelse_kr"][0])
    else:
        nu = nu.with_columns(
            forventet_afvigelse_foer_kr=pl.lit(None, pl.Float64()),
            aendring_afvigelse_kr=pl.lit(None, pl.Float64()),
        )
    nu = nu.sort(pl.col(kol).is_null(), pl.col("navn"))
    udsnit = budget.total(nu).row(0, named=True)
    vist = nu.filter(pl.col("er_afvigelse")) if kun_afvigelser else nu
    total = budget.total(vist).row(0, named=True)
    return Opfoelgning(vist, total, udsnit, pos.niveau, forrige_total)


# --------------------------------------------------------------------------- table

_VIS_KOLONNER: tuple[tuple[str, str], ...] = (
    ("korrigeret_budget_kr", "Korrigeret budget"),
    ("forbrug_kr", "Forbrug til dato"),
    ("forbrugsprocent_pct", "Forbrugsprocent"),
    ("forventet_forbrug_kr", "Forventet regnskab"),
    ("forventet_afvigelse_kr", "Forventet afvigelse"),
    ("aendring_afvigelse_kr", "Ændring siden forrige"),
    ("oprindeligt_budget_kr", "Oprindeligt budget"),
    ("overfoersel_kr", "Overførsel (ind)"),
    ("forventet_overfoersel_ud_kr", "Forventet overførsel (ud)"),
)
"""Shown amount columns: the exception and the deviation first (readable at 1280 px
without scrolling), then the budget's origin and the carry-overs."""
_EKSPORT_EKSTRA: tuple[tuple[str, str], ...] = (
    ("tillaegsbevilling_kr", "Tillægsbevillinger"),
    ("omplacering_kr", "Omplaceringer"),
    ("periodiseret_budget_kr", "Periodiseret budget"),
    ("run_rate_kr", "Fremskrivning af forbrugstakt (ikke en prognose)"),
    ("afvigelse_pct", "Afvigelse %"),
)
I_ALT = "I alt"
AFVIGELSE = "Afvigelse"


def tabel_frames(o: Opfoelgning) -> tuple[pl.DataFrame, pl.DataFrame, list[str | None]]:
    """(shown table, export table, row ids): Danish headers, an "I alt" row last.

    The shown table keeps raw kr. (formatted by `formater()`); the export has the same
    numbers in kr. plus the ids and extra columns. `ids[i]` is the drill id of row i
    (None for "I alt" and for "Uden center").
    """
    niveau = o.niveau
    navn = NIVEAU_OVERSKRIFT[niveau]
    kol = ID_KOLONNE[niveau]
    total = {**o.total, "navn": I_ALT, "er_afvigelse": False}
    total["aendring_afvigelse_kr"] = o.raekker["aendring_afvigelse_kr"].sum()
    if o.raekker.height and o.raekker["aendring_afvigelse_kr"].null_count() == o.raekker.height:
        total["aendring_afvigelse_kr"] = None
    total["afvigelse_pct"] = (
        total["forventet_afvigelse_kr"] / abs(total["korrigeret_budget_kr"]) * 100.0
        if total.get("korrigeret_budget_kr")
        else None
    )
    felter = ["navn", *(["udvalg"] if niveau == "politikomraade" else [])]
    tal_kol = [k for k, _ in (*_VIS_KOLONNER, *_EKSPORT_EKSTRA)]
    rk = o.raekker.select(*felter, *tal_kol, "er_afvigelse")
    alle = pl.concat(
        [rk, pl.DataFrame([{k: total.get(k) for k in rk.columns}], schema=rk.schema)],
        how="vertical",
    ).with_columns(tema.afvigelse_udtryk().alias(AFVIGELSE))
    navne = {"navn": navn, "udvalg": "Udvalg", **dict(_VIS_KOLONNER), **dict(_EKSPORT_EKSTRA)}
    vist = alle.select("navn", AFVIGELSE, *(k for k, _ in _VIS_KOLONNER), *felter[1:]).rename(
        navne, strict=False
    )
    eksport_df = (
        alle.with_columns(pl.Series("id", [*o.raekker[kol].to_list(), None], dtype=pl.String()))
        .select("id", *felter, *tal_kol, AFVIGELSE)
        .rename({**{k: f"{v} (kr.)" for k, v in navne.items() if k.endswith("_kr")}, "id": "Id"})
        .rename({k: v for k, v in navne.items() if not k.endswith("_kr")}, strict=False)
    )
    ids: list[str | None] = [*o.raekker[kol].to_list(), None]
    return vist, eksport_df, ids


def formater() -> dict[str, Callable[[Any], str]]:
    """Danish formatters for the shown table's columns."""
    ud: dict[str, Callable[[Any], str]] = {v: fmt.mio for k, v in _VIS_KOLONNER}
    ud["Forbrugsprocent"] = fmt.pct
    ud["Forventet afvigelse"] = lambda x: fmt.mio(x, fortegn=True)
    ud["Ændring siden forrige"] = lambda x: fmt.mio(x, fortegn=True)
    return ud


def _afvigelse_farve(er_afvigelse: bool | None, afvigelse_kr: float | None) -> str:
    tekst = tema.afvigelse_tekst(er_afvigelse, afvigelse_kr)
    return _farve(tekst) or "#595959"


def _farve(tekst: str) -> str | None:
    if tekst.endswith("Merforbrug"):
        return MERFORBRUG_FARVE
    if tekst.endswith("Mindreforbrug"):
        return MINDREFORBRUG_FARVE
    return None


def _afvigelse_stil(vaerdi: object) -> str:
    farve = _farve(str(vaerdi))
    return f"color: {farve}; font-weight: 600" if farve else ""


def _total_stil(raekke: Any) -> list[str]:
    fed = "font-weight: 700; background-color: #F0F2F6"
    return [fed if raekke.iloc[0] == I_ALT else "" for _ in raekke]


def _drill(rid: str | None, pos: Position) -> None:
    if rid is None:
        return
    if pos.niveau == "politikomraade":
        gaa_til(rid, None)
    elif pos.niveau == "center":
        gaa_til(pos.politikomraade_id, rid)


def klik_callback(noegle: str, pos: Position) -> Callable[[], None] | str:
    """The on_select of a chart whose points carry the drill id as customdata
    ("ignore" at the institution level, where there is nothing below)."""
    if pos.niveau == "institution":
        return "ignore"

    def klik() -> None:
        punkter = tilstand.widget_haendelse(noegle)["selection"]["points"]
        if punkter:
            cd = punkter[0].get("customdata")
            _drill(cd[0] if isinstance(cd, list) and cd else cd, pos)

    return klik


def forrige_etiket(forrige_id: str | None) -> str | None:
    """How to name the previous snapshot in a sentence."""
    if forrige_id is None:
        return None
    m = data.load_snapshot(forrige_id).manifest
    return m.label or f"data pr. {fmt.dato(m.data_as_of)}"


DIALOGMOEDE = "Dialogmøde"


def vis_tabel(o: Opfoelgning, pos: Position, filnavn: tuple[str | int | date | None, ...]) -> None:
    """The follow-up table with row selection (drill), formatting and CSV/Excel export;
    at centre and institution level a link column to each unit's Dialogmøde brief."""
    vist, eksport_df, ids = tabel_frames(o)
    kolonner: dict[str, Any] = {
        v: st.column_config.Column(width=128) for _, v in _VIS_KOLONNER if v in vist.columns
    }
    kolonner[vist.columns[0]] = st.column_config.Column(width=190)
    kolonner["Udvalg"] = st.column_config.Column(width=165)
    kolonner[AFVIGELSE] = st.column_config.Column(width=140)
    kolonner["Ændring siden forrige"] = st.column_config.Column(width=155)
    kolonner["Forventet overførsel (ud)"] = st.column_config.Column(width=175)
    if pos.niveau != "politikomraade":
        links = [url.side_url("dialogmoede", enhed=i) if i else None for i in ids]
        vist = vist.with_columns(pl.Series(DIALOGMOEDE, links, dtype=pl.String()))
        kolonner[DIALOGMOEDE] = st.column_config.LinkColumn(
            DIALOGMOEDE, display_text="Åbn oplæg", width=110
        )
    tbl.tabel(
        vist,
        noegle="oekonomi",
        tabelnoegle=f"oek_tabel_{pos.noegle}",
        filnavn=filnavn,
        formater=formater(),
        stil={AFVIGELSE: _afvigelse_stil},
        raekkestil=_total_stil,
        hoejde=35 * min(vist.height + 1, 22) + 3,
        raekkehoejde=35,
        kolonneopsaetning=kolonner,
        eksport_df=eksport_df,
        fodnote=fortegn_note(),
        ved_valg=(lambda i: _drill(ids[i], pos)) if pos.niveau != "institution" else None,
    )


def aendring_tekst(o: Opfoelgning, forrige_etiket: str | None, n: int = 3) -> str | None:
    """A sentence naming the largest changes in forventet afvigelse since last snapshot
    (Markdown-escaped); None without a previous snapshot."""
    if o.forrige_total_afvigelse is None:
        return None
    total = o.udsnit["forventet_afvigelse_kr"] - o.forrige_total_afvigelse
    stoerste = (
        o.raekker.filter(pl.col("aendring_afvigelse_kr").abs() >= 50_000)
        .sort(pl.col("aendring_afvigelse_kr").abs(), descending=True)
        .head(n)
    )
    siden = f"Siden {fmt.ren(forrige_etiket or 'forrige opfølgning')}"
    start = (
        f"{siden} er den samlede forventede afvigelse ændret med {fmt.mio_kr(total, fortegn=True)}"
    )
    if stoerste.is_empty():
        return start + "; ingen rækker har ændret sig med mere end 0,05 mio. kr."
    dele = [
        f"{fmt.ren(r['navn'])} {fmt.mio_kr(r['aendring_afvigelse_kr'], fortegn=True)}"
        for r in stoerste.iter_rows(named=True)
    ]
    slut = "" if start.endswith(".") else "."
    return f"{start}{slut} Største ændringer: {', '.join(dele)} (plus = mod merforbrug)."


# --------------------------------------------------------------------------- charts


def _mio(x: float | None) -> float | None:
    return None if x is None else x / 1e6


def _etiket(tekst: str, maks: int = 34) -> str:
    """Data text for a chart label: shortened and with < > escaped."""
    t = tekst if len(tekst) <= maks else tekst[: maks - 1] + "…"
    return html.escape(t, quote=False)


def plot_bullet(o: Opfoelgning, pos: Position) -> go.Figure:
    """Bullet chart per row: grey bar korrigeret budget, blue bar forbrug til dato,
    a diamond for forventet regnskab and a tick for the expected share by now
    (periodiseret budget). Sorted by deviation (merforbrug on top); at most
    MAKS_SOEJLER rows (the largest |afvigelse|). customdata = the drill id."""
    kol = ID_KOLONNE[pos.niveau]
    df = (
        o.raekker.sort(pl.col("forventet_afvigelse_kr").abs(), descending=True)
        .head(MAKS_SOEJLER)
        .sort("forventet_afvigelse_kr")
    )
    y = [_etiket(n) for n in df["navn"]]
    ids = [[i] for i in df[kol].to_list()]
    tekst = [
        f"{_etiket(n, 60)}<br>Korrigeret budget: {fmt.mio_kr(k)}<br>Forbrug til dato: "
        f"{fmt.mio_kr(f)} ({fmt.pct(p)})<br>Forventet regnskab: {fmt.mio_kr(r)}<br>"
        f"Forventet afvigelse: {fmt.mio_kr(a, fortegn=True)}<br>Forventet andel nu: "
        f"{fmt.mio_kr(pb)}"
        for n, k, f, p, r, a, pb in df.select(
            "navn",
            "korrigeret_budget_kr",
            "forbrug_kr",
            "forbrugsprocent_pct",
            "forventet_forbrug_kr",
            "forventet_afvigelse_kr",
            "periodiseret_budget_kr",
        ).iter_rows()
    ]
    faelles: dict[str, Any] = {
        "y": y,
        "customdata": ids,
        "hovertext": tekst,
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    fig = go.Figure()
    fig.add_bar(
        x=[_mio(v) for v in df["korrigeret_budget_kr"]],
        orientation="h",
        name="Korrigeret budget",
        marker_color=BUDGET_FARVE,
        width=0.75,
        **faelles,
    )
    fig.add_bar(
        x=[_mio(v) for v in df["forbrug_kr"]],
        orientation="h",
        name="Forbrug til dato",
        marker_color=FORBRUG_FARVE,
        width=0.35,
        **faelles,
    )
    fig.add_scatter(
        x=[_mio(v) for v in df["periodiseret_budget_kr"]],
        mode="markers",
        name="Forventet forbrug til dato (budgetprofil)",
        marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": "#1A1A1A"}},
        **faelles,
    )
    fig.add_scatter(
        x=[_mio(v) for v in df["forventet_forbrug_kr"]],
        mode="markers",
        name="Forventet regnskab",
        marker={
            "symbol": "diamond",
            "size": 15,
            "color": REGNSKAB_FARVE,
            "line": {"width": 1.5, "color": "#FFFFFF"},
        },
        **faelles,
    )
    hoejre = [
        max(v for v in (k, f, r, 0.0) if v is not None)
        for k, f, r in df.select(
            "korrigeret_budget_kr", "forbrug_kr", "forventet_forbrug_kr"
        ).iter_rows()
    ]
    fig.add_scatter(
        x=[_mio(v) for v in hoejre],
        mode="text",
        text=[
            f"\u2002\u2002{tema.afvigelse_tekst(e, a)[:1]} {fmt.mio(a, fortegn=True)}"
            for e, a in df.select("er_afvigelse", "forventet_afvigelse_kr").iter_rows()
        ],
        textposition="middle right",
        textfont={
            "size": 15,
            "color": [
                _afvigelse_farve(e, a)
                for e, a in df.select("er_afvigelse", "forventet_afvigelse_kr").iter_rows()
            ],
        },
        name="Forventet afvigelse (mio. kr.)",
        showlegend=False,
        cliponaxis=False,
        **faelles,
    )
    fig.update_layout(
        barmode="overlay",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        clickmode="event+select",
    )
    fig.update_xaxes(title="mio. kr.", zeroline=True, zerolinecolor="#8C8C8C", tickformat=",.0f")
    fig.update_yaxes(automargin=True)
    return charts.layout(fig, hoejde=max(300, 120 + 38 * df.height))


def _filter_for(
    snapshot_id: str, pos: Position, udvalg: str | None
) -> tuple[list[str] | str | None, list[str] | None]:
    """(politikomraade filter, enhed filter) for the selection at `pos`."""
    po: list[str] | str | None = pos.politikomraade_id or _udvalg_po(snapshot_id, udvalg)
    enheder = None
    if pos.center_id is not None:
        enheder = organisation.efterkommere(
            data.load_snapshot(snapshot_id)["organisation"], pos.center_id
        )
    return po, enheder


@st.cache_data(max_entries=64, show_spinner=False)
def forloeb(
    snapshot_id: str,
    aar: int,
    profil: Profilmetode,
    politikomraade_id: str | None,
    center_id: str | None,
    udvalg: str | None,
    budgettyper: tuple[str, ...],
) -> pl.DataFrame:
    """`budget.maanedsforloeb` for the selection (a centre includes every unit below it)."""
    pos = Position(politikomraade_id=politikomraade_id, center_id=center_id)
    po, enheder = _filter_for(snapshot_id, pos, udvalg)
    s = data.load_snapshot(snapshot_id)
    return budget.maanedsforloeb(
        s["forbrug"],
        s["budget"],
        aar,
        profil,
        politikomraade_id=po,
        enhed_id=enheder,
        budgettyper=list(budgettyper) or None,
    )


MAANEDER = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def forloeb_tabel(df: pl.DataFrame) -> pl.DataFrame:
    """The monthly chart's figures as a table (so nothing is only on hover): month,
    cumulative forbrug this year and last year, and the budget profile, in kr."""
    return df.select(
        pl.col("maaned").replace_strict(dict(enumerate(MAANEDER, start=1))).alias("Måned"),
        pl.col("akkumuleret_forbrug_kr").alias("Forbrug i år, akkumuleret"),
        pl.col("akkumuleret_forbrug_sidste_aar_kr").alias("Forbrug sidste år, akkumuleret"),
        pl.col("budgetprofil_kr").alias("Budgetprofil, akkumuleret"),
    )


def plot_forloeb(df: pl.DataFrame, aar: int, profil: Profilmetode, o: Opfoelgning) -> go.Figure:
    """Cumulative forbrug this year vs last year vs the budget profile, month by month,
    with the forecast and the run-rate projection (marked as not a forecast) at December."""
    x = MAANEDER
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["korrigeret_budget_kr"]],
        mode="lines",
        name="Korrigeret budget",
        line={"color": "#8C8C8C", "width": 2},
        hovertemplate="Korrigeret budget: %{y:,.1f} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["budgetprofil_kr"]],
        mode="lines",
        name=f"Budgetprofil ({PROFIL_VALG[profil].lower()})",
        line={"color": "#1A1A1A", "width": 2, "dash": "dot"},
        hovertemplate="%{x}: budgetprofil %{y:,.1f} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["akkumuleret_forbrug_sidste_aar_kr"]],
        mode="lines",
        name=f"Forbrug {aar - 1}",
        line={"color": "#56B4E9", "width": 2, "dash": "dash"},
        hovertemplate=f"%{{x}} {aar - 1}: %{{y:,.1f}} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=[_mio(v) for v in df["akkumuleret_forbrug_kr"]],
        mode="lines+markers",
        name=f"Forbrug {aar}",
        line={"color": FORBRUG_FARVE, "width": 4},
        hovertemplate=f"%{{x}} {aar}: %{{y:,.1f}} mio. kr.<extra></extra>",
    )
    fig.add_scatter(
        x=["dec"],
        y=[_mio(o.udsnit["forventet_forbrug_kr"])],
        mode="markers",
        name="Forventet regnskab",
        marker={"symbol": "diamond", "size": 16, "color": REGNSKAB_FARVE},
        hovertemplate="Forventet regnskab: %{y:,.1f} mio. kr.<extra></extra>",
    )
    if o.udsnit.get("run_rate_kr") is not None:
        fig.add_scatter(
            x=["dec"],
            y=[_mio(o.udsnit["run_rate_kr"])],
            mode="markers",
            name="Fremskrivning af forbrugstakt (ikke en prognose)",
            marker={"symbol": "circle-open", "size": 16, "color": "#CC79A7", "line": {"width": 3}},
            hovertemplate="Fremskrivning af forbrugstakt (ikke en prognose): "
            "%{y:,.1f} mio. kr.<extra></extra>",
        )
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0})
    fig.update_yaxes(title="mio. kr. (akkumuleret)", rangemode="tozero", tickformat=",.0f")
    return charts.layout(fig, hoejde=460)


@st.cache_data(max_entries=64, show_spinner=False)
def vandfald(
    snapshot_id: str,
    aar: int,
    politikomraade_id: str | None,
    center_id: str | None,
    udvalg: str | None,
    budgettyper: tuple[str, ...],
) -> pl.DataFrame:
    """`budget.vandfald` (oprindeligt → korrigeret budget) for the selection."""
    pos = Position(politikomraade_id=politikomraade_id, center_id=center_id)
    po, enheder = _filter_for(snapshot_id, pos, udvalg)
    return budget.vandfald(
        data.load_snapshot(snapshot_id)["budget"],
        aar,
        politikomraade_id=po,
        enhed_id=enheder,
        budgettyper=list(budgettyper) or None,
    )


def plot_vandfald(df: pl.DataFrame) -> go.Figure:
    """Plotly waterfall from oprindeligt to korrigeret budget, in mio. kr."""
    y = [_mio(v) or 0.0 for v in df["beloeb_kr"]]
    fig = go.Figure(
        go.Waterfall(
            x=[t.replace(" ", "<br>") for t in df["label"]],
            y=y,
            measure=df["measure"].to_list(),
            text=[
                fmt.mio(v, fortegn=m == "relative")
                for v, m in zip(df["beloeb_kr"], df["measure"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            increasing={"marker": {"color": "#E69F00"}},
            decreasing={"marker": {"color": "#56B4E9"}},
            totals={"marker": {"color": "#595959"}},
            connector={"line": {"color": "#8C8C8C"}},
            hovertemplate="%{x}: %{y:,.1f} mio. kr.<extra></extra>",
        )
    )
    niveauer = list(itertools.accumulate(y[:-1]))
    lav, hoej = min(niveauer), max(niveauer)
    spaend = max(hoej - lav, abs(hoej) * 0.02, 1.0)
    fig.update_layout(showlegend=False)
    if lav > 0:  # a budget bridge: start the axis near the lowest level so steps show
        fig.update_yaxes(range=[max(0.0, lav - 2 * spaend), hoej + 1.2 * spaend])
    fig.update_yaxes(title="mio. kr.", tickformat=",.0f")
    fig.update_xaxes(tickangle=0)
    return charts.layout(fig, hoejde=400)
