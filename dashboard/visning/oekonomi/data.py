"""The Økonomi page's prepared view: rows, totals, table frames and figures per selection.

`forbered(noegle, udsnit)` computes everything the page shows for one selection once and
keeps it for every session (`st.cache_resource`: the prepared view is read-only, so it
is shared without copying). A rerun with the same selection only draws. All rules come
from `modeller.budget`; this module selects, rolls up (via `budget.rul_op`) and labels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import charts, tema
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.skal.tilstand import Noegle
from dashboard.visning.oekonomi import figurer
from dashboard.visning.oekonomi.udsnit import ID_KOLONNE, NIVEAU_OVERSKRIFT, Udsnit
from modeller import budget, organisation
from modeller.budget import Niveau, Taerskler
from modeller.tid import reference_dato

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


def _udvalg_po(snapshot_id: str, udvalg: str | None) -> list[str] | None:
    if udvalg is None:
        return None
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    return po.filter(pl.col("udvalg") == udvalg)["politikomraade_id"].to_list()


@st.cache_data(max_entries=64, show_spinner=False)
def raekker(snapshot_id: str, aar: int, pr: date, u: Udsnit) -> pl.DataFrame:
    """The rows of one drill level, rolled up with `budget.rul_op` and flagged with
    `budget.marker_afvigelser` (default thresholds). Level: politikområder at the top,
    centres within a politikområde, institutions within a centre."""
    s = data.load_snapshot(snapshot_id)
    rul = budget.rul_op(
        beregning.opfoelgning(snapshot_id, aar, pr, u.profil),
        s["organisation"],
        s["politikomraader"],
        u.niveau,
        udvalg=u.udvalg,
        politikomraade_id=u.politikomraade_id,
        center_id=u.center_id,
        budgettyper=list(u.budgettyper) or None,
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


def opfoelgning(n: Noegle, u: Udsnit) -> Opfoelgning:
    """Rows of the current level with `aendring_afvigelse_kr` (change in forventet
    afvigelse since the previous snapshot, via `budget.afvigelse_aendring`), sorted by
    name ("Uden center" last), optionally only the exceptions."""
    nu = raekker(n.snapshot_id, n.aar, n.pr, u)
    kol = ID_KOLONNE[u.niveau]
    forrige_total: float | None = None
    if n.forrige_id is not None:
        pr_foer = reference_dato(data.load_snapshot(n.forrige_id).manifest.data_as_of, n.aar)
        foer = raekker(n.forrige_id, n.aar, pr_foer, u)
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
    vist = nu.filter(pl.col("er_afvigelse")) if u.kun_afvigelser else nu
    total = budget.total(vist).row(0, named=True)
    return Opfoelgning(vist, total, udsnit, u.niveau, forrige_total)


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


def forrige_etiket(forrige_id: str | None) -> str | None:
    """How to name the previous snapshot in a sentence."""
    if forrige_id is None:
        return None
    m = data.load_snapshot(forrige_id).manifest
    return m.label or f"data pr. {fmt.dato(m.data_as_of)}"


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


def _filter_for(snapshot_id: str, u: Udsnit) -> tuple[list[str] | str | None, list[str] | None]:
    """(politikomraade filter, enhed filter) for the selection."""
    po: list[str] | str | None = u.politikomraade_id or _udvalg_po(snapshot_id, u.udvalg)
    enheder = None
    if u.center_id is not None:
        enheder = organisation.efterkommere(
            data.load_snapshot(snapshot_id)["organisation"], u.center_id
        )
    return po, enheder


def forloeb(snapshot_id: str, aar: int, u: Udsnit) -> pl.DataFrame:
    """`budget.maanedsforloeb` for the selection (a centre includes every unit below it)."""
    po, enheder = _filter_for(snapshot_id, u)
    s = data.load_snapshot(snapshot_id)
    return budget.maanedsforloeb(
        s["forbrug"],
        s["budget"],
        aar,
        u.profil,
        politikomraade_id=po,
        enhed_id=enheder,
        budgettyper=list(u.budgettyper) or None,
    )


def vandfald(snapshot_id: str, aar: int, u: Udsnit) -> pl.DataFrame:
    """`budget.vandfald` (oprindeligt → korrigeret budget) for the selection."""
    po, enheder = _filter_for(snapshot_id, u)
    return budget.vandfald(
        data.load_snapshot(snapshot_id)["budget"],
        aar,
        politikomraade_id=po,
        enhed_id=enheder,
        budgettyper=list(u.budgettyper) or None,
    )


def formater() -> dict[str, Callable[[Any], str]]:
    """Danish formatters for the shown table's columns."""
    ud: dict[str, Callable[[Any], str]] = {v: fmt.mio for k, v in _VIS_KOLONNER}
    ud["Forbrugsprocent"] = fmt.pct
    ud["Forventet afvigelse"] = lambda x: fmt.mio(x, fortegn=True)
    ud["Ændring siden forrige"] = lambda x: fmt.mio(x, fortegn=True)
    return ud


AFVIGELSE_FARVER = {
    tema.AFVIGELSE_TEKST[True]: tema.MERFORBRUG_FARVE,
    tema.AFVIGELSE_TEKST[False]: tema.MINDREFORBRUG_FARVE,
}


def indhold(vist: pl.DataFrame) -> tbl.Indhold:
    """The follow-up table formatted for showing (computed once per selection)."""
    return tbl.indhold(vist, formater=formater(), farver={AFVIGELSE: AFVIGELSE_FARVER})


@dataclass(frozen=True)
class Forberedt:
    """Everything the page shows for one selection (read-only, shared by sessions)."""

    o: Opfoelgning
    tabel: tbl.Indhold
    eksport: pl.DataFrame
    ids: list[str | None]
    aendring: str | None
    bullet: go.Figure
    forloeb_tal: pl.DataFrame
    forloeb: go.Figure
    vandfald: go.Figure


@st.cache_resource(max_entries=256, show_spinner=False)
def forbered(n: Noegle, u: Udsnit) -> Forberedt:
    """The prepared view for one selection, computed once per (context, selection)."""
    o = opfoelgning(n, u)
    vist, eksport_df, ids = tabel_frames(o)
    fl = forloeb(n.snapshot_id, n.aar, u)
    return Forberedt(
        o=o,
        tabel=indhold(vist),
        eksport=eksport_df,
        ids=ids,
        aendring=aendring_tekst(o, forrige_etiket(n.forrige_id)),
        bullet=charts.faerdig(figurer.plot_bullet(o.raekker, ID_KOLONNE[u.niveau])),
        forloeb_tal=figurer.forloeb_tabel(fl),
        forloeb=charts.faerdig(figurer.plot_forloeb(fl, n.aar, u.profil, o.udsnit)),
        vandfald=charts.faerdig(figurer.plot_vandfald(vandfald(n.snapshot_id, n.aar, u))),
    )
