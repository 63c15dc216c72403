"""AppTest: the Økonomi page on a small hand-written source set, loaded by the real loader,
against HAND-COMPUTED figures (issue 15): three budget types, an anlæg project, an income
line, a line without forecast, a closed year with a stale forecast, and the pair (Frederiksberg
Skole on Skoler) where service overspends while anlæg underspends. Settings files:
missing, invalid, and overrides per politikområde.

The municipality (2026 as of 30 September; amounts in kr.):

| line | type | korrigeret | forbrug | forecast | afvigelse |
|---|---|---|---|---|---|
| Pedersborg Børnehus, Dagtilbud | service | 10.500.000 | 7.800.000 | 11.000.000 | +500.000 |
| Center BU, Dagtilbud (income) | service | −2.000.000 | −1.200.000 | −1.800.000 | +200.000 |
| Frederiksberg Skole, Skoler | service | 20.000.000 | 15.750.000 | 21.500.000 | +1.500.000 |
| Frederiksberg Skole, Skoler, PR1 | anlæg | 8.000.000 | 2.400.000 | 5.000.000 | −3.000.000 |
| Jobcenter Syd, Forsørgelse | indkomstoverf. | 30.000.000 | 21.000.000 | 29.000.000 | −1.000.000 |
| Jobcenter Syd, Forsørgelse | service | 4.000.000 | 2.910.000 | (none) | (0) |

2025 is closed (twelve months booked): Pedersborg 9.600.000 budget, regnskab 9.840.000
(a stale forecast of 9.100.000 must never show); PR1 4.000.000 budget, regnskab 3.000.000.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from modeller import budget, styringsregler
from modeller.loader import build_snapshot
from modeller.styringsregler import STANDARD
from tests.apptest import al_tekst, kør, tabeller
from tests.kilder_hjaelp import Saet, gyldigt_saet, skriv_csv

BSU = "Børne- og Skoleudvalget"
BEU = "Beskæftigelsesudvalget"
I_ALT_NAVN = "I alt (service, indkomstoverførsler og anlæg)"
MANGLER = "⚠ Mangler prognose"

_B = [
    "aar",
    "enhed_id",
    "politikomraade_id",
    "beloebstype",
    "beloeb_kr",
    "budgettype",
    "projekt_id",
]
_F = ["aar", "maaned", "enhed_id", "politikomraade_id", "beloeb_kr", "budgettype", "projekt_id"]
_A = ["projekt_id", "navn", "enhed_id", "politikomraade_id", "anlaegsbevilling_kr", "startaar"]
_A.append("slutaar")
_P = [
    "opfoelgningsdato",
    "enhed_id",
    "politikomraade_id",
    "forventet_forbrug_kr",
    "kommentar",
    "budgettype",
    "projekt_id",
]


def kommunens_kilder() -> Saet:
    """The source set of the module docstring (goal tables from kilder_hjaelp)."""
    s = gyldigt_saet()
    s["organisation"] = [
        ["enhed_id", "navn", "type", "overordnet_id", "leder"],
        ["K", "Lilleby Kommune", "kommune", "", ""],
        ["D", "Direktionen", "direktion", "K", ""],
        ["C1", "Center for Børn og Unge", "center", "D", ""],
        ["C2", "Jobcenter", "center", "D", ""],
        ["I1", "Pedersborg Børnehus", "institution", "C1", ""],
        ["I2", "Frederiksberg Skole", "institution", "C1", ""],
        ["I3", "Jobcenter Syd", "institution", "C2", ""],
    ]
    s["politikomraader"] = [
        ["politikomraade_id", "navn", "udvalg"],
        ["P1", "Dagtilbud", BSU],
        ["P2", "Skoler", BSU],
        ["P3", "Forsørgelse", BEU],
    ]
    s["budget"] = [
        _B,
        ["2026", "I1", "P1", "oprindeligt_budget", "10000000", "service", ""],
        ["2026", "I1", "P1", "tillaegsbevilling", "500000", "service", ""],
        ["2026", "C1", "P1", "oprindeligt_budget", "-2000000", "service", ""],
        ["2026", "I2", "P2", "oprindeligt_budget", "20000000", "service", ""],
        ["2026", "I2", "P2", "oprindeligt_budget", "8000000", "anlaeg", "PR1"],
        ["2026", "I3", "P3", "oprindeligt_budget", "30000000", "indkomstoverfoersler", ""],
        ["2026", "I3", "P3", "oprindeligt_budget", "4000000", "service", ""],
        ["2025", "I1", "P1", "oprindeligt_budget", "9600000", "service", ""],
        ["2025", "I2", "P2", "oprindeligt_budget", "4000000", "anlaeg", "PR1"],
    ]
    s["forbrug"] = [
        _F,
        ["2026", "3", "I1", "P1", "2500000", "service", ""],
        ["2026", "6", "I1", "P1", "2600000", "service", ""],
        ["2026", "9", "I1", "P1", "2700000", "service", ""],
        ["2026", "6", "C1", "P1", "-1200000", "service", ""],
        ["2026", "9", "I2", "P2", "15750000", "service", ""],
        ["2026", "5", "I2", "P2", "1000000", "anlaeg", "PR1"],
        ["2026", "9", "I2", "P2", "1400000", "anlaeg", "PR1"],
        ["2026", "9", "I3", "P3", "21000000", "indkomstoverfoersler", ""],
        ["2026", "9", "I3", "P3", "2910000", "service", ""],
        *(["2025", str(m), "I1", "P1", "820000", "service", ""] for m in range(1, 13)),
        ["2025", "6", "I2", "P2", "1500000", "anlaeg", "PR1"],
        ["2025", "11", "I2", "P2", "1500000", "anlaeg", "PR1"],
    ]
    s["prognoser"] = [
        _P,
        ["2025-09-30", "I1", "P1", "9100000", "Gammel prognose fra 2025", "service", ""],
        ["2026-05-31", "I2", "P2", "20000000", "Forældet forårsprognose", "service", ""],
        ["2026-09-30", "I1", "P1", "11000000", "Flere børn end forventet", "service", ""],
        ["2026-09-30", "C1", "P1", "-1800000", "Lavere forældrebetaling", "service", ""],
        ["2026-09-30", "I2", "P2", "21500000", "Flere elever i specialundervisning", "service", ""],
        ["2026-09-30", "I2", "P2", "5000000", "Byggeriet er forsinket", "anlaeg", "PR1"],
        ["2026-09-30", "I3", "P3", "29000000", "Færre på kontanthjælp", "indkomstoverfoersler", ""],
    ]
    s["anlaegsprojekter"] = [
        _A,
        ["PR1", "Ny skolefløj", "I2", "P2", "15000000", "2025", "2027"],
    ]
    return s


def byg(rod: Path, oekonomi_toml: str | None = None) -> Path:
    """Load the municipality with the real loader into `rod/data` (with `oekonomi.toml`
    when given); return the data folder."""
    data_dir = rod / "data"
    build_snapshot(
        skriv_csv(rod / "kilder", kommunens_kilder()),
        data_dir,
        label="Budgetopfølgning 30. september 2026",
        now=datetime(2026, 10, 5, 8, 0, tzinfo=UTC),
    )
    if oekonomi_toml is not None:
        (data_dir / "oekonomi.toml").write_text(oekonomi_toml, encoding="utf-8")
    return data_dir


@pytest.fixture
def kommune(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = byg(tmp_path)
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(data_dir))
    return data_dir


def med_indstillinger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str) -> Path:
    data_dir = byg(tmp_path, toml)
    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(data_dir))
    return data_dir


def tabel(at: AppTest) -> pd.DataFrame:
    """The follow-up table (key "oek_tabel_…") as text."""
    for d, df in zip(at.dataframe, tabeller(at), strict=True):
        if (d.key or "").startswith("oek_tabel_"):
            return df  # type: ignore[no-any-return]
    raise AssertionError("ingen opfølgningstabel på siden")


def tabel_med(at: AppTest, foerste_kolonne: str) -> pd.DataFrame:
    return next(t for t in tabeller(at) if t.columns[0] == foerste_kolonne)  # type: ignore[no-any-return]


def raekker(df: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Rows by their first column's text."""
    return {str(r[df.columns[0]]): dict(r) for _, r in df.iterrows()}


def udvalg_regel(budgettyper: list[str] | None = None) -> pl.DataFrame:
    """The rule on the loaded snapshot (for comparing rows and flags)."""
    s = data.load_snapshot(None)
    pr = s.manifest.data_as_of
    assert pr is not None
    linjer = budget.opfoelgning(s["budget"], s["forbrug"], s["prognoser"], 2026, pr)
    rul = budget.udvalg_oversigt(linjer, s["politikomraader"], budgettyper=budgettyper)
    return budget.marker_afvigelser(rul, STANDARD.taerskler)


# --------------------------------------------------------------------------- levels


def test_kommune_og_udvalg_haandregnet(kommune: Path) -> None:
    at = kør("oekonomi")
    assert not at.error
    df = tabel(at)
    assert df.columns[0] == "Udvalg"
    rk = raekker(df)
    assert list(rk) == [BEU, BSU, "I alt"]

    bsu = rk[BSU]
    assert bsu["Korrigeret budget"] == "36,5"
    assert bsu["Forbrug til dato"] == "24,8"  # 24.750.000
    assert bsu["Forventet regnskab"] == "35,7"
    assert bsu["Forventet afvigelse"] == "−0,8"  # looks like a saving …
    assert bsu["Ramme (i rammen)"] == "28,5"
    assert bsu["Forventet i rammen"] == "30,7"
    assert bsu["Afvigelse mod rammen"] == "+2,2"  # … but the frame is overspent
    assert bsu["Afvigelse uden for rammen"] == "−3,0"  # the delayed project
    assert bsu["Forventet overførsel (ud)"] == "−2,2"  # carry-over only from service
    assert bsu["Afvigelse"] == "▼ Mindreforbrug"  # 0,8 / 36,5 = 2,2 % > 2 %
    assert bsu["Prognose"] == ""

    beu = rk[BEU]
    assert beu["Korrigeret budget"] == "34,0"
    assert beu["Forventet regnskab"] == "33,0"  # the line without forecast at its budget
    assert beu["Forventet afvigelse"] == "−1,0"
    assert beu["Ramme (i rammen)"] == "4,0"
    assert beu["Afvigelse mod rammen"] == "0,0"  # a zero has no sign
    assert beu["Afvigelse uden for rammen"] == "−1,0"
    assert beu["Forventet overførsel (ud)"] == "0,0"  # indkomstoverførsler: no carry-over
    assert beu["Prognose"] == MANGLER
    assert beu["Forklaring"] == "Færre på kontanthjælp"  # the one comment of its lines
    assert beu["Afvigelse"] == "▼ Mindreforbrug"  # 1,0 / 34,0 = 2,9 % > 2 %

    i_alt = rk["I alt"]
    assert i_alt["Korrigeret budget"] == "70,5"
    assert i_alt["Forventet regnskab"] == "68,7"
    assert i_alt["Forventet afvigelse"] == "−1,8"
    assert i_alt["Afvigelse mod rammen"] == "+2,2"
    assert i_alt["Afvigelse uden for rammen"] == "−4,0"

    # The rows carry the rule's flags (udvalg_oversigt + marker_afvigelser).
    regel = udvalg_regel()
    assert set(regel.filter(pl.col("er_afvigelse"))["navn"]) == {BSU, BEU}

    # Key figures: the grand total says what it contains.
    metrik = {m.label: m.value for m in at.metric}
    assert metrik["Korrigeret budget, mio. kr."] == "70,5"
    assert metrik["Forventet afvigelse, mio. kr."] == "−1,8"
    assert f"**{I_ALT_NAVN}** · Hele kommunen" in al_tekst(at)
    assert "Rækkerne omfatter service, indkomstoverførsler og anlæg;" in al_tekst(at)


def test_fordeling_paa_budgettyper_haandregnet(kommune: Path) -> None:
    at = kør("oekonomi")
    rk = raekker(tabel_med(at, "Budgettype"))
    assert list(rk) == ["Service", "Indkomstoverførsler", "Anlæg", I_ALT_NAVN]
    forventet = {
        # budget, forbrug, forecast, deviation, carry-over out, tidsforskydning, missing
        "Service": ("32,5", "25,3", "34,7", "+2,2", "−2,2", "0,0", "1"),
        "Indkomstoverførsler": ("30,0", "21,0", "29,0", "−1,0", "0,0", "0,0", "–"),
        "Anlæg": ("8,0", "2,4", "5,0", "−3,0", "0,0", "3,0", "–"),
        I_ALT_NAVN: ("70,5", "48,7", "68,7", "−1,8", "−2,2", "3,0", "1"),
    }
    for navn, tal_ in forventet.items():
        r = rk[navn]
        vist = (
            r["Korrigeret budget"],
            r["Forbrug til dato"],
            r["Forventet regnskab"],
            r["Forventet afvigelse"],
            r["Forventet overførsel (ud)"],
            r["Tidsforskydning"],
            r["Linjer uden prognose"],
        )
        assert vist == tal_, navn


def test_politikomraader_i_udvalget(kommune: Path) -> None:
    at = kør("oekonomi", udvalg=BSU)
    df = tabel(at)
    assert df.columns[0] == "Politikområde"
    rk = raekker(df)
    assert list(rk) == ["Dagtilbud", "Skoler", "I alt"]
    assert rk["Dagtilbud"]["Korrigeret budget"] == "8,5"
    assert rk["Dagtilbud"]["Forventet regnskab"] == "9,2"
    assert rk["Dagtilbud"]["Forventet afvigelse"] == "+0,7"
    assert rk["Dagtilbud"]["Afvigelse"] == "▲ Merforbrug"
    assert rk["Skoler"]["Korrigeret budget"] == "28,0"
    assert rk["Skoler"]["Forventet regnskab"] == "26,5"
    assert rk["Skoler"]["Forventet afvigelse"] == "−1,5"  # +1,5 service, −3,0 anlæg
    assert rk["Skoler"]["Forventet overførsel (ud)"] == "−1,5"  # service only
    assert rk["Skoler"]["Udvalg"] == BSU
    assert rk["I alt"]["Forventet afvigelse"] == "−0,8"
    # The same rows at udvalg level: the udvalg's row equals the sum of its areas.
    assert raekker(tabel(kør("oekonomi")))[BSU]["Forventet afvigelse"] == "−0,8"
    # The split covers the udvalg only.
    fordeling = raekker(tabel_med(at, "Budgettype"))
    assert fordeling["Service"]["Forventet afvigelse"] == "+2,2"
    assert fordeling["Indkomstoverførsler"]["Korrigeret budget"] == "0,0"
    assert fordeling["Anlæg"]["Tidsforskydning"] == "3,0"


def test_center_og_institution(kommune: Path) -> None:
    at = kør("oekonomi", udvalg=BSU, politikomraade="P1")
    rk = raekker(tabel(at))
    assert list(rk) == ["Center for Børn og Unge", "I alt"]
    assert rk["Center for Børn og Unge"]["Forventet afvigelse"] == "+0,7"

    at = kør("oekonomi", udvalg=BSU, politikomraade="P1", center="C1")
    df = tabel(at)
    assert df.columns[0] == "Institution"
    rk = raekker(df)
    assert list(rk) == ["Center for Børn og Unge", "Pedersborg Børnehus", "I alt"]
    # The income line: less income than budgeted is a merforbrug (+0,2 = 10 %).
    indtaegt = rk["Center for Børn og Unge"]
    assert (indtaegt["Korrigeret budget"], indtaegt["Forventet regnskab"]) == ("−2,0", "−1,8")
    assert indtaegt["Forventet afvigelse"] == "+0,2"
    assert indtaegt["Afvigelse"] == "▲ Merforbrug"
    assert indtaegt["Forklaring"] == "Lavere forældrebetaling"
    # The forecast's comment stands beside its deviation.
    ped = rk["Pedersborg Børnehus"]
    assert (ped["Forventet afvigelse"], ped["Forklaring"]) == ("+0,5", "Flere børn end forventet")
    assert ped["Forbrug til dato"] == "7,8"
    assert ped["Forbrugsprocent"] == "74,3 %"  # 7,8 / 10,5
    assert "Dialogmøde" in df.columns


def test_service_overskrider_mens_anlaeg_er_forsinket(kommune: Path) -> None:
    """The pair Frederiksberg Skole × Skoler: service +1,5 with its comment, anlæg −3,0 as
    a tidsforskydning with its own comment; service does not absorb the underspend."""
    rk = raekker(tabel(kør("oekonomi", udvalg=BSU, politikomraade="P2", center="C1")))
    assert rk["Frederiksberg Skole"]["Forventet afvigelse"] == "−1,5"  # both types together

    service = raekker(
        tabel(kør("oekonomi", udvalg=BSU, politikomraade="P2", center="C1", budgettype="service"))
    )["Frederiksberg Skole"]
    assert service["Korrigeret budget"] == "20,0"
    assert service["Forventet regnskab"] == "21,5"
    assert service["Forventet afvigelse"] == "+1,5"
    assert service["Afvigelse"] == "▲ Merforbrug"
    assert service["Forklaring"] == "Flere elever i specialundervisning"
    assert service["Forventet overførsel (ud)"] == "−1,5"
    tekst = al_tekst(kør("oekonomi", udvalg=BSU, politikomraade="P2", budgettype="service"))
    assert "Rækkerne omfatter kun service." in tekst  # the rows say what they contain
    assert "**I alt (service)** · " in tekst

    at = kør("oekonomi", udvalg=BSU, politikomraade="P2", center="C1", budgettype="anlaeg")
    anlaeg = raekker(tabel(at))["Frederiksberg Skole"]
    assert anlaeg["Forventet afvigelse"] == "−3,0"
    assert anlaeg["Forklaring"] == "Byggeriet er forsinket"
    assert anlaeg["Forventet overførsel (ud)"] == "0,0"  # a shift in time, not carried over
    fordeling = raekker(tabel_med(at, "Budgettype"))
    assert list(fordeling) == ["Anlæg", "I alt (anlæg)"]  # only the filtered type
    assert fordeling["Anlæg"]["Tidsforskydning"] == "3,0"
    assert "**I alt (anlæg)** · " in al_tekst(at)


def test_anlaeg_pr_projekt(kommune: Path) -> None:
    at = kør("oekonomi", udvalg=BSU, politikomraade="P2")
    rk = raekker(tabel_med(at, "Projekt"))
    p = rk["Ny skolefløj"]
    assert p["Anlægsbevilling"] == "15,0"
    assert p["Rådighedsbeløb i år"] == "8,0"
    assert p["Forbrug i år"] == "2,4"
    assert p["Forbrug i alt"] == "5,4"  # 3,0 in 2025 + 2,4 this year
    assert p["Forventet i år"] == "5,0"
    assert p["Tidsforskydning"] == "3,0"
    assert p["Forklaring"] == "Byggeriet er forsinket"
    assert "er ikke en besparelse" in al_tekst(at)
    # Not on a politikområde without projects.
    at = kør("oekonomi", udvalg=BSU, politikomraade="P1")
    assert not any(t.columns[0] == "Projekt" for t in tabeller(at))


def test_mangler_prognose_markeres_og_taelles(kommune: Path) -> None:
    at = kør("oekonomi", udvalg=BEU, politikomraade="P3", center="C2")
    rk = raekker(tabel(at))
    assert rk["Jobcenter Syd"]["Prognose"] == MANGLER
    assert rk["Jobcenter Syd"]["Forventet regnskab"] == "33,0"  # 29,0 + 4,0 at budget
    tekst = al_tekst(at)
    assert styringsregler.fodnote_mangler_prognose(1) in tekst
    assert tekst.count("1 linje mangler prognose") == 1
    # Only service has the line: in the split it is counted there.
    fordeling = raekker(tabel_med(at, "Budgettype"))
    assert fordeling["Service"]["Linjer uden prognose"] == "1"
    assert fordeling["Indkomstoverførsler"]["Linjer uden prognose"] == "–"


def test_lukket_aar_viser_regnskab_aldrig_gammel_prognose(kommune: Path) -> None:
    at = kør("oekonomi", aar="2025")
    df = tabel(at)
    assert "Regnskab" in df.columns and "Afvigelse af regnskab" in df.columns
    assert "Forventet regnskab" not in df.columns
    bsu = raekker(df)[BSU]
    assert bsu["Korrigeret budget"] == "13,6"
    assert bsu["Regnskab"] == "12,8"  # 9,84 + 3,0
    assert bsu["Afvigelse af regnskab"] == "−0,8"  # −0,76
    assert bsu["Prognose"] == ""

    rk = raekker(tabel(kør("oekonomi", aar="2025", udvalg=BSU, politikomraade="P1", center="C1")))
    ped = rk["Pedersborg Børnehus"]
    assert ped["Regnskab"] == "9,8"  # 12 × 820.000 = 9.840.000
    assert ped["Afvigelse af regnskab"] == "+0,2"  # +240.000 = 2,5 %
    assert ped["Afvigelse"] == "▲ Merforbrug"
    assert ped["Forventet overførsel (ud)"] == "−0,2"
    assert ped["Forklaring"] == ""
    tekst = al_tekst(at)
    assert styringsregler.fodnote_regnskab(2025) in tekst
    alle_tabeller = " ".join(" ".join(map(str, t.to_numpy().ravel())) for t in tabeller(at))
    assert "Gammel prognose" not in tekst + alle_tabeller
    for t in (df, tabel_med(at, "Budgettype")):  # the stale forecast (9,1) nowhere
        assert "9,1" not in " ".join(map(str, t.to_numpy().ravel()))
    assert "mangler prognose" not in tekst

    fordeling = raekker(tabel_med(at, "Budgettype"))
    assert "Regnskab" in tabel_med(at, "Budgettype").columns
    assert fordeling["Anlæg"]["Regnskab"] == "3,0"
    assert fordeling["Anlæg"]["Tidsforskydning"] == "1,0"
    assert fordeling["Service"]["Forventet overførsel (ud)"] == "−0,2"


# --------------------------------------------------------------------------- settings


def test_uden_oekonomi_toml_gaelder_standardreglerne(kommune: Path) -> None:
    assert not (kommune / "oekonomi.toml").exists()
    at = kør("oekonomi")
    assert not at.error
    tekst = al_tekst(at)
    assert "Afvigelse: over 1 mio. kr. eller over 2 % af korrigeret budget." in tekst
    assert styringsregler.fodnote_overfoersel(STANDARD) in tekst


def test_ugyldig_oekonomi_toml_giver_dansk_fejl_og_standardregler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    med_indstillinger(tmp_path, monkeypatch, '[taerskler]\nkr = "mange"\n')
    at = kør("oekonomi")
    assert not at.exception
    fejl = " ".join(e.value for e in at.error)
    assert "«kr» skal være et tal på mindst 0" in fejl
    assert "standardreglerne" in fejl
    assert "Traceback" not in fejl
    # The standard rules are used: the same figures and flags as without a file.
    rk = raekker(tabel(at))
    assert rk[BSU]["Afvigelse"] == "▼ Mindreforbrug"
    assert rk[BSU]["Forventet overførsel (ud)"] == "−2,2"
    assert "Afvigelse: over 1 mio. kr. eller over 2 % af korrigeret budget." in al_tekst(at)

    # Not TOML at all.
    (tmp_path / "data" / "oekonomi.toml").write_text("[taerskler\nkr = 1", encoding="utf-8")
    at = kør("oekonomi")
    assert not at.exception
    assert any("er ikke gyldig TOML" in e.value for e in at.error)
    assert raekker(tabel(at))[BSU]["Afvigelse mod rammen"] == "+2,2"


def test_taerskler_fra_oekonomi_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """900.000 kr. or 5 %: Beskæftigelsesudvalget (−1,0 = 2,9 %) is an exception,
    Børne- og Skoleudvalget (−0,8 = 2,2 %) no longer."""
    med_indstillinger(tmp_path, monkeypatch, "[taerskler]\nkr = 900_000\npct = 5\n")
    at = kør("oekonomi")
    assert not at.error
    rk = raekker(tabel(at))
    assert rk[BEU]["Afvigelse"] == "▼ Mindreforbrug"
    assert rk[BSU]["Afvigelse"] == ""
    assert "Afvigelse: over 900 t. kr. eller over 5 % af korrigeret budget." in al_tekst(at)
    assert "over 2 %" not in al_tekst(at)


def test_taerskel_0_slaar_testen_fra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pct = 0 turns the percent test off ("0 slår den pågældende test fra"): only the kr.
    test at 900.000 kr. remains, as the footnote says."""
    med_indstillinger(tmp_path, monkeypatch, "[taerskler]\nkr = 900_000\npct = 0\n")
    at = kør("oekonomi")
    tekst = al_tekst(at)
    assert "Afvigelse: over 900 t. kr." in tekst and "% af korrigeret budget" not in tekst
    rk = raekker(tabel(at))
    assert rk[BEU]["Afvigelse"] == "▼ Mindreforbrug"
    assert rk[BSU]["Afvigelse"] == ""  # −0,8 is below 900.000 kr.


def test_undtagelse_pr_politikomraade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """anlæg on Skoler with full carry-over: its 3,0 underspend is carried over, and the
    footnote says so."""
    toml = "[politikomraade.P2.anlaeg]\noverfoersel = true\n"
    med_indstillinger(tmp_path, monkeypatch, toml)
    at = kør("oekonomi", udvalg=BSU)
    assert not at.error
    rk = raekker(tabel(at))
    assert rk["Skoler"]["Forventet overførsel (ud)"] == "1,5"  # −1,5 service + 3,0 anlæg
    assert rk["Dagtilbud"]["Forventet overførsel (ud)"] == "−0,7"  # unchanged
    tekst = al_tekst(at)
    ind = styringsregler.fra_toml(toml)
    assert styringsregler.fodnote_overfoersel(ind, {"P2": "Skoler"}) in tekst
    assert "Undtaget: anlæg på Skoler med fuld overførsel." in tekst


def test_budgetgaranti_og_ramme_undtagelse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """service on Forsørgelse outside the frame: Beskæftigelsesudvalget's frame is empty;
    the udvalg level says which money lies inside the frame; the budget guarantee is
    named where the selection has it."""
    toml = 'budgetgaranti = ["P3"]\n[politikomraade.P3.service]\ni_ramme = false\n'
    med_indstillinger(tmp_path, monkeypatch, toml)
    at = kør("oekonomi")
    assert not at.error
    beu = raekker(tabel(at))[BEU]
    assert beu["Ramme (i rammen)"] == "0,0"
    assert beu["Afvigelse uden for rammen"] == "−1,0"
    tekst = al_tekst(at)
    ind = styringsregler.fra_toml(toml)
    assert styringsregler.fodnote_budgettyper(ind, {"P3": "Forsørgelse"}) in tekst
    assert "Undtaget: service på Forsørgelse uden for rammen." in tekst
    garanti = "Indkomstoverførsler under budgetgarantien (staten efterregulerer): Forsørgelse."
    assert garanti in tekst
    assert garanti in al_tekst(kør("oekonomi", udvalg=BEU))
    assert garanti not in al_tekst(kør("oekonomi", udvalg=BSU))
