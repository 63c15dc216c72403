"""Helpers for AppTest: run the whole app (shell + page) like a browser would."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import APP


def kør(side: str | None = None, **parametre: str) -> AppTest:
    """Run the app on page `side` (url_path, e.g. "oekonomi"; None = Overblik) with query
    parameters, opened directly as a link would, and fail on any uncaught exception."""
    return aabn(side or "overblik", **parametre)


def via_overblik(side: str, **parametre: str) -> AppTest:
    """Open Overblik with the parameters, then switch to page `side` (as the sidebar
    navigation does): for tests of what survives a page switch."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in parametre.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"../sider/{side_fil(side)}")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def aabn(side: str, *, bruger: dict[str, Any] | None = None, **parametre: str) -> AppTest:
    """Open the app directly on page `side` with query parameters (the first run is on
    that page, as when following a link), and fail on any uncaught exception. Unlike
    `kør`, notes about the link's shared parameters appear on this page. `bruger` is the
    logged-in user's claims (st.user), e.g. {"is_logged_in": True, "email": …}."""
    at = AppTest.from_file(APP, default_timeout=60)
    if bruger is not None:
        at.user = bruger
    for k, v in parametre.items():
        at.query_params[k] = v
    at.switch_page(f"../sider/{side_fil(side)}")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def side_fil(url_path: str) -> str:
    from dashboard.skal.navigation import SIDER

    for s in SIDER:
        if s.url_path == url_path:
            return s.fil
    raise KeyError(url_path)


def al_tekst(at: AppTest) -> str:
    """Every markdown, caption, title, info, warning and error text on the page."""
    dele: list[str] = []
    for navn in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        dele.extend(str(e.value) for e in at.get(navn))
    for m in at.get("metric"):
        dele.append(f"{m.label} {m.value}")
    return "\n".join(dele)


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def tabeller(at: AppTest) -> list[Any]:
    """Every table on the page as a pandas DataFrame of what the user reads: label
    columns (coloured labels: one-element lists) become their text, "" when empty."""
    ud = []
    for d in at.dataframe:
        df = d.value.copy()
        for kol in df.columns:
            if df[kol].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
                df[kol] = df[kol].map(
                    lambda v: " ".join(str(x) for x in v) if v is not None else ""
                )
        ud.append(df)
    return ud


def tal(tekst: str) -> float:
    """A Danish number as shown in a table ("−1.234,5", "4,5 %") as a float."""
    t = tekst.replace("−", "-").replace("%", "").replace(".", "").replace(",", ".").strip()
    return float(t)
