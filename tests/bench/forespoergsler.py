"""Figure 3: the key queries behind Økonomi and Målkæden, ours (polars) against DuckDB SQL.

Both sides read the same parquet files of the snapshot on every run (the read is inside
the timing) and return a polars frame:

- Økonomi: `budget.opfoelgning` (profile "lineaer", every budget type) for the snapshot's
  year as of its data date, then `budget.rul_op(..., "politikomraade")`.
- Målkæden: `status.maal_status` then `status.rul_op_status`.

The SQL is written from the rules' docstrings and code; `tjek_ens` asserts that both give
the same rows (keys, amounts within 1e-6 relative, statuses, counts) and the same totals.
A second variant ("hukommelse") times the rules alone: polars on frames already in
memory against DuckDB on tables already in memory, as the app runs them (cached frames).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from modeller import budget, status
from modeller.schemas import BELOEBSTYPER, BUDGETTYPER, MAALSTATUSSER
from modeller.snapshot import MANIFEST, Manifest
from tests.bench.maaling import tag_tid

OEKONOMI_TABELLER = ("budget", "forbrug", "prognoser", "organisation", "politikomraader")
MAAL_TABELLER = ("maal", "indikatorer", "maalinger", "vurderinger")

ALVOR = {"ikke_vurderet": 0, "opfyldt": 1, "paa_sporet": 2, "i_risiko": 3, "ikke_paa_sporet": 4}


def _sev(col: str) -> str:
    whens = " ".join(f"WHEN {col} = '{s}' THEN {v}" for s, v in ALVOR.items())
    return f"(CASE {whens} ELSE 0 END)"


def _fra_sev(expr: str) -> str:
    whens = " ".join(f"WHEN {expr} = {v} THEN '{s}'" for s, v in ALVOR.items())
    return f"(CASE {whens} END)"


def aar_og_pr(snapshot: Path) -> tuple[int, date]:
    """The year and reference date the app uses by default (tilstand.Kontekst.pr)."""
    m = Manifest.from_json((snapshot / MANIFEST).read_text(encoding="utf-8"))
    assert m.data_as_of is not None
    return m.data_as_of.year, m.data_as_of


# --------------------------------------------------------------------------- Økonomi


def oekonomi_polars(t: dict[str, pl.DataFrame], aar: int, pr: date) -> pl.DataFrame:
    linjer = budget.opfoelgning(t["budget"], t["forbrug"], t["prognoser"], aar, pr, "lineaer")
    return budget.rul_op(linjer, t["organisation"], t["politikomraader"], "politikomraade")


def oekonomi_sql(aar: int, pr: date) -> str:
    komponenter = ",\n        ".join(
        f"coalesce(sum(beloeb_kr) FILTER (WHERE beloebstype = '{b}'), 0)::DOUBLE AS {b}_kr"
        for b in BELOEBSTYPER
    )
    korr_sum = " + ".join(f"{b}_kr" for b in BELOEBSTYPER)
    nuller = ", ".join(f"0.0 AS {b}_kr" for b in BELOEBSTYPER)
    rang = " ".join(f"WHEN '{b}' THEN {i}" for i, b in enumerate(BUDGETTYPER))
    graense = pr.month if pr.year == aar else 12
    til = "0" if pr.year < aar else "coalesce(max(maaned), 0)"
    kolonner = ", ".join(f"sum({b}_kr) AS {b}_kr" for b in BELOEBSTYPER)
    return f"""
WITH til AS (
    SELECT {til}::INTEGER AS til_maaned FROM forbrug WHERE aar = {aar} AND maaned <= {graense}
),
korr AS (
    SELECT enhed_id, politikomraade_id, budgettype,
        {komponenter}
    FROM budget WHERE aar = {aar}
    GROUP BY ALL
),
korr2 AS (SELECT *, {korr_sum} AS korrigeret_budget_kr FROM korr),
fb AS (
    SELECT enhed_id, politikomraade_id, budgettype, sum(beloeb_kr)::DOUBLE AS forbrug_kr
    FROM forbrug, til WHERE aar = {aar} AND maaned <= til_maaned
    GROUP BY ALL
),
linjer0 AS (
    SELECT * FROM korr2 FULL JOIN fb USING (enhed_id, politikomraade_id, budgettype)
),
prog AS (
    SELECT enhed_id, politikomraade_id, opfoelgningsdato AS prognose_dato,
        forventet_forbrug_kr::DOUBLE AS prognose_kr
    FROM prognoser
    WHERE year(opfoelgningsdato) = {aar} AND opfoelgningsdato <= DATE '{pr.isoformat()}'
    QUALIFY opfoelgningsdato = max(opfoelgningsdato)
        OVER (PARTITION BY enhed_id, politikomraade_id)
),
nye AS (
    SELECT DISTINCT enhed_id, politikomraade_id, 'service' AS budgettype, {nuller},
        0.0 AS korrigeret_budget_kr, 0.0 AS forbrug_kr
    FROM prog ANTI JOIN (SELECT DISTINCT enhed_id, politikomraade_id FROM linjer0)
        USING (enhed_id, politikomraade_id)
),
linjer1 AS (
    SELECT enhed_id, politikomraade_id, budgettype,
        {", ".join(f"coalesce({b}_kr, 0.0) AS {b}_kr" for b in BELOEBSTYPER)},
        coalesce(korrigeret_budget_kr, 0.0) AS korrigeret_budget_kr,
        coalesce(forbrug_kr, 0.0) AS forbrug_kr
    FROM linjer0
    UNION ALL BY NAME SELECT * FROM nye
),
linjer2 AS (
    SELECT l.*, p.prognose_dato, p.prognose_kr,
        sum(korrigeret_budget_kr) OVER par - korrigeret_budget_kr AS andre_korrigeret,
        budgettype = first_value(budgettype) OVER (
            PARTITION BY l.enhed_id, l.politikomraade_id
            ORDER BY (CASE budgettype {rang} ELSE {len(BUDGETTYPER)} END), budgettype
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) AS er_primaer
    FROM linjer1 l LEFT JOIN prog p USING (enhed_id, politikomraade_id)
    WINDOW par AS (PARTITION BY l.enhed_id, l.politikomraade_id)
),
linjer AS (
    SELECT l.*,
        CASE WHEN prognose_dato IS NULL THEN korrigeret_budget_kr
             WHEN er_primaer THEN prognose_kr - andre_korrigeret
             ELSE korrigeret_budget_kr END AS forventet_forbrug_kr,
        prognose_dato IS NULL AS prognose_mangler,
        CASE WHEN til_maaned BETWEEN 1 AND 12 THEN til_maaned * 100.0 / 12.0 ELSE 0.0 END
            AS forventet_andel_pct
    FROM linjer2 l, til
),
linjer_ud AS (
    SELECT *,
        korrigeret_budget_kr * forventet_andel_pct / 100.0 AS periodiseret_budget_kr,
        CASE WHEN forventet_andel_pct > 0 THEN forbrug_kr / forventet_andel_pct * 100.0 END
            AS run_rate_kr,
        forventet_forbrug_kr - korrigeret_budget_kr AS forventet_afvigelse_kr,
        korrigeret_budget_kr - forventet_forbrug_kr AS forventet_overfoersel_ud_kr
    FROM linjer
),
po AS (
    SELECT l.politikomraade_id, first(p.navn) AS navn, first(p.udvalg) AS udvalg,
        {kolonner},
        sum(korrigeret_budget_kr) AS korrigeret_budget_kr,
        sum(forbrug_kr) AS forbrug_kr,
        sum(periodiseret_budget_kr) AS periodiseret_budget_kr,
        sum(forventet_forbrug_kr) AS forventet_forbrug_kr,
        sum(forventet_afvigelse_kr) AS forventet_afvigelse_kr,
        sum(forventet_overfoersel_ud_kr) AS forventet_overfoersel_ud_kr,
        CASE WHEN bool_or(run_rate_kr IS NULL) THEN NULL ELSE sum(run_rate_kr) END
            AS run_rate_kr,
        count(*)::UINTEGER AS antal_linjer,
        sum(prognose_mangler::INTEGER)::UINTEGER AS antal_prognose_mangler,
        bool_or(prognose_mangler) AS prognose_mangler,
        max(prognose_dato) AS prognose_dato
    FROM linjer_ud l LEFT JOIN politikomraader p USING (politikomraade_id)
    GROUP BY l.politikomraade_id
)
SELECT *,
    CASE WHEN korrigeret_budget_kr != 0 THEN forbrug_kr / korrigeret_budget_kr * 100.0 END
        AS forbrugsprocent_pct,
    CASE WHEN korrigeret_budget_kr != 0
        THEN periodiseret_budget_kr / korrigeret_budget_kr * 100.0 END AS forventet_andel_pct
FROM po ORDER BY politikomraade_id NULLS LAST
"""


# --------------------------------------------------------------------------- Målkæden


def maal_polars(t: dict[str, pl.DataFrame], pr: date) -> pl.DataFrame:
    egen = status.maal_status(t["maal"], t["indikatorer"], t["maalinger"], t["vurderinger"], pr)
    return status.rul_op_status(t["maal"], egen)


def maal_sql(pr: date) -> str:
    d = f"DATE '{pr.isoformat()}'"
    antal = ",\n        ".join(
        f"count(*) FILTER (WHERE status = '{s}')::UINTEGER AS antal_{s}" for s in MAALSTATUSSER
    )
    return f"""
WITH RECURSIVE
serier AS (
    SELECT indikator_id, enhed_id,
        max(vaerdi) FILTER (WHERE rn_ned = 1) AS seneste_vaerdi,
        max(periode) FILTER (WHERE rn_ned = 1) AS seneste_periode,
        max(vaerdi) FILTER (WHERE rn_ned = 2) AS forrige_vaerdi,
        max(vaerdi) FILTER (WHERE rn_op = 1) AS foerste_vaerdi,
        count(*) AS antal_maalinger
    FROM (
        SELECT *,
            row_number() OVER (PARTITION BY indikator_id, enhed_id ORDER BY periode DESC)
                AS rn_ned,
            row_number() OVER (PARTITION BY indikator_id, enhed_id ORDER BY periode) AS rn_op
        FROM maalinger WHERE periode <= {d} AND vaerdi IS NOT NULL
    )
    GROUP BY ALL
),
periode AS (
    SELECT maal_id,
        coalesce(tidsfrist, make_date(aar_til, 12, 31), make_date(aar_fra, 12, 31)) AS slut,
        coalesce(make_date(aar_fra, 1, 1), make_date(year(slut), 1, 1)) AS start
    FROM maal
),
ind0 AS (
    SELECT i.indikator_id, i.maal_id, i.retning, i.maalvaerdi AS t,
        coalesce(i.baseline, s.foerste_vaerdi) AS u,
        s.enhed_id, s.seneste_vaerdi AS v, s.seneste_periode, s.forrige_vaerdi AS p,
        p.start, p.slut,
        date_diff('day', p.start, p.slut) AS dage_i_alt,
        date_diff('day', p.start, s.seneste_periode) AS dage_gaaet
    FROM indikatorer i
    LEFT JOIN serier s USING (indikator_id)
    LEFT JOIN periode p USING (maal_id)
),
ind1 AS (
    SELECT *,
        CASE WHEN (CASE WHEN retning = 'op' THEN t - u ELSE u - t END) > 0
            THEN (v - u) / (t - u) * 100.0 END AS f,
        coalesce(CASE WHEN start IS NOT NULL AND slut IS NOT NULL THEN (
            CASE WHEN x IS NULL THEN NULL ELSE least(greatest(x, 0.0), 100.0) END) END, 0.0)
            AS forv
    FROM (
        SELECT *, CASE WHEN dage_i_alt > 0 THEN dage_gaaet / dage_i_alt * 100.0
                       WHEN seneste_periode >= slut THEN 100.0 ELSE 0.0 END AS x
        FROM ind0
    )
),
ind AS (
    SELECT indikator_id, maal_id, enhed_id, seneste_periode,
        CASE WHEN v IS NULL OR t IS NULL THEN 'ikke_vurderet'
             WHEN (CASE WHEN retning = 'op' THEN v >= t ELSE v <= t END) THEN 'opfyldt'
             WHEN f IS NULL OR f < 0 OR (
                 p IS NOT NULL AND (CASE WHEN retning = 'op' THEN v < p ELSE v > p END)
                 AND f < forv) THEN 'ikke_paa_sporet'
             WHEN f >= forv THEN 'paa_sporet'
             ELSE 'i_risiko' END AS status
    FROM ind1 WHERE maal_id IS NOT NULL
),
beregnet AS (
    SELECT maal_id, {_fra_sev("max(" + _sev("status") + ")")} AS beregnet_status,
        max(seneste_periode) AS seneste_maaling
    FROM (
        SELECT ind.*, coalesce(ind.enhed_id = m.enhed_id, false) AS egen
        FROM ind JOIN maal m USING (maal_id)
        QUALIFY egen OR NOT bool_or(egen) OVER (PARTITION BY maal_id, indikator_id)
    )
    GROUP BY maal_id
),
vurd AS (
    SELECT maal_id, status AS vurdering_status, dato AS vurdering_dato
    FROM vurderinger WHERE dato <= {d}
    QUALIFY row_number() OVER (PARTITION BY maal_id ORDER BY dato DESC) = 1
),
egen AS (
    SELECT maal_id,
        CASE WHEN vinder THEN vurdering_status
             WHEN beregnet_status != 'ikke_vurderet' THEN beregnet_status
             ELSE 'ikke_vurderet' END AS status
    FROM (
        SELECT m.maal_id, coalesce(b.beregnet_status, 'ikke_vurderet') AS beregnet_status,
            b.seneste_maaling, v.vurdering_status, v.vurdering_dato,
            v.vurdering_dato IS NOT NULL AND (
                b.seneste_maaling IS NULL OR v.vurdering_dato >= b.seneste_maaling
                OR coalesce(b.beregnet_status, 'ikke_vurderet') = 'ikke_vurderet') AS vinder
        FROM maal m LEFT JOIN beregnet b USING (maal_id) LEFT JOIN vurd v USING (maal_id)
    )
),
kanter AS (
    SELECT DISTINCT maal_id, overordnet_maal_id AS forfader_id FROM maal
    WHERE overordnet_maal_id IS NOT NULL AND maal_id != overordnet_maal_id
      AND overordnet_maal_id IN (SELECT maal_id FROM maal)
),
forfaedre(maal_id, forfader_id) AS (
    SELECT maal_id, forfader_id FROM kanter
    UNION
    SELECT a.maal_id, k.forfader_id FROM forfaedre a JOIN kanter k ON k.maal_id = a.forfader_id
    WHERE a.maal_id != k.forfader_id
),
par AS (
    SELECT f.forfader_id, e.status
    FROM (SELECT * FROM forfaedre UNION ALL SELECT maal_id, maal_id FROM maal) f
    JOIN egen e USING (maal_id)
),
samlet AS (
    SELECT forfader_id AS maal_id, {_fra_sev("max(" + _sev("status") + ")")} AS samlet_status,
        {antal},
        count(*)::UINTEGER AS antal_i_alt
    FROM par GROUP BY forfader_id
)
SELECT e.maal_id, e.status, s.* EXCLUDE (maal_id)
FROM egen e LEFT JOIN samlet s USING (maal_id)
ORDER BY e.maal_id
"""


# --------------------------------------------------------------------------- checks


def tjek_ens(vores: pl.DataFrame, duck: pl.DataFrame, noegle: str) -> None:
    """Assert equal rows (same keys, columns of ours, amounts within 1e-6 relative)."""
    duck = duck.select(vores.columns).sort(noegle, nulls_last=True)
    vores = vores.sort(noegle, nulls_last=True)
    assert vores.height == duck.height, (vores.height, duck.height)
    for kol in vores.columns:
        a, b = vores.get_column(kol), duck.get_column(kol)
        if a.dtype.is_float() or b.dtype.is_float():
            a, b = a.cast(pl.Float64), b.cast(pl.Float64)
            assert (a.is_null() == b.is_null()).all(), f"{kol}: forskellige tomme celler"
            forskel = ((a - b).abs() / (a.abs().clip(lower_bound=1.0))).max()
            assert forskel is None or float(forskel) < 1e-6, f"{kol}: afviger {forskel}"  # type: ignore[arg-type]
            assert abs((a.sum() or 0.0) - (b.sum() or 0.0)) <= 1e-6 * max(
                1.0, abs(a.sum() or 0.0)
            ), f"{kol}: totaler afviger"
        else:
            assert a.cast(pl.String).equals(b.cast(pl.String)), f"{kol}: værdier afviger"


def _duck(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    ud = pl.from_arrow(con.sql(sql).to_arrow_table())
    assert isinstance(ud, pl.DataFrame)
    return ud


def _laes(snapshot: Path, tabeller: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    return {n: pl.read_parquet(snapshot / f"{n}.parquet") for n in tabeller}


def maal_forespoergsler(snapshot: Path, gentagelser: int) -> dict[str, Any]:
    """Time both queries both ways, from parquet files and from memory; check equality."""
    aar, pr = aar_og_pr(snapshot)
    alle = (*OEKONOMI_TABELLER, *MAAL_TABELLER)
    fil = duckdb.connect()
    mem = duckdb.connect()
    for n in alle:
        sti = str(snapshot / f"{n}.parquet").replace("'", "''")
        fil.execute(f"CREATE VIEW {n} AS SELECT * FROM read_parquet('{sti}')")
        mem.execute(f"CREATE TABLE {n} AS SELECT * FROM read_parquet('{sti}')")
    i_hukommelse = _laes(snapshot, alle)
    sql_oek, sql_maal = oekonomi_sql(aar, pr), maal_sql(pr)

    tjek_ens(oekonomi_polars(i_hukommelse, aar, pr), _duck(fil, sql_oek), "politikomraade_id")
    tjek_ens(maal_polars(i_hukommelse, pr), _duck(fil, sql_maal), "maal_id")

    def koer(fn: Any) -> dict[str, Any]:
        return tag_tid(fn, gentagelser, opvarm=1).som_dict()

    ud: dict[str, Any] = {"aar": aar, "pr": pr.isoformat()}
    ud["oekonomi"] = {
        "polars_parquet": koer(
            lambda: oekonomi_polars(_laes(snapshot, OEKONOMI_TABELLER), aar, pr)
        ),
        "duckdb_parquet": koer(lambda: _duck(fil, sql_oek)),
        "polars_hukommelse": koer(lambda: oekonomi_polars(i_hukommelse, aar, pr)),
        "duckdb_hukommelse": koer(lambda: _duck(mem, sql_oek)),
    }
    ud["maalkaeden"] = {
        "polars_parquet": koer(lambda: maal_polars(_laes(snapshot, MAAL_TABELLER), pr)),
        "duckdb_parquet": koer(lambda: _duck(fil, sql_maal)),
        "polars_hukommelse": koer(lambda: maal_polars(i_hukommelse, pr)),
        "duckdb_hukommelse": koer(lambda: _duck(mem, sql_maal)),
    }
    fil.close()
    mem.close()
    return ud
