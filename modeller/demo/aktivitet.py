"""Activity of the demo municipality (the optional table `aktivitet`, issue 16).

Monthly levels with budgeted levels for the three years up to `pr.year` (= Y), months
up to `pr` only (complete months, as forbrug), for four areas at plausible Danish unit
costs (net service expense per ydelse and year; fictional, of the size municipalities
publish in their key figures):

| area | units (art) | ydelse | kr. pr. enhed og år |
|---|---|---|---|
| Dagtilbud (P-DAG) | daginstitutioner, dagpleje | Indskrevne børn | ≈ 110.000 pr. barn |
| Skoler (P-SKO) | skoler | Elever | ≈ 80.000 pr. elev |
| Ældre (P-AEL) | plejecentre | Beboere i plejebolig | ≈ 480.000 pr. beboer |
| Ældre (P-AEL) | hjemmeplejen | Modtagere af hjemmepleje | ≈ 95.000 pr. modtager |
| Beskæftigelse (P-BES) | jobcentrets teams | Fuldtidspersoner i aktive tilbud | ≈ 42.000 |

The budgeted level is the unit's oprindeligt service budget divided by its unit price
(the area's price × a unit factor of 0.92–1.08, rising 2.5 % a year), with a seasonal
pattern in dagtilbud (children start through the year, the oldest leave for school in
August). The actual level follows the budget with a little noise, except that in Y the
hjemmepleje grows faster than budgeted: from +1 % in January to about +10 % by September
("Flere visiterede timer i hjemmeplejen end budgetteret"), and dagtilbud runs about 2 %
above. Depends only on the budget table, `skala` and `pr.year` (its own generator);
`pr` cuts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from modeller.demo.oekonomi import komplette_maaneder
from modeller.demo.struktur import SEED, institutioner


@dataclass(frozen=True)
class Ydelse:
    art: tuple[str, ...]
    politikomraade_id: str
    ydelse: str
    maaleenhed: str
    pris_kr: float
    """Net service expense per unit and year in pr.year − 2."""
    vaekst_nu: tuple[float, float] = (0.0, 0.0)
    """Actual over budgeted level in Y: (January, September) share; linear in between."""


YDELSER: tuple[Ydelse, ...] = (
    Ydelse(("dagtilbud", "dagpleje"), "P-DAG", "Indskrevne børn", "barn", 104_000, (0.02, 0.025)),
    Ydelse(("skole",), "P-SKO", "Elever", "elev", 76_000, (-0.005, -0.01)),
    Ydelse(("plejecenter",), "P-AEL", "Beboere i plejebolig", "beboer", 455_000),
    Ydelse(("hjemmepleje",), "P-AEL", "Modtagere af hjemmepleje", "modtager", 90_000, (0.01, 0.10)),
    Ydelse(("job",), "P-BES", "Fuldtidspersoner i aktive tilbud", "fuldtidsperson", 40_000),
)
VOKSENDE = "Modtagere af hjemmepleje"
"""The ydelse that grows faster than budgeted in the current year."""
PRISSTIGNING = 0.025
_SAESON_DAGTILBUD = (0.95, 0.96, 0.97, 0.98, 1.0, 1.01, 1.02, 0.95, 0.97, 0.99, 1.01, 1.02)
"""Children enrolled per month relative to the year's average (before normalising)."""


def aktivitet(budget: pl.DataFrame, skala: int, pr: date) -> pl.DataFrame:
    """The activity table (contract columns) for years pr.year − 2 … pr.year."""
    y = pr.year
    rng = np.random.default_rng((SEED, 8, y))
    ydelse_for = {a: yd for yd in YDELSER for a in yd.art}
    enheder = [(i.enhed_id, ydelse_for[i.art]) for i in institutioner(skala) if i.art in ydelse_for]
    faktor = {e: float(rng.uniform(0.92, 1.08)) for e, _ in enheder}
    oprindeligt = {
        (a, e, p): b
        for a, e, p, b in budget.filter(
            (pl.col("beloebstype") == "oprindeligt_budget") & (pl.col("budgettype") == "service")
        )
        .group_by("aar", "enhed_id", "politikomraade_id")
        .agg(pl.col("beloeb_kr").sum())
        .iter_rows()
    }
    saeson = np.array(_SAESON_DAGTILBUD) / np.mean(_SAESON_DAGTILBUD)
    raekker: list[tuple[int, int, str, str, str, float, float, str]] = []
    for aar in range(y - 2, y + 1):
        maaneder = komplette_maaneder(pr) if aar == y else 12
        for e, yd in enheder:
            b = oprindeligt.get((aar, e, yd.politikomraade_id))
            stoej = rng.normal(0.0, 0.012, 12)
            if b is None or b <= 0:
                continue
            pris = yd.pris_kr * faktor[e] * (1 + PRISSTIGNING) ** (aar - (y - 2))
            niveau = b / pris
            for m in range(1, maaneder + 1):
                s = float(saeson[m - 1]) if yd.politikomraade_id == "P-DAG" else 1.0
                budget_niveau = round(niveau * s)
                vaekst = 0.0
                if aar == y:
                    fra, til = yd.vaekst_nu
                    vaekst = fra + (til - fra) * min(1.0, (m - 1) / 8)
                faktisk = round(niveau * s * (1 + vaekst + float(stoej[m - 1])))
                raekker.append(
                    (
                        aar,
                        m,
                        e,
                        yd.politikomraade_id,
                        yd.ydelse,
                        faktisk,
                        budget_niveau,
                        yd.maaleenhed,
                    )
                )
    return pl.DataFrame(
        raekker,
        schema={
            "aar": pl.Int32(),
            "maaned": pl.Int32(),
            "enhed_id": pl.String(),
            "politikomraade_id": pl.String(),
            "ydelse": pl.String(),
            "maengde": pl.Float64(),
            "budget_maengde": pl.Float64(),
            "maaleenhed": pl.String(),
        },
        orient="row",
    ).sort("aar", "politikomraade_id", "enhed_id", "ydelse", "maaned")
