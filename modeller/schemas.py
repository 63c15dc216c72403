"""The source contract (DESIGN.md §4): one declarative spec per table.

This module is the single source of truth for table names, column names, types,
allowed values, unique keys, references and the parquet sort order. The loader builds
its validation schemas from it, the demo generator writes its columns, and the rules
rely on its types. Column names are the contract's (Danish, ASCII-folded).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

SCHEMA_VERSION = 3
"""2: optional table anlaegsprojekter; projekt_id on budget, forbrug and prognoser;
budgettype on prognoser. 3: optional maal.maaltype; optional table aktivitet."""

ENHEDSTYPER: tuple[str, ...] = ("kommune", "direktion", "center", "institution")
"""Organisation unit types, top to bottom: a child's type must come after its parent's."""

MAALNIVEAUER: tuple[str, ...] = (
    "vision",
    "politik",
    "politikomraade",
    "direktion",
    "center",
    "institution",
)
"""Goal levels of the cascade, top to bottom."""

MAALTYPER: tuple[str, ...] = ("udviklingsmaal", "resultatkrav", "serviceniveau", "indsatsomraade")
"""Kinds of goal a politikområde carries in the budget (the seed: "mål, serviceniveau,
særlige resultatkrav og indsatsområder"); udviklingsmaal is the default."""

BELOEBSTYPER: tuple[str, ...] = (
    "oprindeligt_budget",
    "tillaegsbevilling",
    "omplacering",
    "overfoersel",
)
BUDGETTYPER: tuple[str, ...] = ("service", "indkomstoverfoersler", "anlaeg")
AFTALESTATUSSER: tuple[str, ...] = ("udkast", "indgaaet", "opfulgt")
MAALSTATUSSER: tuple[str, ...] = (
    "opfyldt",
    "paa_sporet",
    "i_risiko",
    "ikke_paa_sporet",
    "ikke_vurderet",
)
RETNINGER: tuple[str, ...] = ("op", "ned")
FREKVENSER: tuple[str, ...] = ("maaned", "kvartal", "aar")

AAR_MIN = 2000
AAR_MAX = 2100


@dataclass(frozen=True)
class Kolonne:
    """One column of a source table.

    `paakraevet`: the column must exist in the source file.
    `nullable`: a cell may be empty. `tilladte`: allowed values (after lower-casing).
    `minimum`/`maksimum`: inclusive numeric bounds. `standard`: value used when an
    optional column is absent or a cell is empty (None = stays empty).
    """

    navn: str
    dtype: pl.DataType
    paakraevet: bool = True
    nullable: bool = False
    tilladte: tuple[str, ...] | None = None
    minimum: float | None = None
    maksimum: float | None = None
    standard: str | None = None


@dataclass(frozen=True)
class Reference:
    """`kolonne` in this table must exist in `tabel.til_kolonne` (empty cells are allowed)."""

    kolonne: str
    tabel: str
    til_kolonne: str


@dataclass(frozen=True)
class Tabel:
    navn: str
    kolonner: tuple[Kolonne, ...]
    noegle: tuple[str, ...] = ()
    """Columns that together are unique (empty = no key)."""
    referencer: tuple[Reference, ...] = ()
    sortering: tuple[str, ...] = ()
    """Sort order of the parquet file (filter keys first), for predicate pushdown."""
    beskrivelse: str = ""
    valgfri: bool = False
    """An optional table: a source set may leave it out; the snapshot then holds it empty."""
    kolonnenavne: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kolonnenavne", tuple(k.navn for k in self.kolonner))

    def kolonne(self, navn: str) -> Kolonne:
        for k in self.kolonner:
            if k.navn == navn:
                return k
        raise KeyError(navn)

    @property
    def paakraevede(self) -> tuple[str, ...]:
        return tuple(k.navn for k in self.kolonner if k.paakraevet)

    @property
    def polars_schema(self) -> dict[str, pl.DataType]:
        return {k.navn: k.dtype for k in self.kolonner}

    def tom(self) -> pl.DataFrame:
        """An empty frame with this table's columns and types (an absent optional table)."""
        return pl.DataFrame(schema=self.polars_schema)


ID = pl.String()
TEKST = pl.String()
AAR = pl.Int32()
HELTAL = pl.Int32()
BELOEB = pl.Float64()
TAL = pl.Float64()
DATO = pl.Date()


def _aar(navn: str, paakraevet: bool = True, nullable: bool = False) -> Kolonne:
    return Kolonne(navn, AAR, paakraevet, nullable, minimum=AAR_MIN, maksimum=AAR_MAX)


def _projekt() -> Kolonne:
    return Kolonne("projekt_id", ID, paakraevet=False, nullable=True)


ORGANISATION = Tabel(
    "organisation",
    (
        Kolonne("enhed_id", ID),
        Kolonne("navn", TEKST),
        Kolonne("type", TEKST, tilladte=ENHEDSTYPER),
        Kolonne("overordnet_id", ID, nullable=True),
        Kolonne("leder", TEKST, paakraevet=False, nullable=True),
    ),
    noegle=("enhed_id",),
    referencer=(Reference("overordnet_id", "organisation", "enhed_id"),),
    sortering=("enhed_id",),
    beskrivelse="Organisationen: kommune, direktion, centre og institutioner.",
)

POLITIKOMRAADER = Tabel(
    "politikomraader",
    (
        Kolonne("politikomraade_id", ID),
        Kolonne("navn", TEKST),
        Kolonne("udvalg", TEKST),
    ),
    noegle=("politikomraade_id",),
    sortering=("politikomraade_id",),
    beskrivelse="Politikområder og det fagudvalg, der ejer dem.",
)

BUDGET = Tabel(
    "budget",
    (
        _aar("aar"),
        Kolonne("enhed_id", ID),
        Kolonne("politikomraade_id", ID),
        Kolonne("beloebstype", TEKST, tilladte=BELOEBSTYPER),
        Kolonne("beloeb_kr", BELOEB),
        Kolonne("budgettype", TEKST, paakraevet=False, tilladte=BUDGETTYPER, standard="service"),
        _projekt(),
    ),
    referencer=(
        Reference("enhed_id", "organisation", "enhed_id"),
        Reference("politikomraade_id", "politikomraader", "politikomraade_id"),
        Reference("projekt_id", "anlaegsprojekter", "projekt_id"),
    ),
    sortering=("aar", "politikomraade_id", "enhed_id"),
    beskrivelse="Budgetbeløb pr. år, enhed og politikområde (udgifter positive).",
)

FORBRUG = Tabel(
    "forbrug",
    (
        _aar("aar"),
        Kolonne("maaned", HELTAL, minimum=1, maksimum=12),
        Kolonne("enhed_id", ID),
        Kolonne("politikomraade_id", ID),
        Kolonne("beloeb_kr", BELOEB),
        Kolonne("budgettype", TEKST, paakraevet=False, tilladte=BUDGETTYPER, standard="service"),
        _projekt(),
    ),
    referencer=(
        Reference("enhed_id", "organisation", "enhed_id"),
        Reference("politikomraade_id", "politikomraader", "politikomraade_id"),
        Reference("projekt_id", "anlaegsprojekter", "projekt_id"),
    ),
    sortering=("aar", "politikomraade_id", "enhed_id", "maaned"),
    beskrivelse="Bogført forbrug pr. måned (udgifter positive, indtægter negative).",
)

PROGNOSER = Tabel(
    "prognoser",
    (
        Kolonne("opfoelgningsdato", DATO),
        Kolonne("enhed_id", ID),
        Kolonne("politikomraade_id", ID),
        Kolonne("forventet_forbrug_kr", BELOEB),
        Kolonne("kommentar", TEKST, paakraevet=False, nullable=True),
        # No default: an empty budgettype is a legacy forecast, read as service by the
        # rules (modeller/budget.py); a forecast for a project must say anlaeg.
        Kolonne("budgettype", TEKST, paakraevet=False, nullable=True, tilladte=BUDGETTYPER),
        _projekt(),
    ),
    noegle=("opfoelgningsdato", "enhed_id", "politikomraade_id", "budgettype", "projekt_id"),
    referencer=(
        Reference("enhed_id", "organisation", "enhed_id"),
        Reference("politikomraade_id", "politikomraader", "politikomraade_id"),
        Reference("projekt_id", "anlaegsprojekter", "projekt_id"),
    ),
    sortering=("opfoelgningsdato", "politikomraade_id", "enhed_id"),
    beskrivelse="Forventet regnskab ved hver budgetopfølgning.",
)

ANLAEGSPROJEKTER = Tabel(
    "anlaegsprojekter",
    (
        Kolonne("projekt_id", ID),
        Kolonne("navn", TEKST),
        Kolonne("enhed_id", ID),
        Kolonne("politikomraade_id", ID),
        Kolonne("anlaegsbevilling_kr", BELOEB),
        _aar("startaar", paakraevet=False, nullable=True),
        _aar("slutaar", paakraevet=False, nullable=True),
    ),
    noegle=("projekt_id",),
    referencer=(
        Reference("enhed_id", "organisation", "enhed_id"),
        Reference("politikomraade_id", "politikomraader", "politikomraade_id"),
    ),
    sortering=("projekt_id",),
    beskrivelse="Anlægsprojekter med anlægsbevilling over projektets levetid (valgfri tabel).",
    valgfri=True,
)

AKTIVITET = Tabel(
    "aktivitet",
    (
        _aar("aar"),
        Kolonne("enhed_id", ID),
        Kolonne("politikomraade_id", ID),
        Kolonne("ydelse", TEKST),
        Kolonne("maengde", TAL, minimum=0),
        Kolonne("maaned", HELTAL, paakraevet=False, nullable=True, minimum=1, maksimum=12),
        Kolonne("budget_maengde", TAL, paakraevet=False, nullable=True, minimum=0),
        Kolonne("maaleenhed", TEKST, paakraevet=False, nullable=True),
    ),
    noegle=("aar", "maaned", "enhed_id", "politikomraade_id", "ydelse"),
    referencer=(
        Reference("enhed_id", "organisation", "enhed_id"),
        Reference("politikomraade_id", "politikomraader", "politikomraade_id"),
    ),
    sortering=("aar", "politikomraade_id", "enhed_id", "ydelse", "maaned"),
    beskrivelse=(
        "Aktivitet pr. år (eller måned), enhed, politikområde og ydelse, med budgetteret "
        "aktivitet (valgfri tabel). Mængden er et niveau: det gennemsnitlige antal i "
        "perioden (indskrevne børn, elever, modtagere, fuldtidspersoner)."
    ),
    valgfri=True,
)

AFTALER = Tabel(
    "aftaler",
    (
        Kolonne("aftale_id", ID),
        Kolonne("enhed_id", ID),
        _aar("aar_fra"),
        _aar("aar_til"),
        Kolonne("status", TEKST, paakraevet=False, nullable=True, tilladte=AFTALESTATUSSER),
        Kolonne("indgaaet_dato", DATO, paakraevet=False, nullable=True),
    ),
    noegle=("aftale_id",),
    referencer=(Reference("enhed_id", "organisation", "enhed_id"),),
    sortering=("aftale_id",),
    beskrivelse="Aftaler mellem en enhed (aftaleholder) og niveauet over den.",
)

MAAL = Tabel(
    "maal",
    (
        Kolonne("maal_id", ID),
        Kolonne("titel", TEKST),
        Kolonne("niveau", TEKST, tilladte=MAALNIVEAUER),
        Kolonne("maaltype", TEKST, paakraevet=False, tilladte=MAALTYPER, standard="udviklingsmaal"),
        Kolonne("overordnet_maal_id", ID, paakraevet=False, nullable=True),
        Kolonne("beskrivelse", TEKST, paakraevet=False, nullable=True),
        Kolonne("succeskriterie", TEKST, paakraevet=False, nullable=True),
        Kolonne("enhed_id", ID, paakraevet=False, nullable=True),
        Kolonne("politikomraade_id", ID, paakraevet=False, nullable=True),
        Kolonne("aftale_id", ID, paakraevet=False, nullable=True),
        _aar("aar_fra", paakraevet=False, nullable=True),
        _aar("aar_til", paakraevet=False, nullable=True),
        Kolonne("tidsfrist", DATO, paakraevet=False, nullable=True),
        Kolonne("ansvarlig", TEKST, paakraevet=False, nullable=True),
    ),
    noegle=("maal_id",),
    referencer=(
        Reference("overordnet_maal_id", "maal", "maal_id"),
        Reference("enhed_id", "organisation", "enhed_id"),
        Reference("politikomraade_id", "politikomraader", "politikomraade_id"),
        Reference("aftale_id", "aftaler", "aftale_id"),
    ),
    sortering=("maal_id",),
    beskrivelse="Målkæden: vision → politik → politikområde → direktion → center → institution.",
)

INDIKATORER = Tabel(
    "indikatorer",
    (
        Kolonne("indikator_id", ID),
        Kolonne("navn", TEKST),
        Kolonne("maaleenhed", TEKST),
        Kolonne("retning", TEKST, tilladte=RETNINGER),
        Kolonne("maal_id", ID, paakraevet=False, nullable=True),
        Kolonne("baseline", TAL, paakraevet=False, nullable=True),
        Kolonne("maalvaerdi", TAL, paakraevet=False, nullable=True),
        Kolonne("frekvens", TEKST, paakraevet=False, nullable=True, tilladte=FREKVENSER),
    ),
    noegle=("indikator_id",),
    referencer=(Reference("maal_id", "maal", "maal_id"),),
    sortering=("indikator_id",),
    beskrivelse="Indikatorer bag målene, med baseline, målværdi og retning.",
)

MAALINGER = Tabel(
    "maalinger",
    (
        Kolonne("indikator_id", ID),
        Kolonne("enhed_id", ID),
        Kolonne("periode", DATO),
        Kolonne("vaerdi", TAL),
        Kolonne("kommentar", TEKST, paakraevet=False, nullable=True),
    ),
    noegle=("indikator_id", "enhed_id", "periode"),
    referencer=(
        Reference("indikator_id", "indikatorer", "indikator_id"),
        Reference("enhed_id", "organisation", "enhed_id"),
    ),
    sortering=("indikator_id", "enhed_id", "periode"),
    beskrivelse="Målinger af indikatorerne pr. enhed og periode.",
)

VURDERINGER = Tabel(
    "vurderinger",
    (
        Kolonne("maal_id", ID),
        Kolonne("dato", DATO),
        Kolonne("status", TEKST, tilladte=MAALSTATUSSER),
        Kolonne("kommentar", TEKST, paakraevet=False, nullable=True),
        Kolonne("vurderet_af", TEKST, paakraevet=False, nullable=True),
    ),
    noegle=("maal_id", "dato"),
    referencer=(Reference("maal_id", "maal", "maal_id"),),
    sortering=("maal_id", "dato"),
    beskrivelse="Vurderinger af målenes status.",
)

TABELLER: dict[str, Tabel] = {
    t.navn: t
    for t in (
        ORGANISATION,
        POLITIKOMRAADER,
        ANLAEGSPROJEKTER,
        BUDGET,
        FORBRUG,
        PROGNOSER,
        AKTIVITET,
        AFTALER,
        MAAL,
        INDIKATORER,
        MAALINGER,
        VURDERINGER,
    )
}
"""All tables of the contract, in load order (referenced tables first, except maal→aftaler).
Tables with `valgfri` may be absent from a source set (see `Tabel.tom`)."""

VALGFRIE: tuple[str, ...] = tuple(n for n, t in TABELLER.items() if t.valgfri)
"""Names of the optional tables."""
