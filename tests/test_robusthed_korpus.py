"""A corpus of bad (and awkward but valid) source sets, built in code from the valid set.

Each case changes the valid set (tests/kilder_hjaelp.py) in one way and states the exact
Danish messages the loader must give: the complete list, file, row and column included.
Row numbers are those a user sees: the CSV record number (header = 1, title rows above
the header counted) or the sheet row. Cases that must load state what was loaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from modeller.errors import IndlaesningsFejl
from modeller.loader import build_snapshot, load_source, main
from modeller.loader.kilde import Kildesaet
from modeller.loader.laes import MAKS_FELT
from tests.kilder_hjaelp import Saet, csv_tekst, gyldigt_saet, saet_celle, skriv_csv, skriv_xlsx

Byg = Callable[[Path], Path]
"""Writes a source set under the given folder; returns the source (folder or .xlsx)."""


@dataclass(frozen=True)
class Fejlsag:
    navn: str
    byg: Byg
    fejl: tuple[str, ...]
    """Every message, in the order reported (str(Fejl))."""


@dataclass(frozen=True)
class OkSag:
    navn: str
    byg: Byg
    tjek: Callable[[Kildesaet], None]


FEJL: list[Fejlsag] = []
OK: list[OkSag] = []


def _saet(*aendringer: tuple[str, int, str, str]) -> Saet:
    saet = gyldigt_saet()
    for tabel, raekke, kolonne, vaerdi in aendringer:
        saet_celle(saet, tabel, raekke, kolonne, vaerdi)
    return saet


def fejl(navn: str, *forventet: str, **celle: str) -> Callable[[Callable[[], Saet]], None]:
    """Register a case whose set is returned by the decorated function (written as CSV)."""

    def reg(f: Callable[[], Saet]) -> None:
        FEJL.append(Fejlsag(navn, lambda d: skriv_csv(d / "kilde", f()), forventet))

    return reg


def celle(navn: str, tabel: str, raekke: int, kolonne: str, vaerdi: str, *forventet: str) -> None:
    """Register a one-cell case."""
    FEJL.append(
        Fejlsag(
            navn,
            lambda d: skriv_csv(d / "kilde", _saet((tabel, raekke, kolonne, vaerdi))),
            forventet,
        )
    )


def fil(navn: str, tabel: str, indhold: bytes, *forventet: str) -> None:
    """Register a case replacing one table's file with raw bytes."""

    def byg(d: Path) -> Path:
        k = skriv_csv(d / "kilde")
        (k / f"{tabel}.csv").write_bytes(indhold)
        return k

    FEJL.append(Fejlsag(navn, byg, forventet))


def _csv(tabel: str, saet: Saet | None = None) -> bytes:
    return csv_tekst((saet or gyldigt_saet())[tabel]).encode()


# ------------------------------------------------------------- DESIGN.md §4, rule by rule


@fejl("missing required column", "budget.csv, kolonne 'beloeb_kr': den påkrævede kolonne mangler.")
def _() -> Saet:
    saet = gyldigt_saet()
    saet["budget"] = [r[:4] + r[5:] for r in saet["budget"]]
    return saet


@fejl(
    "duplicate id",
    "organisation.csv, række 9, kolonne 'enhed_id': enhed_id='I1' findes allerede i række 6; "
    "nøglen skal være unik.",
)
def _() -> Saet:
    saet = gyldigt_saet()
    saet["organisation"].append(["I1", "Andet navn", "institution", "C2", ""])
    return saet


@fejl(
    "duplicate row (keyed table)",
    "politikomraader.csv, række 4, kolonne 'politikomraade_id': politikomraade_id='P2' findes "
    "allerede i række 3; nøglen skal være unik.",
)
def _() -> Saet:
    saet = gyldigt_saet()
    saet["politikomraader"].append(list(saet["politikomraader"][2]))
    return saet


celle(
    "duplicate composite key",
    "maalinger",
    4,
    "periode",
    "2026-01-31",
    "maalinger.csv, række 4, kolonne 'indikator_id, enhed_id, periode': indikator_id='IND1', "
    "enhed_id='I1', periode='2026-01-31' findes allerede i række 3; nøglen skal være unik.",
)
for _tabel, _raekke, _kol, _vaerdi, _maal in (
    ("budget", 2, "enhed_id", "X9", "organisation.csv (kolonne 'enhed_id')"),
    ("forbrug", 3, "politikomraade_id", "P7", "politikomraader.csv (kolonne 'politikomraade_id')"),
    ("organisation", 8, "overordnet_id", "C9", "organisation.csv (kolonne 'enhed_id')"),
    ("indikatorer", 2, "maal_id", "M99", "maal.csv (kolonne 'maal_id')"),
    ("maalinger", 4, "indikator_id", "IND2", "indikatorer.csv (kolonne 'indikator_id')"),
    ("maal", 4, "aftale_id", "A9", "aftaler.csv (kolonne 'aftale_id')"),
    ("vurderinger", 2, "maal_id", "M42", "maal.csv (kolonne 'maal_id')"),
    ("aftaler", 3, "enhed_id", "I9", "organisation.csv (kolonne 'enhed_id')"),
):
    celle(
        f"unknown reference {_tabel}.{_kol}",
        _tabel,
        _raekke,
        _kol,
        _vaerdi,
        f"{_tabel}.csv, række {_raekke}, kolonne '{_kol}': '{_vaerdi}' findes ikke i {_maal}.",
    )


@fejl(
    "kommune row missing",
    "organisation.csv, kolonne 'type': der er ingen række med type 'kommune'; der skal være "
    "præcis én.",
    "organisation.csv, række 2, kolonne 'overordnet_id': enheden 'D' mangler en overordnet enhed "
    "(kun kommunen må stå uden).",
)
def _() -> Saet:
    saet = gyldigt_saet()
    del saet["organisation"][1]
    saet_celle(saet, "organisation", 2, "overordnet_id", "")
    return saet


celle(
    "two kommune rows",
    "organisation",
    3,
    "type",
    "kommune",
    "organisation.csv, række 3, kolonne 'type': der må kun være én række med type 'kommune' "
    "(fundet i række 2, 3).",
    "organisation.csv, række 3, kolonne 'overordnet_id': kommunen 'D' må ikke have en overordnet "
    "enhed.",
    "organisation.csv, række 3, kolonne 'type': enheden 'D' af type 'kommune' kan ikke ligge under "
    "'K' af type 'kommune'; en underenhed skal ligge lavere (kommune → direktion → center → "
    "institution).",
)
celle(
    "only the kommune may lack a parent",
    "organisation",
    4,
    "overordnet_id",
    "",
    "organisation.csv, række 4, kolonne 'overordnet_id': enheden 'C1' mangler en overordnet enhed "
    "(kun kommunen må stå uden).",
)
celle(
    "organisation cycle",
    "organisation",
    3,
    "overordnet_id",
    "I1",
    "organisation.csv, række 3, kolonne 'type': enheden 'D' af type 'direktion' kan ikke ligge "
    "under 'I1' af type 'institution'; en underenhed skal ligge lavere (kommune → direktion → "
    "center → institution).",
    "organisation.csv, række 4, kolonne 'overordnet_id': organisationshierarkiet går i ring: "
    "C1 → D → I1 → C1. Et hierarki må ikke være cirkulært.",
)
celle(
    "goal cycle",
    "maal",
    2,
    "overordnet_maal_id",
    "M4",
    "maal.csv, række 2, kolonne 'overordnet_maal_id': målkæden går i ring: M1 → M4 → M3 → M2 → "
    "M1. Et hierarki må ikke være cirkulært.",
)
celle(
    "institution under an institution",
    "organisation",
    7,
    "overordnet_id",
    "I1",
    "organisation.csv, række 7, kolonne 'type': enheden 'I2' af type 'institution' kan ikke ligge "
    "under 'I1' af type 'institution'; en underenhed skal ligge lavere (kommune → direktion → "
    "center → institution).",
)
celle(
    "month 13",
    "forbrug",
    2,
    "maaned",
    "13",
    "forbrug.csv, række 2, kolonne 'maaned': måneden '13' findes ikke; den skal være mellem 1 "
    "og 12.",
)
celle(
    "month 0",
    "forbrug",
    5,
    "maaned",
    "0",
    "forbrug.csv, række 5, kolonne 'maaned': måneden '0' findes ikke; den skal være mellem 1 og "
    "12.",
)
celle(
    "negative month",
    "forbrug",
    3,
    "maaned",
    "-1",
    "forbrug.csv, række 3, kolonne 'maaned': måneden '-1' findes ikke; den skal være mellem 1 "
    "og 12.",
)
celle(
    "year 1899",
    "budget",
    2,
    "aar",
    "1899",
    "budget.csv, række 2, kolonne 'aar': året '1899' er ikke plausibelt; det skal ligge mellem "
    "2000 og 2100.",
)
celle(
    "negative year",
    "aftaler",
    2,
    "aar_fra",
    "-2026",
    "aftaler.csv, række 2, kolonne 'aar_fra': året '-2026' er ikke plausibelt; det skal ligge "
    "mellem 2000 og 2100.",
)
celle(
    "year with a fraction",
    "aftaler",
    3,
    "aar_til",
    "2026,5",
    "aftaler.csv, række 3, kolonne 'aar_til': '2026,5' er ikke et helt tal.",
)
celle(
    "text in an amount",
    "budget",
    3,
    "beloeb_kr",
    "mange penge",
    "budget.csv, række 3, kolonne 'beloeb_kr': 'mange penge' er ikke et tal (fx 1234567,50 eller "
    "1.234.567,50).",
)
celle(
    "infinity is not a number",
    "forbrug",
    4,
    "beloeb_kr",
    "inf",
    "forbrug.csv, række 4, kolonne 'beloeb_kr': 'inf' er ikke et tal (fx 1234567,50 eller "
    "1.234.567,50).",
)
celle(
    "NaN is not a number",
    "maalinger",
    2,
    "vaerdi",
    "NaN",
    "maalinger.csv, række 2, kolonne 'vaerdi': 'NaN' er ikke et tal (fx 1234567,50 eller "
    "1.234.567,50).",
)
celle(
    "no-break space as thousands separator is not guessed",
    "budget",
    2,
    "beloeb_kr",
    "1\u00a0000\u00a0000",
    "budget.csv, række 2, kolonne 'beloeb_kr': '1\\xa0000\\xa0000' er ikke et tal (fx 1234567,50 "
    "eller 1.234.567,50).",
)


@fejl(
    "ambiguous number in a file mixing conventions",
    "budget.csv, række 4, kolonne 'beloeb_kr': tallet '1.234' er tvetydigt (filen blander "
    "decimalkomma og decimalpunktum): det kan være et tusindtal eller et decimaltal. Skriv det "
    "uden tusindtalsseparator, fx 1234 eller 1,234.",
)
def _() -> Saet:
    return _saet(("budget", 2, "beloeb_kr", "1,5"), ("budget", 4, "beloeb_kr", "1.234"))


celle(
    "impossible date",
    "prognoser",
    3,
    "opfoelgningsdato",
    "31-02-2026",
    "prognoser.csv, række 3, kolonne 'opfoelgningsdato': '31-02-2026' er ikke en gyldig dato "
    "(brug 2026-03-31 eller 31-03-2026).",
)
celle(
    "American date is not guessed",
    "maalinger",
    3,
    "periode",
    "01/31/2026",
    "maalinger.csv, række 3, kolonne 'periode': '01/31/2026' er ikke en gyldig dato (brug "
    "2026-03-31 eller 31-03-2026).",
)
celle(
    "number outside the Excel serial range in a date column",
    "vurderinger",
    2,
    "dato",
    "123",
    "vurderinger.csv, række 2, kolonne 'dato': '123' er ikke en gyldig dato (brug 2026-03-31 "
    "eller 31-03-2026).",
)
celle(
    "value not allowed",
    "organisation",
    5,
    "type",
    "afdeling",
    "organisation.csv, række 5, kolonne 'type': 'afdeling' er ikke en tilladt værdi; tilladte "
    "værdier er: kommune, direktion, center, institution.",
)
celle(
    "whitespace-only required cell",
    "politikomraader",
    3,
    "udvalg",
    "   ",
    "politikomraader.csv, række 3, kolonne 'udvalg': værdien mangler (feltet må ikke være tomt).",
)

# ------------------------------------------------------------------- reading problems

fil(
    "empty file",
    "vurderinger",
    b"",
    "vurderinger.csv: filen er tom (der mangler en overskriftslinje).",
)
fil(
    "only blank lines",
    "vurderinger",
    b"\r\n\r\n   \r\n",
    "vurderinger.csv: filen er tom (der mangler en overskriftslinje).",
)
fil(
    "only a header (organisation: no kommune, and every reference to a unit fails)",
    "organisation",
    b"enhed_id;navn;type;overordnet_id\n",
    "organisation.csv, kolonne 'type': der er ingen række med type 'kommune'; der skal være "
    "præcis én.",
    *(
        f"{t}.csv, række {r}, kolonne 'enhed_id': '{v}' findes ikke i organisation.csv (kolonne "
        "'enhed_id')."
        for t, r, v in (
            ("budget", 2, "I1"),
            ("budget", 3, "I2"),
            ("budget", 4, "I3"),
            ("budget", 5, "I3"),
            ("forbrug", 2, "I1"),
            ("forbrug", 3, "I1"),
            ("forbrug", 4, "I3"),
            ("forbrug", 5, "I2"),
            ("prognoser", 2, "I1"),
            ("prognoser", 3, "I3"),
            ("aftaler", 2, "C1"),
            ("aftaler", 3, "I1"),
            ("maal", 4, "C1"),
            ("maal", 5, "I1"),
            ("maalinger", 2, "I1"),
            ("maalinger", 3, "I1"),
            ("maalinger", 4, "I1"),
        )
    ),
)
fil(
    "UTF-16",
    "politikomraader",
    _csv("politikomraader").decode().encode("utf-16"),
    "politikomraader.csv: filen er ikke gemt som UTF-8 eller Windows-1252 (den ligner UTF-16 "
    "eller binære data). Gem den som 'CSV UTF-8' og prøv igen.",
)
fil(
    "control character in a cell",
    "politikomraader",
    _csv("politikomraader").replace(b"Dagtilbud", b"Dag\x0btilbud"),
    "politikomraader.csv: filen indeholder kontroltegn (byte 0x0b i linje 2) og ligner ikke en "
    "tekstfil (læst som utf-8). Fjern tegnet, eller gem filen som 'CSV UTF-8' og prøv igen.",
)
fil(
    "byte undefined in Windows-1252",
    "politikomraader",
    _csv("politikomraader").replace(b"Dagtilbud", b"Dag\x81tilbud"),
    "politikomraader.csv: filen kan hverken læses som UTF-8 eller Windows-1252 (ugyldig byte ved "
    "position 36). Gem den som 'CSV UTF-8' og prøv igen.",
)
fil(
    "BOM but invalid UTF-8",
    "politikomraader",
    b"\xef\xbb\xbf" + _csv("politikomraader").replace(b"Dagtilbud", b"Dagtilbud \xe6"),
    "politikomraader.csv: filen starter som UTF-8, men indeholder ugyldige UTF-8-tegn.",
)
fil(
    "an Excel workbook renamed to .csv",
    "aftaler",
    b"PK\x03\x04rest",
    "aftaler.csv: filen er en Excel- eller zip-fil, ikke en CSV-fil.",
)
fil(
    "too many fields in a row",
    "politikomraader",
    _csv("politikomraader") + b"P3;Skole;Udvalg;overskydende\n",
    "politikomraader.csv, række 4: rækken har 4 felter, men overskriften har kun 3.",
)
fil(
    "duplicate header",
    "politikomraader",
    b"politikomraade_id;navn;Navn;udvalg\nP1;a;b;c\nP2;a;b;c\n",
    "politikomraader.csv, række 1, kolonne 'navn': kolonnen findes mere end én gang i "
    "overskriften ('navn' og 'Navn').",
)
fil(
    "no separator in the header",
    "politikomraader",
    b"politikomraade_id navn udvalg\nP1 a b\n",
    "politikomraader.csv: kan ikke finde overskriftslinjen og skilletegnet (brug ';' eller ',' "
    "mellem kolonnenavnene).",
)
fil(
    "huge field (5 MB) is reported, shortened, never echoed",
    "politikomraader",
    b"politikomraade_id;navn;udvalg\nP1;" + b"x" * 5_000_000 + b";U\nP2;Aeldre;U\n",
    "politikomraader.csv, række 2, kolonne 'navn': feltet er 5.000.000 tegn langt (højst "
    f'{MAKS_FELT:_} er tilladt); måske mangler et afsluttende citationstegn (") tidligere i '
    "filen.".replace("_", "."),
)


def _uafsluttet(d: Path) -> Path:
    k = skriv_csv(d / "kilde")
    tekst = 'maal_id;dato;status;kommentar\nM4;2026-03-15;paa_sporet;"Starter citat\n'
    (k / "vurderinger.csv").write_text(tekst + ("M4;2026-03-16;opfyldt;x\n" * 3000))
    return k


FEJL.append(
    Fejlsag(
        "unterminated quote swallows the rest of the file",
        _uafsluttet,
        (
            'vurderinger.csv, række 2: et felt begynder med et citationstegn ("), der ikke '
            "afsluttes; resten af filen bliver til ét felt. Afslut citationstegnet, eller fjern "
            "det.",
        ),
    )
)


def _titel_og_fejl(d: Path) -> Path:
    saet = _saet(("budget", 3, "beloeb_kr", "abc"))
    k = skriv_csv(d / "kilde", saet)
    indhold = (k / "budget.csv").read_bytes()
    (k / "budget.csv").write_bytes(b"Budget 2026 - udtraek fra ERP\n;;;\n" + indhold)
    return k


FEJL.append(
    Fejlsag(
        "title rows above the header keep the real row numbers",
        _titel_og_fejl,
        (
            "budget.csv, række 5, kolonne 'beloeb_kr': 'abc' er ikke et tal (fx 1234567,50 eller "
            "1.234.567,50).",
        ),
    )
)


def _linjeskift_og_fejl(d: Path) -> Path:
    saet = _saet(
        ("vurderinger", 2, "kommentar", "Linje et\nLinje to; med semikolon"),
    )
    saet["vurderinger"].append(["M4", "2026-13-01", "opfyldt", ""])
    return skriv_csv(d / "kilde", saet)


FEJL.append(
    Fejlsag(
        "a quoted line break keeps the record count as row number",
        _linjeskift_og_fejl,
        (
            "vurderinger.csv, række 3, kolonne 'dato': '2026-13-01' er ikke en gyldig dato (brug "
            "2026-03-31 eller 31-03-2026).",
        ),
    )
)


def _titel_uden_kolonne(d: Path) -> Path:
    k = skriv_csv(d / "kilde")
    (k / "politikomraader.csv").write_bytes(
        b"Politikomraader\n\npolitikomraade_id;navn\nP1;Dagtilbud\nP2;Aeldre\n"
    )
    return k


FEJL.append(
    Fejlsag(
        "title rows and a missing column",
        _titel_uden_kolonne,
        ("politikomraader.csv, kolonne 'udvalg': den påkrævede kolonne mangler.",),
    )
)


def _mangler_fil(d: Path) -> Path:
    k = skriv_csv(d / "kilde")
    (k / "indikatorer.csv").unlink()
    return k


FEJL.append(
    Fejlsag(
        "missing table file",
        _mangler_fil,
        ("indikatorer.csv: tabellen 'indikatorer' mangler: filen indikatorer.csv findes ikke.",),
    )
)


def _xlsx_med_titel(d: Path) -> Path:
    """A workbook whose budget sheet has a title in row 2 and the header in row 4."""
    import xlsxwriter

    saet = _saet(("budget", 3, "beloeb_kr", "abc"))
    sti = d / "kilde.xlsx"
    with xlsxwriter.Workbook(sti) as wb:
        for tabel, rows in saet.items():
            ws = wb.add_worksheet(tabel)
            start = 0
            if tabel == "budget":
                ws.write(1, 0, "Budget 2026 (udtræk)")
                start = 3
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    if v:
                        ws.write_string(start + r, c, v)
    return sti


FEJL.append(
    Fejlsag(
        "workbook: title rows, row numbers are the sheet's",
        _xlsx_med_titel,
        (
            "kilde.xlsx, ark 'budget', række 6, kolonne 'beloeb_kr': 'abc' er ikke et tal (fx "
            "1234567,50 eller 1.234.567,50).",
        ),
    )
)

# ----------------------------------------------------------------- the mapping file


def _med_kort(toml: str) -> Byg:
    def byg(d: Path) -> Path:
        k = skriv_csv(d / "kilde")
        (k / "kortlaegning.toml").write_text(toml, encoding="utf-8")
        return k

    return byg


for _navn, _toml, _forventet in (
    (
        "mapping: bad TOML",
        '[budget.kolonner]\n"Beløb" = beloeb_kr\n',
        "kortlaegning.toml: filen er ikke gyldig TOML (syntaksfejl i linje 2, tegn 11).",
    ),
    (
        "mapping: unknown table",
        '[budgetter.kolonner]\n"Beløb" = "beloeb_kr"\n',
        "kortlaegning.toml: [budgetter] er ikke en tabel; kendte tabeller er: organisation, "
        "politikomraader, anlaegsprojekter, budget, forbrug, prognoser, aktivitet, aftaler, "
        "maal, indikatorer, maalinger, vurderinger.",
    ),
    (
        "mapping: unknown target column",
        '[budget.kolonner]\n"Beløb" = "beloeb"\n',
        "kortlaegning.toml: 'budget.kolonner.\"Beløb\"' peger på 'beloeb', som ikke er en kolonne "
        "i 'budget'; kolonnerne er: aar, enhed_id, politikomraade_id, beloebstype, beloeb_kr, "
        "budgettype, projekt_id.",
    ),
    (
        "mapping: two sources for one column",
        '[budget.kolonner]\n"Beløb" = "beloeb_kr"\n"Beløb i kr" = "beloeb_kr"\n',
        "kortlaegning.toml: 'budget.kolonner.\"Beløb i kr\"' og 'budget.kolonner.\"Beløb\"' peger "
        "begge på 'beloeb_kr'; hver kolonne må kun have én kilde.",
    ),
    (
        "mapping: code to a value that is not allowed",
        '[budget.koder.beloebstype]\n"Opr. budget" = "original"\n',
        "kortlaegning.toml: 'budget.koder.beloebstype'.\"Opr. budget\" peger på 'original', som "
        "ikke er gyldig; tilladte værdier er: oprindeligt_budget, tillaegsbevilling, omplacering, "
        "overfoersel.",
    ),
    (
        "mapping: unknown key",
        '[budget]\nfiler = "x.csv"\n',
        "kortlaegning.toml: ukendt nøgle 'budget.filer'; tilladte nøgler er: fil, ark, "
        "header_raekke, kolonner, koder.",
    ),
    (
        "mapping: header row is not a number",
        '[budget]\nheader_raekke = "3"\n',
        "kortlaegning.toml: 'budget.header_raekke' skal være et helt tal mellem 1 og 1000.",
    ),
    (
        "mapping: named file is missing",
        '[budget]\nfil = "ERP_budget_2026.csv"\n',
        "ERP_budget_2026.csv: tabellen 'budget' mangler: filen ERP_budget_2026.csv (angivet i "
        "kortlaegning.toml) findes ikke.",
    ),
):
    FEJL.append(Fejlsag(_navn, _med_kort(_toml), (_forventet,)))


def _header_raekke(d: Path) -> Path:
    saet = _saet(("forbrug", 4, "maaned", "13"))
    k = skriv_csv(d / "kilde", saet)
    indhold = (k / "forbrug.csv").read_bytes()
    (k / "forbrug.csv").write_bytes(b"Forbrug;2026\n\n" + indhold)
    (k / "kortlaegning.toml").write_text("[forbrug]\nheader_raekke = 3\n", encoding="utf-8")
    return k


FEJL.append(
    Fejlsag(
        "mapping: header_raekke below title rows, errors keep the file's row numbers",
        _header_raekke,
        (
            "forbrug.csv, række 6, kolonne 'maaned': måneden '13' findes ikke; den skal være "
            "mellem 1 og 12.",
        ),
    )
)


# ------------------------------------------------------------ awkward inputs that load


def ok(navn: str) -> Callable[[Callable[[Path], tuple[Path, Callable[[Kildesaet], None]]]], None]:
    def reg(f: Callable[[Path], tuple[Path, Callable[[Kildesaet], None]]]) -> None:
        tjek: dict[str, Callable[[Kildesaet], None]] = {}

        def byg(d: Path) -> Path:
            kilde, t = f(d)
            tjek["t"] = t
            return kilde

        OK.append(OkSag(navn, byg, lambda s: tjek["t"](s)))

    return reg


@ok("trailing empty columns and ';;;' rows, blank lines")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    k = skriv_csv(d / "kilde")
    tekst = "politikomraade_id;navn;udvalg;;\nP1;Dagtilbud;BU;;\n\nP2;Ældre;SU;;\n;;;;\n;;;;\n"
    (k / "politikomraader.csv").write_text(tekst)

    def tjek(s: Kildesaet) -> None:
        assert s.tabeller["politikomraader"]["navn"].to_list() == ["Dagtilbud", "Ældre"]

    return k, tjek


@ok("Windows-1252, comma separator, Danish numbers in quotes")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    saet = _saet(("budget", 2, "beloeb_kr", "1.234.567,50"), ("budget", 3, "beloeb_kr", "-1.234"))
    k = skriv_csv(d / "kilde", saet, sep=",", encoding="cp1252")

    def tjek(s: Kildesaet) -> None:
        assert s.tabeller["budget"]["beloeb_kr"].to_list()[:2] == [1_234_567.5, -1234.0]
        kodning = {f.table: f.encoding for f in s.filer}
        assert kodning["organisation"] == "cp1252"  # "Sorø" is not UTF-8 here
        assert kodning["politikomraader"] == "cp1252"
        assert {f.separator for f in s.filer} == {","}

    return k, tjek


@ok("UTF-8 with BOM and CRLF line ends")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    k = skriv_csv(d / "kilde")
    for p in k.iterdir():
        p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))

    def tjek(s: Kildesaet) -> None:
        assert {f.encoding for f in s.filer} == {"utf-8-sig"}
        assert s.tabeller["organisation"]["enhed_id"][0] == "K"

    return k, tjek


@ok("formula-like text stays inert text")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    formel = '=HYPERLINK("http://eksempel.dk","klik")'
    saet = _saet(
        ("organisation", 5, "navn", formel),
        ("vurderinger", 2, "kommentar", "+SUM(A1:A9)"),
    )

    def tjek(s: Kildesaet) -> None:
        assert formel in s.tabeller["organisation"]["navn"].to_list()
        assert s.tabeller["vurderinger"]["kommentar"][0] == "+SUM(A1:A9)"

    return skriv_csv(d / "kilde", saet), tjek


@ok("Excel date serials and native numbers stored as text")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    saet = _saet(
        ("prognoser", 2, "opfoelgningsdato", "46112"),
        ("prognoser", 3, "opfoelgningsdato", "46112.0"),
        ("forbrug", 2, "maaned", "1.0"),
        ("budget", 2, "beloeb_kr", "1E6"),
        ("budget", 5, "beloeb_kr", "\u2212250000"),
    )

    def tjek(s: Kildesaet) -> None:
        assert s.tabeller["prognoser"]["opfoelgningsdato"].to_list() == [date(2026, 3, 31)] * 2
        assert s.tabeller["forbrug"]["maaned"][0] == 1
        assert s.tabeller["budget"]["beloeb_kr"].to_list()[0] == 1e6
        assert s.tabeller["budget"]["beloeb_kr"].to_list()[-1] == -250_000
        assert (
            "prognoser.csv: 2 værdi(er) i kolonne 'opfoelgningsdato' er Excel-datonumre (fx 46112) "
            "og er omregnet til datoer." in s.advarsler
        )

    return skriv_csv(d / "kilde", saet), tjek


@ok("a file cut off after a complete row loads with a warning")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    k = skriv_csv(d / "kilde")
    (k / "forbrug.csv").write_bytes((k / "forbrug.csv").read_bytes().rstrip(b"\n"))

    def tjek(s: Kildesaet) -> None:
        assert s.tabeller["forbrug"].height == 4
        assert (
            "forbrug.csv: filen slutter midt i en linje (intet linjeskift til sidst); kontrollér, "
            "at den er komplet og ikke afkortet." in s.advarsler
        )

    return k, tjek


@ok("duplicate rows in a table without a key are kept (two postings)")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    saet = gyldigt_saet()
    saet["forbrug"].append(list(saet["forbrug"][1]))

    def tjek(s: Kildesaet) -> None:
        assert s.tabeller["forbrug"].height == 5

    return skriv_csv(d / "kilde", saet), tjek


@ok("only a header in a table that may be empty")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    saet = gyldigt_saet()
    saet["vurderinger"] = saet["vurderinger"][:1]

    def tjek(s: Kildesaet) -> None:
        assert s.tabeller["vurderinger"].height == 0
        assert "vurderinger.csv: tabellen er tom." in s.advarsler

    return skriv_csv(d / "kilde", saet), tjek


@ok("negative amounts, values and baselines are allowed")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    saet = _saet(
        ("forbrug", 2, "beloeb_kr", "-80000"),
        ("prognoser", 2, "forventet_forbrug_kr", "-5"),
        ("indikatorer", 2, "baseline", "-3,5"),
        ("maalinger", 2, "vaerdi", "-1"),
    )

    def tjek(s: Kildesaet) -> None:
        assert s.tabeller["indikatorer"]["baseline"][0] == -3.5
        assert s.tabeller["maalinger"]["vaerdi"].min() == -1

    return skriv_csv(d / "kilde", saet), tjek


@ok("ERP budget export with a mapping file (title rows, own headers and codes)")
def _(d: Path) -> tuple[Path, Callable[[Kildesaet], None]]:
    k = skriv_csv(d / "kilde")
    (k / "budget.csv").unlink()
    (k / "ERP_budget_2026.csv").write_bytes(
        "Budgetudtræk 2026\nUdskrevet 31.03.2026\n\n"
        "Regnskabsår;Omkostningssted;Politikområde;Budgettype;Beløb (kr.);Bemærkning\n"
        "2026;I1;P1;Opr. budget;1.000.000,00;\n"
        "2026;I2;P1;Opr. budget;2.000.000,50;\n"
        "2026;I3;P2;opr. budget;3.000.000,00;\n"
        "2026;I3;P2;Tillægsbevilling;-250.000,00;Besparelse\n".encode("cp1252")
    )
    (k / "kortlaegning.toml").write_text(
        '[budget]\nfil = "ERP_budget_2026.csv"\n\n'
        '[budget.kolonner]\n"Regnskabsår" = "aar"\n"Omkostningssted" = "enhed_id"\n'
        '"Politikområde" = "politikomraade_id"\n"Budgettype" = "beloebstype"\n'
        '"Beløb (kr.)" = "beloeb_kr"\n\n'
        '[budget.koder.beloebstype]\n"Opr. budget" = "oprindeligt_budget"\n'
        '"Tillægsbevilling" = "tillaegsbevilling"\n',
        encoding="utf-8",
    )

    def tjek(s: Kildesaet) -> None:
        b = s.tabeller["budget"]
        assert b["beloeb_kr"].to_list() == [1e6, 2_000_000.5, 3e6, -250_000]
        assert b["beloebstype"].to_list() == ["oprindeligt_budget"] * 3 + ["tillaegsbevilling"]
        assert s.ekstra["kortlaegning"]["fil"] == "kortlaegning.toml"
        assert "ERP_budget_2026.csv: ekstra kolonne(r) ignoreres: bemaerkning." in s.advarsler
        assert "kortlaegning.toml: kortlægningen af kolonner og koder er brugt." in s.advarsler

    return k, tjek


# ------------------------------------------------------------------------------ tests


def test_corpus_is_big_enough() -> None:
    assert len(FEJL) + len(OK) >= 40
    assert len({c.navn for c in FEJL + OK}) == len(FEJL) + len(OK)


@pytest.mark.parametrize("sag", FEJL, ids=[c.navn for c in FEJL])
def test_bad_input_gives_exact_danish_errors(sag: Fejlsag, tmp_path: Path) -> None:
    kilde = sag.byg(tmp_path)
    with pytest.raises(IndlaesningsFejl) as info:
        load_source(kilde)
    assert [str(f) for f in info.value.fejl] == list(sag.fejl)


@pytest.mark.parametrize("sag", OK, ids=[c.navn for c in OK])
def test_awkward_input_loads(sag: OkSag, tmp_path: Path) -> None:
    sag.tjek(load_source(sag.byg(tmp_path)))


@pytest.mark.parametrize(
    "sag",
    [c for c in FEJL if "huge" in c.navn or "mapping: bad" in c.navn],
    ids=lambda c: c.navn,  # stable across xdist workers (no function reprs)
)
def test_cli_prints_errors_and_writes_nothing(
    sag: Fejlsag, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kilde = sag.byg(tmp_path)
    rc = main([str(kilde), "--data", str(tmp_path / "data")])
    out, err = capsys.readouterr()
    assert rc == 1 and out == ""
    assert err.splitlines()[: len(sag.fejl)] == list(sag.fejl)
    assert len(err) < 2000  # a 5 MB cell is never echoed
    assert not (tmp_path / "data").exists()


def test_mapping_is_recorded_in_the_manifest(tmp_path: Path) -> None:
    erp = next(c for c in OK if c.navn.startswith("ERP budget"))
    sid = build_snapshot(erp.byg(tmp_path), tmp_path / "data")
    m = json.loads((tmp_path / "data" / "snapshots" / sid / "manifest.json").read_text())
    kort = m["extra"]["kortlaegning"]
    assert kort["fil"] == "kortlaegning.toml" and len(kort["sha256"]) == 64
    assert kort["indhold"]["budget"]["kolonner"]["Beløb (kr.)"] == "beloeb_kr"
    budget = next(f for f in m["files"] if f["table"] == "budget")
    assert budget["file"] == "ERP_budget_2026.csv" and budget["encoding"] == "cp1252"
    df = pl.read_parquet(tmp_path / "data" / "snapshots" / sid / "budget.parquet")
    assert df["beloeb_kr"].sum() == 5_750_000.5


def test_workbook_mapping_with_sheet_and_header_row(tmp_path: Path) -> None:
    saet = gyldigt_saet()
    saet["Budget 2026"] = saet.pop("budget")
    sti = skriv_xlsx(tmp_path / "x" / "kilde.xlsx", saet)
    (sti.parent / "kortlaegning.toml").write_text(
        '[budget]\nark = "Budget 2026"\nheader_raekke = 1\n', encoding="utf-8"
    )
    s = load_source(sti)
    assert s.tabeller["budget"].height == 4
