"""`python -m modeller.indberetning eksport --ud STI [--data DATA] [--db URL]`.

Writes the reports in the source format (vurderinger.csv, prognoser.csv,
maalinger.csv), so they can be loaded by `python -m modeller.loader` or archived.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sqlalchemy import make_url

from modeller.errors import StyringsFejl
from modeller.indberetning.eksport import kildetabeller, skriv_csv
from modeller.indberetning.lager import DB_ENV, Lager, standard_url
from modeller.indberetning.lager import findes as lager_findes

DATA_ENV = "STYRINGSOVERBLIK_DATA"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m modeller.indberetning",
        description="Indberetninger (vurderinger, prognoser, målinger) fra databasen.",
    )
    under = p.add_subparsers(dest="kommando", required=True)
    e = under.add_parser("eksport", help="skriv indberetningerne i kildeformatet (CSV)")
    e.add_argument("--ud", type=Path, required=True, help="mappe, der skal skrives til")
    e.add_argument(
        "--data", type=Path, default=None, help="datamappe (standard: $" + DATA_ENV + ")"
    )
    e.add_argument("--db", default=None, help=f"database-URL (standard: ${DB_ENV} eller SQLite)")
    args = p.parse_args(argv)
    data_dir: Path = args.data or Path(os.environ.get(DATA_ENV) or "data")
    url = args.db or standard_url(data_dir)
    if not lager_findes(url):
        print(f"Der er ingen indberetninger: databasen {make_url(url).database} findes ikke.",
              file=sys.stderr)  # fmt: skip
        return 1
    try:
        lager = Lager.aabn(url)
        try:
            antal = skriv_csv(kildetabeller(lager.alle()), args.ud)
        finally:
            lager.luk()
    except (StyringsFejl, OSError) as exc:
        print(f"Eksporten blev afbrudt: {exc}", file=sys.stderr)
        return 1
    for fil, n in antal.items():
        print(f"{args.ud / fil}: {n} rækker")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
