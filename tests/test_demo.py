"""Tests of the demo municipality generator (modeller/demo)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from modeller import aftaler, demo
from modeller import budget as B
from modeller.demo.__main__ import main
from modeller.demo.struktur import FORSINKET_PROJEKT, UDVALG_KODE
from modeller.schemas import ENHEDSTYPER, MAALSTATUSSER, TABELLER

PR = demo.PR_STANDARD
AAR = PR.year


@pytest.fixture(scope="module")
def t() -> dict[str, pl.DataFrame]:
    return demo.build_tables(1, PR)


@pytest.fixture(scope="module")
def t_maj() -> dict[str, pl.DataFrame]:
    return demo.build_tables(1, date(AAR, 5, 31))


# --- contract -----------------------------------------------------------------------------


def test_every_table_has_contract_columns_and_dtypes(t: dict[str, pl.DataFrame]) -> None:
    assert list(t) == list(TABELLER)
    for navn, tabel in TABELLER.items():
        assert list(t[navn].schema.items()) == list(tabel.polars_schema.items()), navn
        assert t[navn].height > 0, navn


def test_nulls_allowed_values_and_bounds(t: dict[str, pl.DataFrame]) -> None:
    for navn, tabel in TABELLER.items():
        df = t[navn]
        for k in tabel.kolonner:
            s = df.get_column(k.navn)
            if not k.nullable:
                assert s.null_count() == 0, (navn, k.navn)
            if k.tilladte is not None:
                assert set(s.drop_nulls().unique().to_list()) <= set(k.tilladte), (navn, k.navn)
            if k.minimum is not None:
                assert s.drop_nulls().min() >= k.minimum, (navn, k.navn)  # type: ignore[operator]
            if k.maksimum is not None:
                assert s.drop_nulls().max() <= k.maksimum, (navn, k.navn)  # type: ignore[operator]


def test_unique_keys(t: dict[str, pl.DataFrame]) -> None:
    for navn, tabel in TABELLER.items():
        if tabel.noegle:
            assert not t[navn].select(tabel.noegle).is_duplicated().any(), navn


def test_every_reference_resolves(t: dict[str, pl.DataFrame]) -> None:
    for navn, tabel in TABELLER.items():
        for ref in tabel.referencer:
            vaerdier = t[navn].get_column(ref.kolonne).drop_nulls().unique()
            maal = t[ref.tabel].get_column(ref.til_kolonne).implode()
            mangler = vaerdier.filter(~vaerdier.is_in(maal))
            assert mangler.len() == 0, (navn, ref.kolonne, mangler.to_list()[:5])


def test_one_kommune_and_child_type_below_parent(t: dict[str, pl.DataFrame]) -> None:
    org = t["organisation"]
    kommune = org.filter(pl.col("type") == "kommune")
    assert kommune.height == 1
    assert kommune.item(0, "navn") == "Demo Kommune (fiktive tal)"
    assert org.filter(pl.col("overordnet_id").is_null()).height == 1
    rang = {v: i for i, v in enumerate(ENHEDSTYPER)}
    par = org.join(
        org.select(pl.col("enhed_id").alias("overordnet_id"), pl.col("type").alias("ptype")),
        on="overordnet_id",
    )
    assert par.height == org.height - 1
    for barn, far in par.select("type", "ptype").iter_rows():
        assert rang[barn] > rang[far]


def _no_cycles(df: pl.DataFrame, id_col: str, parent_col: str) -> None:
    """Walk every node up to its root; a cycle would never reach a null parent."""
    kant = df.select(pl.col(id_col).alias("_p"), pl.col(parent_col).alias("_pp"))
    cur = df.select(pl.col(id_col).alias("node"), pl.col(parent_col).alias("_p"))
    for _ in range(df.height + 1):
        cur = cur.filter(pl.col("_p").is_not_null())
        if cur.is_empty():
            return
        cur = cur.join(kant, on="_p", how="left").select("node", pl.col("_pp").alias("_p"))
    pytest.fail(f"cycle in {id_col}")


def test_no_cycles(t: dict[str, pl.DataFrame]) -> None:
    _no_cycles(t["organisation"], "enhed_id", "overordnet_id")
    _no_cycles(t["maal"], "maal_id", "overordnet_maal_id")


def test_no_cycles_check_can_fail() -> None:
    df = pl.DataFrame({"id": ["a", "b"], "p": ["b", "a"]})
    with pytest.raises(pytest.fail.Exception):
        _no_cycles(df, "id", "p")


def test_goal_levels_descend_and_count(t: dict[str, pl.DataFrame]) -> None:
    from modeller.schemas import MAALNIVEAUER

    maal = t["maal"]
    assert 300 <= maal.height <= 400
    rang = {v: i for i, v in enumerate(MAALNIVEAUER)}
    par = maal.join(
        maal.select(
            pl.col("maal_id").alias("overordnet_maal_id"), pl.col("niveau").alias("pniveau")
        ),
        on="overordnet_maal_id",
    )
    for barn, far in par.select("niveau", "pniveau").iter_rows():
        assert rang[barn] > rang[far]
    assert set(maal.get_column("niveau").to_list()) == set(MAALNIVEAUER)


def test_institutions_and_centres(t: dict[str, pl.DataFrame]) -> None:
    org = t["organisation"]
    assert 90 <= org.filter(pl.col("type") == "institution").height <= 110
    centre = org.filter(pl.col("type") == "center").get_column("navn").to_list()
    for navn in (
        "Børn og Unge",
        "Familierådgivningen",
        "Jobcenter",
        "Økonomi og Personale",
        "Byrådscenter",
        "Ejendomscenter",
        "Borgerservice",
    ):
        assert any(navn in c for c in centre), navn
    assert org.get_column("leder").null_count() == 1  # only the kommune row
    assert t["politikomraader"].height == 15


# --- the seed cascade ---------------------------------------------------------------------


def test_seed_cascade_from_sundhedspolitik_to_pedersborg(t: dict[str, pl.DataFrame]) -> None:
    maal = {r["maal_id"]: r for r in t["maal"].iter_rows(named=True)}
    kaede = [demo.SEED_PEDERSBORG_MAAL_ID]
    while maal[kaede[-1]]["overordnet_maal_id"] is not None:
        kaede.append(maal[kaede[-1]]["overordnet_maal_id"])
    assert [maal[m]["niveau"] for m in kaede] == [
        "institution",
        "center",
        "direktion",
        "politikomraade",
        "politik",
        "vision",
    ]
    assert kaede[4] == demo.SEED_SUNDHEDSPOLITIK_MAAL_ID
    assert maal[kaede[4]]["titel"] == "Sundhedspolitik 2008–2012"

    po = maal[kaede[3]]
    assert po["politikomraade_id"] == "P-SUN"
    assert po["titel"].startswith(
        "Alle områder og institutioner arbejder aktivt med holdninger og tilbud der fremmer "
        "sundheden"
    )
    assert (
        "Demo Kommune skaber attraktive rammer, som giver dig (borgeren) lyst til at leve et "
        "sundt og aktivt liv." in po["beskrivelse"]
    )
    assert "Motivation" in po["beskrivelse"] and "Sorø" not in po["beskrivelse"]
    assert po["succeskriterie"] == (
        "Decentrale enheder har mindst én aktivitet rettet mod hver af følgende målgrupper: "
        "1. Medarbejdere 2. Borgere/brugere"
    )
    ind = t["indikatorer"]
    assert (
        ind.filter(
            (pl.col("maal_id") == po["maal_id"])
            & (
                pl.col("navn")
                == "Sundhed indgår som aspekt i alle aftaler, dels medarbejderrettet "
                "dels borger/brugerrettet"
            )
        ).height
        == 1
    )
    assert maal[kaede[2]]["enhed_id"] == demo.DIREKTION_ID
    assert maal[kaede[1]]["enhed_id"] == "C-BU"

    ped = maal[demo.SEED_PEDERSBORG_MAAL_ID]
    assert ped["enhed_id"] == demo.PEDERSBORG_ENHED_ID
    assert ped["titel"] == (
        "At udarbejde en Sundhedspolitik, der tager højde for sukkerforbrug, sund kost, motion, "
        "hygiejne, sociale aspekt i personalegruppen og personalet går forrest"
    )
    kriterier = ped["succeskriterie"].split("\n")
    assert len(kriterier) == 3
    assert kriterier[2] == "At 90 % af forældrene støtter op om vores sundhedspolitik"
    aftale = t["aftaler"].filter(pl.col("aftale_id") == ped["aftale_id"])
    assert aftale.item(0, "enhed_id") == demo.PEDERSBORG_ENHED_ID

    org = t["organisation"].filter(pl.col("enhed_id") == demo.PEDERSBORG_ENHED_ID)
    assert org.item(0, "navn") == "Pedersborg Børnehus"
    assert org.item(0, "overordnet_id") == "C-BU"

    pind = ind.filter(pl.col("maal_id") == demo.SEED_PEDERSBORG_MAAL_ID).row(0, named=True)
    assert pind["navn"] == "Andel forældre der støtter op om sundhedspolitikken"
    assert (pind["maaleenhed"], pind["retning"], pind["maalvaerdi"]) == ("%", "op", 90.0)
    assert 55 <= pind["baseline"] <= 65
    assert t["maalinger"].filter(pl.col("indikator_id") == pind["indikator_id"]).height > 0


def test_seed_digital_goal(t: dict[str, pl.DataFrame]) -> None:
    g = t["maal"].filter(pl.col("maal_id") == demo.SEED_DIGITAL_PO_MAAL_ID).row(0, named=True)
    assert g["politikomraade_id"] == "P-ADM"
    assert "realisere de muligheder, som ligger i digital forvaltning" in g["beskrivelse"]
    assert "øget brugeranvendelse" in g["titel"]
    assert "partnerskabsaftalen med KMD" in g["succeskriterie"]


# --- goals, indicators, assessments -------------------------------------------------------


def test_every_assessment_status_occurs(t: dict[str, pl.DataFrame]) -> None:
    assert set(t["vurderinger"].get_column("status").to_list()) == set(MAALSTATUSSER)
    assert t["vurderinger"].get_column("kommentar").null_count() == 0


def test_some_goals_have_neither_assessment_nor_measurement(t: dict[str, pl.DataFrame]) -> None:
    maalt = t["maalinger"].join(t["indikatorer"], on="indikator_id").get_column("maal_id")
    vurderet = t["vurderinger"].get_column("maal_id")
    inst = t["maal"].filter(pl.col("niveau") == "institution")
    uden = inst.filter(
        ~pl.col("maal_id").is_in(maalt.implode()), ~pl.col("maal_id").is_in(vurderet.implode())
    )
    assert uden.height >= 3


def test_indicator_series_show_all_outcomes(t: dict[str, pl.DataFrame]) -> None:
    seneste = (
        (
            t["maalinger"]
            .sort("periode")
            .group_by("indikator_id", "enhed_id")
            .agg(pl.col("vaerdi").last(), pl.len().alias("n"))
        )
        .join(t["indikatorer"], on="indikator_id")
        .filter(pl.col("maalvaerdi").is_not_null())
    )
    op = pl.col("retning") == "op"
    v, b, m = pl.col("vaerdi"), pl.col("baseline"), pl.col("maalvaerdi")
    naaet = seneste.filter(pl.when(op).then(v >= m).otherwise(v <= m))
    vaek = seneste.filter(pl.when(op).then(v < b).otherwise(v > b))
    assert naaet.height >= 5
    assert vaek.height >= 5
    assert t["indikatorer"].get_column("maalvaerdi").null_count() >= 1
    assert set(t["indikatorer"].get_column("frekvens").to_list()) == {"maaned", "kvartal", "aar"}


def test_some_series_have_gaps(t: dict[str, pl.DataFrame]) -> None:
    maaned = t["maalinger"].join(
        t["indikatorer"].filter(pl.col("frekvens") == "maaned"), on="indikator_id"
    )
    spaend = maaned.group_by("indikator_id", "enhed_id").agg(
        pl.len().alias("n"),
        ((pl.col("periode").max() - pl.col("periode").min()).dt.total_days() / 30.4)
        .round(0)
        .alias("maaneder"),
    )
    assert spaend.filter(pl.col("n") < pl.col("maaneder") + 1).height >= 1


# --- economy ------------------------------------------------------------------------------


def test_budget_size_income_and_types(t: dict[str, pl.DataFrame]) -> None:
    b = t["budget"]
    nu = b.filter(pl.col("aar") == AAR, pl.col("beloebstype") == "oprindeligt_budget")
    assert 1.7e9 < nu.get_column("beloeb_kr").sum() < 2.3e9
    assert nu.filter(pl.col("beloeb_kr") < 0).height >= 3
    assert set(b.get_column("beloebstype").unique().to_list()) == {
        "oprindeligt_budget",
        "tillaegsbevilling",
        "omplacering",
        "overfoersel",
    }
    assert set(b.get_column("budgettype").unique().to_list()) == {
        "service",
        "indkomstoverfoersler",
        "anlaeg",
    }
    assert sorted(b.get_column("aar").unique().to_list()) == list(range(AAR - 5, AAR + 1))
    forsoergelse = b.filter(pl.col("politikomraade_id") == "P-FOR")
    assert set(forsoergelse.get_column("budgettype").to_list()) == {"indkomstoverfoersler"}


def test_omplaceringer_are_neutral_per_udvalg(t: dict[str, pl.DataFrame]) -> None:
    om = (
        t["budget"]
        .filter(pl.col("beloebstype") == "omplacering")
        .join(t["politikomraader"], on="politikomraade_id")
        .group_by("aar", "udvalg")
        .agg(pl.col("beloeb_kr").sum())
    )
    assert om.height >= 6
    assert om.get_column("beloeb_kr").abs().max() < 1.0  # type: ignore[operator]


_LINJE = ["enhed_id", "politikomraade_id", "budgettype", "projekt_id"]


def test_overfoersel_is_last_years_result(t: dict[str, pl.DataFrame]) -> None:
    korr = t["budget"].group_by("aar", *_LINJE).agg(pl.col("beloeb_kr").sum().alias("k"))
    forb = t["forbrug"].group_by("aar", *_LINJE).agg(pl.col("beloeb_kr").sum().alias("f"))
    rest = korr.join(forb, on=["aar", *_LINJE], nulls_equal=True).with_columns(
        aar=pl.col("aar") + 1, rest=pl.col("k") - pl.col("f")
    )
    ovf = t["budget"].filter(pl.col("beloebstype") == "overfoersel")
    assert ovf.height > 100
    j = ovf.join(rest, on=["aar", *_LINJE], nulls_equal=True)
    assert j.height == ovf.height
    assert (j.get_column("beloeb_kr") - j.get_column("rest")).abs().max() < 1.0  # type: ignore[operator]


def test_past_years_end_near_budget(t: dict[str, pl.DataFrame]) -> None:
    korr = t["budget"].group_by("aar", *_LINJE).agg(pl.col("beloeb_kr").sum().alias("k"))
    forb = t["forbrug"].group_by("aar", *_LINJE).agg(pl.col("beloeb_kr").sum().alias("f"))
    j = korr.join(forb, on=["aar", *_LINJE], nulls_equal=True).filter(pl.col("aar") < AAR)
    afv = ((pl.col("f") - pl.col("k")) / pl.col("k").abs()).abs()
    assert j.select(afv.max()).item() <= 0.055


def test_forbrug_is_seasonal(t: dict[str, pl.DataFrame]) -> None:
    pr_maaned = (
        (
            t["forbrug"]
            .filter(pl.col("aar") == AAR - 1, pl.col("budgettype") == "service")
            .group_by("maaned")
            .agg(pl.col("beloeb_kr").sum())
            .sort("maaned")
        )
        .get_column("beloeb_kr")
        .to_list()
    )
    assert pr_maaned[6] == min(pr_maaned)  # July lowest
    assert pr_maaned[11] == max(pr_maaned)  # December highest


def _afvigelser(t: dict[str, pl.DataFrame], niveau: pl.Expr) -> pl.DataFrame:
    """Latest current-year forecast deviation per group (positive = merforbrug)."""
    org = t["organisation"].select(
        "enhed_id",
        center=pl.when(pl.col("type") == "center")
        .then(pl.col("enhed_id"))
        .otherwise(pl.col("overordnet_id")),
    )
    seneste = t["prognoser"].filter(pl.col("opfoelgningsdato") == date(AAR, 9, 30))
    korr = (
        t["budget"]
        .filter(pl.col("aar") == AAR)
        .group_by(_LINJE)
        .agg(pl.col("beloeb_kr").sum().alias("korr"))
    )
    # Forecasts are per line (budget type and project), so they join line by line.
    j = seneste.join(korr, on=_LINJE, nulls_equal=True).join(org, on="enhed_id")
    return (
        j.group_by(niveau.alias("gruppe"))
        .agg(pl.col("forventet_forbrug_kr").sum().alias("prog"), pl.col("korr").sum())
        .with_columns(afv=pl.col("prog") - pl.col("korr"))
    )


@pytest.mark.parametrize(
    "niveau",
    [
        pl.col("politikomraade_id"),
        pl.col("center"),
        pl.concat_str("enhed_id", "politikomraade_id"),
    ],
)
def test_current_year_has_clear_deviations_both_ways(
    t: dict[str, pl.DataFrame], niveau: pl.Expr
) -> None:
    d = _afvigelser(t, niveau)
    stor = (pl.col("afv").abs() > 1e6) | (pl.col("afv").abs() > 0.02 * pl.col("korr").abs())
    assert d.filter(stor, pl.col("afv") > 0).height >= 1
    assert d.filter(stor, pl.col("afv") < 0).height >= 1
    # most lines stay close to their frame
    assert d.filter(~stor).height >= 1


def test_large_deviations_have_comments(t: dict[str, pl.DataFrame]) -> None:
    p = t["prognoser"].filter(pl.col("kommentar").is_not_null())
    assert p.height > 0
    assert "Flere børn i dagtilbud end budgetteret" in p.get_column("kommentar").to_list()


# --- the "data as of" cut -----------------------------------------------------------------


def test_pr_cuts_every_dated_table(t_maj: dict[str, pl.DataFrame]) -> None:
    pr = date(AAR, 5, 31)
    f = t_maj["forbrug"]
    assert f.get_column("aar").max() == AAR
    assert f.filter(pl.col("aar") == AAR).get_column("maaned").max() == 5
    assert t_maj["prognoser"].get_column("opfoelgningsdato").max() == pr
    assert t_maj["vurderinger"].get_column("dato").max() <= pr  # type: ignore[operator]
    assert t_maj["aftaler"].get_column("indgaaet_dato").max() <= pr  # type: ignore[operator]
    slut = (
        t_maj["maalinger"]
        .join(t_maj["indikatorer"], on="indikator_id")
        .select(
            pl.when(pl.col("frekvens") == "maaned")
            .then(pl.col("periode").dt.offset_by("1mo"))
            .when(pl.col("frekvens") == "kvartal")
            .then(pl.col("periode").dt.offset_by("3mo"))
            .otherwise(pl.col("periode").dt.offset_by("1y"))
            .max()
        )
        .item()
    )
    assert slut <= date(AAR, 6, 1)


def test_mid_month_pr_excludes_incomplete_month() -> None:
    f = demo.build_tables(1, date(AAR, 5, 15))["forbrug"]
    assert f.filter(pl.col("aar") == AAR).get_column("maaned").max() == 4


def test_later_snapshot_extends_earlier(
    t: dict[str, pl.DataFrame], t_maj: dict[str, pl.DataFrame]
) -> None:
    for navn in ("organisation", "politikomraader", "maal", "indikatorer"):
        assert t[navn].equals(t_maj[navn]), navn
    for navn in ("forbrug", "prognoser", "maalinger", "vurderinger"):
        tidlig, sen = t_maj[navn], t[navn]
        assert sen.height > tidlig.height, navn
        assert tidlig.join(sen, on=tidlig.columns, how="anti", nulls_equal=True).is_empty(), navn
    skift = (
        t_maj["aftaler"]
        .join(t["aftaler"], on="aftale_id")
        .filter(pl.col("status") != pl.col("status_right"))
    )
    assert skift.height > 0
    nu = t["aftaler"].filter(pl.col("aar_til") == AAR)
    assert {"udkast", "indgaaet"} <= set(nu.get_column("status").to_list())
    foer = t["aftaler"].filter(pl.col("aar_til") == AAR - 2)
    assert set(foer.get_column("status").to_list()) == {"opfulgt"}


def test_agreement_levels_and_gaps(t: dict[str, pl.DataFrame]) -> None:
    a = t["aftaler"].join(t["organisation"], on="enhed_id")
    for y in range(AAR - 2, AAR + 1):
        i_aar = a.filter(pl.col("aar_fra") <= y, pl.col("aar_til") >= y)
        assert set(i_aar.get_column("type").to_list()) == {"direktion", "center", "institution"}
    assert a.filter(pl.col("aar_til") > pl.col("aar_fra")).height > 0
    inst = t["organisation"].filter(pl.col("type") == "institution").get_column("enhed_id")
    med = a.filter(pl.col("aar_til") >= AAR).get_column("enhed_id")
    assert 0 < inst.filter(~inst.is_in(med.implode())).len() < 10


def _statusser_pr_niveau(t: dict[str, pl.DataFrame]) -> dict[int, set[str]]:
    """Effective agreement statuses per level (modeller.aftaler's rules) covering AAR."""
    reg = aftaler.med_parter(t["aftaler"], t["organisation"]).filter(aftaler.gaelder_for_aar(AAR))
    ud: dict[int, set[str]] = {}
    for niveau, status in reg.select("niveau", "status").iter_rows():
        ud.setdefault(niveau, set()).add(status)
    return ud


@pytest.mark.parametrize("snapshot", ["t", "t_maj"])
def test_every_level_has_every_agreement_status(
    snapshot: str, request: pytest.FixtureRequest
) -> None:
    statusser = _statusser_pr_niveau(request.getfixturevalue(snapshot))
    assert sorted(statusser) == [1, 2, 3]
    for niveau in (1, 2, 3):
        assert statusser[niveau] == set(aftaler.AFTALESTATUSSER), niveau


def test_agreement_status_follows_the_pr_cut(
    t: dict[str, pl.DataFrame], t_maj: dict[str, pl.DataFrame]
) -> None:
    def antal(t: dict[str, pl.DataFrame]) -> dict[tuple[int, str], int]:
        reg = aftaler.med_parter(t["aftaler"], t["organisation"]).filter(
            aftaler.gaelder_for_aar(AAR)
        )
        return {(n, s): k for n, s, k in reg.group_by("niveau", "status").len().iter_rows()}

    sep, maj = antal(t), antal(t_maj)
    for niveau in (1, 2, 3):
        assert maj[(niveau, "udkast")] > sep[(niveau, "udkast")], niveau
    assert sum(v for (_, s), v in maj.items() if s == "opfulgt") < sum(
        v for (_, s), v in sep.items() if s == "opfulgt"
    )
    # a status never goes back: opfulgt on 31 May is opfulgt on 30 September
    j = t_maj["aftaler"].join(t["aftaler"], on="aftale_id")
    rang = {s: i for i, s in enumerate(aftaler.AFTALESTATUSSER)}
    for foer, efter in j.select("status", "status_right").iter_rows():
        assert rang[foer] <= rang[efter]


def test_level_one_is_one_agreement_per_udvalg(t: dict[str, pl.DataFrame]) -> None:
    udvalg = t["politikomraader"].get_column("udvalg").unique().to_list()
    dir_aftaler = t["aftaler"].filter(pl.col("enhed_id") == demo.DIREKTION_ID)
    for y in range(AAR - 2, AAR + 1):
        ids = dir_aftaler.filter(pl.col("aar_fra") == y, pl.col("aar_til") == y)["aftale_id"]
        assert sorted(ids.to_list()) == sorted(f"A-{y}-DIR-{UDVALG_KODE[u]}" for u in udvalg)
    dir_maal = (
        t["maal"]
        .filter(pl.col("niveau") == "direktion")
        .join(t["politikomraader"], on="politikomraade_id")
    )
    assert dir_maal.height == t["maal"].filter(pl.col("niveau") == "direktion").height
    for aftale_id, u in dir_maal.select("aftale_id", "udvalg").iter_rows():
        assert aftale_id == f"A-{AAR}-DIR-{UDVALG_KODE[u]}"


def test_pedersborg_keeps_its_current_agreement(t: dict[str, pl.DataFrame]) -> None:
    ped = t["maal"].filter(pl.col("maal_id") == demo.SEED_PEDERSBORG_MAAL_ID)
    assert ped.item(0, "aftale_id") == f"A-{AAR}-{demo.PEDERSBORG_ENHED_ID}"
    a = t["aftaler"].filter(pl.col("aftale_id") == ped.item(0, "aftale_id"))
    assert (a.item(0, "aar_fra"), a.item(0, "aar_til")) == (AAR, AAR)


# --- skala, files, CLI ----------------------------------------------------------------------


def test_skala_2_doubles_institutions_and_rows(t: dict[str, pl.DataFrame]) -> None:
    t2 = demo.build_tables(2, PR)
    org1, org2 = t["organisation"], t2["organisation"]
    n1 = org1.filter(pl.col("type") == "institution").height
    assert org2.filter(pl.col("type") == "institution").height == 2 * n1
    assert org2.filter(pl.col("type") != "institution").equals(
        org1.filter(pl.col("type") != "institution")
    )
    assert t2["politikomraader"].equals(t["politikomraader"])
    for navn in ("forbrug", "budget", "indikatorer"):
        assert 1.6 < t2[navn].height / t[navn].height < 2.1, navn
    # institution goals double; goals above institutions do not grow with skala
    inst = pl.col("niveau") == "institution"
    assert 1.8 < t2["maal"].filter(inst).height / t["maal"].filter(inst).height < 2.2
    assert t2["maal"].filter(~inst).equals(t["maal"].filter(~inst))
    # centre, direktion and politikområde series do not grow with skala
    assert 1.25 < t2["maalinger"].height / t["maalinger"].height < 2.1
    assert t2["aktivitet"].height == 2 * t["aktivitet"].height
    assert org2.filter(pl.col("navn") == "Pedersborg Børnehus").height == 1
    assert t2["maal"].filter(pl.col("maal_id") == demo.SEED_PEDERSBORG_MAAL_ID).height == 1
    test_every_reference_resolves(t2)
    test_unique_keys(t2)


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_csv_is_deterministic_and_follows_contract(tmp_path: Path) -> None:
    a = demo.generate(tmp_path / "a", pr=date(AAR, 5, 31))
    demo.generate(tmp_path / "b", pr=date(AAR, 5, 31))
    assert sorted(p.name for p in a) == sorted(f"{n}.csv" for n in TABELLER)
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")
    tekst = (tmp_path / "a" / "budget.csv").read_text(encoding="utf-8")
    assert tekst.splitlines()[0] == ";".join(TABELLER["budget"].kolonnenavne)
    assert "e+" not in tekst and "E+" not in tekst
    prog = (tmp_path / "a" / "prognoser.csv").read_text(encoding="utf-8")
    assert f"\n{AAR}-05-31;" in prog


def test_different_pr_gives_different_files(tmp_path: Path) -> None:
    demo.generate(tmp_path / "a", pr=date(AAR, 5, 31))
    demo.generate(tmp_path / "b", pr=date(AAR, 9, 30))
    a, b = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert a["organisation.csv"] == b["organisation.csv"]
    assert a["forbrug.csv"] != b["forbrug.csv"]


def test_xlsx_has_one_sheet_per_table(tmp_path: Path, t: dict[str, pl.DataFrame]) -> None:
    (sti,) = demo.generate(tmp_path / "x", fmt="xlsx")
    assert sti.name == "demo.xlsx"
    ark = pl.read_excel(sti, sheet_id=0)
    assert isinstance(ark, dict)
    assert list(ark) == list(TABELLER)
    for navn, df in ark.items():
        assert df.columns == list(TABELLER[navn].kolonnenavne), navn
        assert df.height == t[navn].height, navn
    assert ark["prognoser"].schema["opfoelgningsdato"] in (pl.Date(), pl.Datetime("ms"))
    demo.generate(tmp_path / "y", fmt="xlsx")
    assert sti.read_bytes() == (tmp_path / "y" / "demo.xlsx").read_bytes()


def test_cli_writes_and_prints_one_danish_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "ud"), "--pr", f"{AAR}-05-31"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("Skrev 12 tabeller (") and "rækker) til" in out[0]
    assert (tmp_path / "ud" / "maal.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--skala", "0"],
        ["--skala", "x"],
        ["--format", "pdf"],
        ["--pr", "31-05-2026"],
        ["--pr", "1990-01-01"],
        [],
    ],
)
def test_cli_rejects_bad_arguments_in_danish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    argv = [str(tmp_path / "ud"), *args] if args else []
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    fejl = capsys.readouterr().err
    assert "Fejl:" in fejl
    assert not (tmp_path / "ud").exists()


def test_api_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="skala"):
        demo.build_tables(0, PR)
    with pytest.raises(ValueError, match="format"):
        demo.generate(Path("unused"), fmt="pdf")  # type: ignore[arg-type]


def test_most_lines_stay_close_to_their_frame(t: dict[str, pl.DataFrame]) -> None:
    d = _afvigelser(t, pl.concat_str("enhed_id", "politikomraade_id"))
    taet = d.filter(
        (pl.col("afv").abs() <= 1e6) & (pl.col("afv").abs() <= 0.02 * pl.col("korr").abs())
    )
    assert taet.height > d.height / 2


# --- three kinds of money (issue 15) --------------------------------------------------------


def _opfoelgning(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return B.opfoelgning(t["budget"], t["forbrug"], t["prognoser"], AAR, date(AAR, 9, 30))


def test_indkomstoverfoersler_are_a_fifth_to_a_quarter_of_operations(
    t: dict[str, pl.DataFrame],
) -> None:
    fordeling = B.fordel_pr_budgettype(_opfoelgning(t))
    korr = dict(fordeling.select("budgettype", "korrigeret_budget_kr").iter_rows())
    andel = korr["indkomstoverfoersler"] / (korr["indkomstoverfoersler"] + korr["service"])
    assert 0.20 <= andel <= 0.25, andel
    assert korr["anlaeg"] > 0


def test_anlaeg_is_booked_per_project_and_one_project_is_delayed(
    t: dict[str, pl.DataFrame],
) -> None:
    projekter = t["anlaegsprojekter"]
    assert 4 <= projekter.height <= 8
    for navn in ("budget", "forbrug", "prognoser"):
        anlaeg = t[navn].filter(pl.col("budgettype") == "anlaeg")
        assert anlaeg.height > 0 and anlaeg["projekt_id"].null_count() == 0, navn
        assert t[navn].filter(pl.col("budgettype") != "anlaeg")["projekt_id"].null_count() == (
            t[navn].filter(pl.col("budgettype") != "anlaeg").height
        )
    linjer = _opfoelgning(t)
    pr_projekt = B.anlaeg_pr_projekt(linjer, projekter, t["forbrug"], AAR, date(AAR, 9, 30))
    forsinket = pr_projekt.filter(pl.col("projekt_id") == FORSINKET_PROJEKT).row(0, named=True)
    assert forsinket["tidsforskydning_kr"] > 0.4 * forsinket["raadighedsbeloeb_kr"]
    assert "udskudt" in forsinket["prognose_kommentar"]
    assert forsinket["forbrug_i_alt_kr"] > forsinket["forbrug_kr"]  # started last year
    # Every anlæg line shows its own underspend; the service line beside it keeps its own
    # forecast (C-BU on Skoler: the example).
    for r in linjer.filter(
        pl.col("budgettype") == "anlaeg", pl.col("projekt_id") == FORSINKET_PROJEKT
    ).iter_rows(named=True):
        assert r["forventet_afvigelse_kr"] < 0 and r["tidsforskydning_kr"] > 0
    service = linjer.filter(
        pl.col("enhed_id") == "C-BU",
        pl.col("politikomraade_id") == "P-SKO",
        pl.col("budgettype") == "service",
    ).row(0, named=True)
    prognose = t["prognoser"].filter(
        pl.col("opfoelgningsdato") == date(AAR, 9, 30),
        pl.col("enhed_id") == "C-BU",
        pl.col("politikomraade_id") == "P-SKO",
        pl.col("budgettype") == "service",
    )
    assert service["forventet_forbrug_kr"] == prognose["forventet_forbrug_kr"].item()


def test_ejendomme_are_held_centrally_with_positive_net_expenses(
    t: dict[str, pl.DataFrame],
) -> None:
    ejd = t["budget"].filter(pl.col("aar") == AAR, pl.col("politikomraade_id") == "P-EJD")
    org = t["organisation"]
    ec = org.filter((pl.col("enhed_id") == "C-EC") | (pl.col("overordnet_id") == "C-EC"))
    assert set(ejd["enhed_id"].to_list()) <= set(ec["enhed_id"].to_list())
    drift = ejd.filter(pl.col("budgettype") == "service")
    assert drift["beloeb_kr"].sum() > 0
    assert drift.filter(pl.col("enhed_id") == "C-EC")["beloeb_kr"].sum() > 0


def test_forecasts_per_budget_type_with_comments_and_one_missing(
    t: dict[str, pl.DataFrame],
) -> None:
    p = t["prognoser"]
    assert p["budgettype"].null_count() == 0
    assert set(p["budgettype"].unique().to_list()) == {"service", "indkomstoverfoersler", "anlaeg"}
    kommenteret = p.filter(pl.col("kommentar").is_not_null())
    assert set(kommenteret["budgettype"].unique().to_list()) == {
        "service",
        "indkomstoverfoersler",
        "anlaeg",
    }
    linjer = _opfoelgning(t)
    mangler = linjer.filter(pl.col("prognose_mangler"))
    assert mangler.height >= 1
    assert B.total(linjer)["antal_prognose_mangler"].item() == mangler.height
    # Lines with a big deviation carry an explanation.
    store = B.marker_afvigelser(linjer).filter(pl.col("er_afvigelse"))
    assert store.height > 0 and store["prognose_kommentar"].null_count() == 0


# --- issue 16: the politikområde as the unit of steering ----------------------------------


def test_every_politikomraade_has_each_goal_type_with_an_indicator(
    t: dict[str, pl.DataFrame],
) -> None:
    po = t["maal"].filter(pl.col("niveau") == "politikomraade")
    typer = po.group_by("politikomraade_id").agg(pl.col("maaltype").unique())
    assert typer.height == t["politikomraader"].height
    for p, tt in typer.iter_rows():
        assert set(tt) == {"udviklingsmaal", "serviceniveau", "resultatkrav", "indsatsomraade"}, p
    med_ind = set(t["indikatorer"]["maal_id"].to_list())
    assert set(po["maal_id"].to_list()) <= med_ind
    # only politikområde goals carry the budget's other types
    assert set(t["maal"].filter(pl.col("niveau") != "politikomraade")["maaltype"]) == {
        "udviklingsmaal"
    }


def test_periods_fit_the_years_and_the_old_policy_says_it_was_extended(
    t: dict[str, pl.DataFrame],
) -> None:
    m = t["maal"]
    par = m.join(
        m.select(
            pl.col("maal_id").alias("overordnet_maal_id"),
            pl.col("aar_fra").alias("f_fra"),
            pl.col("aar_til").alias("f_til"),
            pl.col("niveau").alias("f_niveau"),
        ),
        on="overordnet_maal_id",
    ).filter(pl.col("f_niveau") == "politik")
    # a politik's period covers every goal hanging under it
    assert par.filter(
        (pl.col("aar_fra") < pl.col("f_fra")) | (pl.col("aar_til") > pl.col("f_til"))
    ).is_empty()
    pol = m.filter(pl.col("maal_id") == demo.SEED_SUNDHEDSPOLITIK_MAAL_ID).row(0, named=True)
    assert pol["titel"] == "Sundhedspolitik 2008–2012"  # the seed's title, verbatim
    assert (pol["aar_fra"], pol["aar_til"]) == (2008, AAR + 1)
    assert "forlænget" in pol["beskrivelse"] and "2008–2012" in pol["beskrivelse"]


def test_activity_with_budget_for_four_areas_at_plausible_unit_costs(
    t: dict[str, pl.DataFrame],
) -> None:
    from modeller import aktivitet

    a = t["aktivitet"]
    assert set(a["politikomraade_id"]) == {"P-DAG", "P-SKO", "P-AEL", "P-BES"}
    assert a["budget_maengde"].null_count() == 0 and a["maaleenhed"].null_count() == 0
    assert set(a["aar"]) == {AAR - 2, AAR - 1, AAR}
    assert a.filter(pl.col("aar") == AAR)["maaned"].max() == PR.month
    linjer = B.opfoelgning(t["budget"], t["forbrug"], t["prognoser"], AAR, PR)
    ep = {
        y: r
        for y, r in (
            (r["ydelse"], r)
            for r in aktivitet.enhedspriser(a, linjer, AAR, PR).iter_rows(named=True)
        )
    }
    spaend = {
        "Indskrevne børn": (90_000, 140_000),
        "Elever": (65_000, 100_000),
        "Beboere i plejebolig": (380_000, 600_000),
        "Modtagere af hjemmepleje": (70_000, 130_000),
        "Fuldtidspersoner i aktive tilbud": (30_000, 60_000),
    }
    assert set(ep) == set(spaend)
    for ydelse, (lav, hoej) in spaend.items():
        assert lav < ep[ydelse]["enhedspris_kr"] < hoej, ydelse
        assert lav < ep[ydelse]["budget_enhedspris_kr"] < hoej, ydelse
    assert ep["Indskrevne børn"]["maaleenhed"] == "barn"
    # one area grows faster than budgeted; the others stay near their budget
    voksende = [y for y, r in ep.items() if r["afvigelse_maengde_pct"] > 4]
    assert voksende == ["Modtagere af hjemmepleje"]
    assert ep["Modtagere af hjemmepleje"]["afvigelse_til_budgetpris_kr"] > 1_000_000
    for y, r in ep.items():
        if y not in voksende:
            assert abs(r["afvigelse_maengde_pct"]) < 3, y
