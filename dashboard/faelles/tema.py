"""The status vocabulary, palettes and month names: one place for words and colours.

Shared by every session, so every table here is read-only (MappingProxyType).

Pure data and small text functions (no streamlit), shared by the pages and the
documents in dashboard/rapport/. Status is always icon + word + colour (never colour
alone), in the Okabe-Ito palette, which is colour-blind safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import polars as pl

from modeller.status import STATUS_TEKST

STATUS_IKON: Mapping[str, str] = MappingProxyType(
    {
        "opfyldt": "★",
        "paa_sporet": "✔",
        "i_risiko": "⚠",
        "ikke_paa_sporet": "✖",
        "ikke_vurderet": "?",
    }
)
STATUS_FARVE: Mapping[str, str] = MappingProxyType(
    {
        "opfyldt": "#0072B2",
        "paa_sporet": "#009E73",
        "i_risiko": "#E69F00",
        "ikke_paa_sporet": "#D55E00",
        "ikke_vurderet": "#8C8C8C",
    }
)
STATUS_TEKSTFARVE: Mapping[str, str] = MappingProxyType(
    {
        "opfyldt": "#005A8C",
        "paa_sporet": "#00704F",
        "i_risiko": "#8A5A00",
        "ikke_paa_sporet": "#A63F00",
        "ikke_vurderet": "#595959",
    }
)
"""Darker shades of the same hues for text on white (WCAG AA ≥ 4.5:1)."""
Navnefarve = Literal["blue", "green", "orange", "red", "gray"]
STATUS_NAVNEFARVE: Mapping[str, Navnefarve] = MappingProxyType(
    {
        "opfyldt": "blue",
        "paa_sporet": "green",
        "i_risiko": "orange",
        "ikke_paa_sporet": "red",
        "ikke_vurderet": "gray",
    }
)
"""Streamlit's named colours (badges, Markdown) closest to STATUS_FARVE."""

BEVAEGELSE_TEKST: Mapping[str, str] = MappingProxyType(
    {"mod_maal": "↗ Mod målet", "vaek_fra_maal": "↘ Væk fra målet", "uaendret": "→ Uændret"}
)
"""An indicator's movement over its last measurements (`indikatorer.udvikling.bevaeger_sig`):
icon + word; colour in BEVAEGELSE_FARVE."""
BEVAEGELSE_FARVE: Mapping[str, str] = MappingProxyType(
    {
        "mod_maal": STATUS_TEKSTFARVE["paa_sporet"],
        "vaek_fra_maal": STATUS_TEKSTFARVE["ikke_paa_sporet"],
        "uaendret": STATUS_TEKSTFARVE["ikke_vurderet"],
    }
)

AFVIGELSE_TEKST: Mapping[bool, str] = MappingProxyType(
    {True: "▲ Merforbrug", False: "▼ Mindreforbrug"}
)
MERFORBRUG_FARVE = "#A63F00"  # dark orange, text on white (WCAG AA)
MINDREFORBRUG_FARVE = "#005A8C"  # dark blue
AFVIGELSE_FARVER: Mapping[str, str] = MappingProxyType(
    {AFVIGELSE_TEKST[True]: MERFORBRUG_FARVE, AFVIGELSE_TEKST[False]: MINDREFORBRUG_FARVE}
)
"""Colour per deviation word ("▲ Merforbrug", "▼ Mindreforbrug"), for label columns."""
MANGLER_PROGNOSE = "⚠ Mangler prognose"
"""The label of a line (or a row with lines) without a forecast."""
MANGLER_FARVER: Mapping[str, str] = MappingProxyType(
    {MANGLER_PROGNOSE: STATUS_TEKSTFARVE["i_risiko"]}
)
SERIEFARVER = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
    "#D55E00", "#F0E442", "#999999", "#882255", "#44AA99", "#117733", "#332288",
)  # fmt: skip
"""Line colours for series that are not statuses (Okabe-Ito first, then Tol)."""

MAANEDER_KORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def status_tekst(status: str | None) -> str:
    """Icon + word: "✔ På sporet"."""
    kode = status or "ikke_vurderet"
    return f"{STATUS_IKON.get(kode, '?')} {STATUS_TEKST.get(kode, kode)}"


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


def afvigelse_farve(tekst: str) -> str | None:
    """The text colour of a deviation word (None for no deviation)."""
    if tekst.endswith("Merforbrug"):
        return MERFORBRUG_FARVE
    if tekst.endswith("Mindreforbrug"):
        return MINDREFORBRUG_FARVE
    return None
