"""Convention tests (DESIGN.md §3, §9): thin pages, one-way imports, one data reader."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.skal.navigation import SIDER

PROJEKT = Path(__file__).resolve().parents[1]
DASHBOARD_MAPPE = PROJEKT / "dashboard"
SIDER_FILER = sorted((PROJEKT / "sider").glob("*.py"))
FORBUDT_I_SIDER = {
    "group_by": "aggregering hører til i modeller/ eller dashboard/",
    ".agg(": "aggregering",
    ".pivot(": "pivot",
    ".join(": "join",
    "read_": "fillæsning",
    "scan_": "fillæsning",
    "open(": "fillæsning",
    "cache_": "caching",
    "try:": "fejlhåndtering",
    "unsafe_allow_html": "HTML fra data",
}


def imports(fil: Path) -> set[str]:
    navne: set[str] = set()
    for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            navne.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            navne.add(node.module.split(".")[0])
    return navne


def test_der_er_sider() -> None:
    assert len(SIDER_FILER) >= 2


@pytest.mark.parametrize("fil", SIDER_FILER, ids=lambda p: p.name)
def test_side_er_tynd(fil: Path) -> None:
    tekst = fil.read_text(encoding="utf-8")
    assert len(tekst.splitlines()) <= 80, "en side er højst 80 linjer"
    assert ast.get_docstring(ast.parse(tekst)), "en side starter med sit spørgsmål"
    for moenster, hvorfor in FORBUDT_I_SIDER.items():
        assert moenster not in tekst, (
            f"{fil.name}: '{moenster}' ({hvorfor}) hører ikke til i sider/"
        )


@pytest.mark.parametrize("fil", SIDER_FILER, ids=lambda p: p.name)
def test_side_er_registreret(fil: Path) -> None:
    assert fil.name in {s.fil for s in SIDER}


def test_url_paths_er_ascii_og_unikke() -> None:
    stier = [s.url_path for s in SIDER]
    assert len(set(stier)) == len(stier)
    assert all(re.fullmatch(r"[a-z0-9_-]+", s) for s in stier)
    assert all((PROJEKT / "sider" / s.fil).exists() for s in SIDER)


def test_ingen_pages_mappe() -> None:
    assert not any(p.name == "pages" for p in PROJEKT.rglob("pages") if ".venv" not in p.parts)


def test_modeller_importerer_aldrig_ui() -> None:
    for fil in (PROJEKT / "modeller").rglob("*.py"):
        forbudt = imports(fil) & {"streamlit", "plotly", "dashboard"}
        assert not forbudt, f"{fil.relative_to(PROJEKT)} importerer {forbudt}"


def moduler(fil: Path) -> set[str]:
    """Fully qualified modules imported by a file."""
    navne: set[str] = set()
    for node in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            navne.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            navne.add(node.module)
    return navne


def test_dashboard_importerer_ikke_sider_eller_loader() -> None:
    for fil in (PROJEKT / "dashboard").rglob("*.py"):
        importeret = moduler(fil)
        assert not any(m.startswith("modeller.loader") for m in importeret), (
            f"{fil.name}: appen skriver aldrig data"
        )
        assert not any(m.startswith("sider") for m in importeret)


def test_kun_data_modulet_laeser_data() -> None:
    for fil in (PROJEKT / "dashboard").rglob("*.py"):
        if fil.name == "data.py":
            continue
        tekst = fil.read_text(encoding="utf-8")
        for moenster in ("read_parquet", "scan_parquet", "read_text(", "open("):
            assert moenster not in tekst, (
                f"{fil.name} læser filer ({moenster}); brug dashboard/data.py"
            )


def test_kun_adgang_aabner_indberetningslageret() -> None:
    """The second writer (DESIGN.md §3): in dashboard/, only indberetning/adgang.py opens
    the indberetning store or reads the roles file from the data folder; data.py stays the
    only reader of snapshots."""
    tilladt = DASHBOARD_MAPPE / "indberetning" / "adgang.py"
    for fil in DASHBOARD_MAPPE.rglob("*.py"):
        tekst = fil.read_text(encoding="utf-8")
        for moenster in ("Lager.aabn(", "laes_roller(", "standard_url(", "create_engine("):
            assert fil == tilladt or moenster not in tekst, (
                f"{fil.relative_to(PROJEKT)} bruger {moenster}; kun adgang.py åbner lageret"
            )


POLARS_TILBAGEKALD = {"map_elements", "map_batches", "map_groups", "map_rows", "apply"}
"""Python callbacks inside polars: with concurrent sessions they can deadlock the whole
server (polars issues #26821, #24448; DESIGN.md §9)."""


def _tilbagekald(kilde: str, navn_paa_fil: str) -> list[str]:
    fund = []
    for node in ast.walk(ast.parse(kilde)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        navn = node.func.attr
        modtager = node.func.value
        # pandas Styler.apply (table styling) runs outside polars.
        if navn == "apply" and isinstance(modtager, ast.Name) and modtager.id == "styler":
            continue
        if navn in POLARS_TILBAGEKALD:
            fund.append(f"{navn_paa_fil}:{node.lineno} .{navn}(")
    return fund


def test_ingen_python_tilbagekald_i_polars() -> None:
    fund = [
        f
        for mappe in ("dashboard", "modeller", "sider")
        for fil in sorted((PROJEKT / mappe).rglob("*.py"))
        for f in _tilbagekald(fil.read_text(encoding="utf-8"), str(fil.relative_to(PROJEKT)))
    ]
    assert not fund, "Python-tilbagekald i polars kan låse serveren: " + ", ".join(fund)


def test_tilbagekaldstesten_kan_fejle() -> None:
    kilde = 'import polars as pl\npl.col("x").map_elements(str)\ndf.map_batches(f)\n'
    assert _tilbagekald(kilde, "x.py") == ["x.py:2 .map_elements(", "x.py:3 .map_batches("]
    assert _tilbagekald("styler.apply(f, axis=1)\n", "x.py") == []


# --- the rooms of dashboard/ (DESIGN.md §3) ---------------------------------------------

DASHBOARD = PROJEKT / "dashboard"
UDEN_STREAMLIT = (
    "dashboard.rapport.indhold",
    "dashboard.rapport.figurer",
    "dashboard.rapport.pdf",
    "dashboard.rapport.powerpoint",
    "dashboard.faelles.tema",
    "dashboard.faelles.format",
    "dashboard.faelles.charts",
    "dashboard.faelles.eksport",
)


def _visning(modul: str) -> str | None:
    """The view a module belongs to ("oekonomi" for dashboard.visning.oekonomi.data)."""
    dele = modul.split(".")
    return dele[2] if dele[:2] == ["dashboard", "visning"] and len(dele) > 2 else None


def test_visninger_importerer_ikke_hinanden() -> None:
    for fil in sorted((DASHBOARD / "visning").rglob("*.py")):
        rel = fil.relative_to(PROJEKT).with_suffix("")
        egen = _visning(".".join(rel.parts))
        if egen is None:
            continue  # visning/__init__.py
        andre = {v for m in moduler(fil) if (v := _visning(m)) not in (None, egen)}
        assert not andre, f"{rel}: en visning importerer en anden visning ({andre})"


def test_rapport_og_tema_importerer_ikke_streamlit() -> None:
    """Documents and the shared vocabulary run without streamlit, also indirectly."""
    kode = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in UDEN_STREAMLIT)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))"
    )
    ud = subprocess.run(
        [sys.executable, "-c", kode], capture_output=True, text=True, cwd=PROJEKT, check=True
    )
    assert ud.stdout.strip() == "[]", ud.stdout


def test_kun_tilstand_navngiver_session_state() -> None:
    for mappe in ("dashboard", "sider"):
        for fil in sorted((PROJEKT / mappe).rglob("*.py")):
            if fil == DASHBOARD / "skal" / "tilstand.py":
                continue
            assert "session_state" not in fil.read_text(encoding="utf-8"), (
                f"{fil.relative_to(PROJEKT)} bruger session_state; brug skal/tilstand.py"
            )


@pytest.mark.parametrize("rum", ["skal", "faelles", "visning", "rapport"])
def test_hvert_rum_siger_sin_regel(rum: str) -> None:
    doc = ast.get_docstring(ast.parse((DASHBOARD / rum / "__init__.py").read_text("utf-8")))
    assert doc and len(doc) > 80, f"dashboard/{rum}/__init__.py mangler sin regel"


def test_faelles_kender_ingen_side() -> None:
    for fil in sorted((DASHBOARD / "faelles").rglob("*.py")):
        importeret = moduler(fil)
        assert not any(m.startswith("dashboard.visning") for m in importeret), fil.name


def test_ingen_fuld_oprydning_efter_hver_koersel() -> None:
    """runner.postScriptGC would hold the GIL for a full collection after every rerun,
    so concurrent sessions queue behind each other (measured: 175 → 20–30 ms per step)."""
    import tomllib

    config = tomllib.loads((PROJEKT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["runner"]["postScriptGC"] is False
