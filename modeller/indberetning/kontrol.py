"""The server-side check of every submit: role, the unit's ownership, schema, text.

Run by `Lager.indsend` before anything is written, whatever the form already checked.
A report is validated with the loader's own schemas (modeller/schemas.py through
modeller/loader/validering.py), so what the store accepts, the next load accepts too.
References are checked against the snapshot the form was opened on.
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from modeller.errors import AfvistIndberetning
from modeller.indberetning.model import (
    ART_TEKST,
    MAKS_TEKST,
    TABEL,
    TEKSTFELTER,
    Bruger,
    Forslag,
    prognose_kommentar,
)
from modeller.indberetning.roller import ROLLE_FIL, Rolle, Roller
from modeller.organisation import efterkommere_kort
from modeller.schemas import TABELLER
from modeller.snapshot import Snapshot


def kilderaekke(forslag: Forslag, bruger: Bruger) -> dict[str, Any]:
    """The report as a row of its source table (the user is the assessor of a vurdering)."""
    r = dict(forslag.raekke)
    if forslag.art == "vurdering":
        r["vurderet_af"] = bruger.navn
    if forslag.art == "prognose":
        r["kommentar"] = prognose_kommentar(r.pop("forklaring", None), r.pop("handling", None))
    return r


def mine_enheder(snapshot: Snapshot, rolle: Rolle) -> set[str]:
    """Every unit the role may report for: its units and everything below them."""
    if not rolle.enheder:
        return set()
    kort = efterkommere_kort(snapshot["organisation"])
    return set().union(*(kort.get(e, ()) for e in rolle.enheder))


def _findes(df: pl.DataFrame, kolonne: str, vaerdi: object) -> bool:
    return bool(df.filter(pl.col(kolonne) == vaerdi).height)


def _kommune_id(snapshot: Snapshot) -> str:
    org = snapshot["organisation"]
    return str(org.filter(pl.col("type") == "kommune")["enhed_id"][0])


def ejer(forslag: Forslag, snapshot: Snapshot) -> tuple[str | None, list[str]]:
    """The unit owning the item, and the references that do not exist in the snapshot."""
    r = forslag.raekke
    grunde: list[str] = []
    if forslag.art == "vurdering":
        maal = snapshot["maal"].filter(pl.col("maal_id") == r.get("maal_id"))
        if maal.height == 0:
            return None, [f"Målet «{r.get('maal_id')}» findes ikke i datasættet."]
        enhed = maal["enhed_id"][0]
        return (str(enhed) if enhed is not None else _kommune_id(snapshot)), []
    if forslag.art == "maaling" and not _findes(
        snapshot["indikatorer"], "indikator_id", r.get("indikator_id")
    ):
        grunde.append(f"Indikatoren «{r.get('indikator_id')}» findes ikke i datasættet.")
    if forslag.art == "prognose":
        if not _findes(
            snapshot["politikomraader"], "politikomraade_id", r.get("politikomraade_id")
        ):
            grunde.append(f"Politikområdet «{r.get('politikomraade_id')}» findes ikke.")
        projekt = r.get("projekt_id")
        if projekt is not None:
            if not _findes(snapshot["anlaegsprojekter"], "projekt_id", projekt):
                grunde.append(f"Anlægsprojektet «{projekt}» findes ikke.")
            if r.get("budgettype") != "anlaeg":
                grunde.append("En prognose for et anlægsprojekt skal have budgettypen anlaeg.")
    enhed = r.get("enhed_id")
    if not _findes(snapshot["organisation"], "enhed_id", enhed):
        return None, [*grunde, f"Enheden «{enhed}» findes ikke i datasættet."]
    return str(enhed), grunde


def skemafejl(art: str, raekke: dict[str, Any]) -> list[str]:
    """The loader's validation of one row of the report's source table, in Danish."""
    # Imported here: the loader imports this package to fold reports in.
    from modeller.loader.laes import RAEKKE
    from modeller.loader.validering import valider

    tabel = TABELLER[TABEL[art]]
    grunde: list[str] = []
    kolonner: list[pl.Series] = []
    for kol in tabel.kolonner:
        v = raekke.get(kol.navn)
        if isinstance(v, float) and not math.isfinite(v):
            grunde.append(f"Feltet «{kol.navn}» skal være et endeligt tal.")
            v = None
        try:
            kolonner.append(pl.Series(kol.navn, [v], dtype=kol.dtype, strict=True))
        except (TypeError, pl.exceptions.PolarsError):
            grunde.append(f"Feltet «{kol.navn}» har en forkert type ({type(v).__name__}).")
            kolonner.append(pl.Series(kol.navn, [None], dtype=kol.dtype))
    df = pl.DataFrame(kolonner).with_columns(pl.lit(1, dtype=pl.Int64).alias(RAEKKE))
    for f in valider(df, tabel, "indberetning"):
        grunde.append(f"Feltet «{f.kolonne}»: {f.besked}" if f.kolonne else f.besked)
    return grunde


def kontroller(
    forslag: Forslag, bruger: Bruger, roller: Roller | None, snapshot: Snapshot
) -> tuple[str, dict[str, Any]]:
    """Check a submit; return (owning unit, source row). Raises AfvistIndberetning."""
    if roller is None:
        raise AfvistIndberetning(
            [f"Indberetning er ikke slået til: der er ingen rollefil ({ROLLE_FIL}) i datamappen."]
        )
    if forslag.art not in TABEL:
        raise AfvistIndberetning([f"Ukendt slags indberetning: «{forslag.art}»."])
    rolle = roller.for_bruger(bruger)
    if not rolle.kan_indberette:
        raise AfvistIndberetning(
            [f"{bruger.email} har ingen rolle til at indberette; alle andre kan kun læse."]
        )
    if forslag.art == "prognose" and not rolle.controller:
        raise AfvistIndberetning(
            ["Prognoser for budgetlinjer kræver controller-rollen i rollefilen."]
        )
    enhed, grunde = ejer(forslag, snapshot)
    if enhed is not None and enhed not in mine_enheder(snapshot, rolle):
        raise AfvistIndberetning(
            [
                f"Du må ikke indberette en {ART_TEKST[forslag.art]} for enheden «{enhed}»: "
                f"din rolle dækker {', '.join(rolle.enheder)} og enhederne under dem."
            ]
        )
    for felt in TEKSTFELTER[forslag.art]:
        tekst = forslag.raekke.get(felt)
        if tekst is not None and not isinstance(tekst, str):
            grunde.append(f"Feltet «{felt}» skal være tekst.")
        elif tekst is not None and len(tekst) > MAKS_TEKST:
            grunde.append(
                f"Feltet «{felt}» er {len(tekst)} tegn langt; højst 2.000 tegn er tilladt."
            )
    raekke = kilderaekke(forslag, bruger)
    grunde += skemafejl(forslag.art, raekke)
    if grunde or enhed is None:
        raise AfvistIndberetning(grunde)
    return enhed, raekke
