"""The page register: every page of sider/ with its Danish title and ASCII url_path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

SIDER_DIR = Path(__file__).resolve().parents[2] / "sider"


@dataclass(frozen=True)
class SideInfo:
    fil: str
    titel: str
    url_path: str
    ikon: str
    sektion: str


SIDER: tuple[SideInfo, ...] = (
    SideInfo("overblik.py", "Overblik", "overblik", ":material/dashboard:", "Overblik"),
    SideInfo("maalkaeden.py", "Målkæden", "maalkaeden", ":material/account_tree:", "Styring"),
    SideInfo("oekonomi.py", "Økonomi", "oekonomi", ":material/payments:", "Styring"),
    SideInfo("indikatorer.py", "Indikatorer", "indikatorer", ":material/trending_up:", "Styring"),
    SideInfo("aftaler.py", "Aftaler", "aftaler", ":material/handshake:", "Styring"),
    SideInfo(
        "politikomraader.py",
        "Politikområder",
        "politikomraader",
        ":material/account_balance:",
        "Styring",
    ),
    SideInfo(
        "budgetopfoelgning.py",
        "Budgetopfølgning",
        "budgetopfoelgning",
        ":material/summarize:",
        "Møder",
    ),
    SideInfo("dialogmoede.py", "Dialogmøde", "dialogmoede", ":material/forum:", "Møder"),
    SideInfo("indberetning.py", "Indberetning", "indberetning", ":material/edit_note:", "Møder"),
    SideInfo("datagrundlag.py", "Datagrundlag", "datagrundlag", ":material/database:", "Om data"),
)


@st.cache_resource(show_spinner=False)
def side(url_path: str) -> st.Page:
    """The st.Page for a url_path, for st.page_link. Made once per process and shared:
    a link only reads it (title, icon, url_path, script hash), and making a page resolves
    and checks its file. (The pages given to st.navigation are made on every run: the
    navigation marks the one it runs.)"""
    for s in SIDER:
        if s.url_path == url_path:
            return _page(s)
    raise KeyError(url_path)


STARTSIDE = "overblik"
"""The default page, served at the app's root ("/")."""
_STARTSIDE_INTERN = "forside"
"""Streamlit keys a page by its url_path also when it is the default page (served at "/");
the default page gets this internal path so that `/overblik` can be a hidden alias of it
instead of Streamlit's English "Page not found"."""


def _page(s: SideInfo) -> st.Page:
    start = s.url_path == STARTSIDE
    return st.Page(
        str(SIDER_DIR / s.fil),
        title=s.titel,
        url_path=_STARTSIDE_INTERN if start else s.url_path,
        icon=s.ikon,
        default=start,
    )


def _alias(s: SideInfo) -> st.Page:
    """`/overblik` typed or sent as a link: the same page, hidden from the menu."""
    return st.Page(
        str(SIDER_DIR / s.fil), title=s.titel, url_path=s.url_path, icon=s.ikon,
        visibility="hidden",
    )  # fmt: skip


def sektioner() -> dict[str, list[st.Page]]:
    """Pages grouped by section, in menu order (plus the start page's hidden alias)."""
    ud: dict[str, list[st.Page]] = {}
    for s in SIDER:
        ud.setdefault(s.sektion, []).append(_page(s))
        if s.url_path == STARTSIDE:
            ud[s.sektion].append(_alias(s))
    return ud
