"""One test per rule and bad-file kind: the exact Danish message (file, row, column),
exit code 1, and DATA untouched (an older snapshot is present and stays as it was)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from modeller.errors import IndlaesningsFejl
from modeller.loader import build_snapshot, load_source, main
from tests.kilder_hjaelp import Saet, gyldigt_saet, saet_celle, skriv_csv


def _listing(data: Path) -> dict[str, str]:
    return {
        str(p.relative_to(data)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "d"
        for p in sorted(data.rglob("*"))
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding one older, valid snapshot."""
    data = tmp_path / "data"
    build_snapshot(skriv_csv(tmp_path / "gammel"), data, now=datetime(2025, 1, 1, tzinfo=UTC))
    return data


Koer = Callable[..., str]


@pytest.fixture
def koer_fejl(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Koer:
    """Write `saet` as CSV (after `efter(mappe)`), run main, assert failure; return stderr."""

    def koer(saet: Saet, efter: Callable[[Path], None] | None = None, **kw: str) -> str:
        kilde = skriv_csv(tmp_path / "kilde", saet, **kw)
        if efter is not None:
            efter(kilde)
        foer = _listing(data_dir)
        capsys.readouterr()
        rc = main([str(kilde), "--data", str(data_dir)])
        out, err = capsys.readouterr()
        assert rc == 1
        assert out == ""
        assert _listing(data_dir) == foer
        assert "Uventet intern fejl" not in err
        assert err.rstrip().splitlines()[-1].startswith("Indlæsningen blev afbrudt: ")
        assert err.rstrip().endswith("fejl. Intet er skrevet.")
        return err

    return koer


def test_missing_required_column(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet["budget"] = [r[:4] + r[5:] for r in saet["budget"]]
    err = koer_fejl(saet)
    assert "budget.csv, kolonne 'beloeb_kr': den påkrævede kolonne mangler." in err
    assert "Indlæsningen blev afbrudt: 1 fejl. Intet er skrevet." in err


def test_text_in_amount(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 3, "beloeb_kr", "mange penge")
    err = koer_fejl(saet)
    assert "budget.csv, række 3, kolonne 'beloeb_kr': 'mange penge' er ikke et tal" in err
    assert "Indlæsningen blev afbrudt: 1 fejl." in err


def test_long_bad_value_is_shortened_and_quoted(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "beloeb_kr", "x'y" + "z" * 100)
    err = koer_fejl(saet)
    linje = next(line for line in err.splitlines() if "række 2, kolonne 'beloeb_kr'" in line)
    assert "z" * 40 not in linje and "…" in linje and "\"x'y" in linje


def test_ambiguous_number_in_mixed_file(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "beloeb_kr", "1,5")  # decimal comma; row 3 has "2000000.5"
    saet_celle(saet, "budget", 4, "beloeb_kr", "1.234")
    err = koer_fejl(saet)
    assert "budget.csv, række 4, kolonne 'beloeb_kr': tallet '1.234' er tvetydigt" in err


@pytest.mark.parametrize(
    ("tabel", "raekke", "kolonne", "vaerdi", "maal"),
    [
        ("budget", 2, "enhed_id", "X9", "organisation.csv (kolonne 'enhed_id')"),
        (
            "forbrug",
            3,
            "politikomraade_id",
            "P7",
            "politikomraader.csv (kolonne 'politikomraade_id')",
        ),
        ("indikatorer", 2, "maal_id", "M99", "maal.csv (kolonne 'maal_id')"),
        ("maal", 5, "overordnet_maal_id", "M0", "maal.csv (kolonne 'maal_id')"),
        ("maalinger", 4, "indikator_id", "IND2", "indikatorer.csv (kolonne 'indikator_id')"),
        ("maal", 4, "aftale_id", "A9", "aftaler.csv (kolonne 'aftale_id')"),
    ],
)
def test_unknown_reference(
    koer_fejl: Koer, tabel: str, raekke: int, kolonne: str, vaerdi: str, maal: str
) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, tabel, raekke, kolonne, vaerdi)
    err = koer_fejl(saet)
    assert (
        f"{tabel}.csv, række {raekke}, kolonne '{kolonne}': '{vaerdi}' findes ikke i {maal}." in err
    )
    assert "Indlæsningen blev afbrudt: 1 fejl." in err


def test_duplicate_id(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet["organisation"].append(["I2", "Kopi", "institution", "C2", ""])
    err = koer_fejl(saet)
    assert (
        "organisation.csv, række 9, kolonne 'enhed_id': enhed_id='I2' findes allerede i række 7"
        in err
    )


def test_duplicate_composite_key(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet["maalinger"].append(["IND1", "I1", "2026-01-31", "99"])
    err = koer_fejl(saet)
    assert "maalinger.csv, række 5, kolonne 'indikator_id, enhed_id, periode'" in err
    assert "findes allerede i række 3" in err


def test_two_kommune_rows(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet["organisation"].append(["K2", "Anden Kommune", "kommune", "", ""])
    err = koer_fejl(saet)
    assert (
        "organisation.csv, række 9, kolonne 'type': der må kun være én række med type "
        "'kommune' (fundet i række 2, 9)." in err
    )


def test_no_kommune_row(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet["organisation"].pop(1)
    saet_celle(saet, "organisation", 2, "overordnet_id", "")
    saet["budget"] = saet["budget"][:1]
    err = koer_fejl(saet)
    assert "organisation.csv, kolonne 'type': der er ingen række med type 'kommune'" in err


def test_only_kommune_may_lack_parent(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "organisation", 4, "overordnet_id", "")
    err = koer_fejl(saet)
    assert (
        "organisation.csv, række 4, kolonne 'overordnet_id': enheden 'C1' mangler en "
        "overordnet enhed" in err
    )


def test_organisation_cycle(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "organisation", 3, "overordnet_id", "I1")  # D under I1 under C1 under D
    err = koer_fejl(saet)
    assert (
        "organisation.csv, række 4, kolonne 'overordnet_id': organisationshierarkiet går i "
        "ring: C1 → D → I1 → C1." in err
    )


def test_goal_cycle(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "maal", 2, "overordnet_maal_id", "M4")
    err = koer_fejl(saet)
    assert (
        "maal.csv, række 2, kolonne 'overordnet_maal_id': målkæden går i ring: "
        "M1 → M4 → M3 → M2 → M1." in err
    )
    assert "Indlæsningen blev afbrudt: 1 fejl." in err


def test_institution_under_institution(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "organisation", 7, "overordnet_id", "I1")
    err = koer_fejl(saet)
    assert (
        "organisation.csv, række 7, kolonne 'type': enheden 'I2' af type 'institution' kan "
        "ikke ligge under 'I1' af type 'institution'" in err
    )
    assert "Indlæsningen blev afbrudt: 1 fejl." in err


def test_month_13(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "forbrug", 2, "maaned", "13")
    err = koer_fejl(saet)
    assert "forbrug.csv, række 2, kolonne 'maaned': måneden '13' findes ikke" in err


def test_year_1899(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "aar", "1899")
    err = koer_fejl(saet)
    assert "budget.csv, række 2, kolonne 'aar': året '1899' er ikke plausibelt" in err


def test_year_not_a_number(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "aftaler", 3, "aar_til", "2026½")
    err = koer_fejl(saet)
    assert "aftaler.csv, række 3, kolonne 'aar_til': '2026½' er ikke et helt tal." in err
    assert "Indlæsningen blev afbrudt: 1 fejl." in err  # no extra 'værdien mangler'


def test_invalid_allowed_value(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 5, "beloebstype", "ekstra")
    err = koer_fejl(saet)
    assert (
        "budget.csv, række 5, kolonne 'beloebstype': 'ekstra' er ikke en tilladt værdi; "
        "tilladte værdier er: oprindeligt_budget, tillaegsbevilling" in err
    )


def test_empty_required_cell(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "politikomraader", 3, "udvalg", "  ")
    err = koer_fejl(saet)
    assert "politikomraader.csv, række 3, kolonne 'udvalg': værdien mangler" in err


def test_bad_date(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "prognoser", 3, "opfoelgningsdato", "31-02-2026")
    err = koer_fejl(saet)
    assert (
        "prognoser.csv, række 3, kolonne 'opfoelgningsdato': '31-02-2026' er ikke en gyldig "
        "dato" in err
    )
    assert "Indlæsningen blev afbrudt: 1 fejl." in err


def test_missing_table_file(koer_fejl: Koer) -> None:
    err = koer_fejl(gyldigt_saet(), efter=lambda k: (k / "vurderinger.csv").unlink())
    assert (
        "vurderinger.csv: tabellen 'vurderinger' mangler: filen vurderinger.csv findes ikke." in err
    )


def test_utf16_file(koer_fejl: Koer) -> None:
    def utf16(k: Path) -> None:
        tekst = (k / "organisation.csv").read_text(encoding="utf-8")
        (k / "organisation.csv").write_bytes(tekst.encode("utf-16"))

    err = koer_fejl(gyldigt_saet(), efter=utf16)
    assert "organisation.csv: filen er ikke gemt som UTF-8 eller Windows-1252" in err
    # Tables referring to organisation are not cross-checked against a missing table.
    assert "findes ikke i organisation" not in err
    assert "Indlæsningen blev afbrudt: 1 fejl." in err


def test_binary_junk(koer_fejl: Koer) -> None:
    def junk(k: Path) -> None:
        (k / "maalinger.csv").write_bytes(b"indikator_id;x\n" + bytes(range(1, 32)) * 5)

    err = koer_fejl(gyldigt_saet(), efter=junk)
    assert "maalinger.csv: filen indeholder kontroltegn (byte 0x01 i linje 2) og ligner" in err


def test_byte_undefined_in_cp1252(koer_fejl: Koer) -> None:
    def udefineret(k: Path) -> None:
        (k / "politikomraader.csv").write_bytes(
            b"politikomraade_id;navn;udvalg\nP1;Dagtilbud\x81;B\nP2;x;y\n"
        )

    err = koer_fejl(gyldigt_saet(), efter=udefineret)
    assert "politikomraader.csv: filen kan hverken læses som UTF-8 eller Windows-1252" in err


def test_excel_file_renamed_to_csv(koer_fejl: Koer) -> None:
    err = koer_fejl(
        gyldigt_saet(), efter=lambda k: (k / "aftaler.csv").write_bytes(b"PK\x03\x04rest")
    )
    assert "aftaler.csv: filen er en Excel- eller zip-fil, ikke en CSV-fil." in err


def test_too_many_fields_in_a_row(koer_fejl: Koer) -> None:
    def ekstra_felt(k: Path) -> None:
        with (k / "politikomraader.csv").open("a", encoding="utf-8") as f:
            f.write("P3;Skole;Udvalg;overskydende\n")

    err = koer_fejl(gyldigt_saet(), efter=ekstra_felt)
    assert "politikomraader.csv, række 4: rækken har 4 felter, men overskriften har kun 3." in err


def test_duplicate_header(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet["politikomraader"][0][2] = "Navn"
    err = koer_fejl(saet)
    assert "politikomraader.csv, række 1, kolonne 'navn': kolonnen findes mere end én gang" in err


def test_several_errors_all_reported(koer_fejl: Koer) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 3, "beloeb_kr", "abc")
    saet_celle(saet, "forbrug", 4, "maaned", "0")
    saet_celle(saet, "vurderinger", 2, "maal_id", "M42")
    err = koer_fejl(saet, efter=lambda k: (k / "indikatorer.csv").unlink())
    linjer = err.strip().splitlines()
    assert linjer[0].startswith("indikatorer.csv: tabellen 'indikatorer' mangler")
    assert any(line.startswith("budget.csv, række 3, kolonne 'beloeb_kr'") for line in linjer)
    assert any(line.startswith("forbrug.csv, række 4, kolonne 'maaned'") for line in linjer)
    assert any(line.startswith("vurderinger.csv, række 2, kolonne 'maal_id'") for line in linjer)
    assert linjer[-1] == "Indlæsningen blev afbrudt: 4 fejl. Intet er skrevet."
    # maalinger refers to the unreadable indikatorer table: that check is skipped.
    assert "findes ikke i indikatorer" not in err


def test_api_raises_with_all_errors(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "budget", 2, "aar", "1899")
    saet_celle(saet, "budget", 3, "aar", "2101")
    with pytest.raises(IndlaesningsFejl) as info:
        load_source(skriv_csv(tmp_path / "k", saet))
    assert [(f.fil, f.raekke, f.kolonne) for f in info.value.fejl] == [
        ("budget.csv", 2, "aar"),
        ("budget.csv", 3, "aar"),
    ]


def test_failed_build_creates_nothing(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    saet_celle(saet, "forbrug", 2, "maaned", "13")
    with pytest.raises(IndlaesningsFejl):
        build_snapshot(skriv_csv(tmp_path / "k", saet), tmp_path / "ny")
    assert not (tmp_path / "ny").exists()


def test_xlsx_error_names_sheet_row_and_column(tmp_path: Path) -> None:
    from tests.kilder_hjaelp import skriv_xlsx

    saet = gyldigt_saet()
    saet_celle(saet, "budget", 3, "beloeb_kr", "mange penge")
    saet["vurderinger"][0][2] = "tilstand"
    with pytest.raises(IndlaesningsFejl) as info:
        load_source(skriv_xlsx(tmp_path / "kilde.xlsx", saet))
    tekster = [str(f) for f in info.value.fejl]
    assert (
        "kilde.xlsx, ark 'budget', række 3, kolonne 'beloeb_kr': 'mange penge' er ikke et tal"
        in "\n".join(tekster)
    )
    assert (
        "kilde.xlsx, ark 'vurderinger', kolonne 'status': den påkrævede kolonne mangler." in tekster
    )
