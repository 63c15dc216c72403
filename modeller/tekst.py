"""ASCII folding of Danish letters, the one rule for ids, file and column names."""

from __future__ import annotations

import polars as pl

FOLD: dict[str, str] = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
_TABEL = str.maketrans(FOLD)


def ascii_fold(tekst: str) -> str:
    """Danish letters to their ASCII spelling: "Økonomi på tværs" → "Oekonomi paa tvaers"
    (case kept: Æ → Ae)."""
    return tekst.translate(_TABEL)


def ascii_fold_udtryk(tekst: pl.Expr) -> pl.Expr:
    """`ascii_fold` as a native polars expression on a string column."""
    for a, b in FOLD.items():
        tekst = tekst.str.replace_all(a, b, literal=True)
    return tekst
