"""`python -m modeller.loader KILDE [--data DATA] [--etiket TEKST]`.

DATA is a folder or `s3://bucket/prefix` (object storage; credentials and endpoint from
the AWS_* environment variables, see modeller/objektlager.py)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from modeller import objektlager as lager
from modeller.errors import IndlaesningsFejl, StyringsFejl
from modeller.indberetning.lager import DB_ENV
from modeller.loader import indberetninger
from modeller.loader.kilde import Fremskridt, load_source
from modeller.loader.skriv import skriv_snapshot
from modeller.schemas import TABELLER

DATA_ENV = "STYRINGSOVERBLIK_DATA"
MAKS_VISTE_FEJL = 500


def build_snapshot(
    kilde: Path,
    data_dir: Path | str,
    label: str | None = None,
    now: datetime | None = None,
    fremskridt: Fremskridt | None = None,
) -> str:
    """Load and validate `kilde`, write a new snapshot under `data_dir` (a folder or an
    `s3://bucket/prefix` string), return its id.

    Raises IndlaesningsFejl (nothing written under `data_dir`) on any problem.
    """
    saet = load_source(kilde, fremskridt)
    return skriv_snapshot(saet, data_dir, label=label, now=now)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Forkert brug af kommandoen: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m modeller.loader",
        description="Indlæs kildefiler (CSV-mappe eller Excel) og skriv et nyt snapshot.",
    )
    p.add_argument("kilde", type=Path, help="mappe med CSV-filer eller en .xlsx-fil")
    p.add_argument(
        "--data",
        default=None,
        help=f"datamappe eller s3://bucket/mappe (standard: ${DATA_ENV} eller 'data')",
    )
    p.add_argument("--etiket", default=None, help="etiket på snapshottet, fx 'Budgetopfølgning'")
    p.add_argument(
        "--uden-indberetninger",
        action="store_true",
        help="tag ikke brugernes indberetninger med i snapshottet (standard: de tages med)",
    )
    p.add_argument(
        "--db", default=None, help=f"indberetningsdatabase (standard: ${DB_ENV} eller SQLite)"
    )
    return p


@contextmanager
def _fremskridt() -> Iterator[Fremskridt | None]:
    """Per-table progress with rich on a terminal; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        opgave = progress.add_task("Indlæser tabeller", total=len(TABELLER))

        def trin(tabel: str) -> None:
            progress.update(opgave, advance=1, description=f"Indlæst {tabel}")

        yield trin


def main(argv: list[str] | None = None) -> int:
    """Run the loader; print the snapshot id on stdout; return the exit code."""
    args = _parser().parse_args(argv)
    data: str = args.data or os.environ.get(DATA_ENV) or "data"
    data_dir: Path | str = data if lager.er_s3(data) else Path(data)
    try:
        with _fremskridt() as fremskridt:
            saet = load_source(args.kilde, fremskridt)
        if not args.uden_indberetninger:
            saet = indberetninger.tag_med(saet, data_dir, args.db)
        sid = skriv_snapshot(saet, data_dir, label=args.etiket)
    except IndlaesningsFejl as exc:
        for f in exc.fejl[:MAKS_VISTE_FEJL]:
            print(str(f), file=sys.stderr)
        if len(exc.fejl) > MAKS_VISTE_FEJL:
            print(f"… og {len(exc.fejl) - MAKS_VISTE_FEJL} fejl mere.", file=sys.stderr)
        print(
            f"Indlæsningen blev afbrudt: {len(exc.fejl)} fejl. Intet er skrevet.",
            file=sys.stderr,
        )
        return 1
    except StyringsFejl as exc:
        print(f"{exc}", file=sys.stderr)
        print("Indlæsningen blev afbrudt. Intet er skrevet.", file=sys.stderr)
        return 1
    except Exception as exc:  # an internal bug: still one Danish line, never a traceback
        print(
            f"Uventet intern fejl i indlæsningen ({type(exc).__name__}: {exc}). Intet er skrevet.",
            file=sys.stderr,
        )
        return 1
    for advarsel in saet.advarsler:
        print(f"Advarsel: {advarsel}", file=sys.stderr)
    if "indberetninger" in saet.ekstra:
        info = saet.ekstra["indberetninger"]
        print(
            f"Indberetninger taget med: {info['antal']} (til og med nr. {info['til_id']}).",
            file=sys.stderr,
        )
    print(sid)
    return 0
