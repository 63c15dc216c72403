"""AppTest: the app shell, the Overblik page and the no-snapshot case."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.faelles import format as fmt
from dashboard.faelles import tema
from modeller import budget, status
from tests.apptest import al_tekst, kør, plotly_specs, tabeller, tal
from tests.conftest import APP


def test_uden_snapshot_forklarer_hvordan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Der er endnu ingen data" in at.info[0].value
    assert "make demo" in at.info[0].value


def test_overblik_viser_noegletal_og_data_dato(app_data: Path) -> None:
    at = kør()
    tekst = al_tekst(at)
    assert "Data pr. 30. september 2026" in tekst
    assert "Budgetopfølgning 30\\. september 2026" in tekst
    labels = [m.label for m in at.metric]
    assert labels[:4] == [
        "Korrigeret budget, mio. kr.",
        "Forbrug til dato, mio. kr.",
        "Forventet regnskab, mio. kr.",
        "Forventet afvigelse, mio. kr.",
    ]
    # The shown total equals the budget rule's total on the snapshot itself.
    s = data.load_snapshot(None)
    linjer = budget.opfoelgning(
        s["budget"], s["forbrug"], s["prognoser"], 2026, s.manifest.data_as_of
    )
    korr = budget.total(linjer)["korrigeret_budget_kr"][0]
    assert at.metric[0].value == f"{korr / 1e6:,.1f}".replace(",", "X").replace(".", ",").replace(
        "X", "."
    )


def test_overblik_statusgraf_har_alle_statusser_med_ikon_og_ord(app_data: Path) -> None:
    at = kør()
    spec = plotly_specs(at)[0]
    etiketter = spec["data"][0]["y"]
    assert etiketter == [
        "★ Opfyldt",
        "✔ På sporet",
        "⚠ I risiko",
        "✖ Ikke på sporet",
        "? Ikke vurderet",
    ]
    assert all(x > 0 for x in spec["data"][0]["x"]), "demo data has every status"
    assert spec["layout"]["separators"] == ",."


def test_overblik_stoerste_afvigelser(app_data: Path) -> None:
    at = kør()
    df = next(t for t in tabeller(at) if "Enhed" in t.columns and "Afvigelse" in t.columns)
    assert 0 < len(df) <= 10
    # largest first: rounding to the shown 0,1 mio. kr. keeps the order (ties may appear)
    afv = [abs(tal(x)) for x in df["Forventet afvigelse"]]
    assert afv == sorted(afv, reverse=True)
    assert set(df["Afvigelse"]) <= {"▲ Merforbrug", "▼ Mindreforbrug"}


def test_aar_og_snapshot_i_url(app_data: Path) -> None:
    at = kør()
    assert at.query_params["aar"] == "2026"
    nyeste = data.list_snapshots()[0].snapshot_id
    assert at.query_params["snapshot"] == nyeste


def test_aeldre_snapshot_via_url(app_data: Path) -> None:
    aeldste = data.list_snapshots()[-1]
    at = kør(snapshot=aeldste.snapshot_id)
    assert "Data pr. 31. maj 2026" in al_tekst(at)


@pytest.mark.parametrize("vaerdi", ["../../etc/passwd", "20260101T000000-zzzzzz", "<b>x</b>"])
def test_ugyldigt_snapshot_giver_venlig_besked(app_data: Path, vaerdi: str) -> None:
    at = kør(snapshot=vaerdi)
    tekst = al_tekst(at)
    assert "ukendt værdi for datasæt" in tekst
    assert "Data pr. 30. september 2026" in tekst  # falls back to the newest


@pytest.mark.parametrize("vaerdi", ["1899", "abc", "2026; DROP"])
def test_ugyldigt_aar_giver_venlig_besked(app_data: Path, vaerdi: str) -> None:
    at = kør(aar=vaerdi)
    assert "ukendt værdi for år" in al_tekst(at)
    assert at.query_params["aar"] == "2026"


def test_tidligere_aar(app_data: Path) -> None:
    at = kør(aar="2024")
    assert "Økonomi 2024" in al_tekst(at)


def test_statustal_summer_til_aktive_maal(app_data: Path) -> None:
    at = kør()
    spec = plotly_specs(at)[0]
    s = data.load_snapshot(None)
    m = s["maal"]
    aktive = m.filter(
        (pl.col("aar_fra").fill_null(2026) <= 2026) & (pl.col("aar_til").fill_null(2026) >= 2026)
    )
    assert sum(spec["data"][0]["x"]) == aktive.height


# --- the goal side of the exceptions -------------------------------------------------------


def _vaek_regel(data_dir: Path) -> pl.DataFrame:
    from tests.test_side_indikatorer import _regel_liste

    return _regel_liste(data_dir).filter(pl.col("vaek_fra_maal"))


def _tabel_med(at: AppTest, kolonne: str) -> Any:
    return next(t for t in tabeller(at) if kolonne in t.columns)


def test_overblik_viser_indikatorer_der_bevaeger_sig_vaek_fra_maalet(app_data: Path) -> None:
    """ "Hvilke indikatorer bevæger sig væk fra målet?": the short list on Overblik and one
    click (the page link) to all of them on Indikatorer."""
    at = kør(aar="2026")
    regel = _vaek_regel(app_data)
    assert regel.height >= 1
    df = _tabel_med(at, "Udvikling")
    assert list(zip(df["Indikator"], df["Enhed"], strict=True)) == list(
        zip(regel["indikator_navn"].head(5), regel["enhed_navn"].head(5), strict=True)
    )
    for link, iid in zip(df["Udvikling"], regel["indikator_id"], strict=False):
        sti, q = link.split("?", 1)
        assert (sti, parse_qs(q)["indikator"]) == ("indikatorer", [iid])
    alle = [e.proto for e in at.get("page_link") if "indikatorer" in e.proto.page]
    assert alle and f"Alle {regel.height} indikatorer" in alle[0].label
    q = parse_qs(alle[0].query_string)
    assert q["afvigelse"] == ["vaek_fra_maal"] and q["aar"] == ["2026"]
    # the click lands on exactly those indicators
    ind = kør("indikatorer", **{k: v[0] for k, v in q.items()})
    liste = next(t for t in tabeller(ind) if "Bevægelse" in t.columns)
    assert len(liste) == regel.height
    assert list(liste["Indikator"]) == regel["indikator_navn"].to_list()


def test_overblik_viser_maal_med_forvaerret_status(app_data: Path) -> None:
    at = kør()
    snaps = data.list_snapshots()
    nu, foer = (data.load_snapshot(m.snapshot_id) for m in snaps[:2])

    def ms(s: Any) -> pl.DataFrame:
        pr = s.manifest.data_as_of
        return status.maal_status(s["maal"], s["indikatorer"], s["maalinger"], s["vurderinger"], pr)

    forventet = status.forvaerrede(ms(nu), ms(foer))
    assert forventet.height >= 1
    df = _tabel_med(at, "Før")
    assert len(df) == forventet.height
    assert list(df["Nu"]) == [tema.status_tekst(x) for x in forventet["status_nu"]]
    assert list(df["Før"]) == [tema.status_tekst(x) for x in forventet["status_foer"]]
    for link, mid in zip(df["Målkæden"], forventet["maal_id"], strict=True):
        sti, q = link.split("?", 1)
        assert (sti, parse_qs(q)["maal"]) == ("maalkaeden", [mid])
    assert "Mål med forværret status siden Budgetopfølgning 31\\. maj 2026" in al_tekst(at)


def test_overblik_uden_forrige_opfoelgning(app_data: Path) -> None:
    aeldste = data.list_snapshots()[-1]
    at = kør(snapshot=aeldste.snapshot_id)
    assert "Der er ingen tidligere opfølgning at sammenligne med." in al_tekst(at)


def test_overblik_deler_oekonomien_paa_budgettyper(app_data: Path) -> None:
    """The totals split into Service, Indkomstoverførsler and Anlæg, the grand total named
    for what it contains and equal to the key figures (budget.fordel_pr_budgettype)."""
    at = kør()
    df = next(t for t in tabeller(at) if "Budgettype" in t.columns)
    assert list(df["Budgettype"]) == [
        "Service",
        "Indkomstoverførsler",
        "Anlæg",
        "I alt (service, indkomstoverførsler og anlæg)",
    ]
    s = data.load_snapshot(None)
    assert s.manifest.data_as_of is not None
    linjer = budget.opfoelgning(
        s["budget"], s["forbrug"], s["prognoser"], 2026, s.manifest.data_as_of
    )
    regel = budget.fordel_pr_budgettype(linjer, i_alt=True)
    assert list(df["Korrigeret budget"]) == [fmt.mio(x) for x in regel["korrigeret_budget_kr"]]
    assert list(df["Forventet afvigelse"]) == [
        fmt.mio(x, fortegn=True) for x in regel["forventet_afvigelse_kr"]
    ]
    tekst = al_tekst(at)
    assert "I alt (service, indkomstoverførsler og anlæg)" in tekst
    assert "Afvigelse: over 1 mio. kr. eller over 2 % af korrigeret budget." in tekst
