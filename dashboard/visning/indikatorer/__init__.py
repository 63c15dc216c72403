"""Prepared frames and figures for the Indikatorer page.

Two views: the opening view is the exception list (`afvigelser`, no indicator chosen);
choosing an indicator (`laes_indikator`, `?indikator=`) shows its trend, keyed by that
indicator (this module). Its *comparison* is every comparable series
(`modeller.sammenligning.sammenlignelige`: same name, unit and direction) measured in the
same centre as the indicator's own units; the kommune average is taken over the
comparable series of the whole municipality (`indikatorer.kommune_gennemsnit`). Trends,
status and distances come from `modeller.indikatorer.udvikling` (status is
`status.indikator_status`, the definition Målkæden uses); goal status from
`beregning.maal_status`. Under the trend: målinger reported after the snapshot (marked)
and "Indberet måling" for a logged-in user whose unit owns the indicator (`indberet`).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from babel.dates import format_date
from plotly.subplots import make_subplots

from dashboard import beregning, data
from dashboard.faelles import charts, tema, url
from dashboard.faelles import format as fmt
from dashboard.faelles import komponenter as komp
from dashboard.faelles import tabel as tbl
from dashboard.indberetning import adgang as ad
from dashboard.indberetning import formular as fm
from dashboard.indberetning import ovenpaa
from dashboard.skal import navigation, tilstand
from modeller import indikatorer as ind
from modeller.organisation import enhed_sti
from modeller.sammenligning import maal_politikomraade, sammenlignelige, status_pr_indikator

VISNINGER = {"maal": "Alle indikatorer for målet", "enhed": "Alle indikatorer for enheden"}
STANDARD_ANTAL = 5
MAKS_LINJER = 12
MAKS_SMAA = 9
BEVAEGELSE_TEKST = tema.BEVAEGELSE_TEKST
KOMMUNE_NAVN = "Kommunegennemsnit"


OVERSIGT = ""
"""The indicator selectbox's value for "no indicator chosen": the exception list."""


def laes_indikator(snapshot_id: str, valg_: dict[str, str], praesentation: bool) -> str | None:
    """The chosen indicator (the selectbox, bound to `?indikator=`), or None for the
    opening view, the exception list (`afvigelser`). `?maal=<id>` opens the goal's first
    indicator. An unknown value gives a Danish note and the exception list. In
    presentation mode the selectbox sits in the sidebar."""
    maal_id = url.laes_param("maal", maal_ids(snapshot_id), "mål")
    if maal_id and "indikator" not in st.query_params:
        foerste = foerste_indikator(snapshot_id, maal_id)
        if foerste:
            st.query_params["indikator"] = foerste
        else:
            komp.note("Målet har ingen indikatorer. Siden viser listen over afvigelser.")
    url.saet_param("maal", None)
    iid = url.valg_param(
        "indikator", "Indikator (skriv for at søge)",
        {OVERSIGT: "Alle afvigelser: indikatorer, der kræver opmærksomhed", **valg_},
        OVERSIGT, beskrivelse="indikator", sted=st.sidebar if praesentation else None,
    )  # fmt: skip
    return iid or None


def _esc(tekst: object) -> str:
    """Data text for Plotly labels: "<" and ">" shown literally."""
    return html.escape(str(tekst), quote=False)


def suffiks(maaleenhed: str) -> str:
    """Axis tick suffix for a unit: " %", " dage"; none for "antal"."""
    e = maaleenhed.strip()
    return "" if e in ("antal", "") else f" {e}"


def aendring(x: float | None, maaleenhed: str) -> str:
    """A signed change in the indicator's unit: "+2,5 %", "−1 dage"."""
    if x is None:
        return "–"
    dec = 0 if abs(x) >= 100 else 1
    enhed = " %-point" if maaleenhed.strip() == "%" else suffiks(maaleenhed)
    return f"{fmt.tal(round(x, dec), dec, fortegn=True)}{enhed}"


def periode_tekst(d: date, frekvens: str | None) -> str:
    """A period in Danish: "jan. 2026", "3. kvt. 2026", "2026"."""
    if frekvens == "kvartal":
        return f"{(d.month - 1) // 3 + 1}. kvt. {d.year}"
    if frekvens == "aar":
        return str(d.year)
    tekst: str = format_date(d, format="MMM y", locale=fmt.LOCALE)
    return tekst


# --- cached frames --------------------------------------------------------------------


@st.cache_data(max_entries=8, show_spinner=False)
def katalog(snapshot_id: str) -> pl.DataFrame:
    """Every indicator with its goal, unit and politikområde, and the selectbox label
    "Politikområde · [enhed ·] mål · indikator", sorted by label."""
    s = data.load_snapshot(snapshot_id)
    po = maal_politikomraade(s["maal"]).join(
        s["politikomraader"].select("politikomraade_id", pl.col("navn").alias("po_navn")),
        on="politikomraade_id",
        how="left",
    )
    maal = s["maal"].select(
        "maal_id", pl.col("titel").alias("maal_titel"), pl.col("enhed_id").alias("maal_enhed_id")
    )
    org = s["organisation"].select(
        pl.col("enhed_id").alias("maal_enhed_id"), pl.col("navn").alias("enhed_navn")
    )
    dele = [
        pl.col("po_navn").fill_null("Uden politikområde"),
        pl.col("enhed_navn"),
        pl.when(pl.col("maal_titel").str.len_chars() > 60)
        .then(pl.col("maal_titel").str.slice(0, 59) + "…")
        .otherwise(pl.col("maal_titel"))
        .fill_null("Uden mål"),
        pl.col("navn"),
    ]
    return (
        s["indikatorer"]
        .join(maal, on="maal_id", how="left")
        .join(po.select("maal_id", "po_navn"), on="maal_id", how="left")
        .join(org, on="maal_enhed_id", how="left")
        .with_columns(pl.concat_list(dele).list.drop_nulls().list.join(" · ").alias("etiket"))
        .sort("etiket", "indikator_id")
    )


def valg(snapshot_id: str) -> dict[str, str]:
    """indikator_id → selectbox label (truncated to stay readable)."""
    k = katalog(snapshot_id)
    return {
        i: (e if len(e) <= 200 else e[:199] + "…")
        for i, e in k.select("indikator_id", "etiket").iter_rows()
    }


def maal_ids(snapshot_id: str) -> set[str]:
    return set(data.load_snapshot(snapshot_id)["maal"].get_column("maal_id"))


def foerste_indikator(snapshot_id: str, maal_id: str) -> str | None:
    """The goal's first indicator (by indikator_id), or None."""
    ids = katalog(snapshot_id).filter(pl.col("maal_id") == maal_id).get_column("indikator_id")
    return min(ids) if len(ids) else None


def info(snapshot_id: str, indikator_id: str) -> dict[str, Any]:
    """The indicator's row of `katalog` as a dict."""
    return katalog(snapshot_id).filter(pl.col("indikator_id") == indikator_id).row(0, named=True)


def maal_status(snapshot_id: str, pr: date, maal_id: str) -> dict[str, Any] | None:
    """The goal's row of `beregning.maal_status` (the status Målkæden shows)."""
    ms = beregning.maal_status(snapshot_id, pr).filter(pl.col("maal_id") == maal_id)
    return ms.row(0, named=True) if ms.height else None


def status_kilde(rk: dict[str, Any]) -> str:
    """Where a goal status comes from, in Danish."""
    if rk["kilde"] == "vurdering":
        return f"vurderet {fmt.dato(rk['vurdering_dato'])}"
    if rk["kilde"] == "indikatorer":
        return "beregnet fra indikatorerne"
    return "ingen data"


@st.cache_data(max_entries=8, show_spinner=False)
def _udvikling(snapshot_id: str, pr: date) -> pl.DataFrame:
    s = data.load_snapshot(snapshot_id)
    return ind.udvikling(s["indikatorer"], s["maalinger"], s["maal"], pr)


@st.cache_data(max_entries=32, show_spinner=False)
def serier(snapshot_id: str, pr: date, indikator_id: str, kun_center: bool = True) -> pl.DataFrame:
    """The comparison's series (same centre, or kommune-wide) with their `udvikling`
    columns and the unit's name, farthest from target first."""
    s = data.load_snapshot(snapshot_id)
    m = s["maalinger"].filter(pl.col("periode") <= pr)
    sml = sammenlignelige(s["indikatorer"], m, s["organisation"], indikator_id)
    if kun_center:
        sml = sml.filter(pl.col("samme_center"))
    navne = enhed_sti(s["organisation"]).select("enhed_id", pl.col("navn").alias("enhed_navn"))
    return (
        sml.select("indikator_id", "enhed_id", "egen")
        .join(_udvikling(snapshot_id, pr), on=["indikator_id", "enhed_id"], how="inner")
        .join(navne, on="enhed_id", how="left")
        .with_columns(pl.col("enhed_navn").fill_null(pl.col("enhed_id")))
        .sort(["afstand_til_maal", "enhed_navn"], descending=[True, False], nulls_last=True)
    )


def enheds_valg(snapshot_id: str, pr: date, indikator_id: str) -> dict[str, str]:
    """enhed_id → name, for the unit filter (own units first, then by name)."""
    df = serier(snapshot_id, pr, indikator_id).sort(
        ["egen", "enhed_navn"], descending=[True, False]
    )
    return dict(df.select("enhed_id", "enhed_navn").iter_rows())


def standard_enheder(snapshot_id: str, pr: date, indikator_id: str) -> list[str]:
    """The indicator's own units, then the most deviating (`mest_afvigende`), up to 5."""
    df = serier(snapshot_id, pr, indikator_id)
    egne = df.filter(pl.col("egen")).get_column("enhed_id").sort().to_list()
    fremmede = ind.mest_afvigende(
        df.with_columns(pl.lit(indikator_id).alias("indikator_id")), indikator_id, len(df)
    )
    antal = max(STANDARD_ANTAL, min(len(egne), MAKS_LINJER))
    return (egne + [e for e in fremmede if e not in egne])[:antal]


def enheds_filter(indikator_id: str, valg_: dict[str, str], standard: list[str]) -> list[str]:
    """The unit multiselect (`?enheder=`), starting from `standard` for each indicator.

    Empty selection = all units of the comparison (at most MAKS_LINJER lines)."""
    wkey = tilstand.widget_noegle("enheder")
    if tilstand.hent(tilstand.INDIKATOR_FOR_ENHEDER) not in (None, indikator_id):
        tilstand.fjern(wkey)  # another indicator: its own default units
        if "enheder" in st.query_params:
            del st.query_params["enheder"]
    tilstand.saet(tilstand.INDIKATOR_FOR_ENHEDER, indikator_id)
    if "enheder" not in st.query_params and not tilstand.har(wkey):
        tilstand.saet(wkey, [e for e in standard if e in valg_])
    valgt = url.flere_param("enheder", "Enheder i grafen", valg_, beskrivelse="enheder")
    return valgt or list(valg_)[:MAKS_LINJER]


def _maalinger(snapshot_id: str, pr: date, par: pl.DataFrame) -> pl.DataFrame:
    """Measurements of the (indikator_id, enhed_id) pairs in `par`, with an empty vaerdi
    at every missing period (`indikatorer.huller`) so a chart shows gaps as gaps."""
    s = data.load_snapshot(snapshot_id)
    m = (
        s["maalinger"]
        .filter(pl.col("periode") <= pr)
        .join(par.select("indikator_id", "enhed_id"), on=["indikator_id", "enhed_id"], how="semi")
        .select("indikator_id", "enhed_id", "periode", "vaerdi")
    )
    hul = ind.huller(m, s["indikatorer"]).select(
        "indikator_id", "enhed_id", "periode", pl.lit(None, pl.Float64()).alias("vaerdi")
    )
    return pl.concat([m, hul]).sort("enhed_id", "indikator_id", "periode")


@st.cache_data(max_entries=32, show_spinner=False)
def trend(snapshot_id: str, pr: date, indikator_id: str, enheder: tuple[str, ...]) -> pl.DataFrame:
    """Series of the chosen units (gaps as empty values) plus the kommune average
    (enhed_id = indikatorer.KOMMUNE_ID) over the kommune-wide comparable series.
    Columns: enhed_id, enhed_navn, periode, vaerdi."""
    valgte = serier(snapshot_id, pr, indikator_id).filter(pl.col("enhed_id").is_in(list(enheder)))
    linjer = _maalinger(snapshot_id, pr, valgte).join(
        valgte.select("enhed_id", "enhed_navn"), on="enhed_id", how="left"
    )
    alle = _maalinger(snapshot_id, pr, serier(snapshot_id, pr, indikator_id, kun_center=False))
    snit = ind.kommune_gennemsnit(
        alle.drop_nulls("vaerdi").with_columns(pl.lit(indikator_id).alias("indikator_id")),
        indikator_id,
    ).select("indikator_id", "enhed_id", "periode", "vaerdi")
    s = data.load_snapshot(snapshot_id)
    snit_huller = ind.huller(snit, s["indikatorer"]).select(
        "indikator_id", "enhed_id", "periode", pl.lit(None, pl.Float64()).alias("vaerdi")
    )
    snit = (
        pl.concat([snit, snit_huller])
        .sort("periode")
        .with_columns(pl.lit(KOMMUNE_NAVN).alias("enhed_navn"))
    )
    kol = ["enhed_id", "enhed_navn", "periode", "vaerdi"]
    return pl.concat([linjer.select(kol), snit.select(kol)])


def trend_tabel(
    snapshot_id: str, pr: date, indikator_id: str, enheder: tuple[str, ...]
) -> pl.DataFrame:
    """The trend chart's figures as a table (nothing only on hover): one row per period,
    one column per line (units and the kommune average); empty = no measurement."""
    d = trend(snapshot_id, pr, indikator_id, enheder)
    frekvens = info(snapshot_id, indikator_id).get("frekvens")
    bred = d.pivot(on="enhed_navn", index="periode", values="vaerdi", aggregate_function="first")
    bred = bred.sort("periode")
    return bred.with_columns(
        pl.Series("periode", [periode_tekst(p, frekvens) for p in bred["periode"]])
    ).rename({"periode": "Periode"})


def vis_trend_tal(
    snapshot_id: str, pr: date, indikator_id: str, enheder: tuple[str, ...], maaleenhed: str
) -> None:
    """ "Tallene bag grafen": the trend table in an expander, downloadable."""
    with st.expander("Tallene bag grafen"):
        tal = trend_tabel(snapshot_id, pr, indikator_id, enheder)

        def i_enhed(x: float | None) -> str:
            return fmt.vaerdi(x, maaleenhed)

        tbl.tabel(
            tal,
            noegle="trend_tal",
            filnavn=("indikator", indikator_id, "udvikling", pr),
            formater=dict.fromkeys(tal.columns[1:], i_enhed),
        )


def indberet(k: tilstand.Kontekst, indikator_id: str, maaleenhed: str) -> None:
    """Målinger of the indicator reported after the snapshot, marked; then the form
    "Indberet måling" for a user whose units own the indicator (one caption why not for
    others when login is on; nothing without [auth])."""
    ovenpaa.vis_maalinger(k.snapshot, indikator_id, maaleenhed)
    a = fm.adgang_her(k)
    if not isinstance(a, ad.Adgang):
        fm.hvorfor_ikke(a)
    elif fm.indikator_enhed(k, indikator_id) not in a.enheder:
        fm.maaling_formular(k, a, indikator_id, sted="indikatorer")  # the caption why not
    else:
        aaben = fm.har_besked("indikatorer", "maaling", indikator_id)
        with st.expander("Indberet måling", icon=":material/edit_note:", expanded=aaben):
            fm.maaling_formular(k, a, indikator_id, sted="indikatorer")


def kommune_snit_seneste(snapshot_id: str, pr: date, indikator_id: str) -> float | None:
    """Mean of the latest values of all comparable series in the municipality."""
    v = serier(snapshot_id, pr, indikator_id, kun_center=False).get_column("seneste_vaerdi")
    return None if v.is_empty() else v.mean()  # type: ignore[return-value]


# --- figures ----------------------------------------------------------------------------


def _tidsakse(fig: go.Figure, perioder: list[date], frekvens: str | None, **kw: Any) -> None:
    unikke = sorted(set(perioder))
    trin = max(1, -(-len(unikke) // 8))
    vis = unikke[::trin]
    fig.update_xaxes(tickvals=vis, ticktext=[periode_tekst(d, frekvens) for d in vis], **kw)


def _maallinjer(fig: go.Figure, i: dict[str, Any], **kw: Any) -> None:
    sfx = suffiks(i["maaleenhed"])
    if i["maalvaerdi"] is not None:
        fig.add_hline(
            y=i["maalvaerdi"], line={"color": "#005A8C", "width": 2, "dash": "dot"},
            annotation_text=f"Mål {fmt.vaerdi(i['maalvaerdi'], i['maaleenhed'])}",
            annotation_position="top left", annotation_font={"size": 14, "color": "#005A8C"}, **kw,
        )  # fmt: skip
    if i["baseline"] is not None and kw.get("row") is None:
        fig.add_hline(
            y=i["baseline"], line={"color": "#8C8C8C", "width": 1.5, "dash": "dashdot"},
            annotation_text=f"Baseline {fmt.vaerdi(i['baseline'], i['maaleenhed'])}",
            annotation_position="bottom left", annotation_font={"size": 14, "color": "#595959"},
        )  # fmt: skip
    fig.update_yaxes(
        ticksuffix=sfx, **({"row": kw["row"], "col": kw["col"]} if "row" in kw else {})
    )


def plot_trend(
    snapshot_id: str, pr: date, indikator_id: str, enheder: tuple[str, ...]
) -> go.Figure:
    """The trend per unit with target and baseline lines and the kommune average."""
    i = info(snapshot_id, indikator_id)
    df = trend(snapshot_id, pr, indikator_id, enheder)
    sfx = suffiks(i["maaleenhed"])
    fig = go.Figure()
    navne = dict(serier(snapshot_id, pr, indikator_id).select("enhed_id", "enhed_navn").iter_rows())
    for n, e in enumerate([e for e in enheder if e in navne]):
        d = df.filter(pl.col("enhed_id") == e)
        fig.add_trace(_linje(d, _esc(navne[e]), tema.SERIEFARVER[n % len(tema.SERIEFARVER)], sfx))
    snit = df.filter(pl.col("enhed_id") == ind.KOMMUNE_ID)
    if snit.height:
        fig.add_trace(_linje(snit, KOMMUNE_NAVN, "#000000", sfx, dash="dash"))
    _maallinjer(fig, i)
    _tidsakse(fig, df.get_column("periode").to_list(), i["frekvens"])
    fig.update_layout(legend={"orientation": "h", "y": -0.15, "x": 0}, hovermode="closest")
    return charts.layout(fig, hoejde=480)


def _linje(d: pl.DataFrame, navn: str, farve: str, sfx: str, dash: str = "solid") -> go.Scatter:
    return go.Scatter(
        x=d.get_column("periode").to_list(),
        y=d.get_column("vaerdi").to_list(),
        name=navn,
        mode="lines+markers",
        connectgaps=False,
        line={"color": farve, "width": 3 if dash != "solid" else 2.5, "dash": dash},
        marker={"size": 8},
        hovertemplate=f"{navn}<br>%{{x|%d.%m.%Y}}: %{{y:,.1f}}{sfx}<extra></extra>",
    )


def smaa_indikatorer(
    snapshot_id: str, pr: date, indikator_id: str, visning: str
) -> tuple[str, pl.DataFrame]:
    """(heading, frame) for the small multiples: the goal's indicators (status per
    indicator as the goal rule computes it) or the unit's (status of its series).
    Columns: indikator_id, enhed_id (empty = all the indicator's series), status."""
    i = info(snapshot_id, indikator_id)
    s = data.load_snapshot(snapshot_id)
    if visning == "enhed":
        egne = serier(snapshot_id, pr, indikator_id).filter(pl.col("egen"))
        enhed = i["maal_enhed_id"] or (egne.get_column("enhed_id")[0] if egne.height else None)
        df = _udvikling(snapshot_id, pr).filter(pl.col("enhed_id") == enhed)
        navn = s["organisation"].filter(pl.col("enhed_id") == enhed).get_column("navn")
        titel = f"Alle indikatorer for {fmt.ren(navn[0]) if len(navn) else 'enheden'}"
        return titel, df.select("indikator_id", "enhed_id", "status").head(MAKS_SMAA)
    st_ = status_pr_indikator(s["maal"], s["indikatorer"], s["maalinger"], i["maal_id"] or "", pr)
    titel = f"Alle indikatorer for målet «{fmt.ren(i['maal_titel'] or '')}»"
    return titel, st_.select(
        "indikator_id", pl.lit(None, pl.String()).alias("enhed_id"), "status"
    ).head(MAKS_SMAA)


def plot_smaa(snapshot_id: str, pr: date, smaa: pl.DataFrame) -> go.Figure:
    """One small chart per indicator with its target line and a status label."""
    n = smaa.height
    kol = min(3, n)
    raekker = -(-n // kol)
    titler = []
    for iid, _, status in smaa.iter_rows():
        titler.append(f"{_esc(info(snapshot_id, iid)['navn'])}<br>{tema.status_tekst(status)}")
    fig = make_subplots(
        rows=raekker, cols=kol, subplot_titles=titler, vertical_spacing=0.22 / raekker * 2
    )
    for ann, status in zip(fig.layout.annotations, smaa.get_column("status"), strict=True):
        ann.font = {"size": 15, "color": tema.STATUS_TEKSTFARVE[status]}
    s = data.load_snapshot(snapshot_id)
    for nr, (iid, enhed, status) in enumerate(smaa.iter_rows()):
        r, c = nr // kol + 1, nr % kol + 1
        i = info(snapshot_id, iid)
        par = (
            s["maalinger"]
            .filter(pl.col("indikator_id") == iid)
            .select("indikator_id", "enhed_id")
            .unique()
        )
        maal_enhed = i["maal_enhed_id"]
        if enhed is not None:
            par = par.filter(pl.col("enhed_id") == enhed)
        elif maal_enhed is not None and par.filter(pl.col("enhed_id") == maal_enhed).height:
            par = par.filter(pl.col("enhed_id") == maal_enhed)
        m = _maalinger(snapshot_id, pr, par.head(5))
        for e in m.get_column("enhed_id").unique(maintain_order=True):
            d = m.filter(pl.col("enhed_id") == e)
            spor = _linje(d, _esc(e), tema.STATUS_FARVE[status], suffiks(i["maaleenhed"]))
            spor.showlegend = False
            fig.add_trace(spor, row=r, col=c)
        _maallinjer(fig, i, row=r, col=c)
        _tidsakse(fig, m.get_column("periode").to_list(), i["frekvens"], row=r, col=c)
    fig.update_layout(showlegend=False)
    charts.layout(fig, hoejde=300 * raekker + 40)
    fig.update_xaxes(tickfont={"size": 14})
    fig.update_yaxes(tickfont={"size": 14})
    fig.update_layout(margin={"t": 70})
    return fig


def tabel(snapshot_id: str, pr: date, indikator_id: str) -> pl.DataFrame:
    """One row per unit of the comparison, farthest from target first (raw numbers)."""
    df = serier(snapshot_id, pr, indikator_id)
    return df.select(
        pl.col("enhed_navn").alias("Enhed"),
        pl.col("seneste_vaerdi").alias("Seneste værdi"),
        fmt.dato_udtryk("seneste_periode").alias("Periode"),
        pl.col("aendring_forrige").alias("Ændring siden forrige"),
        pl.col("aendring_baseline").alias("Ændring siden baseline"),
        pl.col("maalvaerdi").alias("Mål"),
        pl.col("afstand_til_maal").alias("Afstand til mål"),
        pl.col("bevaeger_sig")
        .replace_strict(BEVAEGELSE_TEKST, default="–", return_dtype=pl.String())
        .alias("Udvikling"),
        tema.status_udtryk().alias("Status"),
    )


DIALOGMOEDE = "Dialogmøde"
LINK_KOLONNER: dict[str, Any] = {
    DIALOGMOEDE: st.column_config.LinkColumn(DIALOGMOEDE, display_text="Åbn oplæg", width="small")
}
"""column_config for `tabel_med_links`: each unit's Dialogmøde brief."""


def tabel_med_links(snapshot_id: str, pr: date, indikator_id: str) -> pl.DataFrame:
    """`tabel` plus a link to each unit's Dialogmøde brief (keeping the shared URL
    parameters); units without a brief (e.g. the kommune) get no link."""
    briefs = beregning.enhed_valg(snapshot_id)
    ids = serier(snapshot_id, pr, indikator_id).get_column("enhed_id").to_list()
    links = [url.side_url("dialogmoede", enhed=i) if i in briefs else None for i in ids]
    return tabel(snapshot_id, pr, indikator_id).with_columns(
        pl.Series(DIALOGMOEDE, links, dtype=pl.String())
    )


def afstand_tekst(x: float | None, maaleenhed: str) -> str:
    """Distance still to go (≤ 0 = reached)."""
    if x is None:
        return "–"
    return "✔ nået" if x <= 0 else fmt.vaerdi(x, maaleenhed)


def plot_sammenligning(snapshot_id: str, pr: date, indikator_id: str) -> go.Figure:
    """Latest value per unit of the comparison: bars coloured by status with the status
    word, the kommune average and the indicator's target as vertical lines."""
    i = info(snapshot_id, indikator_id)
    enhed = i["maaleenhed"]
    df = serier(snapshot_id, pr, indikator_id).drop_nulls("seneste_vaerdi")
    df = df.sort("seneste_vaerdi", descending=i["retning"] == "op")
    statusser = df.get_column("status").to_list()
    fig = go.Figure(
        go.Bar(
            x=df.get_column("seneste_vaerdi").to_list(),
            y=[_esc(n) for n in df.get_column("enhed_navn")],
            orientation="h",
            marker_color=[tema.STATUS_FARVE[s] for s in statusser],
            text=[
                f"{fmt.vaerdi(v, enhed)} · {tema.status_tekst(s)}"
                for v, s in zip(df.get_column("seneste_vaerdi"), statusser, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: %{{x:,.1f}}{suffiks(enhed)}<extra></extra>",
            showlegend=False,
        )
    )
    snit = kommune_snit_seneste(snapshot_id, pr, indikator_id)
    if snit is not None:
        fig.add_vline(
            x=snit, line={"color": "#000000", "dash": "dash", "width": 2},
            annotation_text=f"{KOMMUNE_NAVN} {fmt.vaerdi(snit, enhed)}",
            annotation_position="bottom left", annotation_font={"size": 14},
        )  # fmt: skip
    if i["maalvaerdi"] is not None:
        fig.add_vline(
            x=i["maalvaerdi"], line={"color": "#005A8C", "dash": "dot", "width": 2},
            annotation_text=f"Mål {fmt.vaerdi(i['maalvaerdi'], enhed)}",
            annotation_position="top right", annotation_font={"size": 14, "color": "#005A8C"},
        )  # fmt: skip
    hoejst = max([*df.get_column("seneste_vaerdi").to_list(), i["maalvaerdi"] or 0, snit or 0])
    fig.update_xaxes(ticksuffix=suffiks(enhed), range=[0, hoejst * 1.45 if hoejst > 0 else 1])
    fig.update_yaxes(autorange="reversed")
    charts.layout(fig, hoejde=max(280, 46 * df.height + 140))
    fig.update_layout(margin={"t": 60})
    return fig


def formater(maaleenhed: str) -> dict[str, Any]:
    """Column formatters for `tabel` in the indicator's unit."""

    def v(x: float | None) -> str:
        return fmt.vaerdi(x, maaleenhed)

    def a(x: float | None) -> str:
        return aendring(x, maaleenhed)

    return {
        "Seneste værdi": v,
        "Mål": v,
        "Ændring siden forrige": a,
        "Ændring siden baseline": a,
        "Afstand til mål": lambda x: afstand_tekst(x, maaleenhed),
    }


def vis_maal(snapshot_id: str, pr: date, i: dict[str, Any], praesentation: bool) -> None:
    """The indicator's goal with its status (as in Målkæden) and a link to Målkæden."""
    if not i["maal_id"]:
        return
    rk = maal_status(snapshot_id, pr, i["maal_id"])
    c1, c2 = st.columns([2, 1] if praesentation else [3, 1])
    kode = rk["status"] if rk else "ikke_vurderet"
    tekst = f":{tema.STATUS_NAVNEFARVE[kode]}[**{tema.status_tekst(kode)}**]"
    c1.markdown(f"**Mål:** {fmt.ren(i['maal_titel'])}  \n**Målets status:** {tekst}")
    if rk and not praesentation:
        c1.caption(f"Samme status som i Målkæden ({status_kilde(rk)}).")
    if (navigation.SIDER_DIR / "maalkaeden.py").exists():  # pages land one by one
        with c2:
            url.side_link(
                navigation.side("maalkaeden"),
                "Målet i Målkæden" if praesentation else "Se målet i Målkæden",
                ":material/account_tree:",
                maal=i["maal_id"],
            )
