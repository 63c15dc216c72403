"""The server log of slow reruns: never silent when a page takes unusually long.

A rerun slower than `GRAENSE_S` (environment variable `STYRINGSOVERBLIK_LANGSOM_S`,
default 2 s) is logged as a warning with its page, its duration and its URL parameters.
Only names and values that look like the app's own parameters, ids, years and flags are
logged (ASCII letters, digits, `-_.`, at most 40 characters); anything else is logged as
"<ugyldig>". No user names, e-mail addresses, IP addresses or free
text from the URL reach the log.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping

log = logging.getLogger("styringsoverblik.koersel")

STANDARD_GRAENSE_S = 2.0
_SIKKER = re.compile(r"[A-Za-z0-9_.\-]{1,40}")


def graense_s() -> float:
    """The slow-rerun threshold in seconds (env `STYRINGSOVERBLIK_LANGSOM_S`)."""
    try:
        return float(os.environ.get("STYRINGSOVERBLIK_LANGSOM_S", STANDARD_GRAENSE_S))
    except ValueError:
        return STANDARD_GRAENSE_S


def parametre_til_log(parametre: Mapping[str, str | list[str]]) -> str:
    """The URL parameters as a log-safe "navn=vaerdi" list (see module docstring)."""
    dele = []
    for navn in sorted(parametre):
        if not _SIKKER.fullmatch(navn):
            dele.append("<ugyldigt navn>")
            continue
        vaerdi = parametre[navn]
        vaerdier = vaerdi if isinstance(vaerdi, list) else [vaerdi]
        sikre = ",".join(v if _SIKKER.fullmatch(v) else "<ugyldig>" for v in vaerdier)
        dele.append(f"{navn}={sikre}")
    return " ".join(dele)


def afslut(
    side: str,
    parametre: Mapping[str, str | list[str]],
    varighed_s: float,
    cpu_s: float | None = None,
) -> None:
    """Log the rerun when it took longer than the threshold (`cpu_s`: the run's own CPU
    time; a long run with little CPU waited for others)."""
    if varighed_s >= graense_s():
        log.warning(
            "Langsom kørsel: side=%s %.2f s%s %s",
            side,
            varighed_s,
            "" if cpu_s is None else f" (CPU {cpu_s:.2f} s)",
            parametre_til_log(parametre),
        )
