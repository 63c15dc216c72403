"""Shared UI: URL parameters, the page header, status badges and downloadable tables.

Every filter and drill position lives in the URL. The helpers here read a query
parameter, validate it (an unknown value gives a friendly Danish note and falls back to
the default), drive the widget from it, and write the widget's value back to the URL.
Text from data is never rendered as HTML; where Markdown is used it is escaped first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import polars as pl
import streamlit as st

from dashboard import eksport
from dashboard import format as fmt
from dashboard.data import Snapshot
from modeller.status import STATUS_TEKST

DELTE_PARAMETRE = ("snapshot", "aar", "enhed", "praesentation")
"""Query parameters kept when moving between pages."""

# Okabe-Ito (colour-blind safe); each status also has its own icon and word.
STATUS_IKON = {
    "opfyldt": "★",
    "paa_sporet": "✔",
    "i_risiko": "⚠",
    "ikke_paa_sporet": "✖",
    "ikke_vurderet": "?",
}
STATUS_FARVE = {
    "opfyldt": "#0072B2",
    "paa_sporet": "#009E73",
    "i_risiko": "#E69F00",
    "ikke_paa_sporet": "#D55E00",
    "ikke_vurderet": "#8C8C8C",
}
# Darker shades of the same hues for text on white (WCAG AA ≥ 4.5:1).
STATUS_TEKSTFARVE = {
    "opfyldt": "#005A8C",
    "paa_sporet": "#00704F",
    "i_risiko": "#8A5A00",
    "ikke_paa_sporet": "#A63F00",
    "ikke_vurderet": "#595959",
}
AFVIGELSE_TEKST = {True: "▲ Merforbrug", False: "▼ Mindreforbrug"}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def ren(tekst: object, maks: int | None = None) -> str:
    """Escape text from data for Markdown (no links, HTML or formatting can sneak in)."""
    s = str(tekst).replace("\n", " ").replace("\r", " ")
    if maks is not None and len(s) > maks:
        s = s[: maks - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", s)


def status_tekst(status: str | None) -> str:
    """Icon + word: "✔ På sporet"."""
    kode = status or "ikke_vurderet"
    return f"{STATUS_IKON.get(kode, '?')} {STATUS_TEKST.get(kode, kode)}"


def afvigelse_tekst(er_afvigelse: bool | None, afvigelse_kr: float | None) -> str:
    """ "▲ Merforbrug" / "▼ Mindreforbrug" for exceptions, "" otherwise."""
    if not er_afvigelse or afvigelse_kr is None:
        return ""
    return AFVIGELSE_TEKST[afvigelse_kr > 0]


def afvigelse_udtryk(
    er_afvigelse: str = "er_afvigelse", afvigelse_kr: str = "forventet_afvigelse_kr"
) -> pl.Expr:
    """`afvigelse_tekst` as a native polars expression (no Python callback in polars)."""
    flag = pl.col(er_afvigelse).fill_null(False) & pl.col(afvigelse_kr).is_not_null()
    return (
        pl.when(flag & (pl.col(afvigelse_kr) > 0))
        .then(pl.lit(AFVIGELSE_TEKST[True]))
        .when(flag)
        .then(pl.lit(AFVIGELSE_TEKST[False]))
        .otherwise(pl.lit(""))
    )


def status_udtryk(kolonne: str = "status") -> pl.Expr:
    """`status_tekst` as a native polars expression (no Python callback in polars)."""
    return (
        pl.col(kolonne)
        .fill_null("ikke_vurderet")
        .replace_strict(
            {k: status_tekst(k) for k in STATUS_IKON},
            default=pl.concat_str(pl.lit("? "), pl.col(kolonne)),
            return_dtype=pl.String(),
        )
    )


def oekonomi_noegletal(
    tal: Mapping[str, Any],
    *,
    enhed: str = "mio. kr.",
    beloeb: Callable[[float | None, bool], str] | None = None,
    run_rate: bool = False,
) -> None:
    """The budget follow-up's key figures as metrics: korrigeret budget, forbrug til dato
    (with forbrugsprocent), forventet regnskab, forventet afvigelse (▲ Merforbrug in red,
    ▼ Mindreforbrug in green) and, with `run_rate`, the run-rate projection marked as
    not a forecast. `tal` holds the columns of modeller.budget.total; `beloeb(x, fortegn)`
    formats an amount in `enhed` (default mio. kr.)."""
    vis = beloeb or (lambda x, fortegn: fmt.mio(x, fortegn=fortegn))
    afv = tal.get("forventet_afvigelse_kr") or 0.0
    rk = st.container(horizontal=True, gap="medium")
    rk.metric(
        f"Korrigeret budget, {enhed}", vis(tal.get("korrigeret_budget_kr"), False), width="content"
    )
    rk.metric(
        f"Forbrug til dato, {enhed}",
        vis(tal.get("forbrug_kr"), False),
        f"{fmt.pct(tal.get('forbrugsprocent_pct'))} af budget",
        delta_color="off",
        delta_arrow="off",
        width="content",
    )
    rk.metric(
        f"Forventet regnskab, {enhed}", vis(tal.get("forventet_forbrug_kr"), False), width="content"
    )
    rk.metric(
        f"Forventet afvigelse, {enhed}",
        vis(afv, True),
        AFVIGELSE_TEKST[afv > 0] if afv else "I balance",
        delta_color="inverse" if afv > 0 else "normal",  # red for merforbrug
        delta_arrow="off",  # the word carries its own ▲/▼
        width="content",
    )
    if run_rate:
        rk.metric(
            f"Fremskrivning af forbrugstakt, {enhed}",
            vis(tal.get("run_rate_kr"), False),
            "ikke en prognose",
            delta_color="off",
            delta_arrow="off",
            width="content",
            help="Forbrug til dato divideret med den forventede andel efter budgetprofilen: "
            "hvad året ender på, hvis forbruget fortsætter i samme takt. Ikke en prognose.",
        )


# --- URL parameters -----------------------------------------------------------------


def note(tekst: str) -> None:
    """A friendly Danish note (e.g. about an invalid link value)."""
    st.info(tekst, icon="ℹ️")


def laes_param(
    key: str, gyldig: Collection[str] | Callable[[str], bool], beskrivelse: str
) -> str | None:
    """The value of `?key=` when valid, else None. An invalid or empty value is removed
    from the URL and explained in a note naming `beskrivelse` (e.g. "år")."""
    raa = st.query_params.get(key)
    if raa is None:
        return None
    if raa.strip() == "":
        note(f"Linket indeholder en tom værdi for {beskrivelse}. Siden viser standardvisningen.")
        del st.query_params[key]
        return None
    ok = gyldig(raa) if callable(gyldig) else raa in gyldig
    if ok:
        return raa
    note(
        f"Linket indeholder en ukendt værdi for {beskrivelse}: «{ren(raa, 40)}». "
        "Siden viser standardvisningen i stedet."
    )
    del st.query_params[key]
    return None


def _url_nyt(key: str, wkey: str) -> bool:
    """True when `?key=` should drive the widget: the URL value differs from what this
    session last wrote (a deep link, a link from another page, the first run), or the
    widget has no state yet. Otherwise the widget's own (possibly just changed) state wins:
    on the rerun after a user change the URL still holds the old value."""
    raa = st.query_params.get(key)
    return wkey not in st.session_state or raa != st.session_state.get(f"_url_{key}")


def saet_param(key: str, vaerdi: str | None, standard: str | None = None) -> None:
    """Write `vaerdi` to the URL, or remove the key when it equals the default."""
    st.session_state[f"_url_{key}"] = None if vaerdi is None or vaerdi == standard else vaerdi
    if vaerdi is None or vaerdi == standard:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != vaerdi:
        st.query_params[key] = vaerdi


def valg_param(
    key: str,
    label: str,
    valg: Mapping[str, str],
    standard: str,
    *,
    beskrivelse: str,
    sted: Any = None,
    altid_i_url: bool = False,
) -> str:
    """A selectbox bound to `?key=`: `valg` maps URL value → Danish label."""
    wkey = f"w_{key}"
    fra_url = laes_param(key, valg.keys(), beskrivelse) if _url_nyt(key, wkey) else None
    if fra_url is not None:
        st.session_state[wkey] = fra_url
    elif st.session_state.get(wkey) not in valg:
        st.session_state[wkey] = standard
    vaerdi: str = (sted or st).selectbox(label, list(valg), format_func=lambda v: valg[v], key=wkey)
    saet_param(key, vaerdi, None if altid_i_url else standard)
    _vis_filter(label, None if vaerdi == standard else valg[vaerdi])
    return vaerdi


def flere_param(
    key: str,
    label: str,
    valg: Mapping[str, str],
    *,
    beskrivelse: str,
    sted: Any = None,
) -> list[str]:
    """A multiselect bound to `?key=a,b` (empty = no filter)."""
    wkey = f"w_{key}"
    raa = st.query_params.get(key) if _url_nyt(key, wkey) else None
    if raa:
        dele = [d for d in raa.split(",") if d]
        ukendte = [d for d in dele if d not in valg]
        if ukendte:
            note(
                f"Linket indeholder ukendte værdier for {beskrivelse}: "
                f"«{ren(', '.join(ukendte), 60)}». De er udeladt."
            )
        st.session_state[wkey] = [d for d in dele if d in valg]
    elif wkey not in st.session_state:
        st.session_state[wkey] = []
    vaerdier: list[str] = (sted or st).multiselect(
        label, list(valg), format_func=lambda v: valg[v], key=wkey, placeholder="Alle"
    )
    saet_param(key, ",".join(vaerdier) if vaerdier else None)
    _vis_filter(label, ", ".join(valg[v] for v in vaerdier) if vaerdier else None)
    return vaerdier


def flag_param(key: str, label: str, *, sted: Any = None, hjaelp: str | None = None) -> bool:
    """A toggle bound to `?key=1` (absent = off)."""
    wkey = f"w_{key}"
    raa = st.query_params.get(key) if _url_nyt(key, wkey) else None
    if raa is not None:
        if raa not in ("0", "1"):
            note(f"Linket indeholder en ukendt værdi for «{ren(label)}». Den er slået fra.")
        st.session_state[wkey] = raa == "1"
    elif wkey not in st.session_state:
        st.session_state[wkey] = False
    til: bool = (sted or st).toggle(label, key=wkey, help=hjaelp)
    saet_param(key, "1" if til else None)
    _vis_filter(label, "til" if til else None)
    return til


def delte_parametre() -> dict[str, str]:
    """The shared parameters currently in the URL, for links to other pages."""
    return {k: st.query_params[k] for k in DELTE_PARAMETRE if k in st.query_params}


def side_url(url_path: str, **ekstra: str | None) -> str:
    """A relative link to another page with the shared parameters (plus `ekstra`; None
    values left out), for link columns in tables."""
    parametre = {**delte_parametre(), **{k: v for k, v in ekstra.items() if v is not None}}
    return f"{url_path}?{urlencode(parametre)}" if parametre else url_path


def side_link(side: Any, label: str, ikon: str | None = None, **ekstra: str) -> None:
    """A link to another page that keeps the shared parameters (plus `ekstra`)."""
    st.page_link(side, label=label, icon=ikon, query_params={**delte_parametre(), **ekstra})


# --- page frame ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kontekst:
    """What every page gets from the app shell: the chosen snapshot, year and mode."""

    snapshot: Snapshot
    aar: int
    aar_valg: tuple[int, ...]
    praesentation: bool
    forrige_id: str | None

    @property
    def data_pr(self) -> date | None:
        return self.snapshot.manifest.data_as_of

    @property
    def pr(self) -> date:
        """The reference date for rules: the data date, capped to the chosen year."""
        d = self.data_pr or date(self.aar, 12, 31)
        return d if d.year <= self.aar else date(self.aar, 12, 31)


_KONTEKST = "_kontekst"


def saet_kontekst(k: Kontekst) -> None:
    st.session_state[_KONTEKST] = k


def side(titel: str, spoergsmaal: str) -> Kontekst:
    """Page header: title, the page's question and "Data pr. <dato> · <etiket>"."""
    k: Kontekst = st.session_state[_KONTEKST]
    st.title(titel)
    m = k.snapshot.manifest
    dele = [f"**Data pr. {fmt.dato(m.data_as_of)}**"]
    if m.label:
        dele.append(ren(m.label))
    dele.append(ren(m.kommune))
    dele.append(f"År {k.aar}")
    st.caption(" · ".join(dele))
    st.session_state[_FILTRE] = {}
    st.session_state[_FILTERLINJE] = st.empty()
    if not k.praesentation:
        st.caption(spoergsmaal)
    else:
        st.html(
            '<div class="so-datalinje" role="status">'
            f"Data pr. {html.escape(fmt.dato(m.data_as_of))} · {html.escape(m.kommune)}"
            "</div>"
        )
    return k


_FILTRE = "_aktive_filtre"
_FILTERLINJE = "_filterlinje"


def ny_koersel() -> None:
    """Forget the previous run's filter line (call at the start of every run, before the
    shared controls): its placeholder belongs to the old page and must not be written to
    (the browser rejects such a delta and the page stays blank)."""
    st.session_state.pop(_FILTRE, None)
    st.session_state.pop(_FILTERLINJE, None)


def _vis_filter(label: str, tekst: str | None) -> None:
    """Record an active filter (None = not active) and refresh the "Filtre:" line under
    the page header, so the filters are visible on screen (also in presentation mode)."""
    filtre: dict[str, str] | None = st.session_state.get(_FILTRE)
    if filtre is None:
        return  # shared controls drawn before the page header
    if tekst is None:
        filtre.pop(label, None)
    else:
        filtre[label] = tekst
    linje = st.session_state[_FILTERLINJE]
    if filtre:
        linje.caption(
            "**Filtre:** " + " · ".join(f"{ren(k)}: {ren(v, 60)}" for k, v in filtre.items())
        )
    else:
        linje.empty()


def tabel(
    df: pl.DataFrame,
    *,
    noegle: str,
    filnavn: Sequence[str | int | date | None],
    formater: Mapping[str, Callable[[Any], str]] | None = None,
    statuskolonner: Sequence[str] = (),
    hoejde: int | None = None,
    fodnote: str | None = None,
    eksport_df: pl.DataFrame | None = None,
    stil: Mapping[str, Callable[[Any], str]] | None = None,
    kolonneopsaetning: Mapping[str, Any] | None = None,
    raekkestil: Callable[[Any], list[str]] | None = None,
    raekkehoejde: int | None = None,
    vaelg: bool = False,
    ved_valg: Callable[[int], None] | None = None,
    tabelnoegle: str | None = None,
    filtre_i_filnavn: bool = True,
) -> int | None:
    """A table with fixed Danish formatting, status colours and CSV/Excel downloads.

    `df` is what is shown (its column names are the Danish headers); `eksport_df`
    (default `df`) is what is downloaded, with raw numbers. `stil` maps a column to a
    function giving a cell's CSS (for colours beyond the goal statuses); `raekkestil`
    gives a whole row's CSS (pandas Styler.apply, axis=1); `kolonneopsaetning` is passed
    to st.dataframe as column_config (e.g. a LinkColumn).

    Selection mode (`vaelg=True`): the user can select one row; the index of the
    selected row (in `df`) is returned, None when nothing is selected. `ved_valg` is
    called with that index in the selection callback, before the rerun (for drilling).
    `tabelnoegle` is the widget key of the table (default `tabel_<noegle>`).

    The download file names carry `filnavn` plus the page's active filters
    (`filtre_i_filnavn=False` when the filters do not apply to this table).
    """
    pdf = df.to_pandas()
    styler = pdf.style.hide(axis="index")
    if formater:
        styler = styler.format({k: v for k, v in formater.items() if k in pdf.columns}, na_rep="–")
    for kol in statuskolonner:
        if kol in pdf.columns:
            styler = styler.map(_status_stil, subset=[kol])
    for kol, fn in (stil or {}).items():
        if kol in pdf.columns:
            styler = styler.map(fn, subset=[kol])
    if raekkestil is not None:
        styler = styler.apply(raekkestil, axis=1)
    valg: dict[str, Any] = {}
    if vaelg or ved_valg is not None:
        wkey = tabelnoegle or f"tabel_{noegle}"

        def _ved_valg() -> None:
            raekker = st.session_state[wkey]["selection"]["rows"]
            if raekker and ved_valg is not None:
                ved_valg(int(raekker[0]))

        valg = {"key": wkey, "on_select": _ved_valg, "selection_mode": "single-row"}
    ev = st.dataframe(
        styler,
        hide_index=True,
        width="stretch",
        height=hoejde or "auto",
        row_height=raekkehoejde,
        column_config=dict(kolonneopsaetning) if kolonneopsaetning else None,
        placeholder="–",
        **valg,
    )
    raekker = ev["selection"]["rows"] if valg and ev is not None else []
    valgt = int(raekker[0]) if raekker else None
    if fodnote:
        st.caption(fodnote)
    ud = eksport_df if eksport_df is not None else df
    if filtre_i_filnavn:
        filnavn = filnavn_med_filtre(filnavn)
    c1, c2, _ = st.columns([1, 1, 4])
    # The files are built only when a button is clicked (Streamlit calls the function
    # then), not on every run: a large table's Excel file costs a few hundred ms.
    c1.download_button(
        "⬇ CSV",
        lambda: eksport.csv_bytes(ud),
        file_name=eksport.filnavn(*filnavn, endelse="csv"),
        mime="text/csv",
        key=f"csv_{noegle}",
        on_click="ignore",
    )
    c2.download_button(
        "⬇ Excel",
        lambda: eksport.excel_bytes(ud),
        file_name=eksport.filnavn(*filnavn, endelse="xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{noegle}",
        on_click="ignore",
    )
    return valgt


def filnavn_med_filtre(
    dele: Sequence[str | int | date | None],
) -> tuple[str | int | date | None, ...]:
    """The download file name parts with the page's active filters (as shown in the
    "Filtre:" line) inserted before a trailing data date: ("maalkaeden", 2026, date) →
    ("maalkaeden", 2026, "Sundhedspolitik", date)."""
    filtre: dict[str, str] = st.session_state.get(_FILTRE) or {}
    navne = [d for d in dele if isinstance(d, str) and d]
    vaerdier = [v[:30] for v in filtre.values() if not any(n in v for n in navne)]
    ud = list(dele)
    if ud and isinstance(ud[-1], date):
        return (*ud[:-1], *vaerdier, ud[-1])
    return (*ud, *vaerdier)


def _status_stil(vaerdi: object) -> str:
    tekst = str(vaerdi)
    for kode, ord_ in STATUS_TEKST.items():
        if tekst.endswith(ord_):
            return f"color: {STATUS_TEKSTFARVE[kode]}; font-weight: 600"
    return ""


_ = pd  # pandas is the Styler backend for st.dataframe
