"""Pure tests for modeller.maal: the goal tree on a small cascade built in code."""

from __future__ import annotations

import polars as pl

from modeller.maal import (
    boern,
    filtrer,
    forfaedre,
    graf,
    indrykket,
    kaede_op,
    roedder,
    undertrae,
)
from tests.test_status import maal


def _tree() -> pl.DataFrame:
    # V (vision)
    # ├─ P1 (politik) ─ O1 (politikomraade, PO-A) ─ D1 (direktion) ─ C1 (center, enhed C)
    # │                                                            └ C2 (center, enhed C)
    # └─ P2 (politik) ─ O2 (politikomraade, PO-B) ─ I1 (institution, enhed I, 2023 only)
    return maal(
        {"maal_id": "V", "niveau": "vision", "titel": "Vision"},
        {"maal_id": "P1", "niveau": "politik", "overordnet_maal_id": "V", "titel": "b"},
        {"maal_id": "P2", "niveau": "politik", "overordnet_maal_id": "V", "titel": "a"},
        {
            "maal_id": "O1",
            "niveau": "politikomraade",
            "overordnet_maal_id": "P1",
            "politikomraade_id": "PO-A",
            "aar_fra": 2024,
            "aar_til": 2026,
        },
        {
            "maal_id": "O2",
            "niveau": "politikomraade",
            "overordnet_maal_id": "P2",
            "politikomraade_id": "PO-B",
        },
        {"maal_id": "D1", "niveau": "direktion", "overordnet_maal_id": "O1"},
        {
            "maal_id": "C1",
            "niveau": "center",
            "overordnet_maal_id": "D1",
            "enhed_id": "C",
            "aar_fra": 2025,
            "aar_til": 2025,
        },
        {
            "maal_id": "C2",
            "niveau": "center",
            "overordnet_maal_id": "D1",
            "enhed_id": "C",
            "aar_fra": 2024,
            "tidsfrist": None,
        },
        {
            "maal_id": "I1",
            "niveau": "institution",
            "overordnet_maal_id": "O2",
            "enhed_id": "I",
            "aar_fra": 2023,
            "aar_til": 2023,
        },
    )


def _ids(df: pl.DataFrame) -> list[str]:
    return df.get_column("maal_id").to_list()


def test_forfaedre() -> None:
    anc = forfaedre(_tree())
    assert anc.filter(pl.col("maal_id") == "C1").select("forfader_id", "afstand").rows() == [
        ("D1", 1),
        ("O1", 2),
        ("P1", 3),
        ("V", 4),
    ]
    assert anc.filter(pl.col("maal_id") == "V").is_empty()
    assert anc.height == 1 + 1 + 2 + 2 + 3 + 4 + 4 + 3  # P1 P2 O1 O2 D1 C1 C2 I1
    assert anc.schema == pl.Schema(
        {"maal_id": pl.String(), "forfader_id": pl.String(), "afstand": pl.Int32()}
    )


def _cyklus() -> pl.DataFrame:
    # X → Y → Z → X is a cycle; W hangs below it; R is a self-loop
    return maal(
        {"maal_id": "X", "overordnet_maal_id": "Z"},
        {"maal_id": "Y", "overordnet_maal_id": "X"},
        {"maal_id": "Z", "overordnet_maal_id": "Y"},
        {"maal_id": "W", "overordnet_maal_id": "X"},
        {"maal_id": "R", "overordnet_maal_id": "R"},
    )


def test_forfaedre_terminates_on_a_cycle() -> None:
    df = _cyklus()
    anc = forfaedre(df)
    assert sorted(anc.filter(pl.col("maal_id") == "W")["forfader_id"].to_list()) == ["X", "Y", "Z"]
    assert anc.filter(pl.col("maal_id") == pl.col("forfader_id")).is_empty()
    assert anc.height == 2 + 2 + 2 + 3
    assert kaede_op(df, "W") == ["Y", "Z", "X", "W"]
    assert _ids(indrykket(df)) == ["R"]  # cycle members have no root; R's self-loop is ignored


def test_parent_outside_the_frame_makes_a_root() -> None:
    df = _tree().filter(pl.col("maal_id") != "P1")
    assert _ids(roedder(df)) == ["O1", "V"]
    assert kaede_op(df, "C1") == ["O1", "D1", "C1"]


def test_kaede_op() -> None:
    assert kaede_op(_tree(), "C2") == ["V", "P1", "O1", "D1", "C2"]
    assert kaede_op(_tree(), "V") == ["V"]
    assert kaede_op(_tree(), "nope") == []


def test_boern() -> None:
    assert _ids(boern(_tree(), "D1")) == ["C1", "C2"]
    assert _ids(boern(_tree(), "V")) == ["P1", "P2"]
    assert boern(_tree(), "C1").is_empty()


def test_undertrae() -> None:
    res = undertrae(_tree(), "P1", 2)
    assert res.select("maal_id", "dybde").rows() == [("P1", 0), ("O1", 1), ("D1", 2)]
    res = undertrae(_tree(), None, 1)
    assert res.select("maal_id", "dybde").rows() == [("V", 0), ("P1", 1), ("P2", 1)]
    assert _ids(undertrae(_tree(), "D1", 0)) == ["D1"]
    assert undertrae(_tree(), "nope", 3).is_empty()


def test_indrykket_depth_first() -> None:
    res = indrykket(_tree())
    assert res.select("maal_id", "dybde").rows() == [
        ("V", 0),
        ("P1", 1),
        ("O1", 2),
        ("D1", 3),
        ("C1", 4),
        ("C2", 4),
        ("P2", 1),
        ("O2", 2),
        ("I1", 3),
    ]
    # siblings by title: P2 ("a") before P1 ("b")
    assert _ids(indrykket(_tree(), sorter_efter="titel"))[:3] == ["V", "P2", "O2"]
    assert indrykket(_tree(), "O1", maks_dybde=1).select("maal_id", "dybde").rows() == [
        ("O1", 0),
        ("D1", 1),
    ]


def test_indrykket_keeps_order_beyond_nine_siblings() -> None:
    kids = [{"maal_id": f"K{i:02d}", "overordnet_maal_id": "V"} for i in range(12)]
    df = maal({"maal_id": "V"}, *kids, {"maal_id": "Z", "overordnet_maal_id": "K02"})
    ids = _ids(indrykket(df))
    assert ids[:5] == ["V", "K00", "K01", "K02", "Z"]
    assert ids[-1] == "K11"


def test_filtrer_keeps_ancestors() -> None:
    res = filtrer(_tree(), enhed_ids=["C"])
    assert sorted(_ids(res)) == ["C1", "C2", "D1", "O1", "P1", "V"]
    assert sorted(_ids(res.filter("i_filter"))) == ["C1", "C2"]


def test_filtrer_year() -> None:
    res = filtrer(_tree(), aar=2025)
    # O1 2024–26, C1 2025, C2 from 2024 open-ended; goals without years match
    assert sorted(_ids(res.filter("i_filter"))) == ["C1", "C2", "D1", "O1", "O2", "P1", "P2", "V"]
    res = filtrer(_tree(), aar=2023)
    assert "I1" in _ids(res.filter("i_filter"))
    # O1 (2024–26) is kept as the ancestor of D1 (no years); C1 and C2 start later
    assert "O1" in _ids(res.filter(~pl.col("i_filter")))
    assert "C1" not in _ids(res)


def test_filtrer_politik_and_politikomraade() -> None:
    res = filtrer(_tree(), politik_id="P2")
    assert sorted(_ids(res)) == ["I1", "O2", "P2", "V"]
    assert sorted(_ids(res.filter("i_filter"))) == ["I1", "O2", "P2"]
    res = filtrer(_tree(), politikomraade_id="PO-A")
    # descendants inherit the area; ancestors kept as context only
    assert sorted(_ids(res.filter("i_filter"))) == ["C1", "C2", "D1", "O1"]
    assert sorted(_ids(res.filter(~pl.col("i_filter")))) == ["P1", "V"]


def test_filtrer_status_and_combined() -> None:
    status = pl.DataFrame({"maal_id": ["C1", "I1"], "status": ["i_risiko", "i_risiko"]})
    res = filtrer(_tree(), statusser=["i_risiko"], status=status)
    assert sorted(_ids(res.filter("i_filter"))) == ["C1", "I1"]
    assert sorted(_ids(res)) == ["C1", "D1", "I1", "O1", "O2", "P1", "P2", "V"]
    res = filtrer(_tree(), statusser=["ikke_vurderet"], status=status, enhed_ids=["C"])
    assert _ids(res.filter("i_filter")) == ["C2"]
    assert res.columns == [*_tree().columns, "i_filter"]


def test_filtrer_without_criteria_keeps_everything() -> None:
    res = filtrer(_tree())
    assert res.height == _tree().height
    assert res["i_filter"].all()


def test_graf_agrees_with_the_frame_functions() -> None:
    # the whole tree, a frame with a parent left out, and a frame with a cycle and a self-loop
    udsnit = _tree().filter(pl.col("maal_id") != "P1")
    for df in (_tree(), udsnit, _cyklus()):
        g = graf(df)
        assert g.ids == set(_ids(df))
        for mid in [*_ids(df), "P1", "nope"]:
            assert g.kaede_op(mid) == kaede_op(df, mid)
            assert list(g.boern_af(mid)) == _ids(boern(df, mid))


def test_graf_lookups() -> None:
    g = graf(_tree())
    assert g.kaede_op("C2") == ["V", "P1", "O1", "D1", "C2"]
    assert g.boern_af("D1") == ("C1", "C2")
    assert g.boern_af("C1") == ()
    assert g.kaede_op("nope") == []
