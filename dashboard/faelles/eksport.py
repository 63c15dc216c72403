"""Table exports: CSV for Danish Excel and real .xlsx files.

CSV: `;`-separated, UTF-8 with BOM, decimal comma, and every text cell that starts with
`= + - @` (or a tab/carriage return) prefixed with an apostrophe so that a spreadsheet
never runs it as a formula. Excel: written with xlsxwriter with formula and URL
conversion switched off, numbers as numbers with a Danish-looking number format.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import polars as pl
import xlsxwriter

from modeller.tekst import ascii_fold

FARLIGE_START = ("=", "+", "-", "@", "\t", "\r")
_FILNAVN_TEGN = re.compile(r"[^0-9A-Za-z_.-]+")


def neutraliser(tekst: str) -> str:
    """Make a text cell inert in spreadsheets: "=SUM(A1)" → "'=SUM(A1)"."""
    return "'" + tekst if tekst.startswith(FARLIGE_START) else tekst


def _csv_celle(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, float):
        if v != v:
            return ""
        return f"{v:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime):
        return v.strftime("%d-%m-%Y %H:%M")
    if isinstance(v, date):
        return v.strftime("%d-%m-%Y")
    tekst = neutraliser(str(v))
    if any(t in tekst for t in (";", '"', "\n", "\r")):
        tekst = '"' + tekst.replace('"', '""') + '"'
    return tekst


def csv_bytes(df: pl.DataFrame) -> bytes:
    """The frame as CSV for Danish spreadsheets (see module docstring)."""
    linjer = [";".join(_csv_celle(k) for k in df.columns)]
    for raekke in df.iter_rows():
        linjer.append(";".join(_csv_celle(v) for v in raekke))
    return ("\ufeff" + "\r\n".join(linjer) + "\r\n").encode("utf-8")


def excel_bytes(df: pl.DataFrame, ark: str = "Data", titel: str | None = None) -> bytes:
    """The frame as an .xlsx workbook: header in bold, numbers with number formats,
    dates as dates, text never turned into formulas or links."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    )
    ws = wb.add_worksheet(ark[:31])
    fed = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    heltal = wb.add_format({"num_format": "#,##0"})
    decimal = wb.add_format({"num_format": "#,##0.0"})
    datofmt = wb.add_format({"num_format": "dd-mm-yyyy"})
    raekke0 = 0
    if titel:
        ws.write_string(0, 0, titel, wb.add_format({"bold": True, "font_size": 14}))
        raekke0 = 2
    for j, navn in enumerate(df.columns):
        ws.write_string(raekke0, j, navn, fed)
        ws.set_column(j, j, max(12, min(50, len(navn) + 2)))
    for i, raekke in enumerate(df.iter_rows(), start=raekke0 + 1):
        for j, v in enumerate(raekke):
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_string(i, j, "ja" if v else "nej")
            elif isinstance(v, int):
                ws.write_number(i, j, v, heltal)
            elif isinstance(v, float):
                if v == v:
                    ws.write_number(i, j, v, decimal)
            elif isinstance(v, datetime | date):
                ws.write_datetime(i, j, v, datofmt)
            else:
                ws.write_string(i, j, str(v))
    ws.freeze_panes(raekke0 + 1, 0)
    wb.close()
    return buf.getvalue()


def filnavn(*dele: str | int | date | None, endelse: str) -> str:
    """A safe, readable file name from parts: ("oekonomi", 2026, "Dagtilbud") →
    "oekonomi_2026_Dagtilbud.csv"."""
    tekst = []
    for d in dele:
        if d is None or d == "":
            continue
        s = d.isoformat() if isinstance(d, date) else str(d)
        s = _FILNAVN_TEGN.sub("-", ascii_fold(s)).strip("-")
        if s:
            tekst.append(s)
    return "_".join(tekst)[:120] + "." + endelse
