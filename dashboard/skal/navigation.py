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


def side(url_path: str) -> st.Page:
    """The st.Page for a url_path (for st.page_link / st.switch_page)."""
    for s in SIDER:
        if s.url_path == url_path:
            return _page(s)
    raise KeyError(url_path)


def _page(s: SideInfo) -> st.Page:
    return st.Page(
        str(SIDER_DIR / s.fil),
        title=s.titel,
        url_path=s.url_path,
        icon=s.ikon,
        default=s.url_path == "overblik",
    )


def sektioner() -> dict[str, list[st.Page]]:
    """Pages grouped by section, in menu order."""
    ud: dict[str, list[st.Page]] = {}
    for s in SIDER:
        ud.setdefault(s.sektion, []).append(_page(s))
    return ud
