"""Pure tests for modeller.sammenligning on tiny frames."""

from __future__ import annotations

from datetime import date

import polars as pl

from modeller import schemas
from modeller.sammenligning import maal_politikomraade, sammenlignelige, status_pr_indikator
from modeller.status import maal_status, vaerste_status
from tests.test_status import frame, indikatorer, maal, maalinger

ORG = frame(
    schemas.ORGANISATION,
    [
        {"enhed_id": "K", "navn": "K", "type": "kommune"},
        {"enhed_id": "C1", "navn": "C1", "type": "center", "overordnet_id": "K"},
        {"enhed_id": "C2", "navn": "C2", "type": "center", "overordnet_id": "K"},
        {"enhed_id": "A", "navn": "A", "type": "institution", "overordnet_id": "C1"},
        {"enhed_id": "B", "navn": "B", "type": "institution", "overordnet_id": "C1"},
        {"enhed_id": "D", "navn": "D", "type": "institution", "overordnet_id": "C2"},
    ],
)
D1 = date(2024, 1, 1)


def test_politikomraade_is_inherited_from_nearest_ancestor() -> None:
    m = maal(
        {"maal_id": "PO", "politikomraade_id": "P1"},
        {"maal_id": "C", "overordnet_maal_id": "PO"},
        {"maal_id": "I", "overordnet_maal_id": "C"},
        {"maal_id": "I2", "overordnet_maal_id": "C", "politikomraade_id": "P2"},
        {"maal_id": "LOES"},
    )
    res = dict(maal_politikomraade(m).iter_rows())
    assert res == {"C": "P1", "I": "P1", "I2": "P2", "LOES": None, "PO": "P1"}


def test_comparable_series_same_name_unit_direction() -> None:
    ind = indikatorer(
        {"indikator_id": "X", "navn": "Sprog"},
        {"indikator_id": "Y", "navn": " sprog "},  # same kind after trim/lower
        {"indikator_id": "Z", "navn": "Sprog", "maaleenhed": "antal"},  # other unit
        {"indikator_id": "W", "navn": "Sprog", "retning": "ned"},  # other direction
        {"indikator_id": "V", "navn": "Sprog"},
    )
    ml = maalinger(
        ("X", "A", D1, 1.0),
        ("Y", "B", D1, 1.0),
        ("Y", "A", D1, 1.0),  # A already has the chosen indicator's series
        ("Z", "B", D1, 1.0),
        ("W", "B", D1, 1.0),
        ("V", "D", D1, 1.0),
    )
    res = sammenlignelige(ind, ml, ORG, "X")
    assert res.select("indikator_id", "enhed_id", "egen", "center_id", "samme_center").rows() == [
        ("X", "A", True, "C1", True),
        ("Y", "B", False, "C1", True),
        ("V", "D", False, "C2", False),
    ]
    assert sammenlignelige(ind, ml, ORG, "UKENDT").is_empty()


def test_status_per_indicator_matches_goal_rule() -> None:
    m = maal({"maal_id": "G", "aar_fra": 2024, "aar_til": 2024, "enhed_id": "A"})
    ind = indikatorer(
        {"indikator_id": "I1", "maal_id": "G", "baseline": 0.0, "maalvaerdi": 10.0},
        {"indikator_id": "I2", "maal_id": "G", "baseline": 0.0, "maalvaerdi": 10.0},
        {"indikator_id": "I3", "maal_id": "G", "baseline": 0.0, "maalvaerdi": 10.0},
    )
    ml = maalinger(
        ("I1", "A", date(2024, 6, 1), 12.0),  # opfyldt
        ("I2", "A", date(2024, 6, 1), -1.0),  # ikke_paa_sporet (worse than baseline)
        ("I2", "B", date(2024, 6, 1), 20.0),  # other unit: ignored, A has data
        # I3 without data: ikke_vurderet
    )
    pr = date(2024, 12, 31)
    res = dict(status_pr_indikator(m, ind, ml, "G", pr).iter_rows())
    assert res == {"I1": "opfyldt", "I2": "ikke_paa_sporet", "I3": "ikke_vurderet"}
    tom = frame(schemas.VURDERINGER, [])
    samlet = maal_status(m, ind, ml, tom, pr).get_column("beregnet_status")[0]
    assert vaerste_status(res.values()) == samlet


def test_status_per_indicator_unknown_goal_is_empty() -> None:
    res = status_pr_indikator(maal({"maal_id": "G"}), indikatorer(), maalinger(), "X", D1)
    assert res.is_empty()
    assert res.schema == pl.Schema({"indikator_id": pl.String(), "status": pl.String()})
