"""Pure rules: what is missing for the current follow-up (modeller/indberetning/mangler.py),
on tiny hand-made frames."""

from __future__ import annotations

from datetime import date

import polars as pl

from modeller.indberetning.mangler import manglende_prognoser, manglende_vurderinger, pr_ejer

MAAL = pl.DataFrame(
    {
        "maal_id": ["M1", "M2", "M3", "M4"],
        "titel": ["a", "b", "c", "d"],
        "enhed_id": ["I1", "I1", "I2", "I3"],
    }
)
VURDERINGER = pl.DataFrame(
    {
        "maal_id": ["M1", "M1", "M2", "M3"],
        "dato": [date(2025, 12, 31), date(2026, 4, 30), date(2026, 3, 31), date(2026, 2, 1)],
    }
)
BUDGET = pl.DataFrame(
    {
        "aar": [2026, 2026, 2026, 2026, 2025],
        "enhed_id": ["I1", "I1", "I1", "I2", "I3"],
        "politikomraade_id": ["P1", "P1", "P2", "P1", "P1"],
        "budgettype": ["service", "service", "anlaeg", "service", "service"],
        "projekt_id": [None, None, "A1", None, None],
    }
)
PROGNOSER = pl.DataFrame(
    {
        "opfoelgningsdato": [date(2026, 9, 30), date(2026, 8, 31), date(2026, 9, 30)],
        "enhed_id": ["I1", "I1", "I2"],
        "politikomraade_id": ["P1", "P2", "P1"],
        "budgettype": [None, "anlaeg", "service"],
        "projekt_id": [None, "A1", None],
    },
    schema_overrides={"budgettype": pl.String, "projekt_id": pl.String},
)


def test_manglende_vurderinger_efter_forrige_frist() -> None:
    # Fresh = dated after 31/3/2026: only M1 (30/4). M2 is exactly on the deadline (not
    # after it), M3 before, M4 has none.
    ud = manglende_vurderinger(MAAL, VURDERINGER, ["I1", "I2", "I3"], date(2026, 3, 31))
    assert ud["maal_id"].to_list() == ["M2", "M3", "M4"]
    assert ud["seneste_vurdering"].to_list() == [date(2026, 3, 31), date(2026, 2, 1), None]
    # Limited to the user's units.
    assert manglende_vurderinger(MAAL, VURDERINGER, ["I3"], date(2026, 3, 31)).height == 1


def test_manglende_prognoser_ved_opfoelgningen() -> None:
    # 2026 lines: I1·P1·service (forecast at 30/9, budgettype empty = service), I1·P2·anlæg·A1
    # (only at 31/8: missing), I2·P1·service (has one). I3's budget is 2025's.
    ud = manglende_prognoser(BUDGET, PROGNOSER, ["I1", "I2", "I3"], 2026, date(2026, 9, 30))
    assert ud.rows() == [("I1", "P2", "anlaeg", "A1")]


def test_pr_ejer_taeller_begge_slags_pr_enhed() -> None:
    mv = manglende_vurderinger(MAAL, VURDERINGER, ["I1", "I2", "I3"], date(2026, 3, 31))
    mp = manglende_prognoser(BUDGET, PROGNOSER.head(1), ["I1", "I2"], 2026, date(2026, 9, 30))
    # Vurderinger: I1 1 (M2), I2 1 (M3), I3 1 (M4). Prognoser: I1 1 (P2 anlæg), I2 1.
    assert pr_ejer(mv, mp).rows() == [("I1", 1, 1), ("I2", 1, 1), ("I3", 1, 0)]
    assert pr_ejer(mv.head(0), mp.head(0)).is_empty()


# --- which follow-up: monthly to Økonomiudvalget, goals at their own deadlines --------


def test_aktuel_opfoelgning_maanedlig_til_oekonomiudvalget() -> None:
    from dataclasses import replace

    from modeller.aarshjul import STANDARD
    from modeller.indberetning.mangler import (
        MAANEDLIG_OPFOELGNING,
        aktuel_maalvurdering,
        aktuel_opfoelgning,
    )

    # STANDARD: Byrådet 31/3, 31/5, 30/9 (goals assessed), budget revision 30/4.
    f = aktuel_opfoelgning(STANDARD, date(2026, 6, 10))
    assert f is not None and (f.dato, f.navn) == (date(2026, 6, 30), MAANEDLIG_OPFOELGNING)
    f = aktuel_opfoelgning(STANDARD, date(2026, 4, 15))  # a deadline the same month end wins
    assert f is not None and f.dato == date(2026, 4, 30) and f.navn.startswith("Budgetrevision")
    f = aktuel_opfoelgning(STANDARD, date(2026, 9, 30))  # on the day itself
    assert f is not None and (f.dato, f.navn) == (date(2026, 9, 30), "Budgetopfølgning til Byrådet")
    f = aktuel_opfoelgning(STANDARD, date(2028, 2, 3))  # leap year
    assert f is not None and f.dato == date(2028, 2, 29)
    f = aktuel_opfoelgning(STANDARD, date(2026, 12, 5))  # no deadline left this year
    assert f is not None and f.dato == date(2026, 12, 31)
    uden = replace(STANDARD, maanedlig_oekonomiudvalg=False)
    f = aktuel_opfoelgning(uden, date(2026, 6, 10))
    assert f is not None and f.dato == date(2026, 9, 30)
    f = aktuel_opfoelgning(uden, date(2026, 12, 5))  # next year's first deadline
    assert f is not None and f.dato == date(2027, 3, 31)
    # Goals are due at the next goal-assessment deadline, not at the monthly follow-up.
    assert aktuel_maalvurdering(STANDARD, date(2026, 6, 10)) == date(2026, 9, 30)
    assert aktuel_maalvurdering(STANDARD, date(2026, 5, 31)) == date(2026, 5, 31)
    assert aktuel_maalvurdering(STANDARD, date(2026, 10, 1)) == date(2027, 3, 31)
    assert aktuel_maalvurdering(replace(STANDARD, frister=()), date(2026, 6, 10)) is None
