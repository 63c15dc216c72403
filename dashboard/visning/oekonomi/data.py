"""The Økonomi page's prepared view: rows, totals, table frames and figures per selection.

`forbered(noegle, udsnit)` computes everything the page shows for one selection once and
keeps it for every session (`st.cache_resource`: the prepared view is read-only, so it
is shared without copying). A rerun with the same selection only draws. All rules come
from `modeller.budget`; this module selects, rolls up (via `budget.rul_op`) and labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import budgettabel, charts, tema
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.skal import tilstand
from dashboard.skal.tilstand import Noegle
from dashboard.visning.oekonomi import figurer
from dashboard.visning.oekonomi.udsnit import ID_KOLONNE, NIVEAU_OVERSKRIFT, Udsnit
from modeller import budget, styringsregler
from modeller.budget import Niveau
from modeller.styringsregler import Oekonomiindstillinger
from modeller.tid import reference_dato


def fodnote(
    ind: Oekonomiindstillinger,
    antal_mangler: int,
    regnskab_aar: int | None,
    navne: Mapping[str, str] | None = None,
    *,
    ramme: bool = False,
    budgetgaranti: bool = False,
    budgettyper: tuple[str, ...] = (),
) -> str:
    """The economy tables' footnote, generated from the settings in force. `navne`
    (politikomraade_id → navn) names the politikområder of overrides; `ramme` adds which
    money lies inside the frame (the udvalg level shows its frame); `budgetgaranti` names
    the politikområder under the budget guarantee (when the selection has one);
    `budgettyper` (the filter) says which kinds of money the rows contain."""
    dele = [
        "Beløb i mio. kr.",
        f"Rækkerne omfatter {typer_tekst(budgettyper)}"
        + ("." if len(budgettyper) == 1 else "; fordelingen på budgettyper står over tabellen."),
        styringsregler.fodnote_fortegn(),
        "Forventet overførsel (ud) = korrigeret budget − forventet regnskab.",
        styringsregler.fodnote_taerskler(ind),
    ]
    if ramme:
        dele.append(styringsregler.fodnote_budgettyper(ind, navne))
    dele.append(styringsregler.fodnote_overfoersel(ind, navne))
    if budgetgaranti:
        dele.append(styringsregler.fodnote_budgetgaranti(ind, navne))
    if regnskab_aar is not None:
        dele.append(styringsregler.fodnote_regnskab(regnskab_aar))
    if antal_mangler:
        dele.append(styringsregler.fodnote_mangler_prognose(antal_mangler))
    dele.append("Downloads indeholder beløb i hele kr.")
    return " ".join(d for d in dele if d)


def politikomraade_navne(snapshot_id: str) -> dict[str, str]:
    """politikomraade_id → navn (for the footnotes)."""
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    return dict(zip(po["politikomraade_id"], po["navn"], strict=True))


def _udvalg_po(snapshot_id: str, udvalg: str | None) -> list[str] | None:
    if udvalg is None:
        return None
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    return po.filter(pl.col("udvalg") == udvalg)["politikomraade_id"].to_list()


@st.cache_resource(max_entries=128, show_spinner=False)
def raekker(
    snapshot_id: str, aar: int, pr: date, u: Udsnit, ind: Oekonomiindstillinger
) -> pl.DataFrame:
    """The rows of one drill level, flagged with `budget.marker_afvigelser` (thresholds of
    the settings). Levels: udvalg (with its frame against its forecast, via
    `budget.udvalg_oversigt`), the udvalg's politikområder, the centres booking on a
    politikområde, a centre's institutions (`budget.rul_op`)."""
    s = data.load_snapshot(snapshot_id)
    linjer = beregning.opfoelgning(snapshot_id, aar, pr, u.profil, ind)
    typer = list(u.budgettyper) or None
    if u.niveau == "udvalg":
        rul = budget.udvalg_oversigt(linjer, s["politikomraader"], budgettyper=typer)
    else:
        rul = budget.rul_op(
            linjer,
            s["organisation"],
            s["politikomraader"],
            u.niveau,
            udvalg=u.udvalg,
            politikomraade_id=u.politikomraade_id,
            center_id=u.center_id,
            budgettyper=typer,
        )
    return budget.marker_afvigelser(rul, ind.taerskler)


@dataclass(frozen=True)
class Opfoelgning:
    """The follow-up at one position: rows (with change), their total, and the selection's
    total before the "kun afvigelser" filter (for the charts and key figures)."""

    raekker: pl.DataFrame
    total: Mapping[str, Any]
    udsnit: Mapping[str, Any]
    niveau: Niveau
    forrige_total_afvigelse: float | None


def opfoelgning(n: Noegle, u: Udsnit) -> Opfoelgning:
    """Rows of the current level with `aendring_afvigelse_kr` (change in forventet
    afvigelse since the previous snapshot, via `budget.afvigelse_aendring`), sorted by
    name ("Uden center" last), optionally only the exceptions."""
    nu = raekker(n.snapshot_id, n.aar, n.pr, u, n.oekonomi)
    kol = ID_KOLONNE[u.niveau]
    forrige_total: float | None = None
    if n.forrige_id is not None:
        pr_foer = reference_dato(data.load_snapshot(n.forrige_id).manifest.data_as_of, n.aar)
        foer = raekker(n.forrige_id, n.aar, pr_foer, u, n.oekonomi)
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
    udsnit = MappingProxyType(budget.total(nu).row(0, named=True))
    vist = nu.filter(pl.col("er_afvigelse")) if u.kun_afvigelser else nu
    total = MappingProxyType(budget.total(vist).row(0, named=True))
    return Opfoelgning(vist, total, udsnit, u.niveau, forrige_total)


_VIS_KOLONNER: tuple[tuple[str, str], ...] = (
    ("forventet_afvigelse_kr", "Forventet afvigelse"),
    ("korrigeret_budget_kr", "Korrigeret budget"),
    ("forventet_forbrug_kr", "Forventet regnskab"),
    ("forbrug_kr", "Forbrug til dato"),
    ("forbrugsprocent_pct", "Forbrugsprocent"),
    ("aendring_afvigelse_kr", "Ændring siden forrige"),
    ("oprindeligt_budget_kr", "Oprindeligt budget"),
    ("overfoersel_kr", "Overførsel (ind)"),
    ("forventet_overfoersel_ud_kr", "Forventet overførsel (ud)"),
)
"""Shown amount columns: the deviation beside its label (▲/▼ word), then budget and
forecast, with the forecast's explanation right after them (see `tabel_frames`; the
deviation stays visible at 1280 px in presentation mode's large type), then forbrug,
the frame, the change, the budget's origin and the carry-overs."""

_RAMME_KOLONNER: tuple[tuple[str, str], ...] = (
    ("ramme_korrigeret_budget_kr", "Ramme (i rammen)"),
    ("ramme_forventet_forbrug_kr", "Forventet i rammen"),
    ("ramme_forventet_afvigelse_kr", "Afvigelse mod rammen"),
    ("uden_for_ramme_forventet_afvigelse_kr", "Afvigelse uden for rammen"),
)
"""The udvalg level: its frame (service by default) against its forecast."""

_EKSPORT_EKSTRA: tuple[tuple[str, str], ...] = (
    ("tidsforskydning_kr", "Tidsforskydning (anlæg)"),
    ("antal_prognose_mangler", "Linjer uden prognose"),
    ("tillaegsbevilling_kr", "Tillægsbevillinger"),
    ("omplacering_kr", "Omplaceringer"),
    ("periodiseret_budget_kr", "Periodiseret budget"),
    ("run_rate_kr", "Fremskrivning af forbrugstakt (ikke en prognose)"),
    ("afvigelse_pct", "Afvigelse %"),
)

I_ALT = "I alt"

AFVIGELSE = "Afvigelse"

PROGNOSE = "Prognose"

FORKLARING = "Forklaring"

MANGLER = tema.MANGLER_PROGNOSE

I_ALT_NAVN = budget.I_ALT_NAVN
"""The key figures' label: a grand total says what it contains."""


def typer_tekst(budgettyper: tuple[str, ...]) -> str:
    """The budget types in words: "service, indkomstoverførsler og anlæg" for all
    (no filter), else e.g. "service og anlæg" or "kun anlæg"."""
    alle = styringsregler.BUDGETTYPE_NAVNE
    navne = [n.lower() for b, n in alle.items() if not budgettyper or b in budgettyper]
    tekst = ", ".join(navne[:-1]) + " og " + navne[-1] if len(navne) > 1 else navne[0]
    return f"kun {tekst}" if len(navne) == 1 else tekst


def i_alt_navn(budgettyper: tuple[str, ...]) -> str:
    """The grand total's label for the budget types shown: I_ALT_NAVN for all three,
    else e.g. "I alt (service og anlæg)"."""
    if not budgettyper or set(budgettyper) >= set(styringsregler.BUDGETTYPE_NAVNE):
        return I_ALT_NAVN
    return f"I alt ({typer_tekst(budgettyper).removeprefix('kun ')})"


def tabel_frames(o: Opfoelgning) -> tuple[pl.DataFrame, pl.DataFrame, list[str | None]]:
    """(shown table, export table, row ids): Danish headers, an "I alt" row last.

    The shown table keeps raw kr. (formatted by `formater()`); the export has the same
    numbers in kr. plus the ids and extra columns. `ids[i]` is the drill id of row i
    (None for "I alt" and for "Uden center"). Beside the deviation: the forecast's own
    explanation (`Forklaring`) and, for rows with lines without a forecast, "Mangler
    prognose". A closed year says "Regnskab" instead of "Forventet regnskab".
    """
    niveau = o.niveau
    navn = NIVEAU_OVERSKRIFT[niveau]
    kol = ID_KOLONNE[niveau]
    total = {**o.total, "navn": I_ALT, "er_afvigelse": False, "prognose_kommentar": None}
    total["aendring_afvigelse_kr"] = o.raekker["aendring_afvigelse_kr"].sum()
    if o.raekker.height and o.raekker["aendring_afvigelse_kr"].null_count() == o.raekker.height:
        total["aendring_afvigelse_kr"] = None
    total["afvigelse_pct"] = (
        total["forventet_afvigelse_kr"] / abs(total["korrigeret_budget_kr"]) * 100.0
        if total.get("korrigeret_budget_kr")
        else None
    )
    if niveau == "udvalg":
        for k, _ in _RAMME_KOLONNER:
            total[k] = o.raekker[k].sum()
    felter = ["navn", *(["udvalg"] if niveau == "politikomraade" else [])]
    ramme = list(_RAMME_KOLONNER) if niveau == "udvalg" else []
    vis_kol = [*_VIS_KOLONNER[:5], *ramme, *_VIS_KOLONNER[5:]]
    tal_kol = [k for k, _ in (*vis_kol, *_EKSPORT_EKSTRA)]
    rk = o.raekker.select(*felter, *tal_kol, "er_afvigelse", "prognose_kommentar")
    alle = pl.concat(
        [rk, pl.DataFrame([{k: total.get(k) for k in rk.columns}], schema=rk.schema)],
        how="vertical",
    ).with_columns(
        tema.afvigelse_udtryk().alias(AFVIGELSE),
        pl.when(pl.col("antal_prognose_mangler") > 0)
        .then(pl.lit(MANGLER))
        .otherwise(pl.lit(""))
        .alias(PROGNOSE),
        pl.col("prognose_kommentar").fill_null("").alias(FORKLARING),
    )
    navne = {"navn": navn, "udvalg": "Udvalg", **dict(vis_kol), **dict(_EKSPORT_EKSTRA)}
    if o.udsnit.get("er_regnskab"):
        navne["forventet_forbrug_kr"] = "Regnskab"
        navne["forventet_afvigelse_kr"] = "Afvigelse af regnskab"
    vist = alle.select(
        "navn", AFVIGELSE, *(k for k, _ in vis_kol[:3]), FORKLARING, PROGNOSE,
        *(k for k, _ in vis_kol[3:]), *felter[1:],
    ).rename(navne, strict=False)  # fmt: skip
    eksport_df = (
        alle.with_columns(pl.Series("id", [*o.raekker[kol].to_list(), None], dtype=pl.String()))
        .select("id", *felter, *tal_kol, AFVIGELSE, FORKLARING, PROGNOSE)
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
    stoerste = budget.stoerste_aendringer(o.raekker, n)
    siden = f"Siden {fmt.ren(forrige_etiket or 'forrige opfølgning')}"
    start = (
        f"{siden} er den samlede forventede afvigelse ændret med {fmt.mio_kr(total, fortegn=True)}"
    )
    if stoerste.is_empty():
        graense = fmt.mio_kr(budget.AENDRING_GRAENSE_KR, decimaler=2)
        return f"{start}; ingen rækker har ændret sig med mere end {graense}."
    dele = [
        f"{fmt.ren(r['navn'])} {fmt.mio_kr(r['aendring_afvigelse_kr'], fortegn=True)}"
        for r in stoerste.iter_rows(named=True)
    ]
    slut = "" if start.endswith(".") else "."
    return f"{start}{slut} Største ændringer: {', '.join(dele)} (plus = mod merforbrug)."


def filter_for(snapshot_id: str, u: Udsnit) -> tuple[list[str] | str | None, list[str] | None]:
    """(politikomraade filter, enhed filter) for the selection."""
    po: list[str] | str | None = u.politikomraade_id or _udvalg_po(snapshot_id, u.udvalg)
    enheder = None
    if u.center_id is not None:
        enheder = list(beregning.efterkommere(snapshot_id, u.center_id))
    return po, enheder


def forloeb(snapshot_id: str, aar: int, u: Udsnit) -> pl.DataFrame:
    """`budget.maanedsforloeb` for the selection (a centre includes every unit below it)."""
    po, enheder = filter_for(snapshot_id, u)
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
    po, enheder = filter_for(snapshot_id, u)
    return budget.vandfald(
        data.load_snapshot(snapshot_id)["budget"],
        aar,
        politikomraade_id=po,
        enhed_id=enheder,
        budgettyper=list(u.budgettyper) or None,
    )


def formater() -> dict[str, Callable[[Any], str]]:
    """Danish formatters for the shown table's columns."""
    ud: dict[str, Callable[[Any], str]] = {
        v: fmt.mio for k, v in (*_VIS_KOLONNER, *_RAMME_KOLONNER)
    }
    ud["Regnskab"] = fmt.mio
    ud["Forbrugsprocent"] = fmt.pct
    for afv in (
        "Forventet afvigelse",
        "Afvigelse af regnskab",
        "Ændring siden forrige",
        "Afvigelse mod rammen",
        "Afvigelse uden for rammen",
    ):
        ud[afv] = lambda x: fmt.mio(x, fortegn=True)
    return ud


def _i(kolonne: str, vaerdi: list[str] | str) -> pl.Expr:
    return pl.col(kolonne).is_in(vaerdi if isinstance(vaerdi, list) else [vaerdi])


def indhold(vist: pl.DataFrame) -> tbl.Indhold:
    """The follow-up table formatted for showing (computed once per selection)."""
    return tbl.indhold(
        vist,
        formater=formater(),
        farver={
            AFVIGELSE: tema.AFVIGELSE_FARVER,
            PROGNOSE: tema.MANGLER_FARVER,
        },
    )


def _linjer(n: Noegle, u: Udsnit) -> pl.DataFrame:
    """The follow-up lines of the selection (all levels below the position)."""
    po, enheder = filter_for(n.snapshot_id, u)
    linjer = beregning.opfoelgning(n.snapshot_id, n.aar, n.pr, u.profil, n.oekonomi)
    if po is not None:
        linjer = linjer.filter(
            pl.col("politikomraade_id").is_in(po if isinstance(po, list) else [po])
        )
    if enheder is not None:
        linjer = linjer.filter(pl.col("enhed_id").is_in(enheder))
    if u.budgettyper:
        linjer = linjer.filter(pl.col("budgettype").is_in(list(u.budgettyper)))
    return linjer


ANLAEG_VIST: tuple[tuple[str, str], ...] = (
    ("navn", "Projekt"),
    ("anlaegsbevilling_kr", "Anlægsbevilling"),
    ("raadighedsbeloeb_kr", "Rådighedsbeløb i år"),
    ("forbrug_kr", "Forbrug i år"),
    ("forbrug_i_alt_kr", "Forbrug i alt"),
    ("forventet_forbrug_kr", "Forventet i år"),
    ("tidsforskydning_kr", "Tidsforskydning"),
    ("prognose_kommentar", "Forklaring"),
)


def anlaeg(n: Noegle, u: Udsnit, linjer: pl.DataFrame) -> tuple[tbl.Indhold, pl.DataFrame]:
    """Anlæg per project in the selection: bevilling, rådighedsbeløb, forbrug this year and
    in total, forecast, tidsforskydning and the forecast's explanation: (shown, export)."""
    s = data.load_snapshot(n.snapshot_id)
    alle = budget.anlaeg_pr_projekt(
        linjer.filter(pl.col("budgettype") == "anlaeg"),
        s["anlaegsprojekter"],
        s["forbrug"],
        n.aar,
        n.pr,
    )
    po, enheder = filter_for(n.snapshot_id, u)
    if po is not None:
        alle = alle.filter(_i("politikomraade_id", po))
    if enheder is not None:
        alle = alle.filter(pl.col("enhed_id").is_in(enheder))
    if u.budgettyper and "anlaeg" not in u.budgettyper:
        alle = alle.head(0)
    navne = dict(ANLAEG_VIST)
    vist = (
        alle.select(k for k, _ in ANLAEG_VIST)
        .with_columns(
            pl.when(alle["prognose_mangler"])
            .then(pl.lit(MANGLER))
            .otherwise(pl.col("prognose_kommentar").fill_null(""))
            .alias("prognose_kommentar")
        )
        .rename(navne)
    )
    fmt_: dict[str, Callable[[Any], str]] = {
        v: fmt.mio for k, v in ANLAEG_VIST if k.endswith("_kr")
    }
    eksport = alle.rename({k: f"{v} (kr.)" if k.endswith("_kr") else v for k, v in navne.items()})
    return tbl.indhold(vist, formater=fmt_), eksport


@dataclass(frozen=True)
class Forberedt:
    """Everything the page shows for one selection (read-only, shared by sessions)."""

    o: Opfoelgning
    tabel: tbl.Indhold
    eksport: pl.DataFrame
    ids: list[str | None]
    fodnote: str
    fordeling: tbl.Indhold
    fordeling_eksport: pl.DataFrame
    anlaeg: tbl.Indhold
    anlaeg_eksport: pl.DataFrame
    aendring: str | None
    i_alt_navn: str
    bullet: go.Figure
    forloeb_tal: pl.DataFrame
    forloeb_tabel: tbl.Indhold
    forloeb: go.Figure
    vandfald: go.Figure


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=tilstand.repr_hash(Udsnit))
def forbered(n: Noegle, u: Udsnit) -> Forberedt:
    """The prepared view for one selection, computed once per (context, selection)."""
    o = opfoelgning(n, u)
    vist, eksport_df, ids = tabel_frames(o)
    fl = forloeb(n.snapshot_id, n.aar, u)
    linjer = _linjer(n, u)
    regnskab = bool(o.udsnit.get("er_regnskab"))
    fordeling_vist, fordeling_eksport = budgettabel.fordeling(
        linjer, regnskab, u.budgettyper, i_alt_navn(u.budgettyper)
    )
    anlaeg_vist, anlaeg_eksport = anlaeg(n, u, linjer)
    mangler = int(o.udsnit.get("antal_prognose_mangler") or 0)
    forloeb_tal = figurer.forloeb_tabel(fl)
    return Forberedt(
        o=o,
        tabel=indhold(vist),
        eksport=eksport_df,
        ids=ids,
        fodnote=fodnote(
            n.oekonomi,
            mangler,
            n.aar if regnskab else None,
            politikomraade_navne(n.snapshot_id),
            ramme=u.niveau == "udvalg",
            budgetgaranti=bool(o.udsnit.get("budgetgaranti")),
            budgettyper=u.budgettyper,
        ),
        fordeling=fordeling_vist,
        fordeling_eksport=fordeling_eksport,
        anlaeg=anlaeg_vist,
        anlaeg_eksport=anlaeg_eksport,
        aendring=aendring_tekst(o, forrige_etiket(n.forrige_id)),
        i_alt_navn=i_alt_navn(u.budgettyper),
        bullet=charts.faerdig(figurer.plot_bullet(o.raekker, ID_KOLONNE[u.niveau])),
        forloeb_tal=forloeb_tal,
        forloeb_tabel=tbl.indhold(
            forloeb_tal, formater=dict.fromkeys(forloeb_tal.columns[1:], fmt.mio)
        ),
        forloeb=charts.faerdig(figurer.plot_forloeb(fl, n.aar, u.profil, o.udsnit)),
        vandfald=charts.faerdig(figurer.plot_vandfald(vandfald(n.snapshot_id, n.aar, u))),
    )
