"""Danish formatting of amounts, percentages and dates (Babel, locale da_DK).

The one place that turns numbers into text for users: "1.234,5", "12,3 mio. kr.",
"4,5 %", "31. marts 2026". Tables use these fixed formatters rather than the browser's
locale, so a projector in an English browser still shows Danish numbers.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import polars as pl
from babel.dates import format_date, format_datetime, get_month_names
from babel.numbers import format_decimal

LOCALE = "da_DK"
MINUS = "−"  # typographic minus reads better on a projector than a hyphen


def _tom(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def tal(x: float | None, decimaler: int = 0, fortegn: bool = False) -> str:
    """A number with Danish separators: 1234567.5 → "1.234.568" (decimaler=0).

    Rounded half up, as a controller rounds by hand (25,25 → "25,3"), not half to even;
    a value that rounds to zero gets no sign ("0,0", not "+0,0" or "−0,0")."""
    if _tom(x):
        return "–"
    assert x is not None
    afrundet = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimaler), ROUND_HALF_UP)
    if afrundet == 0:
        afrundet = abs(afrundet)
        fortegn = False
    moenster = "#,##0" + ("." + "0" * decimaler if decimaler else "")
    if fortegn:
        moenster = "+" + moenster + ";-" + moenster
    tekst: str = format_decimal(afrundet, format=moenster, locale=LOCALE)
    return tekst.replace("-", MINUS)


def kr(x: float | None) -> str:
    """Whole kroner: "1.234.567 kr."."""
    return "–" if _tom(x) else f"{tal(x)} kr."


def tusind_kr(x: float | None, decimaler: int = 0) -> str:
    """Thousands of kroner without unit: 1234567 → "1.235" (for tables headed "1.000 kr.")."""
    return "–" if _tom(x) else tal(x / 1000, decimaler)  # type: ignore[operator]


def mio(x: float | None, decimaler: int = 1, fortegn: bool = False) -> str:
    """Millions of kroner without unit: 12345678 → "12,3" (for tables headed "mio. kr.")."""
    return "–" if _tom(x) else tal(x / 1e6, decimaler, fortegn)  # type: ignore[operator]


def mio_kr(x: float | None, decimaler: int = 1, fortegn: bool = False) -> str:
    """Millions of kroner with unit: "12,3 mio. kr."."""
    return "–" if _tom(x) else f"{mio(x, decimaler, fortegn)} mio. kr."


def pct(x: float | None, decimaler: int = 1, fortegn: bool = False) -> str:
    """A percentage given as 0–100: 4.5 → "4,5 %"."""
    return "–" if _tom(x) else f"{tal(x, decimaler, fortegn)} %"


def dato(d: date | datetime | None) -> str:
    """Long Danish date: "31. marts 2026"."""
    if d is None:
        return "–"
    if isinstance(d, datetime):
        d = d.date()
    tekst: str = format_date(d, format="d. MMMM y", locale=LOCALE)
    return tekst


_MAANEDER: dict[int, str] = dict(get_month_names("wide", locale=LOCALE))


def dato_udtryk(kolonne: str) -> pl.Expr:
    """`dato` as a native polars expression on a Date column: "31. marts 2026", "–" for
    null (formatting inside polars without a Python callback)."""
    d = pl.col(kolonne)
    return pl.format(
        "{}. {} {}",
        d.dt.day(),
        d.dt.month().replace_strict(_MAANEDER, return_dtype=pl.String()),
        d.dt.year(),
    ).fill_null("–")


def kort_dato(d: date | datetime | None) -> str:
    """Short Danish date: "31.03.2026"."""
    if d is None:
        return "–"
    if isinstance(d, datetime):
        d = d.date()
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def tidspunkt(t: datetime | None) -> str:
    """Date and time: "27. november 2026 kl. 17.25"."""
    if t is None:
        return "–"
    tekst: str = format_datetime(t, format="d. MMMM y 'kl.' HH.mm", locale=LOCALE)
    return tekst


def vaerdi(x: float | None, maaleenhed: str) -> str:
    """An indicator value in its unit: "87,5 %", "12 dage", "1.234 kr.", "35 antal"."""
    if _tom(x):
        return "–"
    assert x is not None
    enhed = maaleenhed.strip()
    decimaler = 0 if float(x).is_integer() or abs(x) >= 100 else 1
    if enhed == "%":
        return pct(x, decimaler)
    if enhed == "antal":
        return tal(x, decimaler)
    return f"{tal(x, decimaler)} {enhed}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


_ADRESSE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def ren_uden_links(tekst: object) -> str:
    """`ren`, with e-mail addresses shown as inline code: Markdown turns a bare address
    into a mailto link even when escaped, and a user's own address is no link to follow."""
    s = str(tekst)
    dele: list[str] = []
    start = 0
    for m in _ADRESSE.finditer(s):
        dele += [ren(s[start : m.start()]), f"`{m.group(0)}`"]
        start = m.end()
    return "".join([*dele, ren(s[start:])])


def ren(tekst: object, maks: int | None = None) -> str:
    """Escape text from data for Markdown (no links, HTML or formatting can sneak in)."""
    s = str(tekst).replace("\n", " ").replace("\r", " ")
    if maks is not None and len(s) > maks:
        s = s[: maks - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", s)
