"""URL binding: every filter and drill position lives in the URL.

The helpers read a query parameter, validate it (an unknown value gives a friendly Danish
note and falls back to the default), drive the widget from it, and write the widget's
value back to the URL. Active filters are listed in the "Filtre:" line under the page
header. Links to other pages keep the shared parameters (`DELTE_PARAMETRE`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from dashboard.faelles.format import ren
from dashboard.faelles.komponenter import note
from dashboard.skal import tilstand

DELTE_PARAMETRE = ("snapshot", "aar", "enhed", "praesentation")
"""Query parameters kept when moving between pages."""


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
    return not tilstand.har(wkey) or raa != tilstand.hent(tilstand.url_noegle(key))


def saet_param(key: str, vaerdi: str | None, standard: str | None = None) -> None:
    """Write `vaerdi` to the URL, or remove the key when it equals the default."""
    tilstand.saet(
        tilstand.url_noegle(key), None if vaerdi is None or vaerdi == standard else vaerdi
    )
    if vaerdi is None or vaerdi == standard:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != vaerdi:
        st.query_params[key] = vaerdi


def _saet_widget(wkey: str, vaerdi: Any) -> None:
    """Give the widget `wkey` its value for this run, always, even when the session
    state already holds it. The widget keys are shared by pages (`w_enhed` is a filter on
    Målkæden and the unit of Dialogmøde): a value left by another page's widget under the
    same key is dropped by Streamlit when a widget with other options takes the key, so
    the widget would fall back to its first option. Set through the Session State API,
    the value reaches the new widget."""
    tilstand.saet(wkey, vaerdi)


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
    wkey = tilstand.widget_noegle(key)
    fra_url = laes_param(key, valg.keys(), beskrivelse) if _url_nyt(key, wkey) else None
    nu = tilstand.hent(wkey)
    _saet_widget(wkey, fra_url if fra_url is not None else nu if nu in valg else standard)
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
    wkey = tilstand.widget_noegle(key)
    raa = st.query_params.get(key) if _url_nyt(key, wkey) else None
    if raa:
        dele = [d for d in raa.split(",") if d]
        ukendte = [d for d in dele if d not in valg]
        if ukendte:
            note(
                f"Linket indeholder ukendte værdier for {beskrivelse}: "
                f"«{ren(', '.join(ukendte), 60)}». De er udeladt."
            )
        _saet_widget(wkey, [d for d in dele if d in valg])
    else:
        nu = tilstand.hent(wkey)
        _saet_widget(wkey, [v for v in nu if v in valg] if isinstance(nu, list) else [])
    vaerdier: list[str] = (sted or st).multiselect(
        label, list(valg), format_func=lambda v: valg[v], key=wkey, placeholder="Alle"
    )
    saet_param(key, ",".join(vaerdier) if vaerdier else None)
    _vis_filter(label, ", ".join(valg[v] for v in vaerdier) if vaerdier else None)
    return vaerdier


def flag_param(key: str, label: str, *, sted: Any = None, hjaelp: str | None = None) -> bool:
    """A toggle bound to `?key=1` (absent = off)."""
    wkey = tilstand.widget_noegle(key)
    raa = st.query_params.get(key) if _url_nyt(key, wkey) else None
    if raa is not None:
        if raa not in ("0", "1"):
            note(f"Linket indeholder en ukendt værdi for «{ren(label)}». Den er slået fra.")
        _saet_widget(wkey, raa == "1")
    else:
        _saet_widget(wkey, tilstand.hent(wkey) is True)
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


def _vis_filter(label: str, tekst: str | None) -> None:
    """Record an active filter (None = not active) and refresh the "Filtre:" line under
    the page header, so the filters are visible on screen (also in presentation mode)."""
    filtre: dict[str, str] | None = tilstand.hent(tilstand.FILTRE)
    if filtre is None:
        return  # shared controls drawn before the page header
    if tekst is None:
        filtre.pop(label, None)
    else:
        filtre[label] = tekst
    linje = tilstand.hent(tilstand.FILTERLINJE)
    if filtre:
        linje.caption(
            "**Filtre:** " + " · ".join(f"{ren(k)}: {ren(v, 60)}" for k, v in filtre.items())
        )
    else:
        linje.empty()
