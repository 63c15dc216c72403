"""Tests for the årshjul: phases, next deadlines (across New Year), settings validation."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from modeller.aarshjul import STANDARD, AarshjulFejl, fra_indstillinger


@pytest.mark.parametrize(
    ("d", "fase"),
    [
        (date(2026, 1, 1), "Målopfølgning og målformulering"),
        (date(2026, 3, 31), "Målopfølgning og målformulering"),
        (date(2026, 4, 1), "Aftaledialog"),
        (date(2026, 9, 30), "Budget og mål vedtages"),
        (date(2026, 11, 27), "Aftaler indgås"),
        (date(2026, 12, 31), "Aftaler indgås"),
    ],
)
def test_fase(d: date, fase: str) -> None:
    assert STANDARD.fase(d).navn == fase


def test_naeste_frister_krydser_nytaar() -> None:
    f = STANDARD.naeste_frister(date(2026, 11, 27), 3)
    assert [x.dato for x in f] == [date(2026, 12, 31), date(2027, 3, 31), date(2027, 3, 31)]
    assert f[0].navn == "Aftaler for 2027 indgået" and f[0].art == "indgaaelse"
    assert {x.art for x in f[1:]} == {"opfoelgning", "frist"}
    assert "Aftaler for 2026 fulgt op" in {x.navn for x in f[1:]}


def test_naeste_frister_medtager_fristen_paa_dagen() -> None:
    f = STANDARD.naeste_frister(date(2026, 5, 31), 2)
    assert [x.dato for x in f] == [date(2026, 5, 31), date(2026, 9, 30)]
    assert STANDARD.naeste_frister(date(2026, 6, 1), 1)[0].dato == date(2026, 9, 30)


def test_naeste_frister_nytaarsdag() -> None:
    assert STANDARD.naeste_frister(date(2027, 1, 1), 1)[0].dato == date(2027, 3, 31)


def test_aftalefrister() -> None:
    assert STANDARD.signeringsfrist(2027) == date(2026, 12, 31)
    assert STANDARD.opfoelgningsfrist(2026) == date(2027, 3, 31)
    samme_aar = fra_indstillinger(
        {"aftaler": {"indgaaes_senest": "01-31", "indgaaes_aaret_foer": False}}
    )
    assert samme_aar.signeringsfrist(2027) == date(2027, 1, 31)
    assert samme_aar.frister_i_aar(2027)[0].navn == "Aftaler for 2027 indgået"


def test_vurderingsfrister_over_aarsskiftet() -> None:
    assert STANDARD.vurderingsfrister(date(2026, 9, 30)) == (
        date(2026, 5, 31),
        date(2026, 9, 30),
        date(2027, 3, 31),
    )
    assert STANDARD.vurderingsfrister(date(2027, 2, 1)) == (
        date(2026, 5, 31),
        date(2026, 9, 30),
        date(2027, 3, 31),
    )
    assert STANDARD.vurderingsfrister(date(2026, 4, 15)) == (
        date(2025, 9, 30),
        date(2026, 3, 31),
        date(2026, 5, 31),
    )


def test_skudaarsdag_falder_tilbage() -> None:
    hjul = fra_indstillinger({"frist": [{"dato": "02-29", "navn": "Skæv frist"}]})
    assert hjul.frister[0].dato(2027) == date(2027, 2, 28)
    assert hjul.frister[0].dato(2028) == date(2028, 2, 29)


def test_tomme_indstillinger_giver_standard() -> None:
    assert fra_indstillinger({}) == STANDARD


def test_egne_faser_der_krydser_nytaar() -> None:
    hjul = fra_indstillinger(
        {
            "fase": [
                {"navn": "Vinter", "fra_maaned": 11, "til_maaned": 2},
                {"navn": "Resten", "fra_maaned": 3, "til_maaned": 10},
            ]
        }
    )
    assert hjul.fase(date(2026, 1, 15)).navn == "Vinter"
    assert hjul.fase(date(2026, 12, 1)).navn == "Vinter"
    assert hjul.fase(date(2026, 6, 1)).navn == "Resten"


@pytest.mark.parametrize(
    ("indstillinger", "tekst"),
    [
        ({"frist": [{"dato": "31-03", "navn": "x"}]}, "ikke en gyldig dato"),
        ({"frist": [{"dato": "2026-03-31", "navn": "x"}]}, "MM-DD"),
        ({"frist": [{"dato": "03-31"}]}, "navn"),
        ({"frist": [{"dato": "03-31", "navn": "x", "vurder_maal": "ja"}]}, "true eller false"),
        ({"fase": [{"navn": "Hele året", "fra_maaned": 1, "til_maaned": 11}]}, "12 måneder"),
        ({"fase": [{"navn": "x", "fra_maaned": 0, "til_maaned": 12}]}, "1–12"),
        ({"faser": []}, "Ukendt afsnit"),
        ({"aftaler": {"indgaaes": "12-31"}}, "ukendt nøgle"),
        ({"aftaler": {"opfoelges_senest": "04-31"}}, "ikke en gyldig dato"),
        ({"frist": {"dato": "03-31"}}, "liste"),
    ],
)
def test_ugyldige_indstillinger_giver_dansk_fejl(
    indstillinger: dict[str, object], tekst: str
) -> None:
    with pytest.raises(AarshjulFejl, match=tekst):
        fra_indstillinger(indstillinger)


def test_den_medfoelgende_indstillingsfil_er_standarden() -> None:
    fil = Path(__file__).resolve().parents[1] / "data" / "aarshjul.toml"
    assert fra_indstillinger(tomllib.loads(fil.read_text(encoding="utf-8"))) == STANDARD


def test_indstillinger_fra_datamappen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import data

    monkeypatch.setenv("STYRINGSOVERBLIK_DATA", str(tmp_path))
    assert data.load_aarshjul_indstillinger() == {}
    (tmp_path / "aarshjul.toml").write_text(
        '[aftaler]\nindgaaes_senest = "11-30"\n', encoding="utf-8"
    )
    hjul = fra_indstillinger(data.load_aarshjul_indstillinger())
    assert hjul.signeringsfrist(2027) == date(2026, 11, 30)
    (tmp_path / "aarshjul.toml").write_text("[aftaler\n", encoding="utf-8")
    with pytest.raises(AarshjulFejl, match="ikke gyldig TOML"):
        data.load_aarshjul_indstillinger()
