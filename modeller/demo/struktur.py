"""The demo municipality's fixed structure: organisation and politikområder.

Centres and politikområder follow the seed (Sorø Kommune's fagcentre and stabscentre);
institutions are fictional. `skala` replicates every institution with numbered variants
("Børnehuset Regnbuen 7"); the kommune, direktion, centres and politikområder never change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

KOMMUNE_ID = "K"
KOMMUNE_NAVN = "Demo Kommune (fiktive tal)"
DIREKTION_ID = "DIR"
PEDERSBORG_ENHED_ID = "I-BU-001"
"""Pedersborg Børnehus, the seed's institution (first institution under Børn og Unge)."""
PEDERSBORG_NAVN = "Pedersborg Børnehus"

SEED = 20080101
"""Base seed of every random generator in the demo (no clock, no hash randomisation)."""

# politikomraade_id, navn, udvalg
POLITIKOMRAADER: tuple[tuple[str, str, str], ...] = (
    ("P-ADM", "Administration", "Økonomiudvalget"),
    ("P-POL", "Politisk organisation", "Økonomiudvalget"),
    ("P-DAG", "Dagtilbud", "Børne- og Ungeudvalget"),
    ("P-SKO", "Skoler", "Børne- og Ungeudvalget"),
    ("P-FAM", "Familier", "Børne- og Ungeudvalget"),
    ("P-SUN", "Sundhed", "Sundhedsudvalget"),
    ("P-AEL", "Ældre", "Social- og Ældreudvalget"),
    ("P-HAN", "Handicap og psykiatri", "Social- og Ældreudvalget"),
    ("P-BES", "Beskæftigelse", "Beskæftigelsesudvalget"),
    ("P-FOR", "Forsørgelse", "Beskæftigelsesudvalget"),
    ("P-VEJ", "Veje og trafik", "Teknik- og Miljøudvalget"),
    ("P-NAT", "Natur og miljø", "Teknik- og Miljøudvalget"),
    ("P-EJD", "Ejendomme", "Teknik- og Miljøudvalget"),
    ("P-KUL", "Kultur", "Kultur- og Fritidsudvalget"),
    ("P-FRI", "Fritid", "Kultur- og Fritidsudvalget"),
)
UDVALG: dict[str, str] = {p: u for p, _, u in POLITIKOMRAADER}
UDVALG_KODE: dict[str, str] = {
    "Økonomiudvalget": "OEU",
    "Børne- og Ungeudvalget": "BUU",
    "Sundhedsudvalget": "SUU",
    "Social- og Ældreudvalget": "SAEU",
    "Beskæftigelsesudvalget": "BEU",
    "Teknik- og Miljøudvalget": "TMU",
    "Kultur- og Fritidsudvalget": "KFU",
}
"""Short code per fagudvalg (in POLITIKOMRAADER order), used in level-1 agreement ids."""


@dataclass(frozen=True)
class Center:
    kode: str
    navn: str
    hovedomraade: str
    """The centre's main politikområde (its faglige goal hangs under it)."""
    institutioner: tuple[tuple[str, str], ...]
    """(navn, art) of the centre's institutions at skala 1."""

    @property
    def enhed_id(self) -> str:
        return f"C-{self.kode}"


def _n(prefix: str, names: str, art: str) -> tuple[tuple[str, str], ...]:
    return tuple((f"{prefix}{n.strip()}", art) for n in names.split(","))


CENTRE: tuple[Center, ...] = (
    Center(
        "BU",
        "Center for Børn og Unge",
        "P-DAG",
        (
            (PEDERSBORG_NAVN, "dagtilbud"),
            *_n(
                "Børnehuset ",
                "Regnbuen,Mælkebøtten,Skovly,Solsikken,Bølgen,Troldehøj,Kastanjen,Lærkereden,"
                "Spiren,Egebo,Stjernen,Søhuset",
                "dagtilbud",
            ),
            ("Vuggestuen Myretuen", "dagtilbud"),
            ("Vuggestuen Humlebien", "dagtilbud"),
            ("Naturbørnehaven Ugleskoven", "dagtilbud"),
            ("Dagplejen Nord", "dagpleje"),
            ("Dagplejen Syd", "dagpleje"),
            *_n(
                "",
                "Nordskolen,Sydskolen,Søskolen,Bakkeskolen,Engskolen,Skovskolen,Byskolen,"
                "Holmeskolen,Åskolen",
                "skole",
            ),
            ("Ungdomsskolen", "ungdomsskole"),
            *_n("SFO ", "Nordskolen,Sydskolen,Søskolen,Bakkeskolen,Engskolen,Skovskolen", "sfo"),
        ),
    ),
    Center(
        "KF",
        "Center for Kultur og Fritid",
        "P-KUL",
        (
            ("Hovedbiblioteket", "bibliotek"),
            ("Biblioteksfilial Nord", "bibliotek"),
            ("Biblioteksfilial Syd", "bibliotek"),
            ("Kulturhuset Spinderiet", "kultur"),
            ("Musikskolen", "kultur"),
            ("Egnsmuseet", "kultur"),
            ("Idrætscentret", "fritid"),
            ("Hallen Øst", "fritid"),
            ("Svømmehallen", "fritid"),
            ("Ungdomsklubben Fristedet", "fritid"),
        ),
    ),
    Center(
        "FR",
        "Familierådgivningen",
        "P-FAM",
        (
            ("Familiehuset", "familie"),
            ("Døgninstitutionen Lyngbo", "familie"),
            ("Opholdsstedet Skovbrynet", "familie"),
        ),
    ),
    Center(
        "SU",
        "Center for Sundhed",
        "P-SUN",
        (
            ("Sundhedsplejen", "sundhed"),
            ("Tandplejen", "sundhed"),
            ("Sundhedscentret", "sundhed"),
            ("Genoptræningen", "sundhed"),
            ("Forebyggelsesteamet", "sundhed"),
        ),
    ),
    Center(
        "AE",
        "Center for Ældre",
        "P-AEL",
        _n(
            "Plejecenter ",
            "Ahorn,Birkebo,Egely,Lindegården,Solbakken,Kildehøj,Rosenhaven",
            "plejecenter",
        )
        + _n("Hjemmeplejen ", "Nord,Syd,Øst,Vest", "hjemmepleje")
        + (("Sygeplejen", "aeldre"), ("Aktivitetscentret Lyspunktet", "aeldre"))
        + (("Madservice", "aeldre"),),
    ),
    Center(
        "HS",
        "Center for Handicap og Socialpsykiatri",
        "P-HAN",
        (
            ("Bostedet Ådalen", "bosted"),
            ("Bostedet Kærhaven", "bosted"),
            ("Botilbuddet Toften", "bosted"),
            ("Værestedet Fyrtårnet", "handicap"),
            ("Socialpsykiatrisk Støttecenter", "handicap"),
            ("Værkstedet Mosen", "vaerksted"),
            ("Aktivitetshuset Kilden", "vaerksted"),
        ),
    ),
    Center(
        "JC",
        "Jobcenter",
        "P-BES",
        (
            ("Ungeindsatsen", "job"),
            ("Virksomhedsservice", "job"),
            ("Integrationsteamet", "job"),
            ("Sygedagpengeteamet", "job"),
            ("Ydelseskontoret", "ydelse"),
        ),
    ),
    Center(
        "TF",
        "Center for Teknik og Forsyning",
        "P-VEJ",
        (
            ("Vejdriften", "teknik"),
            ("Park og Grønne Områder", "teknik"),
            ("Materielgården", "teknik"),
            ("Kirkegårdene", "teknik"),
        ),
    ),
    Center(
        "PM",
        "Center for Plan og Miljø",
        "P-NAT",
        (
            ("Natur og Vand", "miljoe"),
            ("Miljøtilsynet", "miljoe"),
            ("Byggesagsteamet", "miljoe"),
        ),
    ),
    Center(
        "EC",
        "Ejendomscenter",
        "P-EJD",
        (
            ("Ejendomsdrift Nord", "ejendom"),
            ("Ejendomsdrift Syd", "ejendom"),
            ("Rengøringsenheden", "ejendom"),
            ("Energi og Vedligehold", "ejendom"),
        ),
    ),
    Center(
        "BS",
        "Borgerservice",
        "P-ADM",
        (
            ("Borgerservice Centrum", "admin"),
            ("Borgerservice Nord", "admin"),
            ("Digitaliseringsteamet", "admin"),
        ),
    ),
    Center(
        "OP",
        "Center for Økonomi og Personale",
        "P-ADM",
        (
            ("Løn og Personale", "admin"),
            ("IT-afdelingen", "admin"),
            ("HR og Arbejdsmiljø", "admin"),
            ("Regnskab og Indkøb", "admin"),
        ),
    ),
    Center(
        "BR",
        "Byrådscenter",
        "P-POL",
        (
            ("Byrådssekretariatet", "politisk"),
            ("Kommunikation", "admin"),
        ),
    ),
)
CENTER_BY_ID: dict[str, Center] = {c.enhed_id: c for c in CENTRE}

# art -> budget lines (politikomraade_id, budgettype, low mio. kr., high mio. kr.)
ART_LINJER: dict[str, tuple[tuple[str, str, float, float], ...]] = {
    "dagtilbud": (("P-DAG", "service", 7, 13),),
    "dagpleje": (("P-DAG", "service", 15, 22),),
    "skole": (("P-SKO", "service", 35, 55),),
    "ungdomsskole": (("P-SKO", "service", 7, 10), ("P-FRI", "service", 1, 2)),
    "sfo": (("P-SKO", "service", 4, 7),),
    "familie": (("P-FAM", "service", 12, 25),),
    "sundhed": (("P-SUN", "service", 6, 15),),
    "plejecenter": (
        ("P-AEL", "service", 28, 45),
        ("P-SUN", "service", -3, -1.5),  # nursing sold to the region (income line)
    ),
    "hjemmepleje": (("P-AEL", "service", 25, 35), ("P-SUN", "service", 1, 2)),
    "aeldre": (("P-AEL", "service", 6, 10),),
    "bosted": (("P-HAN", "service", 15, 30),),
    "handicap": (("P-HAN", "service", 8, 14),),
    "vaerksted": (("P-HAN", "service", 8, 12), ("P-BES", "service", 1, 2)),
    "job": (("P-BES", "service", 8, 14),),
    "ydelse": (("P-FOR", "indkomstoverfoersler", 230, 270), ("P-BES", "service", 4, 6)),
    "bibliotek": (("P-KUL", "service", 5, 14),),
    "kultur": (("P-KUL", "service", 5, 12),),
    "fritid": (("P-FRI", "service", 4, 10),),
    "teknik": (("P-VEJ", "service", 12, 25),),
    "miljoe": (("P-NAT", "service", 4, 7),),
    "ejendom": (("P-EJD", "service", 12, 20),),
    "admin": (("P-ADM", "service", 6, 14),),
    "politisk": (("P-POL", "service", 5, 8),),
}

# enhed_id -> central lines held by the centre itself (negative = income line).
# Ejendomme is held centrally (the seed: "kun ejendomsrelaterede udgifter holdes samlet
# centralt"): only the Ejendomscenter books P-EJD, with positive net expenses.
CENTER_LINJER: dict[str, tuple[tuple[str, str, float], ...]] = {
    "DIR": (("P-ADM", "service", 8),),
    "C-BU": (("P-DAG", "service", -55), ("P-SKO", "service", 60)),
    "C-KF": (("P-KUL", "service", 8), ("P-FRI", "service", 12)),
    "C-FR": (("P-FAM", "service", 95),),
    "C-SU": (("P-SUN", "service", 110),),
    "C-AE": (("P-AEL", "service", 45),),
    "C-HS": (("P-HAN", "service", 85),),
    "C-JC": (("P-BES", "service", 35), ("P-FOR", "indkomstoverfoersler", 390)),
    "C-TF": (("P-VEJ", "service", 20),),
    "C-PM": (("P-NAT", "service", 10),),
    "C-EC": (("P-EJD", "service", 30),),
    "C-BS": (("P-ADM", "service", 6),),
    "C-OP": (("P-ADM", "service", 45),),
    "C-BR": (("P-POL", "service", 14), ("P-ADM", "service", 10)),
}


@dataclass(frozen=True)
class Anlaegsprojekt:
    """An anlæg project of the demo: its own budget line (budgettype anlaeg) on the
    owning unit, active from `fra` to `til` years relative to the current year."""

    projekt_id: str
    navn: str
    enhed_id: str
    politikomraade_id: str
    mio_pr_aar: float
    fra: int
    til: int
    aarets_afvigelse: float | None = None
    """Fixed share deviation of the current year's forbrug (None: a random underspend)."""


ANLAEGSPROJEKTER: tuple[Anlaegsprojekt, ...] = (
    Anlaegsprojekt("AP-01", "Ny indskolingsfløj på Søskolen", "C-BU", "P-SKO", 14, -1, 1, -0.55),
    Anlaegsprojekt("AP-02", "Renovering af faglokaler på Nordskolen", "C-BU", "P-SKO", 6, 0, 0),
    Anlaegsprojekt("AP-03", "Cykelsti Pedersborg–Sorø", "C-TF", "P-VEJ", 15, -1, 0, 0.06),
    Anlaegsprojekt("AP-04", "Trafiksikring ved skolerne", "C-TF", "P-VEJ", 10, -2, 1),
    Anlaegsprojekt("AP-05", "Energirenovering af kommunale bygninger", "C-EC", "P-EJD", 25, -3, 1),
    Anlaegsprojekt("AP-06", "Kunstgræsbane ved Idrætscentret", "C-KF", "P-FRI", 8, 0, 0),
)
"""The demo's anlæg projects; AP-01 is the delayed one (about half its rådighedsbeløb
moves to next year)."""
FORSINKET_PROJEKT = "AP-01"

_FORNAVNE = [
    "Anne",
    "Mette",
    "Lars",
    "Søren",
    "Hanne",
    "Jens",
    "Birgitte",
    "Peter",
    "Karen",
    "Henrik",
    "Lene",
    "Morten",
    "Susanne",
    "Thomas",
    "Pia",
    "Michael",
    "Helle",
    "Niels",
    "Camilla",
    "Rasmus",
    "Louise",
    "Jesper",
    "Tina",
    "Anders",
    "Marianne",
    "Kasper",
    "Dorthe",
    "Jakob",
    "Line",
    "Martin",
    "Charlotte",
    "Ole",
    "Rikke",
    "Jørgen",
    "Maja",
    "Frederik",
]
_EFTERNAVNE = [
    "Holm",
    "Krogh",
    "Lund",
    "Bech",
    "Dahl",
    "Friis",
    "Vestergaard",
    "Thomsen",
    "Mikkelsen",
    "Skov",
    "Brandt",
    "Kjær",
    "Bundgaard",
    "Lauridsen",
    "Winther",
    "Juhl",
    "Kristoffersen",
    "Ravn",
    "Bonde",
    "Storm",
    "Hald",
    "Toft",
    "Kirk",
    "Engel",
    "Lykke",
    "Munk",
    "Dam",
    "Bang",
    "Kolding",
    "Nygaard",
    "Vinther",
    "Borup",
]


def _ledere(rng: np.random.Generator, n: int) -> list[str]:
    par = rng.integers((0, 0), (len(_FORNAVNE), len(_EFTERNAVNE)), size=(n, 2))
    return [f"{_FORNAVNE[a]} {_EFTERNAVNE[b]}" for a, b in par]


@dataclass(frozen=True)
class Institution:
    enhed_id: str
    navn: str
    center_id: str
    art: str
    variant: int
    """1 for the skala-1 institution, 2..N for its replicas."""
    basis_nr: int
    """Position of the skala-1 institution in its centre (0-based)."""


def institutioner(skala: int) -> list[Institution]:
    """All institutions at `skala`, centre by centre, variant by variant."""
    ud: list[Institution] = []
    for c in CENTRE:
        n = len(c.institutioner)
        for k in range(1, skala + 1):
            for j, (navn, art) in enumerate(c.institutioner):
                nr = (k - 1) * n + j + 1
                ud.append(
                    Institution(
                        enhed_id=f"I-{c.kode}-{nr:03d}",
                        navn=navn if k == 1 else f"{navn} {k}",
                        center_id=c.enhed_id,
                        art=art,
                        variant=k,
                        basis_nr=j,
                    )
                )
    return ud


def organisation(skala: int) -> pl.DataFrame:
    """The organisation table (contract columns, untyped order)."""
    inst = institutioner(skala)
    rng = np.random.default_rng((SEED, 1))
    rows: list[tuple[str, str, str, str | None]] = [
        (KOMMUNE_ID, KOMMUNE_NAVN, "kommune", None),
        (DIREKTION_ID, "Direktionen", "direktion", KOMMUNE_ID),
    ]
    rows += [(c.enhed_id, c.navn, "center", DIREKTION_ID) for c in CENTRE]
    rows += [(i.enhed_id, i.navn, "institution", i.center_id) for i in inst]
    # Draw names centres first, then institutions variant by variant, so that a larger
    # skala keeps the leaders of the smaller one.
    navne = _ledere(rng, len(rows) - 2)
    raekkefoelge = list(range(len(CENTRE))) + [
        len(CENTRE) + j for j in sorted(range(len(inst)), key=lambda j: inst[j].variant)
    ]
    ledere: list[str | None] = [None, "Birgit Aagaard"] + [None] * (len(rows) - 2)
    for navn, pos in zip(navne, raekkefoelge, strict=True):
        ledere[2 + pos] = navn
    return pl.DataFrame(
        {
            "enhed_id": [r[0] for r in rows],
            "navn": [r[1] for r in rows],
            "type": [r[2] for r in rows],
            "overordnet_id": [r[3] for r in rows],
            "leder": ledere,
        },
        schema={
            "enhed_id": pl.String(),
            "navn": pl.String(),
            "type": pl.String(),
            "overordnet_id": pl.String(),
            "leder": pl.String(),
        },
    )


def politikomraader() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "politikomraade_id": [p[0] for p in POLITIKOMRAADER],
            "navn": [p[1] for p in POLITIKOMRAADER],
            "udvalg": [p[2] for p in POLITIKOMRAADER],
        }
    )
