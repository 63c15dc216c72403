"""Agreements, the goal cascade, indicators, measurements and assessments of the demo.

Like the economy, the "world" depends only on `skala` and `pr.year`; `pr` cuts it:
agreement status and signing date as known on `pr`, measurements for complete periods
up to `pr`, assessments dated on or before `pr`.

Agreements (the seed's three levels) for the three years up to `pr.year` (= Y):
- niveau 1: one agreement per fagudvalg and year, held by the direktion
  ("A-Y-DIR-<udvalgskode>"), signed by the council on 15 December the year before and
  followed up by 15 March the year after; a direktion goal belongs to the agreement of
  the udvalg that owns its politikområde. In Y: Økonomiudvalget's agreement is followed
  up at the budget revision on 30 April, Teknik- og Miljøudvalget's is signed late (in
  June) and Kultur- og Fritidsudvalget's is still a draft on 30 September.
- niveau 2: one agreement per centre and year, signed in January, followed up in March
  the year after. In Y: Jobcenter has a two-year agreement (Y−1 to Y) followed up after
  its first year, Center for Sundhed is followed up early (at a dialogue meeting in
  June), Ejendomscenter signs in June–July and Center for Handicap og Socialpsykiatri
  is still a draft on 30 September.
- niveau 3: per institution one-year agreements, some two-year ones (Y−1 to Y), a few
  institutions without one in Y, some signed in the autumn (drafts until then). Each
  two-year agreement has an even chance of being followed up after its first year
  (February to April of Y); one in ten one-year agreements signed by March is followed
  up early (20 April to mid July of Y). Pedersborg Børnehus keeps a plain one-year
  agreement.
The current-year mix comes from its own generator, so the draws behind every goal,
indicator and measurement do not depend on it.

Measurement series follow one of five outcomes (share of the way from baseline to target
as a function g of the elapsed share f of the goal period): naaet g=min(1.1, 1.8f),
paa_sporet g=min(0.95, 1.15f+0.1), bagud g=0.35f, vaek g=-0.4f-0.05, ingen (no target:
noise around baseline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from modeller.demo import tekster as T
from modeller.demo.struktur import (
    ART_LINJER,
    CENTER_BY_ID,
    CENTRE,
    DIREKTION_ID,
    PEDERSBORG_ENHED_ID,
    SEED,
    UDVALG,
    UDVALG_KODE,
    Institution,
    institutioner,
)

UDFALD: tuple[str, ...] = ("naaet", "paa_sporet", "bagud", "vaek")
_UDFALD_P = (0.2, 0.4, 0.25, 0.15)
_STATUS_FOR_UDFALD = {
    "naaet": "opfyldt",
    "paa_sporet": "paa_sporet",
    "bagud": "i_risiko",
    "vaek": "ikke_paa_sporet",
    "ingen": "paa_sporet",
}
_STATUS_ORDEN = ("opfyldt", "paa_sporet", "i_risiko", "ikke_paa_sporet")
_STATUS_ALLE = ("opfyldt", "paa_sporet", "i_risiko", "ikke_paa_sporet", "ikke_vurderet")
_INTERVAL = {"maaned": "1mo", "kvartal": "3mo", "aar": "1y"}

MAAL_SCHEMA: dict[str, pl.DataType] = {
    "maal_id": pl.String(),
    "titel": pl.String(),
    "niveau": pl.String(),
    "maaltype": pl.String(),
    "overordnet_maal_id": pl.String(),
    "beskrivelse": pl.String(),
    "succeskriterie": pl.String(),
    "enhed_id": pl.String(),
    "politikomraade_id": pl.String(),
    "aftale_id": pl.String(),
    "aar_fra": pl.Int32(),
    "aar_til": pl.Int32(),
    "tidsfrist": pl.Date(),
    "ansvarlig": pl.String(),
}
_IND_SCHEMA: dict[str, pl.DataType] = {
    "indikator_id": pl.String(),
    "navn": pl.String(),
    "maaleenhed": pl.String(),
    "retning": pl.String(),
    "maal_id": pl.String(),
    "baseline": pl.Float64(),
    "maalvaerdi": pl.Float64(),
    "frekvens": pl.String(),
}
_SERIE_SCHEMA: dict[str, pl.DataType] = {
    "indikator_id": pl.String(),
    "enhed_id": pl.String(),
    "frekvens": pl.String(),
    "maaleenhed": pl.String(),
    "baseline": pl.Float64(),
    "maalvaerdi": pl.Float64(),
    "udfald": pl.String(),
    "maal_start": pl.Date(),
    "maal_slut": pl.Date(),
    "start": pl.Date(),
    "slut": pl.Date(),
    "huller": pl.Boolean(),
}
_VURD_SCHEMA: dict[str, pl.DataType] = {
    "maal_id": pl.String(),
    "dato": pl.Date(),
    "status": pl.String(),
    "kommentar": pl.String(),
    "vurderet_af": pl.String(),
}
_AFT_SCHEMA: dict[str, pl.DataType] = {
    "aftale_id": pl.String(),
    "enhed_id": pl.String(),
    "aar_fra": pl.Int32(),
    "aar_til": pl.Int32(),
    "indgaaet_plan": pl.Date(),
    "opfulgt_plan": pl.Date(),
}


@dataclass(frozen=True)
class MaalVerden:
    aftaler: pl.DataFrame
    maal: pl.DataFrame
    indikatorer: pl.DataFrame
    serier: pl.DataFrame
    vurderinger: pl.DataFrame


class _Bygger:
    """Accumulates rows; one instance per world."""

    def __init__(self, skala: int, aar: int, ledere: dict[str, str | None]) -> None:
        self.aar = aar
        self.rng = np.random.default_rng((SEED, 4, aar))
        self.ledere = ledere
        self.inst = institutioner(skala)
        self.maal: list[dict[str, object]] = []
        self.ind: list[dict[str, object]] = []
        self.serier: list[dict[str, object]] = []
        self.vurd: list[dict[str, object]] = []
        self.aft: list[dict[str, object]] = []
        self.aftale_for: dict[tuple[str, int], str] = {}
        self._cyklus = 0
        self.udfald: dict[str, str] = {}
        """maal_id → the outcome of its first indicator (see `_budgetrevision`)."""

    # -- agreements ----------------------------------------------------------------------

    def _aftale(
        self,
        enhed: str,
        fra: int,
        til: int,
        indgaaet: date,
        opfulgt: date,
        udvalg: str | None = None,
    ) -> None:
        """One agreement; `udvalg` (a UDVALG_KODE) names the counterpart of a direktion
        agreement, which then has the id "A-<fra>-DIR-<udvalg>"."""
        noegle = enhed if udvalg is None else f"{enhed}-{udvalg}"
        aid = f"A-{fra}-{noegle}"
        self.aft.append(
            {
                "aftale_id": aid,
                "enhed_id": enhed,
                "aar_fra": fra,
                "aar_til": til,
                "indgaaet_plan": indgaaet,
                "opfulgt_plan": opfulgt,
            }
        )
        for a in range(fra, til + 1):
            self.aftale_for[(noegle, a)] = aid

    def aftaler(self) -> None:
        """Agreements at all three levels (see the module docstring)."""
        y0 = self.aar
        rng = self.rng
        # The current year's mix draws from its own generator: `rng` is drawn exactly as
        # before, so goals, indicators and measurements do not depend on the mix.
        mix = np.random.default_rng((SEED, 6, y0))
        for kode in UDVALG_KODE.values():
            for y in range(y0 - 2, y0 + 1):
                ind, opf = date(y - 1, 12, 15), date(y + 1, 3, 15)
                if y == y0 and kode == "OEU":
                    opf = date(y0, 4, 30)  # followed up at the budget revision
                elif y == y0 and kode == "TMU":
                    ind = date(y0, 6, 23)  # signed late: a draft until June
                elif y == y0 and kode == "KFU":
                    ind = date(y0, 10, 27)  # still a draft on 30 September
                self._aftale(DIREKTION_ID, y, y, ind, opf, udvalg=kode)
        for c in CENTRE:
            datoer: dict[int, tuple[date, date]] = {}
            for y in range(y0 - 2, y0 + 1):
                ind = date(y, 1, 8) + timedelta(days=int(rng.integers(0, 21)))
                opf = date(y + 1, 3, 1) + timedelta(days=int(rng.integers(0, 30)))
                datoer[y] = (ind, opf)
            dage = int(mix.integers(0, 21))
            if c.kode == "JC":
                # a two-year agreement, followed up in March after its first year
                self._aftale(c.enhed_id, y0 - 2, y0 - 2, *datoer[y0 - 2])
                self._aftale(c.enhed_id, y0 - 1, y0, *datoer[y0 - 1])
                continue
            ind, opf = datoer[y0]
            if c.kode == "SU":
                opf = date(y0, 6, 8) + timedelta(days=dage)  # early, at the dialogue meeting
            elif c.kode == "EC":
                ind = date(y0, 6, 10) + timedelta(days=2 * dage)  # signed late
            elif c.kode == "HS":
                ind = date(y0, 10, 5) + timedelta(days=dage)  # still a draft on 30 September
            datoer[y0] = (ind, opf)
            for y in range(y0 - 2, y0 + 1):
                self._aftale(c.enhed_id, y, y, *datoer[y])
        for i in self.inst:
            r = rng.random()
            to_aarig = r < 0.15 and i.enhed_id != PEDERSBORG_ENHED_ID
            uden_nu = 0.15 <= r < 0.19 and i.enhed_id != PEDERSBORG_ENHED_ID
            perioder = (
                [(y0 - 2, y0 - 2), (y0 - 1, y0)]
                if to_aarig
                else [(y, y) for y in range(y0 - 2, y0 + (0 if uden_nu else 1))]
            )
            u, dage = float(mix.random()), int(mix.integers(0, 85))
            for fra, til in perioder:
                if fra == y0 and rng.random() < 0.2:
                    ind = date(fra, 9, 1) + timedelta(days=int(rng.integers(0, 90)))
                else:
                    ind = date(fra, 1, 15) + timedelta(days=int(rng.integers(0, 75)))
                if rng.random() < 0.08:
                    opf = date(til + 1, 10, 1) + timedelta(days=int(rng.integers(0, 60)))
                else:
                    opf = date(til + 1, 2, 1) + timedelta(days=int(rng.integers(0, 85)))
                if til == y0 and i.enhed_id != PEDERSBORG_ENHED_ID:
                    if fra < y0 and u < 0.5:
                        opf = date(y0, 2, 1) + timedelta(days=dage)  # after its first year
                    elif fra == y0 and ind < date(y0, 4, 1) and u >= 0.9:
                        opf = date(y0, 4, 20) + timedelta(days=dage)  # early follow-up
                self._aftale(i.enhed_id, fra, til, ind, opf)

    # -- goals -----------------------------------------------------------------------------

    def _maal(
        self,
        maal_id: str,
        titel: str,
        niveau: str,
        overordnet: str | None,
        *,
        beskrivelse: str | None = None,
        succeskriterie: str | None = None,
        enhed: str | None = None,
        pol: str | None = None,
        aar: tuple[int, int] | None = None,
        ansvarlig: str | None = None,
        maaltype: str = "udviklingsmaal",
    ) -> None:
        aftale = None
        if enhed is not None and aar is not None:
            noegle = enhed
            if enhed == DIREKTION_ID and pol is not None:
                noegle = f"{DIREKTION_ID}-{UDVALG_KODE[UDVALG[pol]]}"
            aftale = self.aftale_for.get((noegle, min(aar[1], self.aar))) or self.aftale_for.get(
                (noegle, aar[0])
            )
        self.maal.append(
            {
                "maal_id": maal_id,
                "titel": titel,
                "niveau": niveau,
                "maaltype": maaltype,
                "overordnet_maal_id": overordnet,
                "beskrivelse": beskrivelse,
                "succeskriterie": succeskriterie,
                "enhed_id": enhed,
                "politikomraade_id": pol,
                "aftale_id": aftale,
                "aar_fra": aar[0] if aar else None,
                "aar_til": aar[1] if aar else None,
                "tidsfrist": date(aar[1], 12, 31) if aar else None,
                "ansvarlig": ansvarlig,
            }
        )

    def _indikator(
        self,
        maal_id: str,
        nr: int,
        spec: T.Ind,
        enheder: list[str],
        aar: tuple[int, int],
        *,
        jitter: bool = True,
        uden_maal: bool = False,
        udfald: str | None = None,
    ) -> str:
        navn, enhed, retning, frekvens, b, m = spec
        j = float(self.rng.uniform(0.9, 1.1)) if jitter else 1.0
        dec = 0 if abs(b) >= 20 and enhed != "%" else 1
        baseline = round(b * j, dec)
        maalv: float | None = None if (m is None or uden_maal) else round(m * j, dec)
        if enhed == "%":
            baseline = min(baseline, 100.0)
            maalv = None if maalv is None else min(maalv, 100.0)
        iid = f"IND-{maal_id[2:]}-{nr}"
        self.ind.append(
            {
                "indikator_id": iid,
                "navn": navn,
                "maaleenhed": enhed,
                "retning": retning,
                "maal_id": maal_id,
                "baseline": baseline,
                "maalvaerdi": maalv,
                "frekvens": frekvens,
            }
        )
        start_aar = aar[0] - 1 if frekvens == "aar" else aar[0]
        foerste: str | None = None
        for e in enheder:
            u = udfald or str(self.rng.choice(UDFALD, p=_UDFALD_P))
            foerste = foerste or u
            self.serier.append(
                {
                    "indikator_id": iid,
                    "enhed_id": e,
                    "frekvens": frekvens,
                    "maaleenhed": enhed,
                    "baseline": baseline,
                    "maalvaerdi": maalv,
                    "udfald": "ingen" if maalv is None else u,
                    "maal_start": date(aar[0], 1, 1),
                    "maal_slut": date(aar[1], 12, 31),
                    "start": date(start_aar, 1, 1),
                    "slut": date(min(aar[1], self.aar), 12, 31),
                    "huller": bool(self.rng.random() < 0.12),
                }
            )
        ud = "ingen" if maalv is None or foerste is None else foerste
        if nr == 1:
            self.udfald[maal_id] = ud
        return ud

    def _vurder(self, maal_id: str, udfald: str | None, datoer: list[date], af: str | None) -> None:
        if udfald is None:
            status = _STATUS_ALLE[self._cyklus % len(_STATUS_ALLE)]
            self._cyklus += 1
            statusser = [status] * len(datoer)
        else:
            slut = _STATUS_FOR_UDFALD[udfald]
            statusser = []
            for k in range(len(datoer)):
                if k == len(datoer) - 1 or self.rng.random() < 0.6:
                    statusser.append(slut)
                else:
                    i = _STATUS_ORDEN.index(slut)
                    statusser.append(_STATUS_ORDEN[i - 1 if i > 1 else i + 1])
        for d, s in zip(datoer, statusser, strict=True):
            tekster = T.VURDERING_KOMMENTARER[s]
            self.vurd.append(
                {
                    "maal_id": maal_id,
                    "dato": d,
                    "status": s,
                    "kommentar": tekster[int(self.rng.integers(0, len(tekster)))],
                    "vurderet_af": af,
                }
            )

    def _datoer(self, aar: tuple[int, int]) -> list[date]:
        y = self.aar
        if aar[1] < y:
            return [date(y, 2, 15)]
        ud = [date(y - 1, 9, 20)] if aar[0] < y else []
        return [*ud, date(y, 6, 15), date(y, 9, 20)]

    def kaskade(self) -> None:
        y = self.aar
        self._maal(
            T.VISION_ID,
            T.VISION_TITEL,
            "vision",
            None,
            beskrivelse=T.VISION_BESKRIVELSE,
            ansvarlig="Byrådet",
        )
        for mid, titel, beskr in T.POLITIKKER:
            fra, til = T.POLITIK_PERIODE.get(mid, (y - 2, y + 2))
            if mid == T.SEED_SUNDHEDSPOLITIK_MAAL_ID:
                # The seed's 2008–2012 policy carries this year's goals only because the
                # demo says it was extended (the title stays the seed's own).
                fra, til = min(fra, y - 1), y + 1
                beskr += T.FORLAENGET.format(til=til, aar=y - 1)
            self._maal(
                mid,
                titel,
                "politik",
                T.VISION_ID,
                beskrivelse=beskr,
                ansvarlig="Byrådet",
                aar=(fra, til),
            )

        pol_inst: dict[str, list[str]] = {}
        for i in self.inst:
            if i.variant == 1:
                for p, *_ in ART_LINJER[i.art]:
                    pol_inst.setdefault(p, []).append(i.enhed_id)

        po_aar = (y - 1, y + 1)
        for mid, pol, parent, titel, beskr, succ, spec in T.PO_MAAL:
            udvalg = UDVALG[pol]
            self._maal(
                mid,
                titel,
                "politikomraade",
                parent,
                beskrivelse=beskr,
                succeskriterie=succ,
                pol=pol,
                aar=po_aar,
                ansvarlig=udvalg,
            )
            if spec is not None:
                enheder = pol_inst.get(pol, [DIREKTION_ID])[:4]
                seed = mid == T.SEED_SUNDHED_PO_MAAL_ID
                u = self._indikator(
                    mid,
                    1,
                    spec,
                    enheder,
                    po_aar,
                    jitter=False,
                    udfald="paa_sporet" if seed else None,
                )
                self._vurder(mid, u, [date(y, 4, 30), date(y, 9, 20)], udvalg)

        po_pol = {m[0]: m[1] for m in T.PO_MAAL}
        for mid, parent, titel in T.DIREKTION_MAAL:
            self._maal(
                mid,
                titel,
                "direktion",
                parent,
                enhed=DIREKTION_ID,
                pol=po_pol[parent],
                aar=(y, y),
                ansvarlig="Direktionen",
                beskrivelse=f"Direktionens aftale med {UDVALG[po_pol[parent]]} (niveau 1).",
            )

        self.center_maal: dict[tuple[str, str], str] = {}
        for c in CENTRE:
            leder = self.ledere.get(c.enhed_id)
            faglige = [(k, v) for k, v in T.CENTER_FAGLIGE.items() if k[0] == c.kode]
            for n, ((_, omr), (parent, titel, spec)) in enumerate(faglige, start=1):
                mid = f"M-C-{c.kode}-F{n}"
                self.center_maal[(c.kode, omr)] = mid
                self.center_maal.setdefault((c.kode, "faglig"), mid)
                self._center_goal(c.enhed_id, mid, titel, parent, spec, (y, y), leder)
            if c.kode == "BU":
                titel = T.SEED_BU_SUNDHED_TITEL
            else:
                titel = f"Sundhed indgår i alle aftaler i {c.navn}"
            self.center_maal[(c.kode, "sundhed")] = f"M-C-{c.kode}-SUN"
            self._center_goal(
                c.enhed_id,
                f"M-C-{c.kode}-SUN",
                titel,
                T.DIREKTION_SUNDHED,
                ("Andel institutionsaftaler med sundhedsmål", "%", "op", "aar", 50, 100),
                (y, y),
                leder,
            )
            self.center_maal[(c.kode, "personale")] = f"M-C-{c.kode}-PER"
            self._center_goal(
                c.enhed_id,
                f"M-C-{c.kode}-PER",
                f"Lavere sygefravær i {c.navn}",
                T.DIREKTION_PERSONALE,
                ("Sygefravær pr. fuldtidsansat", "dage", "ned", "kvartal", 12, 10),
                (y - 1, y),
                leder,
            )
            if c.kode in T.DIGITALE_CENTRE:
                self._center_goal(
                    c.enhed_id,
                    f"M-C-{c.kode}-DIG",
                    f"Flere digitale arbejdsgange i {c.navn}",
                    T.DIREKTION_DIGITAL,
                    ("Andel digitale arbejdsgange", "%", "op", "kvartal", 60, 80),
                    (y, y),
                    leder,
                )

        for i in self.inst:
            self._institution(i)
        self._budgetmaal(pol_inst, po_aar)
        self._budgetrevision()

    def _budgetrevision(self) -> None:
        """The budget revision per 30 April "med opsamling på økonomi, mål, serviceniveau,
        resultatkrav og indsatsområder" (the seed): every running goal at politikområde,
        direktion and centre level gets a vurdering dated 30/4 (unless it has one).

        A goal with an indicator is assessed towards its outcome (as `_vurder`: the
        outcome's status, sometimes one step off); a goal without one (the direktion's,
        a politikområde goal without indicator) gets the middle of its sub-goals' 30/4
        statuses, "paa_sporet" without any. Centres first, then direktion, then
        politikområde, so a parent sees its children. Drawn from its own generator after
        every other goal, so the rest of the world is drawn exactly as before."""
        y = self.aar
        rng = np.random.default_rng((SEED, 8, y))
        dato = date(y, 4, 30)
        har = {str(v["maal_id"]) for v in self.vurd if v["dato"] == dato}
        status_30_4: dict[str, str] = {
            str(v["maal_id"]): str(v["status"]) for v in self.vurd if v["dato"] == dato
        }
        boern: dict[str, list[str]] = {}
        for m in self.maal:
            if m["overordnet_maal_id"] is not None:
                boern.setdefault(str(m["overordnet_maal_id"]), []).append(str(m["maal_id"]))
        for niveau in ("center", "direktion", "politikomraade"):
            for m in self.maal:
                mid = str(m["maal_id"])
                fra, til = m["aar_fra"], m["aar_til"]
                if m["niveau"] != niveau or mid in har:
                    continue
                if not (isinstance(fra, int) and isinstance(til, int) and fra <= y <= til):
                    continue
                u = self.udfald.get(mid)
                if u is not None:
                    status = _STATUS_FOR_UDFALD[u]
                    if rng.random() >= 0.7:
                        i = _STATUS_ORDEN.index(status)
                        status = _STATUS_ORDEN[i - 1 if i > 1 else i + 1]
                else:
                    under = sorted(
                        _STATUS_ORDEN.index(status_30_4[b])
                        for b in boern.get(mid, [])
                        if status_30_4.get(b) in _STATUS_ORDEN
                    )
                    status = _STATUS_ORDEN[under[len(under) // 2]] if under else "paa_sporet"
                tekster = T.VURDERING_KOMMENTARER[status]
                af = m["ansvarlig"] if niveau == "politikomraade" else "Direktionen"
                self.vurd.append(
                    {
                        "maal_id": mid,
                        "dato": dato,
                        "status": status,
                        "kommentar": "Budgetrevision: "
                        + tekster[int(rng.integers(0, len(tekster)))],
                        "vurderet_af": af,
                    }
                )
                status_30_4[mid] = status

    def _budgetmaal(self, pol_inst: dict[str, list[str]], po_aar: tuple[int, int]) -> None:
        """Serviceniveau, særlige resultatkrav and indsatsområde per politikområde
        (T.BUDGETMAAL), beside its udviklingsmål under the same politik, each with an
        indicator. Drawn from their own generator (after every other goal), so the rest
        of the world is drawn exactly as before."""
        y = self.aar
        gammel, self.rng = self.rng, np.random.default_rng((SEED, 7, y))
        politik = {pol: parent for _, pol, parent, *_ in reversed(T.PO_MAAL)}
        for pol, maal in T.BUDGETMAAL.items():
            udvalg = UDVALG[pol]
            for maaltype, titel, succ, spec in maal:
                mid = f"M-PO-{pol[2:]}-{T.BUDGETMAAL_KODE[maaltype]}"
                self._maal(
                    mid,
                    titel,
                    "politikomraade",
                    politik[pol],
                    beskrivelse=f"{T.MAALTYPE_BESKRIVELSE[maaltype]} i budget {y}.",
                    succeskriterie=succ,
                    pol=pol,
                    aar=po_aar,
                    ansvarlig=udvalg,
                    maaltype=maaltype,
                )
                enheder = pol_inst.get(pol, [DIREKTION_ID])[:4]
                u = self._indikator(mid, 1, spec, enheder, po_aar, jitter=False)
                if self.rng.random() < 0.5:
                    self._vurder(mid, u, [date(y, 4, 30), date(y, 9, 20)], udvalg)
        self.rng = gammel

    def _center_goal(
        self,
        enhed: str,
        mid: str,
        titel: str,
        parent: str,
        spec: T.Ind,
        aar: tuple[int, int],
        leder: str | None,
    ) -> None:
        self._maal(
            mid,
            titel,
            "center",
            parent,
            enhed=enhed,
            aar=aar,
            ansvarlig=leder,
            beskrivelse="Mål i aftalen mellem direktionen og centret (niveau 2).",
            succeskriterie=f"{spec[0]}: fra {spec[4]:g} til {spec[5]:g} {spec[1]}",
        )
        u = self._indikator(mid, 1, spec, [enhed], aar, jitter=False)
        if self.rng.random() < 0.5:
            self._vurder(mid, u, self._datoer(aar), "Direktionen")

    def _institution(self, i: Institution) -> None:
        y = self.aar
        rng = self.rng
        c = CENTER_BY_ID[i.center_id]
        omr = T.OMRAADE[i.art]
        skabeloner = T.FAGLIGE_SKABELONER[omr]
        perm = rng.permutation(len(skabeloner))
        centerchef = f"{self.ledere.get(c.enhed_id)} (centerchef)"
        leder = self.ledere.get(i.enhed_id)
        faglig_parent = self.center_maal.get((c.kode, omr)) or self.center_maal[(c.kode, "faglig")]

        goals: list[tuple[str, str, str, T.Ind, str, tuple[int, int]]] = []
        t1 = skabeloner[int(perm[0])]
        goals.append((f"M-{i.enhed_id}-1", t1[0], t1[1], t1[2], faglig_parent, (y, y)))
        r = rng.random()
        aar2 = (y - 1, y + 1) if rng.random() < 0.4 else (y, y)
        if r < 0.35:
            t2, p2 = T.SUNDHED_SKABELON, self.center_maal[(c.kode, "sundhed")]
        elif r < 0.6:
            t2, p2 = T.PERSONALE_SKABELON, self.center_maal[(c.kode, "personale")]
        else:
            t2, p2 = skabeloner[int(perm[1])], faglig_parent
        goals.append((f"M-{i.enhed_id}-2", t2[0], t2[1], t2[2], p2, aar2))
        if rng.random() < 0.4:
            t3 = skabeloner[int(perm[-1])]
            goals.append((f"M-{i.enhed_id}-3", t3[0], t3[1], t3[2], faglig_parent, (y - 1, y - 1)))

        if i.enhed_id == PEDERSBORG_ENHED_ID:
            aar = (y - 1, y)
            self._maal(
                T.SEED_PEDERSBORG_MAAL_ID,
                T.SEED_PEDERSBORG_TITEL,
                "institution",
                T.SEED_BU_SUNDHED_MAAL_ID,
                enhed=i.enhed_id,
                pol="P-DAG",
                aar=aar,
                ansvarlig=leder,
                succeskriterie=T.SEED_PEDERSBORG_SUCCESKRITERIE,
                beskrivelse="Sundhedspolitikken omsat på institutionsniveau (niveau 3).",
            )
            u = self._indikator(
                T.SEED_PEDERSBORG_MAAL_ID,
                1,
                (T.SEED_PEDERSBORG_INDIKATOR, "%", "op", "kvartal", 60.0, 90.0),
                [i.enhed_id],
                aar,
                jitter=False,
                udfald="paa_sporet",
            )
            self._vurder(T.SEED_PEDERSBORG_MAAL_ID, u, self._datoer(aar), centerchef)
            goals = goals[:1] + goals[2:]

        for mid, titel, succ, spec, parent, aar in goals:
            self._maal(
                mid,
                titel,
                "institution",
                parent,
                enhed=i.enhed_id,
                aar=aar,
                ansvarlig=leder,
                succeskriterie=succ,
                beskrivelse=f"Mål i aftalen mellem {c.navn} og {i.navn} (niveau 3).",
            )
            udfald: str | None = None
            if rng.random() < 0.88:
                udfald = self._indikator(
                    mid, 1, spec, [i.enhed_id], aar, uden_maal=rng.random() < 0.05
                )
                if rng.random() < 0.25:
                    self._indikator(mid, 2, T.EKSTRA_INDIKATOR, [i.enhed_id], aar)
            if rng.random() < 0.4:
                self._vurder(mid, udfald, self._datoer(aar), centerchef)


def verden(skala: int, aar: int, ledere: dict[str, str | None]) -> MaalVerden:
    """Generate agreements and the goal world for `aar` (= pr.year)."""
    b = _Bygger(skala, aar, ledere)
    b.aftaler()
    b.kaskade()
    return MaalVerden(
        aftaler=pl.DataFrame(b.aft, schema=_AFT_SCHEMA, orient="row"),
        maal=pl.DataFrame(b.maal, schema=MAAL_SCHEMA, orient="row"),
        indikatorer=pl.DataFrame(b.ind, schema=_IND_SCHEMA, orient="row"),
        serier=pl.DataFrame(b.serier, schema=_SERIE_SCHEMA, orient="row"),
        vurderinger=pl.DataFrame(b.vurd, schema=_VURD_SCHEMA, orient="row"),
    )


def aftaler(v: MaalVerden, pr: date) -> pl.DataFrame:
    """Agreements with status and signing date as known on `pr`."""
    indgaaet = pl.col("indgaaet_plan") <= pr
    return v.aftaler.with_columns(
        status=pl.when(pl.col("opfulgt_plan") <= pr)
        .then(pl.lit("opfulgt"))
        .when(indgaaet)
        .then(pl.lit("indgaaet"))
        .otherwise(pl.lit("udkast")),
        indgaaet_dato=pl.when(indgaaet).then(pl.col("indgaaet_plan")),
    ).sort("aftale_id")


def maalinger(v: MaalVerden, pr: date, aar: int) -> pl.DataFrame:
    """Measurements for complete periods up to `pr` (see module docstring for the model)."""
    dele = []
    for frekvens, interval in _INTERVAL.items():
        s = v.serier.filter(pl.col("frekvens") == frekvens)
        dele.append(
            s.with_columns(periode=pl.date_ranges("start", "slut", interval))
            .explode("periode")
            .with_columns(periode_slut=pl.col("periode").dt.offset_by(interval).dt.offset_by("-1d"))
        )
    df = pl.concat(dele).sort("indikator_id", "enhed_id", "periode")
    rng = np.random.default_rng((SEED, 5, aar))
    n = df.height
    df = df.with_columns(
        stoej=pl.Series(rng.normal(0, 1, n)),
        hul=pl.Series(rng.random(n) < 0.25),
        note=pl.Series(rng.random(n) < 0.02),
    )
    f = (
        (pl.col("periode_slut") - pl.col("maal_start")).dt.total_days()
        / (pl.col("maal_slut") - pl.col("maal_start")).dt.total_days()
    ).clip(0.0, 1.0)
    u = pl.col("udfald")
    g = (
        pl.when(u == "naaet")
        .then(pl.min_horizontal(pl.lit(1.1), 1.8 * f))
        .when(u == "paa_sporet")
        .then(pl.min_horizontal(pl.lit(0.95), 1.15 * f + 0.1))
        .when(u == "bagud")
        .then(0.35 * f)
        .when(u == "vaek")
        .then(-0.4 * f - 0.05)
        .otherwise(0.0)
    )
    b, m = pl.col("baseline"), pl.col("maalvaerdi")
    spaend = pl.when(m.is_null()).then(b.abs() * 0.1).otherwise((m - b).abs())
    raa = b + (m.fill_null(b) - b) * g + pl.col("stoej") * 0.05 * spaend
    enhed = pl.col("maaleenhed")
    vaerdi = (
        pl.when(enhed == "%")
        .then(raa.round(1).clip(0.0, 100.0))
        .when((enhed == "kr.") | ((enhed == "antal") & (b.abs() >= 20)))
        .then(raa.round(0).clip(lower_bound=0.0))
        .otherwise(raa.round(1).clip(lower_bound=0.0))
    )
    return (
        df.filter(~(pl.col("huller") & pl.col("hul")), pl.col("periode_slut") <= pr)
        .with_columns(
            vaerdi=vaerdi,
            kommentar=pl.when(pl.col("note")).then(pl.lit("Foreløbigt tal")),
        )
        .select("indikator_id", "enhed_id", "periode", "vaerdi", "kommentar")
    )


def vurderinger(v: MaalVerden, pr: date) -> pl.DataFrame:
    return v.vurderinger.filter(pl.col("dato") <= pr).sort("maal_id", "dato")
