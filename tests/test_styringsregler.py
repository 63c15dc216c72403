"""Pure tests for modeller.styringsregler: settings (oekonomi.toml) and footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import data
from modeller import styringsregler as S

ROD = Path(__file__).resolve().parents[1]


def test_empty_settings_are_the_defaults() -> None:
    ind = S.fra_indstillinger({})
    assert ind == S.STANDARD
    assert ind.regel("service") == S.Styringsregel(i_ramme=True, overfoersel=True)
    assert ind.regel("indkomstoverfoersler") == S.Styringsregel(i_ramme=False, overfoersel=False)
    anlaeg = ind.regel("anlaeg")
    assert (anlaeg.i_ramme, anlaeg.overfoersel, anlaeg.tidsforskydning, anlaeg.pr_projekt) == (
        False,
        False,
        True,
        True,
    )
    assert ind.taerskler == S.Taerskler(1_000_000.0, 2.0)
    assert ind.budgetgaranti == ()
    hash(ind)  # usable as a cache key


def test_the_shipped_settings_file_is_the_default_plus_budgetgaranti() -> None:
    ind = S.fra_toml((ROD / "data" / "oekonomi.toml").read_text(encoding="utf-8"))
    assert ind.regler == S.STANDARD.regler
    assert ind.undtagelser == ()
    assert ind.taerskler == S.STANDARD.taerskler
    assert ind.budgetgaranti == ("P-FOR",)


def test_override_per_politikomraade_and_type_and_thresholds() -> None:
    ind = S.fra_toml(
        """
budgetgaranti = ["P-FOR", "P-FOR", "P-BES"]
[taerskler]
kr = 500_000
pct = 1.5
[budgettype.indkomstoverfoersler]
overfoersel = true
[politikomraade.P-EJD.service]
overfoersel = false
[politikomraade.P-BES.indkomstoverfoersler]
i_ramme = true
"""
    )
    assert ind.taerskler == S.Taerskler(500_000.0, 1.5)
    assert ind.budgetgaranti == ("P-FOR", "P-BES")
    # The type's rule changes everywhere; an override only on its politikområde, and
    # keys it leaves out follow the (changed) type rule.
    assert ind.regel("indkomstoverfoersler").overfoersel is True
    assert ind.regel("indkomstoverfoersler", "P-BES") == S.Styringsregel(
        i_ramme=True, overfoersel=True
    )
    assert ind.regel("service", "P-EJD") == S.Styringsregel(i_ramme=True, overfoersel=False)
    assert ind.regel("service", "P-ADM") == S.Styringsregel(i_ramme=True, overfoersel=True)
    tabel = S.regeltabel(ind)
    assert tabel.height == 3 + 2
    assert tabel.filter(tabel["politikomraade_id"] == "P-EJD")["overfoersel"].to_list() == [False]


@pytest.mark.parametrize(
    ("d", "besked"),
    [
        ({"regler": {}}, "Ukendt afsnit i oekonomi.toml: regler"),
        ({"taerskler": {"kr": -1}}, "[taerskler]: «kr» skal være et tal på mindst 0"),
        ({"taerskler": {"pct": "2"}}, "[taerskler]: «pct» skal være et tal"),
        ({"taerskler": {"procent": 2}}, "[taerskler]: ukendt nøgle procent"),
        ({"budgettype": {"drift": {"i_ramme": True}}}, "'drift' er ikke en budgettype"),
        (
            {"budgettype": {"service": {"overfoersel": "ja"}}},
            "[budgettype.service]: «overfoersel» skal være true eller false",
        ),
        (
            {"politikomraade": {"P1": {"service": {"carry": True}}}},
            "[politikomraade.P1.service]: ukendt nøgle carry",
        ),
        ({"politikomraade": {"P1": {"Anlæg": {}}}}, "'Anlæg' er ikke en budgettype"),
        ({"budgetgaranti": "P-FOR"}, "«budgetgaranti» skal være en liste"),
        ({"taerskler": 5}, "[taerskler] skal være et afsnit"),
    ],
)
def test_invalid_settings_give_a_danish_error(d: dict[str, object], besked: str) -> None:
    with pytest.raises(S.OekonomiFejl) as fejl:
        S.fra_indstillinger(d)
    assert besked in str(fejl.value)


def test_invalid_toml_gives_a_danish_error() -> None:
    with pytest.raises(S.OekonomiFejl, match=r"oekonomi\.toml er ikke gyldig TOML"):
        S.fra_toml("[taerskler\nkr = 1")


def test_settings_file_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(data.MILJOEVARIABEL, str(tmp_path))
    assert data.load_oekonomi_indstillinger() == {}  # missing: the defaults apply
    assert S.fra_indstillinger(data.load_oekonomi_indstillinger()) == S.STANDARD
    (tmp_path / "oekonomi.toml").write_text("[taerskler]\npct = 3\n", encoding="utf-8")
    assert S.fra_indstillinger(data.load_oekonomi_indstillinger()).taerskler.pct == 3.0
    (tmp_path / "oekonomi.toml").write_text("[taerskler\n", encoding="utf-8")
    with pytest.raises(S.OekonomiFejl, match=r"oekonomi\.toml er ikke gyldig TOML"):
        data.load_oekonomi_indstillinger()


def test_unknown_politikomraader_in_settings_are_reported() -> None:
    ind = S.fra_indstillinger(
        {"budgetgaranti": ["P-FOR", "P-X"], "politikomraade": {"P-Y": {"service": {}}}}
    )
    assert S.ukendte_politikomraader(ind, ["P-FOR"]) == [
        "oekonomi.toml nævner politikområdet 'P-Y', som ikke findes i data; det ignoreres.",
        "oekonomi.toml nævner politikområdet 'P-X', som ikke findes i data; det ignoreres.",
    ]


# --- footnotes ---------------------------------------------------------------------------


def test_default_footnotes() -> None:
    assert (
        S.fodnote_taerskler() == "Afvigelse: over 1 mio. kr. eller over 2 % af korrigeret budget."
    )
    assert S.fodnote_overfoersel() == (
        "Forventet overførsel beregnes kun for service (fuld overførsel). "
        "Indkomstoverførsler overføres ikke. "
        "Mindreforbrug på anlæg er en tidsforskydning, ikke en besparelse."
    )
    assert S.fodnote_budgettyper() == (
        "Service ligger inden for rammen. Indkomstoverførsler ligger uden for rammen. "
        "Anlæg styres pr. projekt og ligger uden for rammen."
    )
    assert S.fodnote_budgetgaranti() == ""
    assert "merforbrug er positiv" in S.fodnote_fortegn()
    assert S.fodnote_mangler_prognose(0) == ""
    assert S.fodnote_mangler_prognose(1).startswith("1 linje mangler prognose")
    assert S.fodnote_mangler_prognose(3).startswith("3 linjer mangler prognose")
    assert S.fodnote_regnskab(2025).startswith("2025 er afsluttet: tallene er regnskab")


def test_footnotes_follow_the_settings_in_force() -> None:
    ind = S.fra_indstillinger(
        {
            "budgetgaranti": ["P-FOR"],
            "taerskler": {"kr": 250_000, "pct": 0},
            "politikomraade": {
                "P-EJD": {"service": {"overfoersel": False}},
                "P-BES": {"indkomstoverfoersler": {"i_ramme": True}},
            },
        }
    )
    navne = {"P-EJD": "Ejendomme", "P-FOR": "Forsørgelse", "P-BES": "Beskæftigelse"}
    assert S.fodnote_taerskler(ind) == "Afvigelse: over 250 t. kr."
    assert S.fodnote_taerskler(
        S.fra_indstillinger({"taerskler": {"kr": 1_500_000, "pct": 2.5}})
    ) == ("Afvigelse: over 1,5 mio. kr. eller over 2,5 % af korrigeret budget.")
    assert S.fodnote_overfoersel(ind, navne).endswith(
        "Undtaget: service på Ejendomme uden overførsel."
    )
    assert S.fodnote_budgettyper(ind, navne).endswith(
        "Undtaget: indkomstoverførsler på Beskæftigelse inden for rammen."
    )
    assert S.fodnote_budgetgaranti(ind, navne) == (
        "Indkomstoverførsler under budgetgarantien (staten efterregulerer): Forsørgelse."
    )
