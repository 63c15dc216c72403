"""The follow-up report's content as plain data, built once and shown on screen, in Word
and in PDF.

`byg_rapport` gathers, for one follow-up (snapshot) and one recipient, what goes on the
committee's agenda: the economy per udvalg (or, for a fagudvalg, per politikområde)
split into Service, Indkomstoverførsler and Anlæg with service against its frame; the
deviations above the thresholds with the forecast's explanation and action; the lines
without forecast; the tillægsbevillinger and omplaceringer since the previous follow-up
("til godkendelse"); what changed since then; the anlæg projects with tidsforskydning;
and, in the budget revision edition, the goals per politikområde beside the economy.
For Økonomiudvalget and Byrådet (the whole municipality) also how the forecast moved month
by month up to the follow-up (`budgetopfoelgning.prognoseudvikling`).

Forecasts reported in the app after the snapshot (`Kilde.indberetninger`) are used on top
of the snapshot's (`modeller.indberetning.ovenpaa.prognoser_ovenpaa`, the same rule the
next load applies) and marked "Indberettet <dato> af <navn> (efter datasættet)" beside
the line's explanation; their text stays plain data (the renderers keep it inert).

Every figure comes from the shared rules in modeller/budget.py, called exactly as the
Økonomi page calls them (`udvalg_oversigt`, `rul_op`, `fordel_pr_budgettype`,
`marker_afvigelser`, `afvigelse_aendring`, `anlaeg_pr_projekt`), so the report and the
page show the same numbers. The text of every table is formatted here, once: the screen,
the Word file and the PDF render the same `Tabel` objects and cannot disagree. The
result holds no DataFrames, only frozen dataclasses of plain values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import polars as pl
from babel.dates import format_date

from dashboard.faelles import format as fmt
from dashboard.faelles import tema
from dashboard.rapport.indhold import Kilde, markering, pr_for
from modeller import aarshjul as aarshjul_
from modeller import budget, budgetopfoelgning, styringsregler
from modeller.errors import RapportFejl
from modeller.indberetning.ovenpaa import prognoser_ovenpaa
from modeller.schemas import BUDGETTYPER
from modeller.status import STATUSSER
from modeller.styringsregler import BUDGETTYPE_NAVNE, STANDARD, Oekonomiindstillinger

MAALTYPER: dict[str, str] = {
    "udviklingsmaal": "Mål",
    "serviceniveau": "Serviceniveau",
    "resultatkrav": "Resultatkrav",
    "indsatsomraade": "Indsatsområde",
}
"""Goal types of a politikområde in the budget (the seed's four), Danish names."""

MANGLER = tema.MANGLER_PROGNOSE
I_RAMMEN = "✔ Inden for rammen"
OVER_RAMMEN = "▲ Over rammen"
IKKE_I_BALANCE = (tema.AFVIGELSE_TEKST[True], tema.AFVIGELSE_TEKST[False])

Celle = tuple[str, Any]
"""A table cell: (the text shown, the raw value for downloads)."""


@dataclass(frozen=True)
class Tal:
    """A follow-up's figures for one area and budget type (or all of them)."""

    korrigeret_budget_kr: float = 0.0
    forbrug_kr: float = 0.0
    forventet_forbrug_kr: float = 0.0
    forventet_afvigelse_kr: float = 0.0
    er_afvigelse: bool = False
    antal_prognose_mangler: int = 0
    tidsforskydning_kr: float = 0.0


@dataclass(frozen=True)
class Omraade:
    """One area of the summary: an udvalg (whole municipality) or a politikområde (a
    fagudvalg's own report), or the total of the report (`noegle` None)."""

    noegle: str | None
    navn: str
    i_alt: Tal
    pr_type: tuple[Tal, ...]
    """Service, Indkomstoverførsler, Anlæg (BUDGETTYPER order)."""
    ramme_kr: float
    ramme_forventet_kr: float
    ramme_afvigelse_kr: float
    afvigelse_foer_kr: float | None = None
    aendring_kr: float | None = None


@dataclass(frozen=True)
class Afvigelse:
    """A line (unit × politikområde × budget type × project) deviating above the
    thresholds, with the forecast's explanation and action."""

    udvalg: str
    politikomraade: str
    enhed: str
    budgettype: str
    projekt: str | None
    korrigeret_budget_kr: float
    forventet_forbrug_kr: float
    forventet_afvigelse_kr: float
    forklaring: str | None
    handling: str | None
    indberettet: str | None = None
    """ "Indberettet 12.10.2026 af <navn> (efter datasættet)" when the forecast was
    reported in the app after the snapshot."""


@dataclass(frozen=True)
class Bevilling:
    """A tillægsbevilling or omplacering since the previous follow-up (til godkendelse)."""

    art: str
    udvalg: str
    politikomraade: str
    enhed: str
    budgettype: str
    projekt: str | None
    beloeb_kr: float


@dataclass(frozen=True)
class Projekt:
    navn: str
    politikomraade: str
    anlaegsbevilling_kr: float | None
    raadighedsbeloeb_kr: float
    forbrug_kr: float
    forventet_forbrug_kr: float | None
    tidsforskydning_kr: float | None
    forklaring: str | None
    prognose_mangler: bool
    indberettet: str | None = None


@dataclass(frozen=True)
class Udviklingsraekke:
    """One row of the forecast's development: an area (udvalg, or the total) and a budget
    type (or "I alt"), the forventet afvigelse at each date of `Udvikling.datoer`."""

    omraade: str
    budgettype: str
    afvigelse_kr: tuple[float, ...]
    antal_mangler: tuple[int, ...]


@dataclass(frozen=True)
class Udvikling:
    """How the forecast moved month by month up to the follow-up (ØU and Byrådet)."""

    datoer: tuple[date, ...]
    regnskab: bool
    """The last date is the closed year's accounts (31 December)."""
    raekker: tuple[Udviklingsraekke, ...]


@dataclass(frozen=True)
class Maalstatus:
    titel: str
    maaltype: str
    status: str
    kommentar: str | None


@dataclass(frozen=True)
class Revisionsomraade:
    """A politikområde in the budget revision: its service economy beside its goals."""

    politikomraade_id: str
    navn: str
    udvalg: str
    service: Tal
    maal: tuple[Maalstatus, ...]


@dataclass(frozen=True)
class Tabel:
    """A finished table: headers, formatted text rows and the raw values beside them."""

    noegle: str
    kolonner: tuple[str, ...]
    raekker: tuple[tuple[str, ...], ...]
    vaerdier: tuple[tuple[Any, ...], ...]
    hoejre: tuple[bool, ...]
    """Right-aligned (numbers) per column."""
    sum_raekke: bool = False
    """The last row is a total (bold)."""
    note: str | None = None


@dataclass(frozen=True)
class Figur:
    """The report's chart: forventet afvigelse per area split by budget type, and the
    alternative text every rendering carries."""

    titel: str
    navne: tuple[str, ...]
    pr_type: tuple[tuple[float, ...], ...]
    """Per budget type (BUDGETTYPER order) the deviation per area, in kr."""
    alt_tekst: str


@dataclass(frozen=True)
class Afsnit:
    """A section: heading, paragraphs, tables and optionally the chart."""

    titel: str
    tekst: tuple[str, ...] = ()
    tabeller: tuple[Tabel, ...] = ()
    figur: Figur | None = None
    underafsnit: tuple[Afsnit, ...] = ()


@dataclass(frozen=True)
class Rapport:
    kommune: str
    snapshot_id: str
    etiket: str | None
    data_pr: date | None
    aar: int
    modtager: str
    udvalg: str | None
    """The fagudvalg whose area the report covers; None = the whole municipality."""
    er_budgetrevision: bool
    er_regnskab: bool
    forrige_etiket: str | None
    omraader: tuple[Omraade, ...]
    total: Omraade
    afvigelser: tuple[Afvigelse, ...]
    mangler_prognose: tuple[Afvigelse, ...]
    bevillinger: tuple[Bevilling, ...]
    projekter: tuple[Projekt, ...]
    revision: tuple[Revisionsomraade, ...]
    har_maaltyper: bool
    fodnote: str
    afsnit: tuple[Afsnit, ...] = field(default=())
    udvikling: Udvikling | None = None
    """The forecast month by month (whole municipality only; None otherwise)."""
    indberettede: tuple[Afvigelse, ...] = ()
    """Lines whose forecast was reported in the app after the snapshot."""

    @property
    def art(self) -> str:
        return "Budgetrevision" if self.er_budgetrevision else "Budgetopfølgning"

    @property
    def titel(self) -> str:
        """ "Budgetopfølgning pr. 30. september 2026"."""
        return f"{self.art} pr. {fmt.dato(self.data_pr)}"

    @property
    def undertitel(self) -> str:
        omfang = "hele kommunen" if self.udvalg is None else "udvalgets eget område"
        return f"Til {self.modtager} · {omfang} · {self.kommune}"

    @property
    def omraade_ord(self) -> str:
        return "Udvalg" if self.udvalg is None else "Politikområde"

    @property
    def regnskab_ord(self) -> str:
        return "Regnskab" if self.er_regnskab else "Forventet regnskab"

    @property
    def filnavn_dele(self) -> tuple[str | int | date | None, ...]:
        return (self.art.lower(), self.modtager, self.data_pr)

    def alle_afsnit(self) -> list[Afsnit]:
        """Every section and subsection in reading order."""
        ud: list[Afsnit] = []
        for a in self.afsnit:
            ud.append(a)
            ud.extend(a.underafsnit)
        return ud


# --- figures from the rules -----------------------------------------------------------


def _f(r: dict[str, Any], k: str) -> float:
    v = r.get(k)
    return float(v) if isinstance(v, int | float) else 0.0


def _tal(r: dict[str, Any] | None) -> Tal:
    if r is None:
        return Tal()
    return Tal(
        korrigeret_budget_kr=_f(r, "korrigeret_budget_kr"),
        forbrug_kr=_f(r, "forbrug_kr"),
        forventet_forbrug_kr=_f(r, "forventet_forbrug_kr"),
        forventet_afvigelse_kr=_f(r, "forventet_afvigelse_kr"),
        er_afvigelse=bool(r.get("er_afvigelse")),
        antal_prognose_mangler=int(r.get("antal_prognose_mangler") or 0),
        tidsforskydning_kr=_f(r, "tidsforskydning_kr"),
    )


def omraade_raekker(
    linjer: pl.DataFrame,
    organisation: pl.DataFrame,
    politikomraader: pl.DataFrame,
    udvalg: str | None,
    oekonomi: Oekonomiindstillinger,
    budgettyper: list[str] | None = None,
    i_ramme: bool | None = None,
) -> pl.DataFrame:
    """The summary's rows, exactly as the Økonomi page computes its level: per udvalg
    (`budget.udvalg_oversigt`, whole municipality) or the udvalg's politikområder
    (`budget.rul_op(..., "politikomraade", udvalg=...)`), flagged with
    `budget.marker_afvigelser` under the thresholds in force. A column `noegle` holds the
    row's id (udvalg name or politikomraade_id)."""
    if udvalg is None and i_ramme is None:
        df = budget.udvalg_oversigt(linjer, politikomraader, budgettyper=budgettyper)
        kol = "udvalg"
    elif udvalg is None:
        df = budget.rul_op(
            linjer, organisation, politikomraader, "udvalg", budgettyper=budgettyper,
            i_ramme=i_ramme,
        )  # fmt: skip
        kol = "udvalg"
    else:
        df = budget.rul_op(
            linjer, organisation, politikomraader, "politikomraade", udvalg=udvalg,
            budgettyper=budgettyper, i_ramme=i_ramme,
        )  # fmt: skip
        kol = "politikomraade_id"
    return budget.marker_afvigelser(df, oekonomi.taerskler).with_columns(
        pl.col(kol).alias("noegle")
    )


def _efter_noegle(df: pl.DataFrame) -> dict[str | None, dict[str, Any]]:
    return {r["noegle"]: r for r in df.iter_rows(named=True)}


def _omraader(
    linjer: pl.DataFrame,
    s_org: pl.DataFrame,
    s_po: pl.DataFrame,
    udvalg: str | None,
    oekonomi: Oekonomiindstillinger,
    foer: pl.DataFrame | None,
) -> tuple[Omraade, ...]:
    alle = omraade_raekker(linjer, s_org, s_po, udvalg, oekonomi)
    typer = [
        _efter_noegle(omraade_raekker(linjer, s_org, s_po, udvalg, oekonomi, [bt]))
        for bt in BUDGETTYPER
    ]
    ramme = _efter_noegle(omraade_raekker(linjer, s_org, s_po, udvalg, oekonomi, i_ramme=True))
    aendring: dict[str | None, dict[str, Any]] = {}
    if foer is not None:
        aendring = _efter_noegle(budget.afvigelse_aendring(alle, foer, ["noegle"]))
    ud = []
    for r in alle.sort(pl.col("noegle").is_null(), "navn").iter_rows(named=True):
        n = r["noegle"]
        rr = ramme.get(n)
        a = aendring.get(n, {})
        ud.append(
            Omraade(
                noegle=n,
                navn=str(r["navn"] or "Uden udvalg"),
                i_alt=_tal(r),
                pr_type=tuple(_tal(t.get(n)) for t in typer),
                ramme_kr=_f(rr or {}, "korrigeret_budget_kr"),
                ramme_forventet_kr=_f(rr or {}, "forventet_forbrug_kr"),
                ramme_afvigelse_kr=_f(rr or {}, "forventet_afvigelse_kr"),
                afvigelse_foer_kr=a.get("forventet_afvigelse_foer_kr"),
                aendring_kr=a.get("aendring_afvigelse_kr"),
            )
        )
    return tuple(ud)


def _total(
    linjer: pl.DataFrame,
    oekonomi: Oekonomiindstillinger,
    navn: str,
    foer_linjer: pl.DataFrame | None,
) -> Omraade:
    """The report's area in total: the split of `budget.fordel_pr_budgettype` (as the
    Økonomi page shows it) and the frame from the lines inside it."""
    dele = budget.marker_afvigelser(
        budget.fordel_pr_budgettype(linjer, i_alt=True), oekonomi.taerskler
    ).iter_rows(named=True)
    raekker = list(dele)
    ramme = budget.total(linjer.filter(pl.col("i_ramme"))).row(0, named=True)
    foer = None
    if foer_linjer is not None:
        foer = _f(budget.total(foer_linjer).row(0, named=True), "forventet_afvigelse_kr")
    i_alt = _tal(raekker[-1])
    return Omraade(
        noegle=None,
        navn=navn,
        i_alt=i_alt,
        pr_type=tuple(_tal(r) for r in raekker[:-1]),
        ramme_kr=_f(ramme, "korrigeret_budget_kr"),
        ramme_forventet_kr=_f(ramme, "forventet_forbrug_kr"),
        ramme_afvigelse_kr=_f(ramme, "forventet_afvigelse_kr"),
        afvigelse_foer_kr=foer,
        aendring_kr=None if foer is None else i_alt.forventet_afvigelse_kr - foer,
    )


def _navne(df: pl.DataFrame, noegle: str, navn: str = "navn") -> dict[str, str]:
    return dict(df.select(noegle, navn).iter_rows())


@dataclass(frozen=True)
class _Navne:
    enhed: dict[str, str]
    po: dict[str, str]
    udvalg: dict[str, str]
    projekt: dict[str, str]

    def linje(self, r: dict[str, Any]) -> tuple[str, str, str, str, str | None]:
        po = r["politikomraade_id"]
        projekt = r.get("projekt_id")
        return (
            self.udvalg.get(po) or "Uden udvalg",
            self.po.get(po, po),
            self.enhed.get(r["enhed_id"], r["enhed_id"]),
            BUDGETTYPE_NAVNE.get(r["budgettype"], r["budgettype"]),
            self.projekt.get(projekt, projekt) if projekt else None,
        )


Linjenoegle = tuple[str, str, str, str | None]
"""(enhed_id, politikomraade_id, budgettype, projekt_id) of a budget line."""


def _linjenoegle(r: dict[str, Any]) -> Linjenoegle:
    return (r["enhed_id"], r["politikomraade_id"], r.get("budgettype") or "service",
            r.get("projekt_id"))  # fmt: skip


def _markeringer(nye: pl.DataFrame) -> dict[Linjenoegle, str]:
    """Line → marking of its forecast reported after the snapshot (the latest follow-up's
    report per line, as `prognoser_ovenpaa` uses it)."""
    ud: dict[Linjenoegle, str] = {}
    for r in nye.sort("opfoelgningsdato", "indberettet").iter_rows(named=True):
        ud[_linjenoegle(r)] = markering(r["indberettet"], str(r["navn"]))
    return ud


def _afvigelser(
    linjer: pl.DataFrame,
    oekonomi: Oekonomiindstillinger,
    navne: _Navne,
    markeringer: dict[Linjenoegle, str],
) -> tuple[tuple[Afvigelse, ...], tuple[Afvigelse, ...], tuple[Afvigelse, ...]]:
    """(deviating lines above the thresholds, largest first; lines without forecast;
    lines whose forecast was reported after the snapshot)."""
    flag = budget.marker_afvigelser(linjer, oekonomi.taerskler)
    afv = flag.filter(pl.col("er_afvigelse") & pl.col("forventet_afvigelse_kr").is_not_null())
    afv = afv.sort(pl.col("forventet_afvigelse_kr").abs(), descending=True)
    mangler = flag.filter(pl.col("prognose_mangler")).sort(
        "politikomraade_id", "enhed_id", "budgettype"
    )

    def lav(r: dict[str, Any]) -> Afvigelse:
        udv, po, enhed, bt, projekt = navne.linje(r)
        forklaring, handling = budgetopfoelgning.del_kommentar(r.get("prognose_kommentar"))
        return Afvigelse(
            udvalg=udv,
            politikomraade=po,
            enhed=enhed,
            budgettype=bt,
            projekt=projekt,
            korrigeret_budget_kr=_f(r, "korrigeret_budget_kr"),
            forventet_forbrug_kr=_f(r, "forventet_forbrug_kr"),
            forventet_afvigelse_kr=_f(r, "forventet_afvigelse_kr"),
            forklaring=forklaring,
            handling=handling,
            indberettet=markeringer.get(_linjenoegle(r)),
        )

    indberettede = [r for r in flag.sort("politikomraade_id", "enhed_id", "budgettype")
                    .iter_rows(named=True) if _linjenoegle(r) in markeringer]  # fmt: skip
    return (
        tuple(lav(r) for r in afv.iter_rows(named=True)),
        tuple(lav(r) for r in mangler.iter_rows(named=True)),
        tuple(lav(r) for r in indberettede),
    )


def _udvikling(
    linjer: pl.DataFrame, prognoser: pl.DataFrame, s_po: pl.DataFrame, aar: int, pr: date
) -> Udvikling | None:
    """The forecast month by month per udvalg and in total (see
    `budgetopfoelgning.prognoseudvikling`); None without any forecast in the year."""
    med_udvalg = linjer.join(
        s_po.select("politikomraade_id", "udvalg"), on="politikomraade_id", how="left"
    ).with_columns(pl.col("udvalg").fill_null("Uden udvalg"))
    pr_udvalg = budgetopfoelgning.prognoseudvikling(med_udvalg, prognoser, aar, pr, ["udvalg"])
    i_alt = budgetopfoelgning.prognoseudvikling(linjer, prognoser, aar, pr)
    if i_alt.is_empty():
        return None
    datoer = tuple(sorted(set(i_alt["dato"].to_list())))
    regnskab = bool(i_alt["er_regnskab"].any())

    def raekker(df: pl.DataFrame, navn: str) -> list[Udviklingsraekke]:
        celler: dict[str, dict[date, tuple[float, int]]] = {}
        for r in df.iter_rows(named=True):
            celler.setdefault(r["budgettype"], {})[r["dato"]] = (
                r["forventet_afvigelse_kr"], r["antal_mangler"])  # fmt: skip
        ud = []
        for bt in BUDGETTYPER:
            if bt in celler:
                c = celler[bt]
                ud.append(Udviklingsraekke(
                    navn, BUDGETTYPE_NAVNE[bt],
                    tuple(c.get(d, (0.0, 0))[0] for d in datoer),
                    tuple(c.get(d, (0.0, 0))[1] for d in datoer),
                ))  # fmt: skip
        if len(ud) == 1 and navn != "Kommunen i alt":
            return ud  # one budget type: its row is the area's total
        ud.append(Udviklingsraekke(
            navn, "I alt",
            tuple(sum(x.afvigelse_kr[i] for x in ud) for i in range(len(datoer))),
            tuple(sum(x.antal_mangler[i] for x in ud) for i in range(len(datoer))),
        ))  # fmt: skip
        return ud

    ud: list[Udviklingsraekke] = []
    for navn in sorted(set(pr_udvalg["udvalg"].to_list())):
        ud.extend(raekker(pr_udvalg.filter(pl.col("udvalg") == navn), navn))
    ud.extend(raekker(i_alt, "Kommunen i alt"))
    return Udvikling(datoer=datoer, regnskab=regnskab, raekker=tuple(ud))


def _revision(
    kilde: Kilde,
    snapshot_id: str,
    aar: int,
    pr: date,
    linjer: pl.DataFrame,
    s_org: pl.DataFrame,
    s_po: pl.DataFrame,
    po_ids: list[str],
    oekonomi: Oekonomiindstillinger,
) -> tuple[tuple[Revisionsomraade, ...], bool]:
    """Per politikområde of the report: its service economy and its goals (mål,
    serviceniveau, resultatkrav, indsatsområder when the source carries `maaltype`; the
    goals of the politikområde otherwise), each with its own status."""
    maal = kilde.aktive_maal(snapshot_id, aar).filter(
        (pl.col("niveau") == "politikomraade") & pl.col("politikomraade_id").is_in(po_ids)
    )
    har_typer = "maaltype" in maal.columns
    if not har_typer:
        maal = maal.with_columns(maaltype=pl.lit("udviklingsmaal"))
    status = kilde.maal_status(snapshot_id, pr).select("maal_id", "status", "vurdering_kommentar")
    maal = (
        maal.join(status, on="maal_id", how="left")
        .with_columns(
            pl.col("status").fill_null("ikke_vurderet"),
            pl.col("maaltype").fill_null("udviklingsmaal"),
        )
        .with_columns(
            _orden=pl.col("maaltype").replace_strict(
                {k: i for i, k in enumerate(MAALTYPER)},
                default=len(MAALTYPER),
                return_dtype=pl.Int32(),
            )
        )
        .sort("politikomraade_id", "_orden", "maal_id")
    )
    service = _efter_noegle(
        budget.marker_afvigelser(
            budget.rul_op(linjer, s_org, s_po, "politikomraade", budgettyper=["service"]),
            oekonomi.taerskler,
        ).with_columns(pl.col("politikomraade_id").alias("noegle"))
    )
    ud = []
    for po_id, navn, udv in (
        s_po.filter(pl.col("politikomraade_id").is_in(po_ids))
        .sort("navn")
        .select("politikomraade_id", "navn", "udvalg")
        .iter_rows()
    ):
        egne = maal.filter(pl.col("politikomraade_id") == po_id)
        ud.append(
            Revisionsomraade(
                politikomraade_id=po_id,
                navn=navn,
                udvalg=udv or "Uden udvalg",
                service=_tal(service.get(po_id)),
                maal=tuple(
                    Maalstatus(
                        titel=r["titel"],
                        maaltype=MAALTYPER.get(r["maaltype"], r["maaltype"]),
                        status=r["status"],
                        kommentar=r["vurdering_kommentar"],
                    )
                    for r in egne.iter_rows(named=True)
                ),
            )
        )
    return tuple(ud), har_typer


def fodnote(
    oekonomi: Oekonomiindstillinger,
    antal_mangler: int,
    regnskab_aar: int | None,
    navne: dict[str, str] | None = None,
) -> str:
    """The report's economy footnote, generated from the settings in force (as Økonomi);
    `navne` names the politikområder (politikomraade_id → navn)."""
    dele = [
        "Beløb i mio. kr., hvor intet andet er nævnt.",
        styringsregler.fodnote_fortegn(),
        styringsregler.fodnote_taerskler(oekonomi),
        styringsregler.fodnote_budgettyper(oekonomi, navne),
        styringsregler.fodnote_overfoersel(oekonomi, navne),
    ]
    garanti = styringsregler.fodnote_budgetgaranti(oekonomi, navne)
    if garanti:
        dele.append(garanti)
    if regnskab_aar is not None:
        dele.append(styringsregler.fodnote_regnskab(regnskab_aar))
    if antal_mangler:
        dele.append(styringsregler.fodnote_mangler_prognose(antal_mangler))
    return " ".join(dele)


def byg_rapport(
    kilde: Kilde,
    snapshot_id: str,
    modtager: str,
    aar: int,
    forrige_id: str | None = None,
    oekonomi: Oekonomiindstillinger = STANDARD,
    aarshjul: aarshjul_.Aarshjul = aarshjul_.STANDARD,
) -> Rapport:
    """The report for `modtager` (Økonomiudvalget or Byrådet: the whole municipality; a
    fagudvalg: its own politikområder) from follow-up `snapshot_id`, compared with the
    previous follow-up `forrige_id` when given. The budget revision edition (goals beside
    the economy) when the årshjul marks the follow-up's date as budgetrevision.

    Raises RapportFejl (Danish) for an unknown recipient.
    """
    s = kilde.load_snapshot(snapshot_id)
    s_po, s_org = s["politikomraader"], s["organisation"]
    kendte = budgetopfoelgning.modtagere(s_po["udvalg"].to_list())
    if modtager not in kendte:
        raise RapportFejl(
            f"Udvalget «{modtager}» findes ikke i datasættet. Vælg et af: {', '.join(kendte)}."
        )
    udvalg = None if budgetopfoelgning.er_hele_kommunen(modtager) else modtager
    po_ids = (
        s_po["politikomraade_id"].to_list()
        if udvalg is None
        else s_po.filter(pl.col("udvalg") == udvalg)["politikomraade_id"].to_list()
    )
    pr = pr_for(kilde, snapshot_id, aar)
    nye = kilde.indberetninger(snapshot_id, "prognose")
    nye = nye.filter(pl.col("opfoelgningsdato").dt.year() == aar)
    prognoser = s["prognoser"]
    if nye.is_empty():
        alle_linjer = kilde.opfoelgning(snapshot_id, aar, pr, "lineaer", oekonomi)
    else:  # reported after the snapshot: on top of it, under the same rules
        prognoser = prognoser_ovenpaa(prognoser, nye, aar, pr)
        alle_linjer = budget.opfoelgning(
            s["budget"], s["forbrug"], prognoser, aar, pr, "lineaer", indstillinger=oekonomi
        )
    markeringer = _markeringer(nye)
    linjer = alle_linjer.filter(pl.col("politikomraade_id").is_in(po_ids))

    foer_raekker = foer_linjer = foer_budget = None
    forrige_etiket = None
    if forrige_id is not None:
        f = kilde.load_snapshot(forrige_id)
        pr_f = pr_for(kilde, forrige_id, aar)
        f_alle = kilde.opfoelgning(forrige_id, aar, pr_f, "lineaer", oekonomi)
        foer_linjer = f_alle.filter(pl.col("politikomraade_id").is_in(po_ids))
        foer_raekker = omraade_raekker(
            f_alle, f["organisation"], f["politikomraader"], udvalg, oekonomi
        )
        foer_budget = f["budget"]
        forrige_etiket = f.manifest.label or f"data pr. {fmt.dato(f.manifest.data_as_of)}"

    navne = _Navne(
        enhed=_navne(s_org, "enhed_id"),
        po=_navne(s_po, "politikomraade_id"),
        udvalg={p: u for p, u in s_po.select("politikomraade_id", "udvalg").iter_rows() if u},
        projekt=_navne(s["anlaegsprojekter"], "projekt_id"),
    )
    omraader = _omraader(alle_linjer, s_org, s_po, udvalg, oekonomi, foer_raekker)
    total_navn = "Kommunen i alt" if udvalg is None else f"{udvalg} i alt"
    total = _total(linjer, oekonomi, total_navn, foer_linjer)
    afvigelser, mangler, indberettede = _afvigelser(linjer, oekonomi, navne, markeringer)

    bev = budgetopfoelgning.bevillingsaendringer(s["budget"], foer_budget, aar).filter(
        pl.col("politikomraade_id").is_in(po_ids)
    )
    bevillinger = tuple(
        Bevilling(r["art"], *navne.linje(r), beloeb_kr=_f(r, "beloeb_kr"))
        for r in bev.iter_rows(named=True)
    )

    anlaeg = budget.anlaeg_pr_projekt(
        alle_linjer.filter(pl.col("budgettype") == "anlaeg"),
        s["anlaegsprojekter"], s["forbrug"], aar, pr,
    ).filter(pl.col("politikomraade_id").is_in(po_ids))  # fmt: skip
    projekter = tuple(
        Projekt(
            navn=r["navn"],
            politikomraade=navne.po.get(r["politikomraade_id"], r["politikomraade_id"]),
            anlaegsbevilling_kr=r["anlaegsbevilling_kr"],
            raadighedsbeloeb_kr=_f(r, "raadighedsbeloeb_kr"),
            forbrug_kr=_f(r, "forbrug_kr"),
            forventet_forbrug_kr=r["forventet_forbrug_kr"],
            tidsforskydning_kr=r["tidsforskydning_kr"],
            forklaring=r["prognose_kommentar"],
            prognose_mangler=bool(r["prognose_mangler"]),
            indberettet=next(
                (m for k, m in markeringer.items() if k[3] is not None and k[3] == r["projekt_id"]),
                None,
            ),
        )
        for r in anlaeg.iter_rows(named=True)
    )

    er_revision = budgetopfoelgning.er_budgetrevision(aarshjul, s.manifest.data_as_of)
    revision: tuple[Revisionsomraade, ...] = ()
    har_typer = False
    if er_revision:
        revision, har_typer = _revision(
            kilde, snapshot_id, aar, pr, alle_linjer, s_org, s_po, po_ids, oekonomi
        )
    er_regnskab = bool(linjer["er_regnskab"].any()) if linjer.height else False
    r = Rapport(
        kommune=s.manifest.kommune,
        snapshot_id=snapshot_id,
        etiket=s.manifest.label,
        data_pr=s.manifest.data_as_of,
        aar=aar,
        modtager=modtager,
        udvalg=udvalg,
        er_budgetrevision=er_revision,
        er_regnskab=er_regnskab,
        forrige_etiket=forrige_etiket,
        omraader=omraader,
        total=total,
        afvigelser=afvigelser,
        mangler_prognose=mangler,
        bevillinger=bevillinger,
        projekter=projekter,
        revision=revision,
        har_maaltyper=har_typer,
        fodnote=fodnote(oekonomi, len(mangler), aar if er_regnskab else None, navne.po),
        udvikling=_udvikling(linjer, prognoser, s_po, aar, pr) if udvalg is None else None,
        indberettede=indberettede,
    )
    return _med_afsnit(r, oekonomi, navne.po)


# --- the text: sections and tables, formatted once --------------------------------------


def _mio(x: float | None, fortegn: bool = False) -> Celle:
    return fmt.mio(x, 1, fortegn), x


def _tusind(x: float | None, fortegn: bool = False) -> Celle:
    return ("–" if x is None else fmt.tal(x / 1000, 0, fortegn)), x


def _tekst(x: str | None) -> Celle:
    return x or "", x


def _afvigelsesord(t: Tal) -> str:
    return tema.afvigelse_tekst(t.er_afvigelse, t.forventet_afvigelse_kr)


def _tabel(
    noegle: str,
    kolonner: Sequence[tuple[str, bool]],
    raekker: Sequence[Sequence[Celle]],
    *,
    sum_raekke: bool = False,
    note: str | None = None,
) -> Tabel:
    return Tabel(
        noegle=noegle,
        kolonner=tuple(k for k, _ in kolonner),
        raekker=tuple(tuple(c[0] for c in r) for r in raekker),
        vaerdier=tuple(tuple(c[1] for c in r) for r in raekker),
        hoejre=tuple(h for _, h in kolonner),
        sum_raekke=sum_raekke,
        note=note,
    )


def _oekonomi_tabel(r: Rapport) -> Tabel:
    """Per area (and the total): Service, Indkomstoverførsler, Anlæg and I alt rows with
    korrigeret budget, forbrug, forventet regnskab and deviation."""
    kolonner = [
        (r.omraade_ord, False),
        ("Budgettype", False),
        ("Korrigeret budget", True),
        ("Forbrug til dato", True),
        (r.regnskab_ord, True),
        ("Forventet afvigelse", True),
        ("Afvigelse", False),
        ("Prognose", False),
    ]
    raekker: list[list[Celle]] = []
    for o in (*r.omraader, r.total):
        typer = [(BUDGETTYPE_NAVNE[bt], t) for bt, t in zip(BUDGETTYPER, o.pr_type, strict=True)]
        vist = [(n, t) for n, t in typer if t != Tal()] + [("I alt", o.i_alt)]
        for i, (navn, t) in enumerate(vist):
            raekker.append(
                [
                    _tekst(o.navn if i == 0 else ""),
                    _tekst(navn),
                    _mio(t.korrigeret_budget_kr),
                    _mio(t.forbrug_kr),
                    _mio(t.forventet_forbrug_kr),
                    _mio(t.forventet_afvigelse_kr, True),
                    _tekst(_afvigelsesord(t)),
                    _tekst(MANGLER if t.antal_prognose_mangler else ""),
                ]
            )
    return _tabel(
        "oekonomi",
        kolonner,
        raekker,
        sum_raekke=True,
        note="Budgettyper uden beløb på et område er udeladt; «I alt» summerer dem, der er.",
    )


def _budgettype_tabel(r: Rapport) -> Tabel:
    t = r.total
    navne = [*(BUDGETTYPE_NAVNE[bt] for bt in BUDGETTYPER), budget.I_ALT_NAVN]
    raekker = [
        [
            _tekst(n),
            _mio(x.korrigeret_budget_kr),
            _mio(x.forbrug_kr),
            _mio(x.forventet_forbrug_kr),
            _mio(x.forventet_afvigelse_kr, True),
            _tekst(_afvigelsesord(x)),
            _mio(x.tidsforskydning_kr),
        ]
        for n, x in zip(navne, (*t.pr_type, t.i_alt), strict=True)
    ]
    kolonner = [
        ("Budgettype", False),
        ("Korrigeret budget", True),
        ("Forbrug til dato", True),
        (r.regnskab_ord, True),
        ("Forventet afvigelse", True),
        ("Afvigelse", False),
        ("Tidsforskydning", True),
    ]
    return _tabel("budgettyper", kolonner, raekker, sum_raekke=True)


def _ramme_tabel(r: Rapport) -> Tabel:
    def raekke(o: Omraade) -> list[Celle]:
        ord_ = OVER_RAMMEN if o.ramme_afvigelse_kr > 0 else I_RAMMEN
        return [
            _tekst(o.navn),
            _mio(o.ramme_kr),
            _mio(o.ramme_forventet_kr),
            _mio(o.ramme_afvigelse_kr, True),
            _tekst(ord_ if o.ramme_kr or o.ramme_forventet_kr else ""),
        ]

    kolonner = [
        (r.omraade_ord, False),
        ("Rammen (korrigeret)", True),
        (f"{r.regnskab_ord} i rammen", True),
        ("Afvigelse mod rammen", True),
        ("Vurdering", False),
    ]
    return _tabel("ramme", kolonner, [raekke(o) for o in (*r.omraader, r.total)], sum_raekke=True)


def _linje_celler(a: Afvigelse) -> list[Celle]:
    sted = a.enhed + (f" · {a.projekt}" if a.projekt else "")
    return [_tekst(a.politikomraade), _tekst(sted), _tekst(a.budgettype)]


def _med_markering(tekst: str | None, indberettet: str | None) -> str:
    """The explanation with the marking of a forecast reported after the snapshot."""
    if indberettet is None:
        return tekst or ""
    return f"{tekst} ({indberettet})" if tekst else indberettet


def _afvigelse_tabel(r: Rapport) -> Tabel:
    kolonner = [
        ("Politikområde", False),
        ("Enhed", False),
        ("Budgettype", False),
        ("Korrigeret budget", True),
        (r.regnskab_ord, True),
        ("Forventet afvigelse", True),
        ("Forklaring", False),
        ("Handling", False),
    ]
    raekker = [
        [
            *_linje_celler(a),
            _mio(a.korrigeret_budget_kr),
            _mio(a.forventet_forbrug_kr),
            _mio(a.forventet_afvigelse_kr, True),
            _tekst(_med_markering(a.forklaring or "Ingen forklaring i prognosen.", a.indberettet)),
            _tekst(a.handling or "–"),
        ]
        for a in r.afvigelser
    ]
    return _tabel("afvigelser", kolonner, raekker)


def _indberettede_tabel(r: Rapport) -> Tabel:
    kolonner = [
        ("Politikområde", False),
        ("Enhed", False),
        ("Budgettype", False),
        ("Korrigeret budget", True),
        (r.regnskab_ord, True),
        ("Forventet afvigelse", True),
        ("Forklaring", False),
        ("Handling", False),
        ("Indberettet", False),
    ]
    raekker = [
        [
            *_linje_celler(a),
            _mio(a.korrigeret_budget_kr),
            _mio(a.forventet_forbrug_kr),
            _mio(a.forventet_afvigelse_kr, True),
            _tekst(a.forklaring or "Ingen forklaring i prognosen."),
            _tekst(a.handling or "–"),
            _tekst(a.indberettet),
        ]
        for a in r.indberettede
    ]
    return _tabel("indberettede_prognoser", kolonner, raekker)


def _dato_kolonne(d: date, regnskab: bool) -> str:
    """ "31. jan." (the forecast's date), or "Regnskab" for the closed year's accounts."""
    return "Regnskab" if regnskab else format_date(d, "d. MMM", locale="da_DK")


def _udvikling_tabel(u: Udvikling) -> Tabel:
    sidste = len(u.datoer) - 1
    kolonner = [
        ("Udvalg", False),
        ("Budgettype", False),
        *((_dato_kolonne(d, u.regnskab and i == sidste), True) for i, d in enumerate(u.datoer)),
    ]
    raekker: list[list[Celle]] = []
    forrige = None
    for x in u.raekker:
        raekker.append(
            [
                _tekst(x.omraade if x.omraade != forrige else ""),
                _tekst(x.budgettype),
                *(_mio(v, True) for v in x.afvigelse_kr),
            ]
        )
        forrige = x.omraade
    total = u.raekker[-1]
    raekker.append(
        [_tekst("Linjer uden prognose"), _tekst(""),
         *((fmt.tal(n), n) for n in total.antal_mangler)]
    )  # fmt: skip
    return _tabel(
        "prognoseudvikling",
        kolonner,
        raekker,
        note="Forventet afvigelse i mio. kr. (plus = merforbrug, minus = mindreforbrug) mod "
        "opfølgningens korrigerede budget. En linje uden ny prognose i en måned indgår med "
        "sin seneste; en linje helt uden prognose indgår med sit korrigerede budget "
        "(afvigelse 0) og tælles i «Linjer uden prognose».",
    )


def _mangler_tabel(r: Rapport) -> Tabel:
    kolonner = [
        ("Politikområde", False),
        ("Enhed", False),
        ("Budgettype", False),
        ("Korrigeret budget", True),
        ("Prognose", False),
    ]
    raekker = [
        [*_linje_celler(a), _mio(a.korrigeret_budget_kr), _tekst(MANGLER)]
        for a in r.mangler_prognose
    ]
    return _tabel("mangler_prognose", kolonner, raekker)


def _bevilling_tabel(r: Rapport) -> Tabel:
    kolonner = [
        ("Art", False),
        ("Politikområde", False),
        ("Enhed", False),
        ("Budgettype", False),
        ("Beløb, 1.000 kr.", True),
    ]
    raekker: list[list[Celle]] = [
        [
            _tekst(b.art),
            _tekst(b.politikomraade),
            _tekst(b.enhed + (f" · {b.projekt}" if b.projekt else "")),
            _tekst(b.budgettype),
            _tusind(b.beloeb_kr, True),
        ]
        for b in r.bevillinger
    ]
    for art in budgetopfoelgning.BEVILLINGSARTER.values():
        summ = sum(b.beloeb_kr for b in r.bevillinger if b.art == art)
        if any(b.art == art for b in r.bevillinger):
            raekker.append(
                [_tekst(f"{art}er i alt"), _tekst(""), _tekst(""), _tekst(""), _tusind(summ, True)]
            )
    return _tabel(
        "bevillinger",
        kolonner,
        raekker,
        sum_raekke=False,
        note="Plus = større udgiftsbudget (eller mindre indtægtsbudget). Omplaceringer er "
        "neutrale flytninger og går i nul inden for udvalget.",
    )


def _aendring_tabel(r: Rapport) -> Tabel:
    kolonner = [
        (r.omraade_ord, False),
        ("Forventet afvigelse nu", True),
        ("Ved forrige opfølgning", True),
        ("Ændring", True),
    ]
    raekker = [
        [
            _tekst(o.navn),
            _mio(o.i_alt.forventet_afvigelse_kr, True),
            _mio(o.afvigelse_foer_kr, True),
            _mio(o.aendring_kr, True),
        ]
        for o in (*r.omraader, r.total)
    ]
    return _tabel(
        "aendringer",
        kolonner,
        raekker,
        sum_raekke=True,
        note="Ændring = afvigelse nu − afvigelse ved forrige opfølgning (plus = mod merforbrug).",
    )


def _projekt_tabel(r: Rapport) -> Tabel:
    kolonner = [
        ("Projekt", False),
        ("Politikområde", False),
        ("Anlægsbevilling", True),
        ("Rådighedsbeløb i år", True),
        ("Forbrug i år", True),
        ("Forventet i år", True),
        ("Tidsforskydning", True),
        ("Forklaring", False),
    ]
    raekker = [
        [
            _tekst(p.navn),
            _tekst(p.politikomraade),
            _mio(p.anlaegsbevilling_kr),
            _mio(p.raadighedsbeloeb_kr),
            _mio(p.forbrug_kr),
            _mio(p.forventet_forbrug_kr),
            _mio(p.tidsforskydning_kr),
            _tekst(MANGLER if p.prognose_mangler else _med_markering(p.forklaring, p.indberettet)),
        ]
        for p in r.projekter
    ]
    return _tabel(
        "anlaeg",
        kolonner,
        raekker,
        note="Tidsforskydning = rådighedsbeløb − forventet forbrug, når projektet bruger "
        "mindre i år: pengene flyttes til senere år og er ikke en besparelse.",
    )


def _revision_tabeller(r: Rapport) -> tuple[Tabel, Tabel]:
    oversigt: list[list[Celle]] = []
    for o in r.revision:
        antal = {s: sum(1 for m in o.maal if m.status == s) for s in STATUSSER}
        oversigt.append(
            [
                _tekst(o.navn),
                _mio(o.service.korrigeret_budget_kr),
                _mio(o.service.forventet_forbrug_kr),
                _mio(o.service.forventet_afvigelse_kr, True),
                *((str(antal[s]), antal[s]) for s in STATUSSER),
            ]
        )
    kol1 = [
        ("Politikområde", False),
        ("Service: korrigeret budget", True),
        (f"Service: {r.regnskab_ord.lower()}", True),
        ("Service: afvigelse", True),
        *((tema.status_tekst(s), True) for s in STATUSSER),
    ]
    maal: list[list[Celle]] = [
        [
            _tekst(o.navn),
            _tekst(m.maaltype),
            _tekst(m.titel),
            _tekst(tema.status_tekst(m.status)),
            _tekst(m.kommentar or ""),
        ]
        for o in r.revision
        for m in o.maal
    ]
    kol2 = [
        ("Politikområde", False),
        ("Type", False),
        ("Mål", False),
        ("Status", False),
        ("Seneste vurdering", False),
    ]
    return (
        _tabel("revision_oversigt", kol1, oversigt, note="Antal mål pr. status."),
        _tabel("revision_maal", kol2, maal),
    )


def _figur(r: Rapport) -> Figur:
    navne = tuple(o.navn for o in r.omraader)
    pr_type = tuple(
        tuple(o.pr_type[i].forventet_afvigelse_kr for o in r.omraader)
        for i in range(len(BUDGETTYPER))
    )
    ord_ = r.omraade_ord.lower()
    dele = [
        f"Vandret søjlediagram: forventet afvigelse pr. {ord_} i mio. kr., "
        "fordelt på service, indkomstoverførsler og anlæg (plus = merforbrug)."
    ]
    i_alt = [(o.navn, o.i_alt.forventet_afvigelse_kr) for o in r.omraader]
    if i_alt:
        maks = max(i_alt, key=lambda x: x[1])
        mini = min(i_alt, key=lambda x: x[1])
        if maks[1] > 0:
            dele.append(f"Størst merforbrug: {maks[0]} ({fmt.mio_kr(maks[1], fortegn=True)}).")
        if mini[1] < 0:
            dele.append(f"Størst mindreforbrug: {mini[0]} ({fmt.mio_kr(mini[1], fortegn=True)}).")
    dele.append("Tallene står i tabellen over budgettyper.")
    return Figur(
        titel=f"Forventet afvigelse pr. {ord_} og budgettype (mio. kr.)",
        navne=navne,
        pr_type=pr_type,
        alt_tekst=" ".join(dele),
    )


def _resume(r: Rapport) -> tuple[str, ...]:
    t = r.total
    service, indk, anlaeg = t.pr_type
    hvem = "kommunen" if r.udvalg is None else f"{r.udvalg}s område"
    ud = []
    if r.er_budgetrevision:
        ud.append(
            "Dette er budgetrevisionen: økonomien følges op sammen med mål, serviceniveau, "
            "resultatkrav og indsatsområder pr. politikområde. Den behandles i fagudvalg, "
            "Økonomiudvalget og Byrådet."
        )

    def beloeb(x: float) -> str:
        return fmt.mio_kr(x, fortegn=True)

    ramme_ord = "merforbrug" if t.ramme_afvigelse_kr > 0 else "mindreforbrug"
    ud.append(
        f"For {hvem} viser {r.regnskab_ord.lower()} et {ramme_ord} på "
        f"{fmt.mio_kr(abs(t.ramme_afvigelse_kr))} inden for rammen "
        f"(rammen er {fmt.mio_kr(t.ramme_kr)}, {r.regnskab_ord.lower()} "
        f"{fmt.mio_kr(t.ramme_forventet_kr)})."
    )
    ud.append(
        f"Forventet afvigelse pr. budgettype: service {beloeb(service.forventet_afvigelse_kr)}, "
        f"indkomstoverførsler {beloeb(indk.forventet_afvigelse_kr)} og anlæg "
        f"{beloeb(anlaeg.forventet_afvigelse_kr)}"
        + (
            f", heraf tidsforskydning på anlæg {fmt.mio_kr(anlaeg.tidsforskydning_kr)}"
            if anlaeg.tidsforskydning_kr
            else ""
        )
    )
    antal = len(r.mangler_prognose)
    mangler = (
        "" if not antal else " 1 linje mangler prognose." if antal == 1
        else f" {antal} linjer mangler prognose."
    )  # fmt: skip
    ud.append(f"{len(r.afvigelser)} linjer afviger over tærsklen." + mangler)
    if r.indberettede:
        n = len(r.indberettede)
        ud.append(
            (f"{n} prognoser er" if n > 1 else "1 prognose er")
            + " indberettet efter datasættet og indgår i tallene (markeret «Indberettet …»)."
        )
    if r.forrige_etiket is not None:
        if r.bevillinger:
            tb = [b for b in r.bevillinger if b.art == "Tillægsbevilling"]
            ud.append(
                f"Siden {r.forrige_etiket}: {len(tb)} tillægsbevillinger (netto "
                f"{beloeb(sum(b.beloeb_kr for b in tb))}) og "
                f"{len(r.bevillinger) - len(tb)} omplaceringer til godkendelse."
            )
        if t.aendring_kr is not None:
            ud.append(
                f"Den samlede forventede afvigelse er ændret med {beloeb(t.aendring_kr)} "
                f"siden {r.forrige_etiket}."
            )
    return tuple(ud)


def _med_afsnit(r: Rapport, oekonomi: Oekonomiindstillinger, navne: dict[str, str]) -> Rapport:
    """The report's sections in reading order (the same on screen, in Word and PDF)."""
    ord_ = r.omraade_ord.lower()
    afsnit: list[Afsnit] = [
        Afsnit("Resumé", _resume(r)),
        Afsnit(
            f"Økonomi {r.aar}",
            (
                "Hele "
                + ("kommunen" if r.udvalg is None else "udvalgets område")
                + " fordelt på budgettype. Totaler blandes aldrig uden at sige det: "
                f"den sidste række er «{budget.I_ALT_NAVN}».",
            ),
            (_budgettype_tabel(r),),
            _figur(r) if r.omraader else None,
            underafsnit=(
                Afsnit(
                    f"Pr. {ord_}",
                    (
                        "Bevillingsniveauet er fagudvalget: udvalget kan flytte midler mellem "
                        "sine politikområder.",
                    ),
                    (_oekonomi_tabel(r),),
                ),
                Afsnit(
                    "Servicerammen",
                    (styringsregler.fodnote_budgettyper(oekonomi, navne),),
                    (_ramme_tabel(r),),
                ),
            ),
        ),
    ]
    if r.udvikling is not None:
        u = r.udvikling
        afsnit.append(
            Afsnit(
                "Prognosens udvikling",
                (
                    "Økonomiudvalget følger budgettet månedligt: den forventede afvigelse pr. "
                    f"udvalg og budgettype ved hver prognose i {r.aar} frem til "
                    f"opfølgningen ({len(u.datoer) - int(u.regnskab)} prognosedatoer"
                    + (", derefter regnskabet" if u.regnskab else "")
                    + ").",
                ),
                (_udvikling_tabel(u),),
            )
        )
    taerskel = styringsregler.fodnote_taerskler(oekonomi)
    afv_tekst = (
        f"{taerskel} Forklaring og handling er prognosens egen kommentar.",
        *(() if r.afvigelser else ("Ingen linjer afviger over tærsklen.",)),
    )
    afsnit.append(
        Afsnit(
            "Afvigelser over tærsklen",
            afv_tekst,
            (_afvigelse_tabel(r),) if r.afvigelser else (),
            underafsnit=(
                Afsnit(
                    "Linjer uden prognose",
                    (
                        "Linjerne indgår med deres korrigerede budget (afvigelse 0), indtil "
                        "der foreligger en prognose."
                        if r.mangler_prognose
                        else "Alle linjer har en prognose.",
                    ),
                    (_mangler_tabel(r),) if r.mangler_prognose else (),
                ),
                *(
                    (
                        Afsnit(
                            "Prognoser indberettet efter datasættet",
                            (
                                "Prognoserne er indberettet i Styringsoverblik efter "
                                "datasættet og indgår i tallene; de kommer med i næste "
                                "indlæsning.",
                            ),
                            (_indberettede_tabel(r),),
                        ),
                    )
                    if r.indberettede
                    else ()
                ),
            ),
        )
    )
    if r.forrige_etiket is None:
        bev_tekst: tuple[str, ...] = (
            "Der er ingen tidligere opfølgning at sammenligne med: listen viser årets "
            "tillægsbevillinger og omplaceringer i alt.",
        )
    else:
        bev_tekst = (
            f"Ændringer i budgettet siden {r.forrige_etiket}, fundet ved at sammenligne de to "
            "opfølgningers budgetter.",
        )
    afsnit.append(
        Afsnit(
            "Bevillingsændringer til godkendelse",
            bev_tekst + (() if r.bevillinger else ("Ingen ændringer.",)),
            (_bevilling_tabel(r),) if r.bevillinger else (),
        )
    )
    if r.forrige_etiket is not None:
        afsnit.append(
            Afsnit(
                f"Ændringer siden forrige opfølgning ({r.forrige_etiket})",
                (),
                (_aendring_tabel(r),),
            )
        )
    tids = [p for p in r.projekter if p.tidsforskydning_kr]
    afsnit.append(
        Afsnit(
            "Anlæg",
            (
                (
                    f"{len(tids)} af {len(r.projekter)} projekter har en tidsforskydning på i "
                    f"alt {fmt.mio_kr(sum(p.tidsforskydning_kr or 0 for p in tids))}"
                )
                if r.projekter
                else "Ingen anlægsprojekter på området i år.",
            ),
            (_projekt_tabel(r),) if r.projekter else (),
        )
    )
    if r.er_budgetrevision:
        oversigt, maal = _revision_tabeller(r)
        kilde = (
            "Mål, serviceniveau, resultatkrav og indsatsområder pr. politikområde."
            if r.har_maaltyper
            else "Datagrundlaget skelner ikke mellem mål, serviceniveau, resultatkrav og "
            "indsatsområder (kolonnen maaltype mangler): alle politikområdets mål vises som mål."
        )
        afsnit.append(
            Afsnit(
                "Budgetrevision: mål og økonomi pr. politikområde",
                (kilde, "Status er målets egen status (vurdering eller indikatorer)."),
                (oversigt, maal) if r.revision else (),
            )
        )
    afsnit.append(Afsnit("Noter", (r.fodnote,)))
    return replace(r, afsnit=tuple(afsnit))
