"""The dialogue brief's content as plain data, built once and used by screen, PDF and PPTX.

`byg_brief` gathers everything a centre chief needs for the agreement dialogue with one
unit (enhed): the agreement for the year, its goals with status, the indicators behind
them, the budget, what changed since the previous snapshot, the units below it side by
side, and suggested talking points. `byg_udvalgsbrief` makes the same brief for a
fagudvalg's area, the political dialogue on the level-1 agreement (udvalg ↔ direktion):
the agreement(s) with the udvalg as counterpart, the goals of its politikområder (at the
politikområde and direktion level), the economy of every unit on its politikområder, and
the politikområder side by side. What a brief covers is its `Omfang`.

Reports made in the app after the snapshot (`Kilde.indberetninger`) are laid on top of
it before the rules run (modeller/indberetning/ovenpaa.py): a reported vurdering is the
goal's status by the goal-status rule, a reported prognose the line's forecast, each
marked "Indberettet <dato> af <navn> (efter datasættet)" (`Maal.indberettet`,
`Budgetlinje.indberettet`). Every figure and status comes from the shared rules
(dashboard/beregning.py over modeller/), so it is by construction the same as on the
other pages. The result holds no DataFrames: only frozen dataclasses of plain values.

Documents never import streamlit: the data and the cached computations come in as a
`Kilde` (the app passes the module dashboard/kilde.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol

import polars as pl

from dashboard.faelles import format as fmt
from modeller import budget, indikatorer, organisation, status, styringsregler
from modeller.budget import Profilmetode
from modeller.indberetning.ovenpaa import prognoser_ovenpaa, vurderinger_ovenpaa
from modeller.snapshot import Snapshot
from modeller.status import ALVORLIGHED, STATUS_TEKST, STATUSSER
from modeller.styringsregler import STANDARD, Oekonomiindstillinger
from modeller.tid import lokal_tid, reference_dato

AFTALESTATUS_TEKST = {"udkast": "Udkast", "indgaaet": "Indgået", "opfulgt": "Opfulgt"}
ENHEDSTYPE_TEKST = {
    "kommune": "Kommune",
    "direktion": "Direktion",
    "center": "Center",
    "institution": "Institution",
    "udvalg": "Fagudvalg",
}
BYRAAD_FAGUDVALG = "Byråd/fagudvalg"
"""Counterpart of a level-1 agreement whose goals name no udvalg."""
MAKS_SERIER_PR_INDIKATOR = 6
"""A goal without its own series shows at most this many units' series."""
MAKS_PUNKTER_PR_KATEGORI = 6
"""Talking points per category; the rest is summarised as "… og n flere"."""
STOR_ENHED_KR = 50_000_000.0
"""Budgets above this are shown in mio. kr., smaller ones in 1.000 kr."""
UDVALG_MAALNIVEAUER = ("politikomraade", "direktion")
"""The goals of an udvalg's brief: its politikområder's own goals and the direktion's
goals on them (the level-1 agreement)."""


def markering(indberettet: datetime, navn: str) -> str:
    """ "Indberettet 12.10.2026 af Anne Andersen (efter datasættet)": a report newer than
    the snapshot (plain text: the screen passes it through `fmt.ren`). The date is the
    Danish one (Europe/Copenhagen)."""
    return f"Indberettet {fmt.kort_dato(lokal_tid(indberettet))} af {navn} (efter datasættet)"


@dataclass(frozen=True)
class Omfang:
    """What a brief covers: one unit and every unit below it (`enhed_id`), or a fagudvalg's
    area (`udvalg`): every unit's lines on its politikområder and the goals of
    UDVALG_MAALNIVEAUER on them."""

    enhed_id: str | None = None
    udvalg: str | None = None

    def politikomraader(self, s: Snapshot) -> list[str]:
        """The udvalg's politikområder (empty for a unit)."""
        po = s["politikomraader"]
        return po.filter(pl.col("udvalg") == self.udvalg)["politikomraade_id"].to_list()

    def maal(self, s: Snapshot, maal: pl.DataFrame) -> pl.DataFrame:
        """The goals (rows of `maal`) the brief is about."""
        if self.udvalg is not None:
            return maal.filter(
                pl.col("politikomraade_id").is_in(self.politikomraader(s))
                & pl.col("niveau").is_in(UDVALG_MAALNIVEAUER)
            )
        return maal.filter(pl.col("enhed_id") == self.enhed_id)

    def linjer(self, s: Snapshot, df: pl.DataFrame) -> pl.DataFrame:
        """Rows of `df` (with enhed_id and politikomraade_id) inside the brief's area."""
        if self.udvalg is not None:
            return df.filter(pl.col("politikomraade_id").is_in(self.politikomraader(s)))
        under = organisation.efterkommere(s["organisation"], self.enhed_id or "")
        return df.filter(pl.col("enhed_id").is_in(under))

    def rul_op(self, s: Snapshot, linjer: pl.DataFrame, niveau: budget.Niveau) -> pl.DataFrame:
        """`budget.rul_op` of the follow-up lines inside the area."""
        org, po = s["organisation"], s["politikomraader"]
        if self.udvalg is not None:
            return budget.rul_op(linjer, org, po, niveau, udvalg=self.udvalg)
        return budget.rul_op(linjer, org, po, niveau, under_enhed_id=self.enhed_id)


@dataclass(frozen=True)
class Aftale:
    aftale_id: str
    aar_fra: int
    aar_til: int
    status: str | None
    indgaaet_dato: date | None
    holder: str
    modpart: str | None

    @property
    def periode(self) -> str:
        return (
            str(self.aar_fra) if self.aar_fra == self.aar_til else f"{self.aar_fra}–{self.aar_til}"
        )

    @property
    def status_tekst(self) -> str:
        return AFTALESTATUS_TEKST.get(self.status or "", "Ukendt")


@dataclass(frozen=True)
class Maal:
    maal_id: str
    titel: str
    succeskriterie: str | None
    status: str
    kilde: str
    vurdering_kommentar: str | None
    vurdering_dato: date | None
    vurderet_af: str | None
    tidsfrist: date | None
    ansvarlig: str | None
    overordnet_titel: str | None
    indberettet: str | None = None
    """ "Indberettet … af … (efter datasættet)" when the latest vurdering was reported in
    the app after the snapshot (then `vurdering_*` are that report's)."""
    status_datasaet: str | None = None
    """The snapshot's own status when the reported vurdering changed it."""


@dataclass(frozen=True)
class Indikator:
    indikator_id: str
    navn: str
    maaleenhed: str
    retning: str
    maal_titel: str
    enhed_navn: str | None
    baseline: float | None
    maalvaerdi: float | None
    seneste_vaerdi: float | None
    seneste_periode: date | None
    status: str
    bevaeger_sig: str | None
    perioder: tuple[date, ...]
    vaerdier: tuple[float, ...]
    vaek_fra_maal: bool = False
    """Moving away from target (`modeller.indikatorer.vaek_fra_maal`, the one rule)."""
    bagud: bool = False
    """Behind the elapsed share of its period (`modeller.indikatorer.bagud`)."""


@dataclass(frozen=True)
class Budgetlinje:
    navn: str
    korrigeret_budget_kr: float
    forbrug_kr: float
    forbrugsprocent_pct: float | None
    forventet_forbrug_kr: float
    forventet_afvigelse_kr: float
    overfoersel_kr: float
    forventet_overfoersel_ud_kr: float
    er_afvigelse: bool
    afvigelse_foer_kr: float | None = None
    kommentar: str | None = None
    """The forecast's own explanation (one line's, or the only one among its lines)."""
    antal_prognose_mangler: int = 0
    """Lines without a forecast (they count at their korrigeret budget)."""
    er_regnskab: bool = False
    """A closed year: the figures are the accounts, not a forecast."""
    tidsforskydning_kr: float = 0.0
    indberettet: str | None = None
    """The forecast (of a line below) was reported in the app after the snapshot."""


@dataclass(frozen=True)
class Statusaendring:
    titel: str
    status_foer: str | None
    status_nu: str | None
    aendring: str

    @property
    def forvaerret(self) -> bool:
        """Worsened since the previous follow-up (`modeller.status.forvaerret`)."""
        return status.er_forvaerret(self.status_foer, self.status_nu)


@dataclass(frozen=True)
class Underenhed:
    enhed_id: str
    navn: str
    antal: dict[str, int]
    korrigeret_budget_kr: float | None
    forventet_afvigelse_kr: float | None
    er_afvigelse: bool


@dataclass(frozen=True)
class Punkt:
    kategori: str
    tekst: str


@dataclass(frozen=True)
class Brief:
    kommune: str
    snapshot_id: str
    etiket: str | None
    data_pr: date | None
    aar: int
    enhed_id: str
    enhed_navn: str
    enhed_type: str
    leder: str | None
    overordnet_navn: str | None
    aftale: Aftale | None
    maal: tuple[Maal, ...]
    indikatorer: tuple[Indikator, ...]
    budget: tuple[Budgetlinje, ...]
    budget_total: Budgetlinje | None
    forrige_etiket: str | None
    forrige_data_pr: date | None
    statusaendringer: tuple[Statusaendring, ...]
    underenheder: tuple[Underenhed, ...]
    dagsorden: tuple[Punkt, ...]
    har_forrige: bool = False
    aftaler: tuple[Aftale, ...] = ()
    """Every agreement of the unit for the year: the direktion holds one per udvalg
    (level 1, counterpart the udvalg); `aftale` is the first."""
    noter: tuple[str, ...] = field(default=())
    budgettyper: tuple[Budgetlinje, ...] = ()
    """The totals split into Service, Indkomstoverførsler and Anlæg (the grand total is
    `budget_total`, named I_ALT_NAVN)."""
    fodnote: str = ""
    """The economy footnote, generated from the settings in force."""
    udvalg: str | None = None
    """Set for an udvalg's brief (then enhed_id and enhed_navn are the udvalg's name)."""

    @property
    def omfang(self) -> Omfang:
        return Omfang(udvalg=self.udvalg) if self.udvalg else Omfang(enhed_id=self.enhed_id)

    @property
    def omfang_tekst(self) -> str:
        """Whose money the economy covers, for notes: "X og alle enheder under den"."""
        if self.udvalg:
            return f"alle enheder på {self.udvalg}s politikområder"
        return f"{self.enhed_navn} og alle enheder under den"

    @property
    def alle_aftaler(self) -> tuple[Aftale, ...]:
        """The agreements to show: `aftaler` (the direktion's one per udvalg), or just
        `aftale` when that is set on its own; none when `aftale` is None."""
        if self.aftale is None:
            return ()
        return self.aftaler if self.aftale in self.aftaler else (self.aftale,)

    @property
    def regnskab(self) -> bool:
        """A closed year: "Regnskab" instead of "Forventet regnskab"."""
        return self.budget_total is not None and self.budget_total.er_regnskab

    @property
    def regnskab_ord(self) -> str:
        return "Regnskab" if self.regnskab else "Forventet regnskab"

    @property
    def i_mio(self) -> bool:
        """Amounts in mio. kr. (large units) or 1.000 kr. (small units)."""
        t = self.budget_total
        return t is not None and abs(t.korrigeret_budget_kr) >= STOR_ENHED_KR

    @property
    def beloebsenhed(self) -> str:
        return "mio. kr." if self.i_mio else "1.000 kr."

    def beloeb(self, x: float | None, fortegn: bool = False) -> str:
        """An amount in the brief's unit (see `beloebsenhed`), Danish formatting."""
        if self.i_mio:
            return fmt.mio(x, 1, fortegn)
        if x is None:
            return "–"
        return fmt.tal(x / 1000, 0, fortegn)

    def beloeb_tekst(self, x: float | None, fortegn: bool = False) -> str:
        """An amount with its unit for running text: "3,0 mio. kr." or "160.071 kr."."""
        if self.i_mio:
            return fmt.mio_kr(x, 1, fortegn)
        return "–" if x is None else f"{fmt.tal(x, 0, fortegn)} kr."

    @property
    def undertitel(self) -> str:
        """ "Data pr. 30. september 2026 · Budgetopfølgning 30. september 2026"."""
        dele = [f"Data pr. {fmt.dato(self.data_pr)}"]
        if self.etiket:
            dele.append(self.etiket)
        return " · ".join(dele)

    @property
    def underenheder_titel(self) -> str:
        if self.udvalg:
            return "Politikområder"
        return "Centre" if self.enhed_type == "direktion" else "Institutioner"


class Kilde(Protocol):
    """Where a brief's data comes from: snapshots and the shared cached computations."""

    def load_snapshot(self, snapshot_id: str | None = None) -> Snapshot: ...

    def opfoelgning(
        self,
        snapshot_id: str,
        aar: int,
        pr: date,
        profilmetode: Profilmetode = "lineaer",
        indstillinger: Oekonomiindstillinger = STANDARD,
    ) -> pl.DataFrame: ...

    def maal_status(self, snapshot_id: str, pr: date) -> pl.DataFrame: ...

    def aktive_maal(self, snapshot_id: str, aar: int) -> pl.DataFrame: ...

    def indberetninger(self, snapshot_id: str, art: str) -> pl.DataFrame:
        """The current reports of kind `art` (vurdering, prognose, maaling) made after the
        snapshot, as a frame of their source table plus indberetning_id, indberettet
        (UTC), navn and bruger (`modeller.indberetning.lager.som_ramme`); empty without a
        store."""
        ...


def pr_for(kilde: Kilde, snapshot_id: str, aar: int) -> date:
    """The reference date of a snapshot for `aar` (`modeller.tid.reference_dato`)."""
    return reference_dato(kilde.load_snapshot(snapshot_id).manifest.data_as_of, aar)


def _udvalg_for_aftaler(s: Snapshot, aftale_ids: list[str]) -> dict[str, str]:
    """aftale_id → the udvalg (or udvalg, " og "-joined) owning the politikområder of the
    agreement's goals: the counterpart of a level-1 agreement (udvalg ↔ direktion)."""
    par = (
        s["maal"]
        .filter(pl.col("aftale_id").is_in(aftale_ids))
        .join(s["politikomraader"].select("politikomraade_id", "udvalg"), on="politikomraade_id")
        .filter(pl.col("udvalg").is_not_null())
        .select("aftale_id", "udvalg")
        .unique()
        .sort("aftale_id", "udvalg")
    )
    ud: dict[str, list[str]] = {}
    for aid, udv in par.iter_rows():
        ud.setdefault(aid, []).append(udv)
    return {aid: " og ".join(u) for aid, u in ud.items()}


def _aftaler(
    s: Snapshot, enhed: dict[str, str | None], navne: dict[str, str], aar: int
) -> tuple[Aftale, ...]:
    """The unit's agreements for `aar` (newest first). The direktion holds one level-1
    agreement per udvalg: its counterpart is that udvalg (from the agreement's goals),
    "Byråd/fagudvalg" when the goals name none; below, the unit's parent."""
    a = (
        s["aftaler"]
        .filter(
            (pl.col("enhed_id") == enhed["enhed_id"])
            & (pl.col("aar_fra") <= aar)
            & (pl.col("aar_til").fill_null(pl.col("aar_fra")) >= aar)
        )
        .sort(["aar_fra", "aftale_id"], descending=[True, False])
    )
    niveau_1 = enhed.get("type") == "direktion"
    udvalg = _udvalg_for_aftaler(s, a["aftale_id"].to_list()) if niveau_1 else {}
    over = enhed["overordnet_id"]
    return tuple(
        Aftale(
            aftale_id=r["aftale_id"],
            aar_fra=r["aar_fra"],
            aar_til=r["aar_til"] if r["aar_til"] is not None else r["aar_fra"],
            status=r["status"],
            indgaaet_dato=r["indgaaet_dato"],
            holder=navne[enhed["enhed_id"] or ""],
            modpart=udvalg.get(r["aftale_id"], BYRAAD_FAGUDVALG)
            if niveau_1
            else (navne.get(over) if over else None),
        )
        for r in a.iter_rows(named=True)
    )


def _omfangets_maal(kilde: Kilde, snapshot_id: str, omfang: Omfang, aar: int) -> pl.DataFrame:
    s = kilde.load_snapshot(snapshot_id)
    return omfang.maal(s, kilde.aktive_maal(snapshot_id, aar)).sort("maal_id")


def _maal(
    kilde: Kilde, snapshot_id: str, omfang: Omfang, aar: int, pr: date, raa: Kilde
) -> tuple[Maal, ...]:
    """The brief's goals with their status as of `pr`; `kilde` has the reports on top
    (see `_Ovenpaa`), `raa` is the snapshot alone (for the status the report changed)."""
    s = kilde.load_snapshot(snapshot_id)
    mine = _omfangets_maal(kilde, snapshot_id, omfang, aar)
    titler = dict(s["maal"].select("maal_id", "titel").iter_rows())
    st_ = kilde.maal_status(snapshot_id, pr)
    df = mine.join(st_, on="maal_id", how="left")
    nye = {
        r["maal_id"]: r
        for r in kilde.indberetninger(snapshot_id, "vurdering")
        .filter(pl.col("maal_id").is_in(mine["maal_id"].implode()))
        .iter_rows(named=True)
    }
    foer: dict[str, str] = {}
    if nye:
        foer = dict(
            raa.maal_status(snapshot_id, pr)
            .filter(pl.col("maal_id").is_in(list(nye)))
            .select("maal_id", "status")
            .iter_rows()
        )
    ud = []
    for r in df.iter_rows(named=True):
        status_ = r["status"] or "ikke_vurderet"
        ny = nye.get(r["maal_id"])
        if ny is not None:  # the reported vurdering is the latest (its own date shown)
            r = {**r, "vurdering_kommentar": ny["kommentar"], "vurdering_dato": ny["dato"],
                 "vurderet_af": ny["vurderet_af"] or ny["navn"]}  # fmt: skip
        datasaet = foer.get(r["maal_id"], "ikke_vurderet")
        ud.append(
            Maal(
                maal_id=r["maal_id"],
                titel=r["titel"],
                succeskriterie=r["succeskriterie"],
                status=status_,
                kilde=r["kilde"] or "ingen",
                vurdering_kommentar=r["vurdering_kommentar"],
                vurdering_dato=r["vurdering_dato"],
                vurderet_af=r["vurderet_af"],
                tidsfrist=r["tidsfrist"],
                ansvarlig=r["ansvarlig"],
                overordnet_titel=titler.get(r["overordnet_maal_id"]),
                indberettet=markering(ny["indberettet"], ny["navn"]) if ny else None,
                status_datasaet=datasaet if ny is not None and datasaet != status_ else None,
            )
        )
    return tuple(ud)


def _indikatorer(
    kilde: Kilde,
    snapshot_id: str,
    maal: tuple[Maal, ...],
    enhed_id: str | None,
    navne: dict[str, str],
    pr: date,
) -> tuple[Indikator, ...]:
    if not maal:
        return ()
    s = kilde.load_snapshot(snapshot_id)
    titler = {m.maal_id: m.titel for m in maal}
    ind = s["indikatorer"].filter(pl.col("maal_id").is_in(list(titler)))
    if ind.is_empty():
        return ()
    maalinger = s["maalinger"].filter(
        pl.col("indikator_id").is_in(ind["indikator_id"].implode()) & (pl.col("periode") <= pr)
    )
    # The series that stand for the goals (status.maalets_serier); of many, the first few.
    udv = status.maalets_serier(
        indikatorer.marker_afvigelser(indikatorer.udvikling(ind, maalinger, s["maal"], pr)),
        enhed_id,
    )
    udv = udv.filter(pl.int_range(pl.len()).over("indikator_id") < MAKS_SERIER_PR_INDIKATOR)
    meta = ind.select("indikator_id", "navn", "maaleenhed")
    ud: list[Indikator] = []
    for r in (
        udv.join(meta, on="indikator_id")
        .sort("maal_id", "indikator_id", "enhed_id")
        .iter_rows(named=True)
    ):
        serie = (
            maalinger.filter(
                (pl.col("indikator_id") == r["indikator_id"])
                & (pl.col("enhed_id") == r["enhed_id"])
            )
            .drop_nulls("vaerdi")
            .sort("periode")
        )
        ud.append(
            Indikator(
                indikator_id=r["indikator_id"],
                navn=r["navn"],
                maaleenhed=r["maaleenhed"],
                retning=r["retning"],
                maal_titel=titler[r["maal_id"]],
                enhed_navn=navne.get(r["enhed_id"]) if r["enhed_id"] else None,
                baseline=r["baseline"],
                maalvaerdi=r["maalvaerdi"],
                seneste_vaerdi=r["seneste_vaerdi"],
                seneste_periode=r["seneste_periode"],
                status=r["status"],
                bevaeger_sig=r["bevaeger_sig"],
                perioder=tuple(serie["periode"].to_list()),
                vaerdier=tuple(float(v) for v in serie["vaerdi"].to_list()),
                vaek_fra_maal=bool(r["vaek_fra_maal"]),
                bagud=bool(r["bagud"]),
            )
        )
    return tuple(ud)


def budget_pr_omraade(
    kilde: Kilde,
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    pr: date,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> pl.DataFrame:
    """The area's budget per politikområde (a unit with every unit below it, or an
    udvalg's politikområder), exceptions flagged."""
    s = kilde.load_snapshot(snapshot_id)
    linjer = kilde.opfoelgning(snapshot_id, aar, pr, "lineaer", oekonomi)
    return budget.marker_afvigelser(omfang.rul_op(s, linjer, "politikomraade"), oekonomi.taerskler)


def budget_total(
    kilde: Kilde,
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    pr: date,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> pl.DataFrame:
    """One row: the totals of `budget_pr_omraade`'s lines, exception flagged."""
    s = kilde.load_snapshot(snapshot_id)
    linjer = kilde.opfoelgning(snapshot_id, aar, pr, "lineaer", oekonomi)
    under = omfang.rul_op(s, linjer, "enhed")
    return budget.marker_afvigelser(budget.total(under), oekonomi.taerskler)


def _linje(
    r: dict[str, object], navn: str, foer: float | None = None, indberettet: str | None = None
) -> Budgetlinje:
    def f(k: str) -> float:
        v = r.get(k)
        return float(v) if isinstance(v, int | float) else 0.0

    pct = r.get("forbrugsprocent_pct")
    return Budgetlinje(
        navn=navn,
        korrigeret_budget_kr=f("korrigeret_budget_kr"),
        forbrug_kr=f("forbrug_kr"),
        forbrugsprocent_pct=float(pct) if isinstance(pct, int | float) else None,
        forventet_forbrug_kr=f("forventet_forbrug_kr"),
        forventet_afvigelse_kr=f("forventet_afvigelse_kr"),
        overfoersel_kr=f("overfoersel_kr"),
        forventet_overfoersel_ud_kr=f("forventet_overfoersel_ud_kr"),
        er_afvigelse=bool(r.get("er_afvigelse")),
        afvigelse_foer_kr=foer,
        kommentar=str(r["prognose_kommentar"]) if r.get("prognose_kommentar") else None,
        antal_prognose_mangler=int(str(r.get("antal_prognose_mangler") or 0)),
        er_regnskab=bool(r.get("er_regnskab")),
        tidsforskydning_kr=f("tidsforskydning_kr"),
        indberettet=indberettet,
    )


def _markering_af(nye: pl.DataFrame) -> str | None:
    """The mark of the reported forecasts `nye` (one, or several: how many and the
    newest), None when there are none."""
    if nye.is_empty():
        return None
    r = nye.sort("indberettet").row(-1, named=True)
    if nye.height == 1:
        return markering(r["indberettet"], r["navn"])
    return (
        f"{nye.height} prognoser indberettet efter datasættet, senest "
        f"{fmt.kort_dato(lokal_tid(r['indberettet']))} af {r['navn']}"
    )


def _budget(
    kilde: Kilde,
    snapshot_id: str,
    forrige_id: str | None,
    omfang: Omfang,
    aar: int,
    pr: date,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> tuple[tuple[Budgetlinje, ...], Budgetlinje | None]:
    nu = budget_pr_omraade(kilde, snapshot_id, omfang, aar, pr, oekonomi=oekonomi)
    if nu.is_empty():
        return (), None
    tot = budget_total(kilde, snapshot_id, omfang, aar, pr, oekonomi=oekonomi).row(0, named=True)
    foer_pr: dict[str, float | None] = {}
    foer_tot: float | None = None
    if forrige_id is not None:
        pr_f = pr_for(kilde, forrige_id, aar)
        foer = budget_pr_omraade(kilde, forrige_id, omfang, aar, pr_f, oekonomi=oekonomi)
        if not foer.is_empty():
            aendr = budget.afvigelse_aendring(nu, foer, ["politikomraade_id"])
            foer_pr = dict(
                aendr.select("politikomraade_id", "forventet_afvigelse_foer_kr").iter_rows()
            )
            foer_tot = budget_total(kilde, forrige_id, omfang, aar, pr_f, oekonomi=oekonomi)[
                "forventet_afvigelse_kr"
            ][0]
    s = kilde.load_snapshot(snapshot_id)
    nye = omfang.linjer(s, kilde.indberetninger(snapshot_id, "prognose")).filter(
        pl.col("opfoelgningsdato").dt.year() == aar
    )
    linjer = tuple(
        _linje(
            r,
            str(r["navn"] or r["politikomraade_id"]),
            foer_pr.get(r["politikomraade_id"]),
            _markering_af(nye.filter(pl.col("politikomraade_id") == r["politikomraade_id"])),
        )
        for r in nu.iter_rows(named=True)
    )
    return linjer, _linje(tot, budget.I_ALT_NAVN, foer_tot, _markering_af(nye))


def _budgettyper(
    kilde: Kilde,
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    pr: date,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> tuple[Budgetlinje, ...]:
    """The area's totals per budget type."""
    s = kilde.load_snapshot(snapshot_id)
    linjer = kilde.opfoelgning(snapshot_id, aar, pr, "lineaer", oekonomi)
    dele = budget.marker_afvigelser(
        budget.fordel_pr_budgettype(omfang.linjer(s, linjer)), oekonomi.taerskler
    )
    return tuple(_linje(r, str(r["budgettype_navn"])) for r in dele.iter_rows(named=True))


def fodnote(oekonomi: Oekonomiindstillinger, total: Budgetlinje | None, aar: int) -> str:
    """The brief's economy footnote, generated from the settings in force."""
    dele = [
        styringsregler.fodnote_fortegn(),
        styringsregler.fodnote_taerskler(oekonomi),
        styringsregler.fodnote_overfoersel(oekonomi),
    ]
    if total is not None and total.er_regnskab:
        dele.append(styringsregler.fodnote_regnskab(aar))
    if total is not None and total.antal_prognose_mangler:
        dele.append(styringsregler.fodnote_mangler_prognose(total.antal_prognose_mangler))
    return " ".join(dele)


def _statusaendringer(
    kilde: Kilde, snapshot_id: str, forrige_id: str | None, omfang: Omfang, aar: int, pr: date
) -> tuple[Statusaendring, ...]:
    if forrige_id is None:
        return ()
    mine = _omfangets_maal(kilde, snapshot_id, omfang, aar).select("maal_id", "titel")
    foer_mine = _omfangets_maal(kilde, forrige_id, omfang, aar).select("maal_id", "titel")
    nu = kilde.maal_status(snapshot_id, pr).join(mine, on="maal_id", how="semi")
    foer = kilde.maal_status(forrige_id, pr_for(kilde, forrige_id, aar)).join(
        foer_mine, on="maal_id", how="semi"
    )
    titler = dict(pl.concat([foer_mine, mine]).unique("maal_id", keep="last").iter_rows())
    return tuple(
        Statusaendring(
            titler.get(r["maal_id"], r["maal_id"]), r["status_foer"], r["status_nu"], r["aendring"]
        )
        for r in status.status_aendringer(nu, foer).iter_rows(named=True)
    )


def _underenheder(
    kilde: Kilde,
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    pr: date,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> tuple[Underenhed, ...]:
    """The units right below a unit, or an udvalg's politikområder, side by side: goals
    per status (a unit's own goals; a politikområde's goals in the udvalg's brief) and the
    economy (a unit with every unit below it)."""
    s = kilde.load_snapshot(snapshot_id)
    org = s["organisation"]
    mst = kilde.maal_status(snapshot_id, pr).select("maal_id", "status")
    aktive = kilde.aktive_maal(snapshot_id, aar)
    linjer = kilde.opfoelgning(snapshot_id, aar, pr, "lineaer", oekonomi)
    oek: dict[str, dict[str, object]] = {}
    if omfang.udvalg is not None:
        boern = (
            s["politikomraader"]
            .filter(pl.col("udvalg") == omfang.udvalg)
            .select(pl.col("politikomraade_id").alias("id"), "navn")
            .sort("navn")
        )
        maal = omfang.maal(s, aktive).select("maal_id", pl.col("politikomraade_id").alias("id"))
        for r in budget_pr_omraade(kilde, snapshot_id, omfang, aar, pr, oekonomi).iter_rows(
            named=True
        ):
            oek[r["politikomraade_id"]] = r
    else:
        boern = (
            org.filter(pl.col("overordnet_id") == omfang.enhed_id)
            .select(pl.col("enhed_id").alias("id"), "navn")
            .sort("navn")
        )
        maal = aktive.select("maal_id", pl.col("enhed_id").alias("id"))
        for bid in boern["id"].to_list():
            under = Omfang(enhed_id=bid).rul_op(s, linjer, "enhed")
            if not under.is_empty():
                oek[bid] = budget.marker_afvigelser(budget.total(under), oekonomi.taerskler).row(
                    0, named=True
                )
    if boern.is_empty():
        return ()
    antal = (
        maal.filter(pl.col("id").is_in(boern["id"].implode()))
        .join(mst, on="maal_id", how="left")
        .with_columns(pl.col("status").fill_null("ikke_vurderet"))
        .group_by("id", "status")
        .len("antal")
    )
    ud = []
    for bid, navn in boern.iter_rows():
        pr_status = dict(antal.filter(pl.col("id") == bid).select("status", "antal").iter_rows())
        o = oek.get(bid)
        ud.append(
            Underenhed(
                enhed_id=bid,
                navn=navn,
                antal={k: int(pr_status.get(k, 0)) for k in STATUSSER},
                korrigeret_budget_kr=float(o["korrigeret_budget_kr"]) if o else None,  # type: ignore[arg-type]
                forventet_afvigelse_kr=float(o["forventet_afvigelse_kr"]) if o else None,  # type: ignore[arg-type]
                er_afvigelse=bool(o["er_afvigelse"]) if o else False,
            )
        )
    return tuple(ud)


def _begraens(punkter: list[Punkt], kategori: str) -> list[Punkt]:
    if len(punkter) <= MAKS_PUNKTER_PR_KATEGORI:
        return punkter
    rest = len(punkter) - MAKS_PUNKTER_PR_KATEGORI + 1
    return [*punkter[: MAKS_PUNKTER_PR_KATEGORI - 1], Punkt(kategori, f"… og {rest} flere.")]


def _hos(enhed_navn: str | None, egen: str) -> str:
    """ " (Enhed)" when a series belongs to another unit than the brief's, else ""."""
    return f" ({enhed_navn})" if enhed_navn and enhed_navn != egen else ""


def dagsorden(b: Brief, afvigelser: list[tuple[str, float]]) -> tuple[Punkt, ...]:
    """Talking points generated from the data only: goals off track, economic exceptions,
    indicators moving away from target, worsened statuses (in that order)."""
    p: list[Punkt] = []
    mp = [
        Punkt(
            "Mål",
            f"«{m.titel}» er {STATUS_TEKST[m.status].lower()}"
            + (f": {m.vurdering_kommentar}" if m.vurdering_kommentar else "."),
        )
        for m in sorted(b.maal, key=lambda m: -ALVORLIGHED[m.status])
        if m.status in ("ikke_paa_sporet", "i_risiko")
    ]
    p += _begraens(mp, "Mål")
    op = [
        Punkt(
            "Økonomi",
            f"{'Merforbrug' if kr > 0 else 'Mindreforbrug'} på {b.beloeb_tekst(abs(kr))} "
            f"forventet på {navn}.",
        )
        for navn, kr in afvigelser
    ]
    t = b.budget_total
    if t is not None and t.er_afvigelse and len(afvigelser) != 1:
        op.insert(
            0,
            Punkt(
                "Økonomi",
                f"Samlet forventes et {'mer' if t.forventet_afvigelse_kr > 0 else 'mindre'}forbrug"
                f" på {b.beloeb_tekst(abs(t.forventet_afvigelse_kr))} for {b.enhed_navn}"
                + (" og enhederne under" if b.underenheder and not b.udvalg else "")
                + ".",
            ),
        )
    p += _begraens(op, "Økonomi")
    ip = [
        Punkt(
            "Indikatorer",
            f"«{i.navn}»{_hos(i.enhed_navn, b.enhed_navn)}"
            f" bevæger sig væk fra målet: seneste {fmt.vaerdi(i.seneste_vaerdi, i.maaleenhed)}, "
            f"mål {fmt.vaerdi(i.maalvaerdi, i.maaleenhed)}.",
        )
        for i in b.indikatorer
        if i.vaek_fra_maal
    ]
    p += _begraens(ip, "Indikatorer")
    ap = [
        Punkt(
            "Siden sidst",
            f"«{a.titel}» er gået fra {STATUS_TEKST.get(a.status_foer or '', '–').lower()} "
            f"til {STATUS_TEKST.get(a.status_nu or '', '–').lower()}.",
        )
        for a in b.statusaendringer
        if a.aendring == "aendret" and a.forvaerret
    ]
    p += _begraens(ap, "Siden sidst")
    return tuple(p)


def _afvigelser(
    kilde: Kilde,
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    pr: date,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> list[tuple[str, float]]:
    """Exception lines (enhed × politikområde) in the area, largest first."""
    s = kilde.load_snapshot(snapshot_id)
    linjer = kilde.opfoelgning(snapshot_id, aar, pr, "lineaer", oekonomi)
    df = (
        budget.marker_afvigelser(omfang.rul_op(s, linjer, "enhed"), oekonomi.taerskler)
        .filter(pl.col("er_afvigelse"))
        .sort(pl.col("forventet_afvigelse_kr").abs(), descending=True)
    )
    return [
        (f"{r['politikomraade_navn']} ({r['navn']})", float(r["forventet_afvigelse_kr"]))
        for r in df.iter_rows(named=True)
    ]


def enheder(kilde: Kilde, snapshot_id: str) -> pl.DataFrame:
    """Units a brief can be made for: the direktion, centres and institutions, ordered
    centre by centre (each centre followed by its institutions). Columns: enhed_id, navn,
    type, center_navn, etiket (the option label, e.g. "Center for Børn og Unge › X")."""
    sti = organisation.enhed_sti(kilde.load_snapshot(snapshot_id)["organisation"])
    df = sti.filter(pl.col("type").is_in(["direktion", "center", "institution"]))
    return (
        df.with_columns(
            pl.when(pl.col("type") == "institution")
            .then(pl.col("center_navn").fill_null("Uden center") + " › " + pl.col("navn"))
            .otherwise(pl.col("navn"))
            .alias("etiket"),
            pl.when(pl.col("type") == "direktion").then(0).otherwise(1).alias("_o"),
            (pl.col("type") != "center").alias("_i"),
        )
        .sort("_o", pl.col("center_navn").fill_null(""), "_i", "navn")
        .select("enhed_id", "navn", "type", "center_navn", "etiket")
    )


def udvalg(kilde: Kilde, snapshot_id: str) -> list[str]:
    """The fagudvalg a brief can be made for: every udvalg owning a politikområde, sorted."""
    po = kilde.load_snapshot(snapshot_id)["politikomraader"]
    return sorted(po["udvalg"].drop_nulls().unique().to_list())


class _Ovenpaa:
    """A `Kilde` with the reports made after `snapshot_id` laid on top of that snapshot
    (other snapshots, such as the previous one, are read as they are): the follow-up uses
    reported prognoser, goal status reported vurderinger (modeller/indberetning/ovenpaa.py).
    Built per brief; its results are kept for the brief's many calls."""

    def __init__(self, kilde: Kilde, snapshot_id: str) -> None:
        self.kilde = kilde
        self.snapshot_id = snapshot_id
        self.vurderinger = kilde.indberetninger(snapshot_id, "vurdering")
        self.prognoser = kilde.indberetninger(snapshot_id, "prognose")
        self._opfoelgning: dict[tuple[object, ...], pl.DataFrame] = {}
        self._status: dict[date, pl.DataFrame] = {}

    def load_snapshot(self, snapshot_id: str | None = None) -> Snapshot:
        return self.kilde.load_snapshot(snapshot_id)

    def aktive_maal(self, snapshot_id: str, aar: int) -> pl.DataFrame:
        return self.kilde.aktive_maal(snapshot_id, aar)

    def indberetninger(self, snapshot_id: str, art: str) -> pl.DataFrame:
        return self.kilde.indberetninger(snapshot_id, art)

    def opfoelgning(
        self,
        snapshot_id: str,
        aar: int,
        pr: date,
        profilmetode: Profilmetode = "lineaer",
        indstillinger: Oekonomiindstillinger = STANDARD,
    ) -> pl.DataFrame:
        if snapshot_id != self.snapshot_id or self.prognoser.is_empty():
            return self.kilde.opfoelgning(snapshot_id, aar, pr, profilmetode, indstillinger)
        noegle = (aar, pr, profilmetode, indstillinger)
        if noegle not in self._opfoelgning:
            s = self.kilde.load_snapshot(snapshot_id)
            self._opfoelgning[noegle] = budget.opfoelgning(
                s["budget"],
                s["forbrug"],
                prognoser_ovenpaa(s["prognoser"], self.prognoser, aar, pr),
                aar,
                pr,
                profilmetode,
                indstillinger=indstillinger,
            )
        return self._opfoelgning[noegle]

    def maal_status(self, snapshot_id: str, pr: date) -> pl.DataFrame:
        if snapshot_id != self.snapshot_id or self.vurderinger.is_empty():
            return self.kilde.maal_status(snapshot_id, pr)
        if pr not in self._status:
            s = self.kilde.load_snapshot(snapshot_id)
            v = vurderinger_ovenpaa(s["vurderinger"], self.vurderinger, pr)
            self._status[pr] = status.maal_status_samlet(
                s["maal"], s["indikatorer"], s["maalinger"], v, pr
            )
        return self._status[pr]


def byg(
    kilde: Kilde,
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    forrige_id: str | None = None,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> Brief:
    """The brief for `omfang` (a unit or an udvalg): `byg_brief` or `byg_udvalgsbrief`."""
    if omfang.udvalg is not None:
        return byg_udvalgsbrief(kilde, snapshot_id, omfang.udvalg, aar, forrige_id, oekonomi)
    return byg_brief(kilde, snapshot_id, omfang.enhed_id or "", aar, forrige_id, oekonomi)


def byg_brief(
    kilde: Kilde,
    snapshot_id: str,
    enhed_id: str,
    aar: int,
    forrige_id: str | None = None,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> Brief:
    """Everything on the brief for `enhed_id` in `aar`, from snapshot `snapshot_id` with
    the reports made after it on top, compared with `forrige_id` (the previous snapshot)
    when given.

    Raises KeyError for an unknown enhed_id.
    """
    s = kilde.load_snapshot(snapshot_id)
    org = s["organisation"]
    navne: dict[str, str] = dict(org.select("enhed_id", "navn").iter_rows())
    raekke = org.filter(pl.col("enhed_id") == enhed_id)
    if raekke.is_empty():
        raise KeyError(enhed_id)
    enhed = raekke.row(0, named=True)
    return _byg(
        kilde, snapshot_id, Omfang(enhed_id=enhed_id), aar, forrige_id, oekonomi,
        enhed_navn=enhed["navn"],
        enhed_type=enhed["type"],
        leder=enhed.get("leder"),
        overordnet_navn=navne.get(enhed["overordnet_id"]) if enhed["overordnet_id"] else None,
        aftaler=_aftaler(s, enhed, navne, aar),
    )  # fmt: skip


def byg_udvalgsbrief(
    kilde: Kilde,
    snapshot_id: str,
    udvalg_navn: str,
    aar: int,
    forrige_id: str | None = None,
    oekonomi: Oekonomiindstillinger = STANDARD,
) -> Brief:
    """The brief for a fagudvalg's area in `aar`: the direktion's level-1 agreement(s)
    with the udvalg (counterpart: the udvalg), the goals of its politikområder, their
    indicators, the economy of every unit on them (the Økonomi page's udvalg level), what
    changed, and the politikområder side by side (see `Omfang`).

    Raises KeyError for an udvalg that owns no politikområde.
    """
    if udvalg_navn not in udvalg(kilde, snapshot_id):
        raise KeyError(udvalg_navn)
    s = kilde.load_snapshot(snapshot_id)
    org = s["organisation"]
    navne: dict[str, str] = dict(org.select("enhed_id", "navn").iter_rows())
    omfang = Omfang(udvalg=udvalg_navn)
    direktion = org.filter(pl.col("type") == "direktion")
    aftaler: tuple[Aftale, ...] = ()
    if not direktion.is_empty():
        ids = set(omfang.maal(s, s["maal"])["aftale_id"].drop_nulls().to_list())
        aftaler = tuple(
            a for a in _aftaler(s, direktion.row(0, named=True), navne, aar) if a.aftale_id in ids
        )
    return _byg(
        kilde, snapshot_id, omfang, aar, forrige_id, oekonomi,
        enhed_navn=udvalg_navn, enhed_type="udvalg", leder=None,
        overordnet_navn=None, aftaler=aftaler,
    )  # fmt: skip


def _byg(
    kilde: Kilde,
    snapshot_id: str,
    omfang: Omfang,
    aar: int,
    forrige_id: str | None,
    oekonomi: Oekonomiindstillinger,
    *,
    enhed_navn: str,
    enhed_type: str,
    leder: str | None,
    overordnet_navn: str | None,
    aftaler: tuple[Aftale, ...],
) -> Brief:
    raa = kilde
    kilde = _Ovenpaa(raa, snapshot_id)
    s = kilde.load_snapshot(snapshot_id)
    pr = pr_for(kilde, snapshot_id, aar)
    navne: dict[str, str] = dict(s["organisation"].select("enhed_id", "navn").iter_rows())
    maal = _maal(kilde, snapshot_id, omfang, aar, pr, raa)
    linjer, total = _budget(kilde, snapshot_id, forrige_id, omfang, aar, pr, oekonomi=oekonomi)
    forrige = kilde.load_snapshot(forrige_id).manifest if forrige_id else None
    b = Brief(
        kommune=s.manifest.kommune,
        snapshot_id=snapshot_id,
        etiket=s.manifest.label,
        data_pr=s.manifest.data_as_of,
        aar=aar,
        enhed_id=omfang.enhed_id or enhed_navn,
        enhed_navn=enhed_navn,
        enhed_type=enhed_type,
        leder=leder,
        overordnet_navn=overordnet_navn,
        aftale=aftaler[0] if aftaler else None,
        aftaler=aftaler,
        maal=maal,
        indikatorer=_indikatorer(kilde, snapshot_id, maal, omfang.enhed_id, navne, pr),
        budget=linjer,
        budget_total=total,
        budgettyper=_budgettyper(kilde, snapshot_id, omfang, aar, pr, oekonomi),
        fodnote=fodnote(oekonomi, total, aar),
        forrige_etiket=(forrige.label or fmt.dato(forrige.data_as_of)) if forrige else None,
        forrige_data_pr=forrige.data_as_of if forrige else None,
        statusaendringer=_statusaendringer(kilde, snapshot_id, forrige_id, omfang, aar, pr),
        underenheder=_underenheder(kilde, snapshot_id, omfang, aar, pr, oekonomi=oekonomi),
        dagsorden=(),
        har_forrige=forrige is not None,
        udvalg=omfang.udvalg,
    )
    punkter = dagsorden(b, _afvigelser(kilde, snapshot_id, omfang, aar, pr, oekonomi=oekonomi))
    return replace(b, dagsorden=punkter)
