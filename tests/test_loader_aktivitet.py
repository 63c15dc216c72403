"""Loader: the source contract of issue 16 (maal.maaltype, the optional aktivitet table),
every new reference and rule error in Danish with file, row and column, the warnings,
and a source set without either loading as before."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from modeller.errors import IndlaesningsFejl
from modeller.loader import build_snapshot, load_source
from tests.kilder_hjaelp import Saet, gyldigt_saet, saet_celle, skriv_csv, skriv_xlsx

HOVED = ["aar", "maaned", "enhed_id", "politikomraade_id", "ydelse", "maengde", "budget_maengde"]


def med_aktivitet() -> Saet:
    """The valid set plus maaltype on maal and an activity table (month and year rows)."""
    s = gyldigt_saet()
    s["maal"][0].append("maaltype")
    for r, t in zip(s["maal"][1:], ["", "", "serviceniveau", "Resultatkrav"], strict=True):
        r.append(t)
    s["aktivitet"] = [
        [*HOVED, "maaleenhed"],
        ["2026", "1", "I1", "P1", "Indskrevne børn", "52", "50", "barn"],
        ["2026", "2", "I1", "P1", "Indskrevne børn", "54", "50", "barn"],
        ["2026", "", "I3", "P2", "Beboere i plejebolig", "40", "42", "beboer"],
    ]
    return s


def fejl(tmp_path: Path, saet: Saet) -> list[str]:
    with pytest.raises(IndlaesningsFejl) as exc:
        load_source(skriv_csv(tmp_path / "k", saet))
    return [str(f) for f in exc.value.fejl]


def test_source_set_without_maaltype_or_aktivitet_loads_as_before(tmp_path: Path) -> None:
    saet = load_source(skriv_csv(tmp_path / "k"))
    assert saet.tabeller["aktivitet"].height == 0
    assert saet.tabeller["maal"]["maaltype"].to_list() == ["udviklingsmaal"] * 4
    assert saet.advarsler == ()
    assert "aktivitet" not in {f.table for f in saet.filer}
    xlsx = load_source(skriv_xlsx(tmp_path / "k.xlsx"))
    assert xlsx.tabeller["aktivitet"].equals(saet.tabeller["aktivitet"])


def test_activity_and_maaltype_load_into_the_snapshot(tmp_path: Path) -> None:
    kilde = skriv_csv(tmp_path / "k", med_aktivitet())
    saet = load_source(kilde)
    assert saet.advarsler == ()
    assert saet.tabeller["maal"]["maaltype"].to_list() == [
        "udviklingsmaal",
        "udviklingsmaal",
        "serviceniveau",
        "resultatkrav",  # codes are read case-insensitively
    ]
    a = saet.tabeller["aktivitet"]
    assert a["maaned"].to_list() == [1, 2, None]
    assert a["maengde"].to_list() == [52.0, 54.0, 40.0]
    sid = build_snapshot(kilde, tmp_path / "data")
    snap = tmp_path / "data" / "snapshots" / sid
    assert pl.read_parquet(snap / "aktivitet.parquet").height == 3


def test_unknown_references_in_aktivitet(tmp_path: Path) -> None:
    s = med_aktivitet()
    saet_celle(s, "aktivitet", 2, "enhed_id", "I9")
    saet_celle(s, "aktivitet", 4, "politikomraade_id", "P7")
    assert fejl(tmp_path, s) == [
        "aktivitet.csv, række 2, kolonne 'enhed_id': 'I9' findes ikke i organisation.csv "
        "(kolonne 'enhed_id').",
        "aktivitet.csv, række 4, kolonne 'politikomraade_id': 'P7' findes ikke i "
        "politikomraader.csv (kolonne 'politikomraade_id').",
    ]


def test_bad_values_in_aktivitet_and_maaltype(tmp_path: Path) -> None:
    s = med_aktivitet()
    saet_celle(s, "aktivitet", 2, "maaned", "13")
    saet_celle(s, "aktivitet", 3, "maengde", "-4")
    saet_celle(s, "maal", 4, "maaltype", "drøm")
    ud = fejl(tmp_path, s)
    assert (
        "aktivitet.csv, række 2, kolonne 'maaned': måneden '13' findes ikke; den skal være "
        "mellem 1 og 12." in ud
    )
    assert any(f.startswith("aktivitet.csv, række 3, kolonne 'maengde':") for f in ud), ud
    assert (
        "maal.csv, række 4, kolonne 'maaltype': 'drøm' er ikke en tilladt værdi; tilladte "
        "værdier er: udviklingsmaal, resultatkrav, serviceniveau, indsatsomraade." in ud
    )
    assert len(ud) == 3


def test_duplicate_month_and_mixed_year_and_month_rows(tmp_path: Path) -> None:
    s = med_aktivitet()
    s["aktivitet"].append(["2026", "2", "I1", "P1", "Indskrevne børn", "55", "50", "barn"])
    assert fejl(tmp_path, s) == [
        "aktivitet.csv, række 5, kolonne 'aar, maaned, enhed_id, politikomraade_id, ydelse': "
        "aar='2026', maaned='2', enhed_id='I1', politikomraade_id='P1', ydelse='Indskrevne "
        "børn' findes allerede i række 3; nøglen skal være unik."
    ]
    s = med_aktivitet()
    s["aktivitet"].append(["2026", "", "I1", "P1", "Indskrevne børn", "53", "50", "barn"])
    assert fejl(tmp_path, s) == [
        "aktivitet.csv, række 5, kolonne 'maaned': 'Indskrevne børn' for 'I1' / 'P1' i 2026 "
        "står både som årstal (tom måned) og som 2 månedstal; brug enten ét årstal eller "
        "månedstal."
    ]


def test_warnings_for_mixed_units_and_several_ydelser(tmp_path: Path) -> None:
    s = med_aktivitet()
    s["aktivitet"].append(["2026", "3", "I1", "P1", "Indskrevne børn", "55", "50", "børn"])
    s["aktivitet"].append(["2026", "1", "I1", "P1", "Vuggestuebørn", "12", "12", "barn"])
    saet = load_source(skriv_csv(tmp_path / "k", s))
    assert saet.advarsler == (
        "aktivitet.csv: ydelsen 'Indskrevne børn' har flere måleenheder (barn, børn; første "
        "i række 2); enhedspriserne blandes.",
        "aktivitet.csv: 'I1' har 2 ydelser på 'P1' i 2026 (første i række 2); enhedens "
        "udgift på politikområdet indgår i enhedsprisen for hver af dem.",
    )
