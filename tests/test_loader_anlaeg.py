"""Loader: the source contract of issue 15 (anlægsprojekter, projekt_id, budgettype on
prognoser), every new reference error in Danish, the omplacering warning, and an old
source set loading as before."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from modeller.errors import IndlaesningsFejl
from modeller.loader import build_snapshot, load_source
from modeller.snapshot import Manifest
from tests.kilder_hjaelp import Saet, gyldigt_saet, saet_celle, skriv_csv, skriv_xlsx


def med_anlaeg() -> Saet:
    """The valid set plus a project: its table, budget/forbrug/prognose rows on it, and
    forecasts per budget type."""
    s = gyldigt_saet()
    s["anlaegsprojekter"] = [
        [
            "projekt_id",
            "navn",
            "enhed_id",
            "politikomraade_id",
            "anlaegsbevilling_kr",
            "startaar",
            "slutaar",
        ],
        ["A1", "Ny legeplads", "I1", "P1", "1.500.000", "2026", "2027"],
        ["A2", "Nyt plejecenter", "I3", "P2", "40000000", "", ""],
    ]
    s["budget"][0].append("projekt_id")
    for r in s["budget"][1:]:
        r.append("")
    s["budget"].append(["2026", "I1", "P1", "oprindeligt_budget", "800000", "anlaeg", "A1"])
    s["forbrug"][0] += ["budgettype", "projekt_id"]
    for r in s["forbrug"][1:]:
        r += ["", ""]
    s["forbrug"].append(["2026", "2", "I1", "P1", "50000", "anlaeg", "A1"])
    s["prognoser"] = [
        [
            "opfoelgningsdato",
            "enhed_id",
            "politikomraade_id",
            "forventet_forbrug_kr",
            "kommentar",
            "budgettype",
            "projekt_id",
        ],
        ["2026-03-31", "I1", "P1", "1010000", "", "service", ""],
        ["2026-03-31", "I1", "P1", "500000", "Leverandøren er forsinket", "anlaeg", "A1"],
        ["2026-03-31", "I3", "P2", "2800000", "", "", ""],  # legacy: read as service
    ]
    return s


def fejl(tmp_path: Path, saet: Saet) -> list[str]:
    with pytest.raises(IndlaesningsFejl) as exc:
        load_source(skriv_csv(tmp_path / "k", saet))
    return [str(f) for f in exc.value.fejl]


def test_old_source_set_loads_as_before(tmp_path: Path) -> None:
    saet = load_source(skriv_csv(tmp_path / "k"))
    assert saet.tabeller["anlaegsprojekter"].height == 0
    assert saet.tabeller["budget"]["projekt_id"].null_count() == 4
    assert saet.tabeller["prognoser"]["budgettype"].null_count() == 2  # legacy: service
    assert saet.advarsler == ()
    assert "anlaegsprojekter" not in {f.table for f in saet.filer}
    # The workbook without the sheet loads the same.
    xlsx = load_source(skriv_xlsx(tmp_path / "k.xlsx"))
    assert xlsx.tabeller["anlaegsprojekter"].equals(saet.tabeller["anlaegsprojekter"])
    assert xlsx.advarsler == ()


def test_source_set_with_projects_loads_and_snapshot_holds_them(tmp_path: Path) -> None:
    kilde = skriv_csv(tmp_path / "k", med_anlaeg())
    saet = load_source(kilde)
    assert saet.advarsler == ()
    p = saet.tabeller["anlaegsprojekter"]
    assert p["anlaegsbevilling_kr"].to_list() == [1_500_000.0, 40_000_000.0]
    assert p["slutaar"].to_list() == [2027, None]
    prog = saet.tabeller["prognoser"]
    assert prog["budgettype"].to_list() == ["service", "anlaeg", None]
    sid = build_snapshot(kilde, tmp_path / "data")
    snap = tmp_path / "data" / "snapshots" / sid
    assert pl.read_parquet(snap / "anlaegsprojekter.parquet").height == 2
    budget = pl.read_parquet(snap / "budget.parquet")
    assert budget.filter(pl.col("projekt_id") == "A1")["budgettype"].to_list() == ["anlaeg"]


def test_unknown_projekt_id(tmp_path: Path) -> None:
    s = med_anlaeg()
    saet_celle(s, "budget", 6, "projekt_id", "A9")
    assert fejl(tmp_path, s) == [
        "budget.csv, række 6, kolonne 'projekt_id': 'A9' findes ikke i anlaegsprojekter.csv "
        "(kolonne 'projekt_id')."
    ]


def test_projekt_id_without_the_project_table(tmp_path: Path) -> None:
    s = med_anlaeg()
    del s["anlaegsprojekter"]
    assert fejl(tmp_path, s) == [
        "budget.csv, række 6, kolonne 'projekt_id': 'A1' findes ikke i tabellen "
        "'anlaegsprojekter', som ikke er med i kilden.",
        "forbrug.csv, række 6, kolonne 'projekt_id': 'A1' findes ikke i tabellen "
        "'anlaegsprojekter', som ikke er med i kilden.",
        "prognoser.csv, række 3, kolonne 'projekt_id': 'A1' findes ikke i tabellen "
        "'anlaegsprojekter', som ikke er med i kilden.",
    ]


def test_project_rows_must_be_anlaeg(tmp_path: Path) -> None:
    s = med_anlaeg()
    saet_celle(s, "budget", 6, "budgettype", "service")
    saet_celle(s, "forbrug", 6, "budgettype", "")  # default service
    saet_celle(s, "prognoser", 3, "budgettype", "")  # empty = legacy service
    assert fejl(tmp_path, s) == [
        "budget.csv, række 6, kolonne 'budgettype': rækken hører til anlægsprojektet 'A1' og "
        "skal have budgettype 'anlaeg' (fik 'service').",
        "forbrug.csv, række 6, kolonne 'budgettype': rækken hører til anlægsprojektet 'A1' og "
        "skal have budgettype 'anlaeg' (fik 'service').",
        "prognoser.csv, række 3, kolonne 'budgettype': rækken hører til anlægsprojektet 'A1' "
        "og skal have budgettype 'anlaeg' (fik en tom budgettype).",
    ]


def test_project_table_references_and_years(tmp_path: Path) -> None:
    s = med_anlaeg()
    saet_celle(s, "anlaegsprojekter", 2, "enhed_id", "X1")
    saet_celle(s, "anlaegsprojekter", 3, "politikomraade_id", "P9")
    saet_celle(s, "anlaegsprojekter", 3, "startaar", "2028")
    saet_celle(s, "anlaegsprojekter", 3, "slutaar", "2027")
    s["anlaegsprojekter"].append(["A1", "Dublet", "I1", "P1", "1", "", ""])
    assert fejl(tmp_path, s) == [
        "anlaegsprojekter.csv, række 2, kolonne 'enhed_id': 'X1' findes ikke i "
        "organisation.csv (kolonne 'enhed_id').",
        "anlaegsprojekter.csv, række 3, kolonne 'politikomraade_id': 'P9' findes ikke i "
        "politikomraader.csv (kolonne 'politikomraade_id').",
        "anlaegsprojekter.csv, række 3, kolonne 'slutaar': projektet 'A2' slutter (2027) før "
        "det starter (2028).",
        "anlaegsprojekter.csv, række 4, kolonne 'projekt_id': projekt_id='A1' findes allerede "
        "i række 2; nøglen skal være unik.",
    ]


def test_project_table_missing_column_and_bad_number(tmp_path: Path) -> None:
    s = med_anlaeg()
    saet_celle(s, "anlaegsprojekter", 2, "anlaegsbevilling_kr", "mange")
    msgs = fejl(tmp_path, s)
    assert msgs == [
        "anlaegsprojekter.csv, række 2, kolonne 'anlaegsbevilling_kr': 'mange' er ikke et tal "
        "(fx 1234567,50 eller 1.234.567,50)."
    ]


def test_legacy_and_service_forecast_for_the_same_line(tmp_path: Path) -> None:
    s = med_anlaeg()
    s["prognoser"].append(["2026-03-31", "I1", "P1", "990000", "", "", ""])
    assert fejl(tmp_path, s) == [
        "prognoser.csv, række 5, kolonne 'budgettype': prognosen for 'I1' / 'P1' pr. "
        "2026-03-31 har ingen budgettype og læses derfor som service, men række 2 er også en "
        "prognose for service."
    ]


def test_forecast_key_includes_budgettype_and_project(tmp_path: Path) -> None:
    s = med_anlaeg()
    # Two forecasts for the same pair and date are fine when budget types differ ...
    assert load_source(skriv_csv(tmp_path / "ok", s)).tabeller["prognoser"].height == 3
    # ... but not twice the same line.
    s["prognoser"].append(["2026-03-31", "I1", "P1", "1", "", "anlaeg", "A1"])
    msgs = fejl(tmp_path, s)
    assert len(msgs) == 1 and msgs[0].startswith("prognoser.csv, række 5")
    assert "findes allerede i række 3; nøglen skal være unik." in msgs[0]


def test_omplaceringer_not_netting_to_zero_per_udvalg_warn(tmp_path: Path) -> None:
    s = med_anlaeg()
    s["budget"].append(["2026", "I1", "P1", "omplacering", "125000", "service", ""])
    s["budget"].append(["2026", "I2", "P1", "omplacering", "-125000", "service", ""])  # nets
    s["budget"].append(["2026", "I3", "P2", "omplacering", "-40000,5", "service", ""])
    kilde = skriv_csv(tmp_path / "k", s)
    saet = load_source(kilde)
    assert saet.advarsler == (
        "budget.csv: omplaceringerne i Social- og Sundhedsudvalget i 2026 summerer til "
        "−40.000 kr., ikke 0. Omplaceringer skal gå i nul inden for et udvalg; en flytning "
        "mellem udvalg kræver en tillægsbevilling.",
    )
    # The warning is in the manifest, so Datagrundlag shows it.
    sid = build_snapshot(kilde, tmp_path / "data")
    m = Manifest.from_json(
        (tmp_path / "data" / "snapshots" / sid / "manifest.json").read_text(encoding="utf-8")
    )
    assert m.warnings == saet.advarsler


def test_project_booked_on_another_unit_warns(tmp_path: Path) -> None:
    s = med_anlaeg()
    saet_celle(s, "forbrug", 6, "enhed_id", "I2")
    saet = load_source(skriv_csv(tmp_path / "k", s))
    assert saet.advarsler == (
        "forbrug.csv: 1 række(r) for anlægsprojektet 'A1' (første i række 6) er bogført på en "
        "anden enhed eller et andet politikområde end projektets eget i anlaegsprojekter.",
    )
