"""Pure tests for modeller.organisation on a tiny organisation built in code."""

from __future__ import annotations

import polars as pl
import pytest

from modeller.organisation import boern, efterkommere, efterkommere_kort, enhed_sti


def _org() -> pl.DataFrame:
    # K (kommune)
    # └─ D (direktion)
    #    ├─ C1 (center) ─ I1, I2 (institutions)
    #    ├─ C2 (center) ─ I3 (institution)
    #    └─ S  (institution directly under the direktion: no centre)
    rows = [
        ("K", "Kommunen", "kommune", None),
        ("D", "Direktionen", "direktion", "K"),
        ("C1", "Center for Børn", "center", "D"),
        ("C2", "Center for Sundhed", "center", "D"),
        ("I1", "Pedersborg Børnehus", "institution", "C1"),
        ("I2", "Dagplejen", "institution", "C1"),
        ("I3", "Plejecenter", "institution", "C2"),
        ("S", "Stab", "institution", "D"),
    ]
    return pl.DataFrame(
        rows,
        schema={
            "enhed_id": pl.String,
            "navn": pl.String,
            "type": pl.String,
            "overordnet_id": pl.String,
        },
        orient="row",
    ).with_columns(leder=pl.lit(None, dtype=pl.String))


def _row(df: pl.DataFrame, enhed_id: str) -> dict[str, object]:
    rows = df.filter(pl.col("enhed_id") == enhed_id).to_dicts()
    assert len(rows) == 1
    return rows[0]


def test_enhed_sti_paths_depths_and_centres() -> None:
    sti = enhed_sti(_org())
    assert sti.height == 8
    assert sti.schema["sti"] == pl.List(pl.String)
    assert sti.schema["dybde"] == pl.Int32

    k = _row(sti, "K")
    assert k["sti"] == ["K"] and k["dybde"] == 0 and k["center_id"] is None

    d = _row(sti, "D")
    assert d["sti"] == ["K", "D"] and d["center_id"] is None and d["center_navn"] is None

    c1 = _row(sti, "C1")
    assert c1["sti"] == ["K", "D", "C1"]
    assert c1["center_id"] == "C1" and c1["center_navn"] == "Center for Børn"

    i1 = _row(sti, "I1")
    assert i1["sti"] == ["K", "D", "C1", "I1"] and i1["dybde"] == 3
    assert i1["center_id"] == "C1" and i1["center_navn"] == "Center for Børn"
    assert i1["navn"] == "Pedersborg Børnehus" and i1["type"] == "institution"

    assert _row(sti, "I3")["center_id"] == "C2"
    # An institution without a centre above it has no centre.
    assert _row(sti, "S")["center_id"] is None


def test_enhed_sti_accepts_lazyframe_and_parents_come_first() -> None:
    sti = enhed_sti(_org().lazy())
    order = sti.get_column("enhed_id").to_list()
    for enhed, parent in [("D", "K"), ("C1", "D"), ("I1", "C1"), ("I3", "C2")]:
        assert order.index(parent) < order.index(enhed)


def test_enhed_sti_deep_chain() -> None:
    # Seven levels of centres under centres: the iteration must go all the way down.
    ids = [f"E{i}" for i in range(7)]
    org = pl.DataFrame(
        {
            "enhed_id": ids,
            "navn": ids,
            "type": ["kommune", "direktion", "center", "center", "center", "center", "institution"],
            "overordnet_id": [None, *ids[:-1]],
        }
    )
    sti = enhed_sti(org)
    leaf = _row(sti, "E6")
    assert leaf["sti"] == ids and leaf["dybde"] == 6
    assert leaf["center_id"] == "E5"  # the nearest centre, not the topmost


def test_efterkommere() -> None:
    org = _org()
    assert sorted(efterkommere(org, "C1")) == ["C1", "I1", "I2"]
    assert sorted(efterkommere(org, "D")) == ["C1", "C2", "D", "I1", "I2", "I3", "S"]
    assert efterkommere(org, "I3") == ["I3"]
    assert efterkommere(org, "K")[0] == "K"
    assert len(efterkommere(org, "K")) == 8
    assert efterkommere(org, "findes-ikke") == []


def test_efterkommere_kort_er_efterkommere_for_hver_enhed() -> None:
    org = _org()
    kort = efterkommere_kort(org)
    assert set(kort) == set(org["enhed_id"])
    sti = enhed_sti(org)
    for e in org["enhed_id"]:
        # The same units in the same order (parents before children) as a filter on paths.
        ventet = sti.filter(pl.col("sti").list.contains(e))["enhed_id"].to_list()
        assert list(kort[e]) == ventet == efterkommere(org, e)
    assert kort["C1"] == ("C1", "I1", "I2")


@pytest.mark.parametrize(
    ("enhed_id", "expected"),
    [("D", ["C1", "C2", "S"]), ("C1", ["I1", "I2"]), ("I1", []), ("findes-ikke", [])],
)
def test_boern(enhed_id: str, expected: list[str]) -> None:
    assert boern(_org(), enhed_id) == expected
    assert boern(_org().lazy(), enhed_id) == expected
