"""Budget, forbrug and prognoser of the demo municipality (vectorised with numpy).

The economic "world" is generated for six full years (pr.year-5 … pr.year) from seeded
generators that depend only on `skala` and `pr.year`; `pr` then cuts it: forbrug for
complete months only, follow-up forecasts and current-year budget changes only when
dated on or before `pr`. Two cuts of the same year therefore agree on everything they
share, and the later one extends the earlier.

Forecasts are made at every month end (OPFOELGNINGER), each recognising a growing share
of the year's final deviation (_ERKENDT), so the forecast develops month by month.

Conventions: amounts in kr., expenses positive, income negative. A budget line is
(enhed, politikområde, budgettype); korrigeret budget = oprindeligt budget +
tillægsbevillinger + omplaceringer + overførsler; overførsel = last year's korrigeret
budget − last year's forbrug (full carry-over) for service and anlæg lines.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from modeller.demo.struktur import (
    ANLAEGSPROJEKTER,
    ART_LINJER,
    CENTER_LINJER,
    FORSINKET_PROJEKT,
    SEED,
    UDVALG,
    institutioner,
)

AAR_ANTAL = 6
TOTAL_NETTO_KR = 2.0e9
"""Net original budget of the current year at skala 1 (before noise)."""

OPFOELGNINGER: tuple[tuple[int, int], ...] = tuple(
    (m, calendar.monthrange(2001, m)[1]) for m in range(1, 12)
)
"""Forecast dates (month, day) each year: every month end from 31 January to 30 November
(the seed: follow-up monthly to Økonomiudvalget; three of them go to Byrådet, 31/3, 31/5
and 30/9, and 30/4 is the budget revision). December closes the year with regnskab. The
day is the month's last (29 February in a leap year; see `_maanedsslut`)."""
_BYRAAD = (3, 5, 9)
"""Months of the Byråd follow-ups: their noise is drawn first, so their forecasts are the
same as when the demo had only these three."""
_ERKENDT = tuple(float(x) for x in np.interp(range(1, 12), (1, 3, 5, 9), (0.3, 0.5, 0.8, 1.0)))
"""Share of the year's final deviation recognised in the forecast at each month end:
30 % in January, 50 % by 31/3, 80 % by 31/5 and all of it from 30/9 (linear between)."""
_PROGNOSESTOEJ = tuple(
    float(x)
    for x in np.interp(range(1, 12), (1, 3, 5, 9, 11), (0.007, 0.006, 0.004, 0.002, 0.0015))
)
"""Noise of each month end's forecast (share of |korrigeret budget|), shrinking over the year."""

_PROFIL: dict[str, tuple[float, ...]] = {
    "service": (8.3, 7.9, 8.4, 8.2, 8.3, 9.0, 5.6, 7.6, 8.4, 8.5, 8.7, 11.1),
    "indkomstoverfoersler": (8.2, 8.0, 8.4, 8.2, 8.3, 8.4, 8.1, 8.2, 8.3, 8.4, 8.4, 9.1),
    "anlaeg": (3, 4, 6, 7, 8, 9, 5, 8, 10, 11, 12, 17),
}
"""Monthly spending profile per budgettype (low July, high December)."""

_CENTER_TENDENS: dict[str, float] = {
    "C-FR": 0.07,
    "C-HS": 0.04,
    "C-AE": 0.04,
    "C-BU": 0.02,
    "C-JC": -0.04,
    "C-EC": -0.05,
    "C-KF": -0.03,
}
"""Current-year spending tendency per centre (+ = merforbrug), so that deviations show
at centre and politikområde level and not only on single institutions."""

_KOMMENTARER: dict[str, tuple[str, str]] = {
    "P-ADM": (
        "Ekstra udgifter til IT-licenser og systemskift",
        "Vakante stillinger i administrationen",
    ),
    "P-POL": ("Ekstra udgifter til valg og kommissioner", "Færre mødeudgifter end budgetteret"),
    "P-DAG": ("Flere børn i dagtilbud end budgetteret", "Færre indskrevne børn end forudsat"),
    "P-SKO": (
        "Flere elever i specialundervisningstilbud end forudsat",
        "Vakante stillinger og udskudte indkøb",
    ),
    "P-FAM": (
        "Flere anbringelser uden for hjemmet end budgetteret",
        "Færre og billigere forebyggende foranstaltninger",
    ),
    "P-SUN": (
        "Højere aktivitetsbestemt medfinansiering end forventet",
        "Lavere aktivitet i genoptræningen end forventet",
    ),
    "P-AEL": (
        "Flere visiterede timer i hjemmeplejen end budgetteret",
        "Midlertidigt lukkede pladser og vakante stillinger",
    ),
    "P-HAN": (
        "Nye borgere i dyre botilbud siden budgetvedtagelsen",
        "Færre købte pladser i andre kommuner",
    ),
    "P-BES": (
        "Flere deltagere i aktive tilbud end forudsat",
        "Færre aktiveringsforløb end forventet",
    ),
    "P-FOR": (
        "Stigende ledighed øger udgifterne til forsørgelse",
        "Faldende ledighed og færre på kontanthjælp",
    ),
    "P-VEJ": ("Ekstraordinær vintertjeneste", "Vejvedligeholdelse udskudt til næste år"),
    "P-NAT": (
        "Ekstra udgifter til vandløbsvedligeholdelse",
        "Projekter forsinket; midlerne overføres",
    ),
    "P-EJD": (
        "Akut vedligeholdelse af bygninger og højere energipriser",
        "Lavere energiforbrug efter energirenoveringer",
    ),
    "P-KUL": (
        "Højere udgifter til arrangementer end budgetteret",
        "Vakante stillinger på bibliotekerne",
    ),
    "P-FRI": (
        "Højere lokaletilskud til foreninger end forudsat",
        "Færre ansøgninger om foreningstilskud",
    ),
}
_KOMMENTAR_INDTAEGT = (
    "Indtægterne forventes lavere end budgetteret",
    "Indtægterne forventes højere end budgetteret",
)
_KOMMENTAR_ANLAEG = (
    "Licitationen blev dyrere end budgetteret",
    "Projektet skrider; midlerne forventes brugt i {} (tidsforskydning)",
)
_KOMMENTAR_FORSINKET = (
    "Udbuddet gik om, og byggestarten er udskudt; omkring halvdelen af årets "
    "rådighedsbeløb flyttes til {} (tidsforskydning)"
)
AFVIGELSE_KR = 1_000_000.0
AFVIGELSE_PCT = 2.0


def komplette_maaneder(pr: date) -> int:
    """Number of complete months of pr.year on `pr` (0–12)."""
    sidste = calendar.monthrange(pr.year, pr.month)[1]
    return pr.month if pr.day == sidste else pr.month - 1


UDEN_PROGNOSE: tuple[str, str] = ("ungdomsskole", "P-FRI")
"""(art, politikområde) of the line(s) whose unit handed in no forecast this year (the
skala-1 unit only), so that "Mangler prognose" shows in the demo."""


def linjer(skala: int) -> pl.DataFrame:
    """Budget lines: linje, enhed_id, center_id, politikomraade_id, budgettype,
    projekt_id (anlæg projects), basis_kr, fra/til (years active relative to the current
    year; null = always), afvigelse (fixed current-year deviation of a project) and
    uden_prognose (no forecast this year)."""
    rng = np.random.default_rng((SEED, 2))
    enh: list[str] = []
    cen: list[str | None] = []
    pol: list[str] = []
    bt: list[str] = []
    mio: list[float] = []
    basis1: list[bool] = []
    uden: list[bool] = []
    for enhed_id, centerlinjer in CENTER_LINJER.items():
        for p, b, m in centerlinjer:
            enh.append(enhed_id)
            cen.append(enhed_id if enhed_id.startswith("C-") else None)
            pol.append(p)
            bt.append(b)
            mio.append(m)
            basis1.append(True)
            uden.append(False)
    inst = institutioner(skala)
    for i in inst:
        for p, b, lo, hi in ART_LINJER[i.art]:
            enh.append(i.enhed_id)
            cen.append(i.center_id)
            pol.append(p)
            bt.append(b)
            mio.append(float(lo + (hi - lo) * rng.random()))
            basis1.append(i.variant == 1)
            uden.append(i.variant == 1 and (i.art, p) == UDEN_PROGNOSE)
    n_drift = len(enh)
    for a in ANLAEGSPROJEKTER:
        enh.append(a.enhed_id)
        cen.append(a.enhed_id if a.enhed_id.startswith("C-") else None)
        pol.append(a.politikomraade_id)
        bt.append("anlaeg")
        mio.append(a.mio_pr_aar)
        basis1.append(True)
        uden.append(False)
    m_arr = np.asarray(mio)
    faktor = TOTAL_NETTO_KR / (m_arr[np.asarray(basis1)].sum() * 1e6)
    ingen: list[str | None] = [None] * n_drift
    ingen_i: list[int | None] = [None] * n_drift
    ingen_f: list[float | None] = [None] * n_drift
    return pl.DataFrame(
        {
            "linje": np.arange(len(enh), dtype=np.int64),
            "enhed_id": enh,
            "center_id": cen,
            "politikomraade_id": pol,
            "budgettype": bt,
            "projekt_id": ingen + [a.projekt_id for a in ANLAEGSPROJEKTER],
            "basis_kr": m_arr * 1e6 * faktor,
            "fra": ingen_i + [a.fra for a in ANLAEGSPROJEKTER],
            "til": ingen_i + [a.til for a in ANLAEGSPROJEKTER],
            "afvigelse": ingen_f + [a.aarets_afvigelse for a in ANLAEGSPROJEKTER],
            "uden_prognose": uden,
        },
        schema_overrides={
            "center_id": pl.String(),
            "projekt_id": pl.String(),
            "fra": pl.Int64(),
            "til": pl.Int64(),
            "afvigelse": pl.Float64(),
        },
    )


@dataclass(frozen=True)
class Oekonomi:
    """The full economic world for six years; arrays are (aar, linje[, maaned])."""

    linjer: pl.DataFrame
    aar: np.ndarray
    oprindeligt: np.ndarray
    tillaeg: np.ndarray
    tillaeg_maaned: np.ndarray
    omplacering: np.ndarray
    omplacering_maaned: np.ndarray
    overfoersel: np.ndarray
    korrigeret: np.ndarray
    aktiv: np.ndarray
    """(aar, linje): the line exists that year (an anlæg project only within its period)."""
    forbrug: np.ndarray
    prognose: np.ndarray
    """(aar, linje, opfølgning) forecast of the year's forbrug."""


def verden(skala: int, aar_nu: int) -> Oekonomi:
    """Generate the six-year economic world (independent of the day within aar_nu)."""
    lin = linjer(skala)
    rng = np.random.default_rng((SEED, 3, aar_nu))
    n = lin.height
    aar = np.arange(aar_nu - AAR_ANTAL + 1, aar_nu + 1)
    ny = len(aar)
    basis = lin.get_column("basis_kr").to_numpy()
    bt = lin.get_column("budgettype").to_numpy().astype(str)
    pol = lin.get_column("politikomraade_id").to_numpy().astype(str)
    center = lin.get_column("center_id").fill_null("").to_numpy().astype(str)
    indkomst = bt == "indkomstoverfoersler"
    anlaeg = bt == "anlaeg"
    overfoeres = ~indkomst
    rel = (aar - aar_nu)[:, None]
    fra = lin.get_column("fra").fill_null(-99).to_numpy()[None, :]
    til = lin.get_column("til").fill_null(99).to_numpy()[None, :]
    aktiv = (rel >= fra) & (rel <= til)
    fast_afv = lin.get_column("afvigelse").to_numpy()

    vaekst = 1.025 ** (aar - aar_nu)
    opr = np.round(basis[None, :] * vaekst[:, None] * (1 + rng.normal(0, 0.015, (ny, n))), -3)
    opr = np.where(aktiv, opr, 0.0)

    p_till = np.where(indkomst, 0.6, 0.3)
    har_till = rng.random((ny, n)) < p_till[None, :]
    till = np.where(
        har_till & ~anlaeg[None, :], np.round(opr * rng.uniform(-0.03, 0.06, (ny, n)), -3), 0.0
    )
    till_m = rng.integers(2, 10, (ny, n))

    ompl = np.zeros((ny, n))
    ompl_m = np.zeros((ny, n), dtype=np.int64)
    udvalg = np.asarray([UDVALG[p] for p in pol])
    for yi in range(ny):
        for u in sorted(set(udvalg.tolist())):
            idx = np.flatnonzero((udvalg == u) & (bt == "service"))
            par = max(1, len(idx) // 8)
            if len(idx) < 2:
                continue
            perm = rng.permutation(idx)
            a, b = perm[:par], perm[par : 2 * par]
            x = np.round(
                np.minimum(np.abs(opr[yi, a]), np.abs(opr[yi, b])) * rng.uniform(0.01, 0.04, par),
                -3,
            )
            m = rng.integers(2, 10, par)
            ompl[yi, a] += x
            ompl[yi, b] -= x
            ompl_m[yi, a] = m
            ompl_m[yi, b] = m

    tendens = np.asarray([_CENTER_TENDENS.get(c, 0.0) for c in center])
    profil = np.asarray([_PROFIL[b] for b in bt])
    profil = profil / profil.sum(axis=1, keepdims=True)

    ovf = np.zeros((ny, n))
    korr = np.zeros((ny, n))
    forbrug = np.zeros((ny, n, 12))
    for yi in range(ny):
        if yi > 0:
            rest = korr[yi - 1] - forbrug[yi - 1].sum(axis=1)
            ovf[yi] = np.where(overfoeres & aktiv[yi], np.round(rest), 0.0)
        korr[yi] = opr[yi] + till[yi] + ompl[yi] + ovf[yi]
        if aar[yi] < aar_nu:
            afv = rng.uniform(-0.05, 0.035, n)
        else:
            r = rng.random(n)
            udslag = np.where(
                r < 0.07,
                rng.uniform(0.04, 0.10, n),
                np.where(r < 0.14, -rng.uniform(0.04, 0.10, n), 0.0),
            )
            # a centre's tendency shows on about a third of its lines (and its central
            # lines), so that most lines stay close to their frame
            ramt = (rng.random(n) < 0.35) | (lin.get_column("enhed_id") == center).to_numpy()
            afv = np.where(ramt, 1.5 * tendens, 0.0) + udslag + rng.normal(0, 0.005, n)
            afv = np.where(anlaeg, -rng.uniform(0.05, 0.2, n), afv)
            afv = np.where(np.isnan(fast_afv), afv, fast_afv)
        total = np.where(aktiv[yi], korr[yi] * (1 + afv), 0.0)
        raa = profil * (1 + rng.normal(0, 0.04, (n, 12)))
        forbrug[yi] = np.round(total[:, None] * raa / raa.sum(axis=1, keepdims=True))

    aarsforbrug = forbrug.sum(axis=2)
    prognose = np.zeros((ny, n, len(OPFOELGNINGER)))
    maaneder = [mdr for mdr, _ in OPFOELGNINGER]
    raekkefoelge = [*_BYRAAD, *(mdr for mdr in maaneder if mdr not in _BYRAAD)]
    for mdr in raekkefoelge:
        di = maaneder.index(mdr)
        stoej = np.abs(korr) * rng.normal(0, _PROGNOSESTOEJ[di], (ny, n))
        prognose[:, :, di] = np.round(korr + (aarsforbrug - korr) * _ERKENDT[di] + stoej, -3)

    return Oekonomi(
        linjer=lin,
        aar=aar,
        oprindeligt=opr,
        tillaeg=till,
        tillaeg_maaned=till_m,
        omplacering=ompl,
        omplacering_maaned=ompl_m,
        overfoersel=ovf,
        korrigeret=korr,
        aktiv=aktiv,
        forbrug=forbrug,
        prognose=prognose,
    )


_NOEGLE = ("enhed_id", "politikomraade_id", "budgettype", "projekt_id")


def _lang(o: Oekonomi, vaerdi: np.ndarray, maske: np.ndarray, beloebstype: str) -> pl.DataFrame:
    yi, li = np.nonzero(maske)
    return pl.DataFrame(
        {
            "aar": o.aar[yi].astype(np.int32),
            "linje": li.astype(np.int64),
            "beloebstype": beloebstype,
            "beloeb_kr": vaerdi[yi, li].astype(np.float64),
        }
    )


def budget(o: Oekonomi, pr: date) -> pl.DataFrame:
    """Budget rows; current-year tillæg/omplaceringer only when granted by `pr`."""
    mk = komplette_maaneder(pr)
    nu = (o.aar == pr.year)[:, None]
    dele = [
        _lang(o, o.oprindeligt, o.aktiv, "oprindeligt_budget"),
        _lang(
            o, o.tillaeg, (o.tillaeg != 0) & (~nu | (o.tillaeg_maaned <= mk)), "tillaegsbevilling"
        ),
        _lang(
            o,
            o.omplacering,
            (o.omplacering != 0) & (~nu | (o.omplacering_maaned <= mk)),
            "omplacering",
        ),
        _lang(o, o.overfoersel, o.overfoersel != 0, "overfoersel"),
    ]
    return (
        pl.concat(dele)
        .join(o.linjer.select("linje", *_NOEGLE), on="linje")
        .sort("aar", "politikomraade_id", "enhed_id", "budgettype", "projekt_id", "beloebstype")
        .drop("linje")
    )


def forbrug(o: Oekonomi, pr: date) -> pl.DataFrame:
    """Monthly forbrug for complete months up to `pr`."""
    mk = komplette_maaneder(pr)
    ny, n, _ = o.forbrug.shape
    maaned = np.arange(1, 13)
    maske = (o.aar[:, None, None] < pr.year) | (
        (o.aar[:, None, None] == pr.year) & (maaned[None, None, :] <= mk)
    )
    maske = np.broadcast_to(maske, (ny, n, 12)) & o.aktiv[:, :, None]
    yi, li, mi = np.nonzero(maske)
    df = pl.DataFrame(
        {
            "aar": o.aar[yi].astype(np.int32),
            "maaned": (mi + 1).astype(np.int32),
            "linje": li.astype(np.int64),
            "beloeb_kr": o.forbrug[yi, li, mi].astype(np.float64),
        }
    )
    return (
        df.join(o.linjer.select("linje", *_NOEGLE), on="linje")
        .sort("aar", "politikomraade_id", "enhed_id", "budgettype", "projekt_id", "maaned")
        .drop("linje")
    )


def _maanedsslut(aar: int, maaned: int) -> date:
    return date(aar, maaned, calendar.monthrange(aar, maaned)[1])


def prognoser(o: Oekonomi, pr: date) -> pl.DataFrame:
    """Forecasts per follow-up date ≤ pr and line (enhed, politikområde, budgettype,
    projekt), with Danish comments on lines whose forecast deviation exceeds 1 mio. kr. or
    2 %. The line(s) of UDEN_PROGNOSE hand in no forecast in the current year."""
    ny, n, nd = o.prognose.shape
    aar_nu = int(o.aar[-1])
    datoer = np.asarray(
        [[_maanedsslut(int(a), m) for m, _ in OPFOELGNINGER] for a in o.aar],
        dtype="datetime64[D]",
    )
    yi, li, di = np.nonzero(np.broadcast_to(o.aktiv[:, :, None], (ny, n, nd)))
    df = pl.DataFrame(
        {
            "opfoelgningsdato": datoer[yi, di],
            "linje": li.astype(np.int64),
            "forventet_forbrug_kr": o.prognose[yi, li, di],
            "korrigeret_kr": o.korrigeret[yi, li],
        }
    ).with_columns(pl.col("opfoelgningsdato").cast(pl.Date()))
    df = df.filter(pl.col("opfoelgningsdato") <= pr)
    df = (
        df.join(o.linjer.select("linje", *_NOEGLE, "uden_prognose"), on="linje")
        .filter(~(pl.col("uden_prognose") & (pl.col("opfoelgningsdato").dt.year() == aar_nu)))
        .group_by("opfoelgningsdato", *_NOEGLE)
        .agg(pl.col("forventet_forbrug_kr").sum(), pl.col("korrigeret_kr").sum())
    )
    afv = pl.col("forventet_forbrug_kr") - pl.col("korrigeret_kr")
    stor = (afv.abs() > AFVIGELSE_KR) | (
        afv.abs() > pl.col("korrigeret_kr").abs() * AFVIGELSE_PCT / 100
    )
    mer = pl.col("politikomraade_id").replace_strict(
        {k: v[0] for k, v in _KOMMENTARER.items()}, return_dtype=pl.String()
    )
    mindre = pl.col("politikomraade_id").replace_strict(
        {k: v[1] for k, v in _KOMMENTARER.items()}, return_dtype=pl.String()
    )
    naeste = pl.col("opfoelgningsdato").dt.year() + 1
    anlaeg_mindre = (
        pl.when(pl.col("projekt_id") == FORSINKET_PROJEKT)
        .then(pl.format(_KOMMENTAR_FORSINKET, naeste))
        .otherwise(pl.format(_KOMMENTAR_ANLAEG[1], naeste))
    )
    indtaegt = pl.col("korrigeret_kr") < 0
    anlaeg = pl.col("budgettype") == "anlaeg"
    tekst = (
        pl.when(anlaeg & (afv > 0))
        .then(pl.lit(_KOMMENTAR_ANLAEG[0]))
        .when(anlaeg)
        .then(anlaeg_mindre)
        .when(indtaegt & (afv > 0))
        .then(pl.lit(_KOMMENTAR_INDTAEGT[0]))
        .when(indtaegt)
        .then(pl.lit(_KOMMENTAR_INDTAEGT[1]))
        .when(afv > 0)
        .then(mer)
        .otherwise(mindre)
    )
    return (
        df.with_columns(kommentar=pl.when(stor).then(tekst).otherwise(None))
        .drop("korrigeret_kr")
        .sort("opfoelgningsdato", "politikomraade_id", "enhed_id", "budgettype", "projekt_id")
    )


def anlaegsprojekter(o: Oekonomi) -> pl.DataFrame:
    """The anlæg projects active in the generated years or later: anlægsbevilling = the
    project's original yearly budget × its years (rounded to 100.000 kr.), start and end
    year from ANLAEGSPROJEKTER relative to the current year."""
    aar_nu = int(o.aar[-1])
    lin = o.linjer
    basis = dict(zip(lin["projekt_id"].to_list(), lin["basis_kr"].to_list(), strict=True))
    rows = [
        (
            a.projekt_id,
            a.navn,
            a.enhed_id,
            a.politikomraade_id,
            float(round(basis[a.projekt_id] * (a.til - a.fra + 1), -5)),
            aar_nu + a.fra,
            aar_nu + a.til,
        )
        for a in ANLAEGSPROJEKTER
    ]
    return pl.DataFrame(
        rows,
        schema={
            "projekt_id": pl.String(),
            "navn": pl.String(),
            "enhed_id": pl.String(),
            "politikomraade_id": pl.String(),
            "anlaegsbevilling_kr": pl.Float64(),
            "startaar": pl.Int32(),
            "slutaar": pl.Int32(),
        },
        orient="row",
    )
