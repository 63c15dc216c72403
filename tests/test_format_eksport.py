"""Danish formatting and table exports (pure)."""

from __future__ import annotations

import io
from datetime import date, datetime

import polars as pl
import pytest

from dashboard.faelles import eksport
from dashboard.faelles import format as fmt


@pytest.mark.parametrize(
    ("fn", "x", "forventet"),
    [
        (fmt.tal, 1234567.5, "1.234.568"),
        (lambda x: fmt.tal(x, 1), 1234.55, "1.234,6"),
        (fmt.mio, 12_345_678, "12,3"),
        (lambda x: fmt.mio(x, fortegn=True), -2_500_000, "−2,5"),
        (lambda x: fmt.mio(x, fortegn=True), 2_500_000, "+2,5"),
        (fmt.mio_kr, 1_000_000_000, "1.000,0 mio. kr."),
        (fmt.pct, 4.55, "4,6 %"),
        (fmt.kr, -1234, "−1.234 kr."),
        (fmt.tusind_kr, 1_234_567, "1.235"),
        (fmt.mio, None, "–"),
        (fmt.pct, float("nan"), "–"),
    ],
)
def test_tal(fn, x, forventet) -> None:  # type: ignore[no-untyped-def]
    assert fn(x) == forventet


def test_datoer() -> None:
    assert fmt.dato(date(2026, 3, 31)) == "31. marts 2026"
    assert fmt.dato(datetime(2026, 5, 1, 12)) == "1. maj 2026"
    assert fmt.kort_dato(date(2026, 3, 1)) == "01.03.2026"
    assert fmt.tidspunkt(datetime(2026, 11, 27, 9, 5)) == "27. november 2026 kl. 09.05"


def test_vaerdi_i_enhed() -> None:
    assert fmt.vaerdi(87.5, "%") == "87,5 %"
    assert fmt.vaerdi(12.0, "dage") == "12 dage"
    assert fmt.vaerdi(1234.0, "kr.") == "1.234 kr."


def test_csv_bom_semikolon_decimalkomma_og_neutralisering() -> None:
    df = pl.DataFrame(
        {
            "tekst": ["=SUM(A1:A2)", "+45 1234", "-2+3", "@cmd", "normal", "a;b", None],
            "beloeb": [1.5, -2.25, 1234567.5, None, 0.0, 1e-7, 3.0],
            "dato": [date(2026, 3, 31)] * 7,
        }
    )
    ud = eksport.csv_bytes(df)
    assert ud.startswith(b"\xef\xbb\xbf")
    linjer = ud.decode("utf-8-sig").split("\r\n")
    assert linjer[0] == "tekst;beloeb;dato"
    assert linjer[1] == "'=SUM(A1:A2);1,5;31-03-2026"
    assert linjer[2] == "'+45 1234;-2,25;31-03-2026"
    assert linjer[3] == "'-2+3;1234567,5;31-03-2026"
    assert linjer[4].startswith("'@cmd;")
    assert linjer[6].startswith('"a;b";0;')
    assert "e-" not in ud.decode("utf-8-sig")


def test_excel_skriver_tal_som_tal_og_tekst_aldrig_som_formel() -> None:
    df = pl.DataFrame({"tekst": ["=1+1", "x"], "beloeb": [1.5, -2.0], "n": [1, 2]})
    ud = eksport.excel_bytes(df, titel="Test")
    tilbage = pl.read_excel(io.BytesIO(ud), read_options={"header_row": 2})
    assert tilbage["tekst"].to_list() == ["=1+1", "x"]
    assert tilbage["beloeb"].to_list() == [1.5, -2.0]
    import zipfile

    with zipfile.ZipFile(io.BytesIO(ud)) as z:
        ark = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in ark  # no formulas anywhere


def test_filnavn_er_sikkert() -> None:
    assert eksport.filnavn(
        "økonomi", 2026, "Børn & Unge/../x", date(2026, 9, 30), endelse="csv"
    ) == ("oekonomi_2026_Boern-Unge-..-x_2026-09-30.csv")


def test_afrunding_halvt_op_og_nul_uden_fortegn() -> None:
    assert fmt.mio(25_250_000) == "25,3"  # half up, not half to even ("25,2")
    assert fmt.mio(25_249_999) == "25,2"
    assert fmt.tal(2.5) == "3" and fmt.tal(-2.5) == "−3"
    assert fmt.mio(-40_000, fortegn=True) == "0,0"  # rounds to zero: no sign
    assert fmt.mio(1_260_000, fortegn=True) == "+1,3"
    assert fmt.pct(4.45) == "4,5 %"


def test_adresser_vises_som_kode_og_resten_escapes() -> None:
    """A user's e-mail address is shown as inline code, not as a mailto link (Markdown
    links a bare address even when escaped); markup around it stays inert."""
    assert fmt.ren_uden_links("carl@soroe.dk har ingen rolle.") == (
        "`carl@soroe.dk` har ingen rolle\\."
    )
    assert fmt.ren_uden_links("<b>x</b> a.b+c@x-y.dk") == "\\<b\\>x\\</b\\> `a.b+c@x-y.dk`"
    # a backtick cannot end the code span early: it is not part of an address
    assert fmt.ren_uden_links("a`b@x.dk") == "a\\``b@x.dk`"
    assert fmt.ren_uden_links("ingen adresse [her](x)") == fmt.ren("ingen adresse [her](x)")
