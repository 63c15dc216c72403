"""Steering rules per budget type (DESIGN.md §2, §6): the municipality's economy settings.

Three kinds of money, three rules (Danish municipal practice and the seed):

- *service* lies inside the frame (rammen) with full carry-over (overførsel) into next
  year;
- *indkomstoverførsler* (kontanthjælp, førtidspension, …) lie outside the frame with no
  carry-over; some politikområder are under the state's budget guarantee (budgetgaranti),
  which is only a marker here (shown, never computed with);
- *anlæg* is steered per project (anlægsbevilling over the project's life, rådighedsbeløb
  per year); an underspend is a shift in time (tidsforskydning), not a saving, and lies
  outside the operating frame.

A municipality may override the rule per politikområde and budget type, name the
politikområder under budgetgaranti, and set the thresholds for reporting by exception,
in `oekonomi.toml` in the data folder (read by dashboard/data.py, like aarshjul.toml).
`fra_indstillinger` validates the parsed dict and raises `OekonomiFejl` (Danish) for a
bad one; `STANDARD` applies when the file is missing. The footnote functions
(`fodnote_*`) turn the settings in force into the Danish text beside every table.

Pure Python and polars, no I/O.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import polars as pl
from babel.numbers import format_decimal

from modeller.errors import StyringsFejl
from modeller.schemas import BUDGETTYPER

__all__ = [
    "BUDGETTYPE_NAVNE",
    "STANDARD",
    "STANDARD_REGLER",
    "OekonomiFejl",
    "Oekonomiindstillinger",
    "Styringsregel",
    "Taerskler",
    "fodnote_budgetgaranti",
    "fodnote_budgettyper",
    "fodnote_fortegn",
    "fodnote_mangler_prognose",
    "fodnote_overfoersel",
    "fodnote_regnskab",
    "fodnote_taerskler",
    "fra_indstillinger",
    "fra_toml",
    "regeltabel",
    "ukendte_politikomraader",
]

BUDGETTYPE_NAVNE: dict[str, str] = {
    "service": "Service",
    "indkomstoverfoersler": "Indkomstoverførsler",
    "anlaeg": "Anlæg",
}
"""Danish display name per budget type (in BUDGETTYPER order)."""


class OekonomiFejl(StyringsFejl):
    """The economy settings (oekonomi.toml) are invalid (the message is Danish)."""


@dataclass(frozen=True)
class Taerskler:
    """Thresholds for reporting by exception: a deviation above `kr` kr. or `pct` percent."""

    kr: float = 1_000_000.0
    pct: float = 2.0


@dataclass(frozen=True)
class Styringsregel:
    """How one budget type (on one politikområde) is steered.

    `i_ramme`: the money lies inside the frame (rammen) the unit is held to.
    `overfoersel`: the year's result (korrigeret budget − forbrug) is carried over into
    next year (full carry-over); False = no carry-over.
    `tidsforskydning`: an underspend is a shift in time to later years (anlæg), not a
    saving; shown as tidsforskydning.
    `pr_projekt`: steered per project (anlægsbevilling, rådighedsbeløb).
    """

    i_ramme: bool
    overfoersel: bool
    tidsforskydning: bool = False
    pr_projekt: bool = False


STANDARD_REGLER: dict[str, Styringsregel] = {
    "service": Styringsregel(i_ramme=True, overfoersel=True),
    "indkomstoverfoersler": Styringsregel(i_ramme=False, overfoersel=False),
    "anlaeg": Styringsregel(
        i_ramme=False, overfoersel=False, tidsforskydning=True, pr_projekt=True
    ),
}
"""The default rule per budget type."""


@dataclass(frozen=True)
class Oekonomiindstillinger:
    """The economy settings in force: rules per budget type, overrides per politikområde,
    the politikområder under budgetgaranti and the thresholds. Hashable (tuples only), so
    it can be a cache key."""

    regler: tuple[tuple[str, Styringsregel], ...] = tuple(STANDARD_REGLER.items())
    undtagelser: tuple[tuple[str, str, Styringsregel], ...] = ()
    """(politikomraade_id, budgettype, rule) overriding the budget type's rule."""
    budgetgaranti: tuple[str, ...] = ()
    """politikomraade_ids whose indkomstoverførsler are under the state's budget guarantee."""
    taerskler: Taerskler = Taerskler()

    def regel(self, budgettype: str, politikomraade_id: str | None = None) -> Styringsregel:
        """The rule for `budgettype` on `politikomraade_id` (its override, else the type's)."""
        for po, bt, r in self.undtagelser:
            if po == politikomraade_id and bt == budgettype:
                return r
        return dict(self.regler)[budgettype]


STANDARD = Oekonomiindstillinger()
"""The settings used when oekonomi.toml is missing."""


def regeltabel(indstillinger: Oekonomiindstillinger | None = None) -> pl.DataFrame:
    """The rules as a frame to join on lines: one row per budget type with null
    `politikomraade_id` (the default), plus one row per override. Columns:
    `politikomraade_id`, `budgettype`, `i_ramme`, `overfoersel`, `tidsforskydning`,
    `pr_projekt`. `modeller.budget` joins the override first and falls back to the default.
    """
    ind = indstillinger or STANDARD
    raekker = [(None, bt, r) for bt, r in ind.regler] + list(ind.undtagelser)
    return pl.DataFrame(
        {
            "politikomraade_id": [p for p, _, _ in raekker],
            "budgettype": [b for _, b, _ in raekker],
            "i_ramme": [r.i_ramme for _, _, r in raekker],
            "overfoersel": [r.overfoersel for _, _, r in raekker],
            "tidsforskydning": [r.tidsforskydning for _, _, r in raekker],
            "pr_projekt": [r.pr_projekt for _, _, r in raekker],
        },
        schema={
            "politikomraade_id": pl.String(),
            "budgettype": pl.String(),
            "i_ramme": pl.Boolean(),
            "overfoersel": pl.Boolean(),
            "tidsforskydning": pl.Boolean(),
            "pr_projekt": pl.Boolean(),
        },
    )


# --- settings ------------------------------------------------------------------------

_TOPNIVEAU = {"taerskler", "budgettype", "politikomraade", "budgetgaranti"}
_REGELNOEGLER = {"i_ramme", "overfoersel", "tidsforskydning", "pr_projekt"}
_TILLADTE_TYPER = ", ".join(BUDGETTYPER)


def _afsnit(v: object, hvor: str) -> Mapping[str, Any]:
    if not isinstance(v, Mapping):
        raise OekonomiFejl(f"{hvor} skal være et afsnit med nøgler (fx [{hvor.strip('[]')}]).")
    return v


def _regel(d: Mapping[str, Any], grundlag: Styringsregel, hvor: str) -> Styringsregel:
    ukendte = sorted(set(d) - _REGELNOEGLER)
    if ukendte:
        raise OekonomiFejl(
            f"{hvor}: ukendt nøgle {', '.join(ukendte)} "
            f"(tilladt: {', '.join(sorted(_REGELNOEGLER))})."
        )
    for k, v in d.items():
        if not isinstance(v, bool):
            raise OekonomiFejl(f"{hvor}: «{k}» skal være true eller false (fik {v!r}).")
    return replace(grundlag, **dict(d))


def _tal(d: Mapping[str, Any], noegle: str, standard: float, hvor: str) -> float:
    v = d.get(noegle, standard)
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or v < 0:
        raise OekonomiFejl(f"{hvor}: «{noegle}» skal være et tal på mindst 0 (fik {v!r}).")
    return float(v)


def _budgettype(bt: str, hvor: str) -> str:
    if bt not in BUDGETTYPER:
        raise OekonomiFejl(f"{hvor}: '{bt}' er ikke en budgettype; tilladte er: {_TILLADTE_TYPER}.")
    return bt


def fra_indstillinger(d: Mapping[str, Any]) -> Oekonomiindstillinger:
    """Build and validate the economy settings from the parsed `oekonomi.toml`.

    Keys (all optional; a missing part keeps the default of STANDARD):

    - `budgetgaranti`: list of politikomraade_ids under the budget guarantee;
    - `[taerskler]`: `kr` (kr., ≥ 0) and `pct` (percent, ≥ 0);
    - `[budgettype.<type>]`: `i_ramme`, `overfoersel`, `tidsforskydning`, `pr_projekt`
      (true/false) changing the default rule of service, indkomstoverfoersler or anlaeg;
    - `[politikomraade.<politikomraade_id>.<type>]`: the same keys, overriding the rule
      for that budget type on that politikområde only (unset keys keep the type's rule).

    Raises OekonomiFejl (Danish) on an unknown key, an unknown budget type or a bad value.
    """
    ukendte = sorted(set(d) - _TOPNIVEAU)
    if ukendte:
        raise OekonomiFejl(
            f"Ukendt afsnit i oekonomi.toml: {', '.join(ukendte)} "
            f"(tilladt: {', '.join(sorted(_TOPNIVEAU))})."
        )
    t = _afsnit(d.get("taerskler", {}), "[taerskler]")
    if set(t) - {"kr", "pct"}:
        raise OekonomiFejl(
            f"[taerskler]: ukendt nøgle {', '.join(sorted(set(t) - {'kr', 'pct'}))} "
            "(tilladt: kr, pct)."
        )
    taerskler = Taerskler(
        kr=_tal(t, "kr", Taerskler.kr, "[taerskler]"),
        pct=_tal(t, "pct", Taerskler.pct, "[taerskler]"),
    )

    regler = dict(STANDARD_REGLER)
    for bt, afsnit in _afsnit(d.get("budgettype", {}), "[budgettype]").items():
        hvor = f"[budgettype.{bt}]"
        _budgettype(bt, hvor)
        regler[bt] = _regel(_afsnit(afsnit, hvor), regler[bt], hvor)

    undtagelser: list[tuple[str, str, Styringsregel]] = []
    for po, typer in _afsnit(d.get("politikomraade", {}), "[politikomraade]").items():
        for bt, afsnit in _afsnit(typer, f"[politikomraade.{po}]").items():
            hvor = f"[politikomraade.{po}.{bt}]"
            regel = _regel(_afsnit(afsnit, hvor), regler[_budgettype(bt, hvor)], hvor)
            undtagelser.append((str(po), bt, regel))

    garanti = d.get("budgetgaranti", [])
    if not isinstance(garanti, list) or not all(isinstance(p, str) and p.strip() for p in garanti):
        raise OekonomiFejl(
            '«budgetgaranti» skal være en liste af politikområde-id\'er, fx ["P-FOR"].'
        )
    return Oekonomiindstillinger(
        regler=tuple((bt, regler[bt]) for bt in BUDGETTYPER),
        undtagelser=tuple(sorted(undtagelser, key=lambda u: (u[0], BUDGETTYPER.index(u[1])))),
        budgetgaranti=tuple(dict.fromkeys(p.strip() for p in garanti)),
        taerskler=taerskler,
    )


def fra_toml(tekst: str, fil: str = "oekonomi.toml") -> Oekonomiindstillinger:
    """Parse and validate the text of oekonomi.toml (see `fra_indstillinger`); raises
    OekonomiFejl (Danish, naming `fil`) for invalid TOML or invalid settings."""
    try:
        d = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as exc:
        raise OekonomiFejl(f"{fil} er ikke gyldig TOML: {exc}") from exc
    return fra_indstillinger(d)


def ukendte_politikomraader(
    indstillinger: Oekonomiindstillinger, politikomraade_ids: Iterable[str]
) -> list[str]:
    """Danish warnings for politikområder named in the settings but absent from the data
    (a typo in oekonomi.toml would otherwise silently change nothing)."""
    kendte = set(politikomraade_ids)
    navne = [p for p, _, _ in indstillinger.undtagelser] + list(indstillinger.budgetgaranti)
    return [
        f"oekonomi.toml nævner politikområdet '{p}', som ikke findes i data; det ignoreres."
        for p in dict.fromkeys(navne)
        if p not in kendte
    ]


# --- footnotes -----------------------------------------------------------------------


def _tal_dk(v: float, decimaler: int = 1) -> str:
    return str(format_decimal(v, format=f"#,##0.{'#' * decimaler}", locale="da_DK"))


def _kr_tekst(kr: float) -> str:
    if kr >= 1_000_000:
        return f"{_tal_dk(kr / 1_000_000)} mio. kr."
    if kr >= 1_000:
        return f"{_tal_dk(kr / 1_000)} t. kr."
    return f"{_tal_dk(kr, 0)} kr."


def _navn(po: str, navne: Mapping[str, str] | None) -> str:
    return (navne or {}).get(po, po)


def _liste(dele: list[str]) -> str:
    if len(dele) <= 1:
        return "".join(dele)
    return ", ".join(dele[:-1]) + " og " + dele[-1]


def fodnote_taerskler(indstillinger: Oekonomiindstillinger | None = None) -> str:
    """The exception rule, e.g. "Afvigelse: over 1 mio. kr. eller over 2 % af korrigeret
    budget." (a threshold of 0 is left out)."""
    t = (indstillinger or STANDARD).taerskler
    dele = []
    if t.kr > 0:
        dele.append(f"over {_kr_tekst(t.kr)}")
    if t.pct > 0:
        dele.append(f"over {_tal_dk(t.pct)} % af korrigeret budget")
    if not dele:
        return "Afvigelse: enhver afvigelse fra korrigeret budget."
    tekst = "Afvigelse: " + " eller ".join(dele)
    return tekst if tekst.endswith(".") else tekst + "."


def fodnote_fortegn() -> str:
    """The sign convention of every economy table."""
    return (
        "Udgifter er positive, indtægter negative. Afvigelse = forventet regnskab − "
        "korrigeret budget: merforbrug er positiv, mindreforbrug negativ."
    )


def fodnote_budgettyper(
    indstillinger: Oekonomiindstillinger | None = None,
    navne: Mapping[str, str] | None = None,
) -> str:
    """Which money lies inside the frame and how each budget type is steered, e.g.
    "Service ligger inden for rammen. Indkomstoverførsler ligger uden for rammen. Anlæg
    styres pr. projekt og ligger uden for rammen." plus the overrides per politikområde.
    `navne`: politikomraade_id → name for display (ids are shown otherwise)."""
    ind = indstillinger or STANDARD
    saetninger = []
    for bt, r in ind.regler:
        tekst = BUDGETTYPE_NAVNE[bt]
        if r.pr_projekt:
            tekst += " styres pr. projekt og"
        tekst += " ligger inden for rammen." if r.i_ramme else " ligger uden for rammen."
        saetninger.append(tekst)
    undtag = [
        f"{BUDGETTYPE_NAVNE[bt].lower()} på {_navn(po, navne)} "
        + ("inden for rammen" if r.i_ramme else "uden for rammen")
        for po, bt, r in ind.undtagelser
        if r.i_ramme != ind.regel(bt).i_ramme
    ]
    if undtag:
        saetninger.append("Undtaget: " + _liste(undtag) + ".")
    return " ".join(saetninger)


def fodnote_overfoersel(
    indstillinger: Oekonomiindstillinger | None = None,
    navne: Mapping[str, str] | None = None,
) -> str:
    """Which lines produce an expected carry-over, e.g. "Forventet overførsel beregnes kun
    for service (fuld overførsel). Indkomstoverførsler overføres ikke. Mindreforbrug på
    anlæg er en tidsforskydning, ikke en besparelse." plus the overrides."""
    ind = indstillinger or STANDARD
    med = [BUDGETTYPE_NAVNE[bt].lower() for bt, r in ind.regler if r.overfoersel]
    uden = [BUDGETTYPE_NAVNE[bt] for bt, r in ind.regler if not r.overfoersel]
    tids = [BUDGETTYPE_NAVNE[bt].lower() for bt, r in ind.regler if r.tidsforskydning]
    if med:
        saetninger = [f"Forventet overførsel beregnes kun for {_liste(med)} (fuld overførsel)."]
    else:
        saetninger = ["Der beregnes ingen overførsel til næste år."]
    ikke_tids = [u for u in uden if u.lower() not in tids]
    if ikke_tids and med:
        saetninger.append(f"{_liste(ikke_tids)} overføres ikke.")
    if tids:
        saetninger.append(
            f"Mindreforbrug på {_liste(tids)} er en tidsforskydning, ikke en besparelse."
        )
    undtag = []
    for po, bt, r in ind.undtagelser:
        if r.overfoersel != ind.regel(bt).overfoersel:
            hvad = "med fuld overførsel" if r.overfoersel else "uden overførsel"
            undtag.append(f"{BUDGETTYPE_NAVNE[bt].lower()} på {_navn(po, navne)} {hvad}")
    if undtag:
        saetninger.append("Undtaget: " + _liste(undtag) + ".")
    return " ".join(saetninger)


def fodnote_budgetgaranti(
    indstillinger: Oekonomiindstillinger | None = None,
    navne: Mapping[str, str] | None = None,
) -> str:
    """The budget-guarantee marker, e.g. "Budgetgaranti (staten regulerer): Forsørgelse.";
    empty when no politikområde is under it."""
    ind = indstillinger or STANDARD
    if not ind.budgetgaranti:
        return ""
    po = _liste([_navn(p, navne) for p in ind.budgetgaranti])
    return f"Indkomstoverførsler under budgetgarantien (staten efterregulerer): {po}."


def fodnote_mangler_prognose(antal: int) -> str:
    """The count of lines without a forecast, e.g. "2 linjer mangler prognose; de indgår
    med korrigeret budget i totalerne." (empty when 0)."""
    if antal <= 0:
        return ""
    if antal == 1:
        return (
            "1 linje mangler prognose; i summerne indgår den med sit korrigerede budget "
            "(afvigelse 0), og den er markeret «Mangler prognose»."
        )
    return (
        f"{antal} linjer mangler prognose; i summerne indgår de med deres korrigerede budget "
        "(afvigelse 0), og de er markeret «Mangler prognose»."
    )


def fodnote_regnskab(aar: int) -> str:
    """The note for a closed year: the figures are the accounts, not a forecast."""
    return (
        f"{aar} er afsluttet: tallene er regnskab (årets samlede forbrug), ikke en prognose. "
        "Afvigelse = regnskab − korrigeret budget."
    )
