"""Property: any corruption of a valid source set either loads into a valid snapshot or
fails with Danish messages (exit 1 on the CLI) — never a traceback, never an internal
error, and nothing written under DATA on failure.

Corruptions: delete a cell, swap two columns' headers, insert garbage bytes, duplicate a
row, change an id, truncate a file, re-encode a file, swap two cells of a row. Most
examples use the Python API; a few run the CLI in a subprocess.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modeller.errors import IndlaesningsFejl
from modeller.loader import build_snapshot
from modeller.schemas import TABELLER
from modeller.snapshot import MANIFEST, Manifest
from tests.kilder_hjaelp import Saet, csv_tekst, gyldigt_saet

PROJEKT = Path(__file__).resolve().parents[1]
TABELNAVNE = [n for n in TABELLER if not TABELLER[n].valgfri]


@dataclass(frozen=True)
class Korruption:
    art: str
    tabel: str
    a: int
    b: int
    data: bytes
    kodning: str
    sep: str

    def anvend(self, saet: Saet) -> dict[str, bytes]:
        """The corrupted set as file name → bytes."""
        rows = saet[self.tabel]
        r = 1 + self.a % max(1, len(rows) - 1)  # a data row (or the header if none)
        r = min(r, len(rows) - 1)
        c = self.b % len(rows[0])
        if self.art == "slet_celle":
            rows[r][c] = ""
        elif self.art == "byt_overskrifter":
            c2 = (c + 1) % len(rows[0])
            rows[0][c], rows[0][c2] = rows[0][c2], rows[0][c]
        elif self.art == "byt_celler":
            c2 = (c + 1) % len(rows[0])
            rows[r][c], rows[r][c2] = rows[r][c2], rows[r][c]
        elif self.art == "dubler_raekke":
            rows.insert(r, list(rows[r]))
        elif self.art == "skift_id":
            rows[r][0] = rows[r][0] + "X" if self.a % 2 else "ny"
        filer = {f"{t}.csv": csv_tekst(rs, self.sep).encode() for t, rs in saet.items()}
        navn = f"{self.tabel}.csv"
        indhold = filer[navn]
        pos = self.a % (len(indhold) + 1)
        if self.art == "skrald":
            filer[navn] = indhold[:pos] + self.data + indhold[pos:]
        elif self.art == "afkort":
            filer[navn] = indhold[:pos]
        elif self.art == "kodning":
            filer[navn] = indhold.decode().encode(self.kodning, errors="replace")
        return filer


korruptioner = st.builds(
    Korruption,
    art=st.sampled_from(
        [
            "slet_celle",
            "byt_overskrifter",
            "byt_celler",
            "dubler_raekke",
            "skift_id",
            "skrald",
            "afkort",
            "kodning",
        ]
    ),
    tabel=st.sampled_from(TABELNAVNE),
    a=st.integers(0, 10_000),
    b=st.integers(0, 50),
    data=st.binary(min_size=1, max_size=40),
    kodning=st.sampled_from(["cp1252", "utf-16", "latin-1", "utf-8-sig", "utf-32"]),
    sep=st.sampled_from([";", ","]),
)


def _skriv(mappe: Path, filer: dict[str, bytes]) -> Path:
    mappe.mkdir(parents=True)
    for navn, indhold in filer.items():
        (mappe / navn).write_bytes(indhold)
    return mappe


def _listing(data: Path) -> dict[str, str]:
    if not data.exists():
        return {}
    return {
        str(p.relative_to(data)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else ""
        for p in sorted(data.rglob("*"))
    }


def _tjek_snapshot(data: Path, sid: str) -> None:
    snap = data / "snapshots" / sid
    m = Manifest.from_json((snap / MANIFEST).read_text(encoding="utf-8"))
    for navn, tabel in TABELLER.items():
        df = pl.read_parquet(snap / f"{navn}.parquet")
        assert dict(df.schema) == tabel.polars_schema
        assert df.height == m.tables[navn]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(k=korruptioner)
def test_api_corruption_loads_or_fails_in_danish(k: Korruption) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        kilde = _skriv(Path(tmp) / "kilde", k.anvend(gyldigt_saet()))
        data = Path(tmp) / "data"
        try:
            sid = build_snapshot(kilde, data)
        except IndlaesningsFejl as exc:
            assert exc.fejl
            for f in exc.fejl:
                tekst = str(f)
                assert tekst.startswith(f.fil) and len(tekst) < 1000
                assert "Traceback" not in tekst
            assert not data.exists()
        else:
            _tjek_snapshot(data, sid)


@settings(max_examples=8, deadline=None, derandomize=True)
@given(k=korruptioner)
def test_cli_corruption_exit_code_and_stderr(k: Korruption) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        kilde = _skriv(Path(tmp) / "kilde", k.anvend(gyldigt_saet()))
        data = Path(tmp) / "data"
        build_snapshot(_skriv(Path(tmp) / "gammel", k.anvend(gyldigt_saet()) | _gyldige()), data)
        foer = _listing(data)
        p = subprocess.run(
            [sys.executable, "-m", "modeller.loader", str(kilde), "--data", str(data)],
            cwd=PROJEKT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "Traceback" not in p.stderr and "Uventet intern fejl" not in p.stderr
        if p.returncode == 0:
            _tjek_snapshot(data, p.stdout.strip())
        else:
            assert p.returncode == 1
            assert p.stdout == ""
            assert p.stderr.rstrip().endswith("Intet er skrevet.")
            assert _listing(data) == foer


def _gyldige() -> dict[str, bytes]:
    return {f"{t}.csv": csv_tekst(rs).encode() for t, rs in gyldigt_saet().items()}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(k=korruptioner)
def test_screening_is_never_more_lenient_than_pandera(k: Korruption) -> None:
    """validering.screening_ok (the fast path) passes a table only if pandera does too."""
    from modeller.loader.konverter import konverter
    from modeller.loader.laes import laes_kilde
    from modeller.loader.validering import pandera_schema, screening_ok

    with tempfile.TemporaryDirectory() as tmp:
        res = laes_kilde(_skriv(Path(tmp) / "kilde", k.anvend(gyldigt_saet())))
        for navn, raa in res.tabeller.items():
            konv = konverter(raa, TABELLER[navn])
            if screening_ok(konv.data, TABELLER[navn], konv.manglende):
                pandera_schema(TABELLER[navn], konv.manglende).validate(konv.data, lazy=True)
