"""Loader happy paths: CSV and xlsx sets load, formats are tolerated, snapshots are right."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest

from modeller.errors import IndlaesningsFejl
from modeller.loader import build_snapshot, load_source, main
from modeller.loader.skriv import data_as_of
from modeller.schemas import TABELLER, VALGFRIE
from modeller.snapshot import Manifest, is_snapshot_id
from tests.kilder_hjaelp import csv_tekst, gyldigt_saet, saet_celle, skriv_csv, skriv_xlsx

ROOT = Path(__file__).resolve().parents[1]


def test_valid_csv_set_via_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kilde = skriv_csv(tmp_path / "kilde")
    data = tmp_path / "data"
    rc = main([str(kilde), "--data", str(data), "--etiket", "Budgetopfølgning 31. marts 2026"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    sid = out.strip()
    assert is_snapshot_id(sid)
    snap = data / "snapshots" / sid
    assert sorted(p.name for p in snap.iterdir()) == sorted(
        [f"{t}.parquet" for t in TABELLER] + ["manifest.json"]
    )
    for navn, tabel in TABELLER.items():
        df = pl.read_parquet(snap / f"{navn}.parquet")
        assert dict(df.schema) == tabel.polars_schema, navn
        if tabel.sortering and df.height:
            assert df.equals(df.sort(list(tabel.sortering), nulls_last=True)), navn

    m = Manifest.from_json((snap / "manifest.json").read_text(encoding="utf-8"))
    assert m.snapshot_id == sid
    assert m.kommune == "Sorø Kommune"
    assert m.data_as_of == date(2026, 3, 31)
    assert m.label == "Budgetopfølgning 31. marts 2026"
    assert m.tables["organisation"] == 7 and m.tables["forbrug"] == 4
    # An old source set (no optional table) loads as before; the snapshot still holds
    # the optional table, empty and typed.
    assert {f.table for f in m.files} == set(TABELLER) - set(VALGFRIE)
    assert m.tables["anlaegsprojekter"] == 0
    budget = next(f for f in m.files if f.table == "budget")
    assert budget.rows == 4 and budget.encoding == "utf-8" and budget.separator == ";"
    assert len(budget.sha256) == 64
    assert m.warnings == ()
    # Nothing temporary left behind.
    assert [p.name for p in (data / "snapshots").iterdir()] == [sid]


def test_contract_values(tmp_path: Path) -> None:
    saet = load_source(skriv_csv(tmp_path / "k"))
    budget = saet.tabeller["budget"]
    assert budget["beloeb_kr"].to_list() == [1_000_000.0, 2_000_000.5, 3_000_000.0, -250_000.0]
    # The empty budgettype cell gets the contract default.
    assert budget["budgettype"].to_list() == ["service"] * 4
    # An optional column absent from the file gets its default.
    assert saet.tabeller["forbrug"]["budgettype"].to_list() == ["service"] * 4
    assert saet.tabeller["maal"]["tidsfrist"].null_count() == 4
    assert saet.tabeller["prognoser"]["opfoelgningsdato"].to_list() == [date(2026, 3, 31)] * 2


def test_xlsx_workbook_loads_same_as_csv(tmp_path: Path) -> None:
    fra_csv = load_source(skriv_csv(tmp_path / "k"))
    fra_xlsx = load_source(skriv_xlsx(tmp_path / "kilde.xlsx"))
    for navn in TABELLER:
        assert fra_xlsx.tabeller[navn].equals(fra_csv.tabeller[navn]), navn
    assert fra_xlsx.filer[0].file == "kilde.xlsx#organisation"
    sid = build_snapshot(tmp_path / "kilde.xlsx", tmp_path / "data")
    assert (tmp_path / "data" / "snapshots" / sid / "maal.parquet").exists()


def test_xlsx_native_numbers_and_dates(tmp_path: Path) -> None:
    import xlsxwriter

    saet = gyldigt_saet()
    sti = skriv_xlsx(tmp_path / "k.xlsx", saet)
    # Rewrite the budget and prognoser sheets with numeric and date cells.
    with xlsxwriter.Workbook(sti) as wb:
        for tabel, rows in saet.items():
            df = pl.DataFrame(rows[1:], schema=rows[0], orient="row")
            if tabel == "budget":
                df = df.with_columns(
                    pl.col("aar").cast(pl.Int64), pl.col("beloeb_kr").cast(pl.Float64)
                )
            if tabel == "prognoser":
                df = df.with_columns(pl.col("opfoelgningsdato").str.to_date())
            df.write_excel(wb, worksheet=tabel)
    res = load_source(sti)
    assert res.tabeller["budget"]["beloeb_kr"].to_list()[1] == 2_000_000.5
    assert res.tabeller["budget"]["aar"].to_list() == [2026] * 4
    assert res.tabeller["prognoser"]["opfoelgningsdato"].to_list() == [date(2026, 3, 31)] * 2


def test_utf8_bom(tmp_path: Path) -> None:
    kilde = skriv_csv(tmp_path / "k", encoding="utf-8-sig")
    saet = load_source(kilde)
    assert saet.tabeller["organisation"]["enhed_id"][0] == "K"
    assert {f.encoding for f in saet.filer} == {"utf-8-sig"}


def test_cp1252_comma_separator_decimal_comma_thousands(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "beloeb_kr", "1.234.567,50")
    saet_celle(saet, "budget", 3, "beloeb_kr", "1234567,50")
    saet_celle(saet, "budget", 4, "beloeb_kr", "-1.234.000")
    # Unambiguous even in a file that otherwise uses decimal comma.
    saet_celle(saet, "budget", 5, "beloeb_kr", "1234567.50")
    kilde = skriv_csv(tmp_path / "k", saet, sep=",", encoding="cp1252")
    assert "Sorø".encode("cp1252") in (kilde / "organisation.csv").read_bytes()
    res = load_source(kilde)
    assert res.tabeller["organisation"]["navn"][0] == "Sorø Kommune"
    assert res.tabeller["organisation"]["leder"][2] == "Åse Ærø"
    assert res.tabeller["budget"]["beloeb_kr"].to_list() == [
        1_234_567.5,
        1_234_567.5,
        -1_234_000.0,
        1_234_567.5,
    ]
    org = next(f for f in res.filer if f.table == "organisation")
    assert (org.encoding, org.separator) == ("cp1252", ",")


def test_danish_decimal_comma_makes_1_234_a_thousand(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "beloeb_kr", "1.234")
    saet_celle(saet, "budget", 3, "beloeb_kr", "0,5")
    res = load_source(skriv_csv(tmp_path / "k", saet, sep=","))
    assert res.tabeller["budget"]["beloeb_kr"].to_list()[:2] == [1234.0, 0.5]


def test_decimal_point_file_reads_1_234_as_decimal(tmp_path: Path) -> None:
    saet = gyldigt_saet()  # budget has "2000000.5": a decimal-point file
    saet_celle(saet, "budget", 2, "beloeb_kr", "1.234")
    res = load_source(skriv_csv(tmp_path / "k", saet, sep=","))
    assert res.tabeller["budget"]["beloeb_kr"][0] == 1.234


def test_semicolon_file_without_evidence_is_danish(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    for r in range(2, 6):
        saet_celle(saet, "budget", r, "beloeb_kr", "1.500")
    res = load_source(skriv_csv(tmp_path / "k", saet, sep=";"))
    assert res.tabeller["budget"]["beloeb_kr"].to_list() == [1500.0] * 4


def test_danish_dates_whitespace_and_case(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "prognoser", 2, "opfoelgningsdato", "31.03.2026")
    saet_celle(saet, "prognoser", 3, "opfoelgningsdato", " 31-03-2026 ")
    saet_celle(saet, "vurderinger", 2, "status", "På sporet")
    saet_celle(saet, "organisation", 3, "type", " Direktion ")
    saet["organisation"][0][0] = "Enhed_ID"
    res = load_source(skriv_csv(tmp_path / "k", saet))
    assert res.tabeller["prognoser"]["opfoelgningsdato"].to_list() == [date(2026, 3, 31)] * 2
    assert res.tabeller["vurderinger"]["status"][0] == "paa_sporet"
    assert res.tabeller["organisation"]["type"][1] == "direktion"


def test_warnings_extra_column_unknown_file_empty_table(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    for r in saet["budget"]:
        r.append("x")
    saet["budget"][0][-1] = "noter"
    saet["vurderinger"] = saet["vurderinger"][:1]
    kilde = skriv_csv(tmp_path / "k", saet)
    (kilde / "README.txt").write_text("hej", encoding="utf-8")
    sid = build_snapshot(kilde, tmp_path / "data")
    m = Manifest.from_json(
        (tmp_path / "data" / "snapshots" / sid / "manifest.json").read_text(encoding="utf-8")
    )
    assert "budget.csv: ekstra kolonne(r) ignoreres: noter." in m.warnings
    assert "README.txt: ukendt fil i kildemappen; den ignoreres." in m.warnings
    assert "vurderinger.csv: tabellen er tom." in m.warnings
    df = pl.read_parquet(tmp_path / "data" / "snapshots" / sid / "budget.parquet")
    assert "noter" not in df.columns


def test_warnings_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kilde = skriv_csv(tmp_path / "k")
    (kilde / "noter.txt").write_text("x", encoding="utf-8")
    assert main([str(kilde), "--data", str(tmp_path / "d")]) == 0
    _out, err = capsys.readouterr()
    assert "Advarsel: noter.txt: ukendt fil i kildemappen" in err


def test_table_file_names_case_insensitive(tmp_path: Path) -> None:
    kilde = skriv_csv(tmp_path / "k")
    (kilde / "budget.csv").rename(kilde / "Budget.CSV")
    assert load_source(kilde).tabeller["budget"].height == 4


def test_data_as_of_takes_later_of_forbrug_month_and_prognose() -> None:
    forbrug = pl.DataFrame({"aar": [2026, 2026], "maaned": [4, 2]})
    prognoser = pl.DataFrame({"opfoelgningsdato": [date(2026, 3, 31)]})
    assert data_as_of({"forbrug": forbrug, "prognoser": prognoser}) == date(2026, 4, 30)
    prognoser = pl.DataFrame({"opfoelgningsdato": [date(2026, 5, 15)]})
    assert data_as_of({"forbrug": forbrug, "prognoser": prognoser}) == date(2026, 5, 15)


def test_existing_snapshot_id_is_never_overwritten(tmp_path: Path) -> None:
    kilde = skriv_csv(tmp_path / "k")
    nu = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
    sid = build_snapshot(kilde, tmp_path / "data", now=nu)
    manifest = tmp_path / "data" / "snapshots" / sid / "manifest.json"
    foer = manifest.read_bytes()
    with pytest.raises(IndlaesningsFejl, match="findes allerede"):
        build_snapshot(kilde, tmp_path / "data", label="ny", now=nu)
    assert manifest.read_bytes() == foer


def test_stale_tmp_folder_of_dead_process_is_removed(tmp_path: Path) -> None:
    doed = subprocess.Popen([sys.executable, "-c", "pass"])
    doed.wait()
    snaps = tmp_path / "data" / "snapshots"
    gammel = snaps / f".tmp-20260101T000000-abcdef-{doed.pid}"
    levende = snaps / f".tmp-20260101T000000-abcdef-{os.getppid()}"
    for d in (gammel, levende):
        d.mkdir(parents=True)
        (d / "budget.parquet").write_bytes(b"halv")
    build_snapshot(skriv_csv(tmp_path / "k"), tmp_path / "data")
    assert not gammel.exists()
    assert levende.exists()


def test_cli_subprocess_ok_and_env_data(tmp_path: Path) -> None:
    kilde = skriv_csv(tmp_path / "k")
    env = {**os.environ, "STYRINGSOVERBLIK_DATA": str(tmp_path / "envdata")}
    r = subprocess.run(
        [sys.executable, "-m", "modeller.loader", str(kilde)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "envdata" / "snapshots" / r.stdout.strip() / "manifest.json").exists()
    assert "Traceback" not in r.stderr


def test_cli_subprocess_bad_input_has_no_traceback(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "beloeb_kr", "mange penge")
    kilde = skriv_csv(tmp_path / "k", saet)
    (kilde / "maal.csv").write_bytes(b"\xff\xfe" + "maal_id".encode("utf-16-le"))
    r = subprocess.run(
        [sys.executable, "-m", "modeller.loader", str(kilde), "--data", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert r.stdout == ""
    assert "Indlæsningen blev afbrudt: 2 fejl. Intet er skrevet." in r.stderr
    assert not (tmp_path / "d").exists()


def test_cli_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "findes-ikke"), "--data", str(tmp_path / "d")]) == 1
    assert "kilden findes ikke." in capsys.readouterr().err


def test_csv_text_helper_quotes_separator() -> None:
    assert csv_tekst([["a", "1,5"]], sep=",") == 'a,"1,5"\n'
