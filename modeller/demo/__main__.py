"""`python -m modeller.demo UD [--skala N] [--format csv|xlsx] [--pr YYYY-MM-DD]`.

Writes the demo source set and prints one Danish summary line; invalid arguments give a
Danish message on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from babel.numbers import format_decimal

from modeller.demo import PR_STANDARD, build_tables, check_arguments, write_tables


class _DanskFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[Any],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "Brug: ")


class _DanskParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        if "required" in message:
            message = "mappen UD mangler (hvor kildefilerne skal skrives)."
        elif message.startswith("argument ") and ": " in message:
            message = message.split(": ", 1)[1]
        elif "unrecognized arguments" in message:
            message = "ukendte argumenter: " + message.split(":", 1)[1].strip()
        self.print_usage(sys.stderr)
        self.exit(2, f"Fejl: {message}\n")


def _skala(tekst: str) -> int:
    try:
        n = int(tekst)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(
            f"--skala skal være et helt tal på mindst 1 (fik '{tekst}')"
        )
    return n


def _format(tekst: str) -> str:
    if tekst not in ("csv", "xlsx"):
        raise argparse.ArgumentTypeError(f"--format skal være csv eller xlsx (fik '{tekst}')")
    return tekst


def _dato(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--pr skal være en dato på formen ÅÅÅÅ-MM-DD (fik '{tekst}')"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = _DanskParser(
        prog="python -m modeller.demo",
        description="Skriver demokommunens kildedata (fiktive tal) til en mappe.",
        formatter_class=_DanskFormatter,
        add_help=False,
    )
    parser._positionals.title = "argumenter"
    parser._optionals.title = "valg"
    parser.add_argument("-h", "--help", action="help", help="vis denne hjælp og afslut")
    parser.add_argument("ud", metavar="UD", type=Path, help="mappe, der skrives til")
    parser.add_argument("--skala", type=_skala, default=1, help="antal gange institutionerne")
    parser.add_argument("--format", type=_format, default="csv", help="csv eller xlsx")
    parser.add_argument("--pr", type=_dato, default=PR_STANDARD, help="data pr. dato (ÅÅÅÅ-MM-DD)")
    args = parser.parse_args(argv)
    try:
        check_arguments(args.skala, args.format, args.pr)
    except ValueError as exc:
        parser.error(str(exc))
    tabeller = build_tables(args.skala, args.pr)
    write_tables(tabeller, args.ud, args.format)
    raekker = sum(df.height for df in tabeller.values())
    print(
        f"Skrev {len(tabeller)} tabeller ({format_decimal(raekker, locale='da_DK')} rækker) "
        f"til {args.ud}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
