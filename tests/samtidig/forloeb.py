"""The page visits to replay: every page with realistic links, and the meeting script.

Ids come from the newest snapshot's parquet files, read directly (the app's modules may
move; the snapshot format is the contract): the udvalg with the most politikområder, its
politikområde with the most budget lines, the centre with the most budget lines there,
a goal of that centre and the goal's first indicator. Page paths are the app's URL
paths; the default page (Overblik) has the empty path, as in the browser.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import polars as pl

START = ""
"""URL path of the default page (Overblik)."""
STANDARD_SIDE = "overblik"
"""The default page's url_path in the app's page register (its file sider/overblik.py)."""


@dataclass(frozen=True)
class Trin:
    """One page visit: a name for the tables, the page's URL path and the query string.
    `kraever`: element types the run must send at least one of each (the view the link
    asks for, not a page that asks the user to choose); a run without them fails."""

    navn: str
    side: str
    forespoergsel: str = ""
    kraever: tuple[str, ...] = ()

    def mangler(self, elementer: Mapping[str, int]) -> list[str]:
        """The required element types a run did not send."""
        return [e for e in self.kraever if not elementer.get(e)]


@dataclass(frozen=True)
class Udvalgte:
    """Real ids from one snapshot, for links that drill down."""

    snapshot_id: str
    aeldre_snapshot_id: str | None
    aar: int
    udvalg: str
    politikomraade_id: str
    center_id: str
    maal_id: str
    indikator_id: str | None


def _manifester(data_dir: Path) -> list[dict[str, str]]:
    ud = []
    for fil in (data_dir / "snapshots").glob("*/manifest.json"):
        m = json.loads(fil.read_text(encoding="utf-8"))
        ud.append({"id": fil.parent.name, "created_at": m["created_at"], "pr": m["data_as_of"]})
    return sorted(ud, key=lambda m: (m["created_at"], m["id"]), reverse=True)


def vaelg_ids(data_dir: Path) -> Udvalgte:
    """Pick the ids the links use from the newest snapshot in `data_dir`."""
    manifester = _manifester(data_dir)
    if not manifester:
        raise FileNotFoundError(f"ingen datasæt i {data_dir / 'snapshots'}")
    nyeste = manifester[0]
    mappe = data_dir / "snapshots" / nyeste["id"]
    aar = int(nyeste["pr"][:4])
    po = pl.read_parquet(mappe / "politikomraader.parquet")
    maal = pl.read_parquet(mappe / "maal.parquet")
    org = pl.read_parquet(mappe / "organisation.parquet")
    ind = pl.read_parquet(mappe / "indikatorer.parquet")
    budget = pl.read_parquet(mappe / "budget.parquet").filter(pl.col("aar") == aar)

    # The udvalg with the most politikområder; its politikområde with the most budget lines.
    udvalg = (
        po.group_by("udvalg").len().sort(["len", "udvalg"], descending=[True, False]).item(0, 0)
    )
    i_udvalg = po.filter(pl.col("udvalg") == udvalg).get_column("politikomraade_id")
    po_id = (
        budget.filter(pl.col("politikomraade_id").is_in(i_udvalg.to_list()))
        .group_by("politikomraade_id")
        .len()
        .sort(["len", "politikomraade_id"], descending=[True, False])
        .item(0, 0)
    )
    # The centre with the most budget lines under it (its own or its institutions').
    centre: list[str] = org.filter(pl.col("type") == "center").get_column("enhed_id").to_list()
    center_for: dict[str, str] = dict(zip(org["enhed_id"], org["overordnet_id"], strict=True))
    linjer: dict[str, int] = {}
    for enhed in budget.filter(pl.col("politikomraade_id") == po_id).get_column("enhed_id"):
        c = enhed if enhed in centre else center_for.get(enhed, "")
        if c in centre:
            linjer[c] = linjer.get(c, 0) + 1
    center_id = min(linjer, key=lambda c: (-linjer[c], c)) if linjer else centre[0]
    # A goal of that centre (it has the institutions' goals below it).
    egne = maal.filter(pl.col("enhed_id") == center_id).sort("niveau", "maal_id")
    goal = (egne if not egne.is_empty() else maal.sort("maal_id")).row(0, named=True)
    indikatorer = ind.filter(pl.col("maal_id") == goal["maal_id"]).sort("indikator_id")
    return Udvalgte(
        snapshot_id=nyeste["id"],
        aeldre_snapshot_id=manifester[1]["id"] if len(manifester) > 1 else None,
        aar=aar,
        udvalg=udvalg,
        politikomraade_id=po_id,
        center_id=center_id,
        maal_id=goal["maal_id"],
        indikator_id=None if indikatorer.is_empty() else indikatorer.item(0, "indikator_id"),
    )


def sider_i_appen() -> list[str]:
    """URL paths of the app's pages, one per file in sider/ (a page's url_path is its file
    name; the default page as ""). Read from the folder rather than from the server, so
    the first runs of a test are cold; a path the server does not know shows up as
    "page not found" in the run."""
    from tests.conftest import PROJEKT

    navne = sorted(p.stem for p in (PROJEKT / "sider").glob("*.py") if not p.stem.startswith("_"))
    return [START if n == STANDARD_SIDE else n for n in navne]


OVERBLIK_VISNING = ("metric", "dataframe")
OEKONOMI_VISNING = ("metric", "dataframe", "plotly_chart")
MAALKAEDE_VISNING = ("plotly_chart",)
OPLAEG_VISNING = ("metric", "dataframe", "plotly_chart")
"""What the meeting script's views must send: the view the link asks for (Dialogmøde's
brief, not its "Vælg den enhed" prompt)."""


def _q(**parametre: str | int | None) -> str:
    return urlencode({k: v for k, v in parametre.items() if v is not None})


def moedeforloeb(u: Udvalgte) -> list[Trin]:
    """The meeting script: Overblik → Økonomi for an udvalg → Økonomi drilled to one of its
    politikområder → Målkæden on a goal → Dialogmøde for the goal's centre."""
    return [
        Trin("Overblik", START, _q(aar=u.aar), OVERBLIK_VISNING),
        Trin("Økonomi, udvalg", "oekonomi", _q(aar=u.aar, udvalg=u.udvalg), OEKONOMI_VISNING),
        Trin(
            "Økonomi, politikområde",
            "oekonomi",
            _q(aar=u.aar, udvalg=u.udvalg, politikomraade=u.politikomraade_id),
            OEKONOMI_VISNING,
        ),
        Trin("Målkæden, mål", "maalkaeden", _q(aar=u.aar, maal=u.maal_id), MAALKAEDE_VISNING),
        Trin("Dialogmøde, enhed", "dialogmoede", _q(aar=u.aar, enhed=u.center_id), OPLAEG_VISNING),
    ]


def alle_sider(u: Udvalgte, sider: list[str]) -> list[Trin]:
    """Every page in `sider` (URL paths, as the server's navigation lists them) with the
    links a user follows to it; a page without a known link gets the year alone. Økonomi
    and Indikatorer, the pages with the heaviest frames, come twice."""
    links: dict[str, list[Trin]] = {
        START: [Trin("Overblik", START, _q(aar=u.aar), OVERBLIK_VISNING)],
        "oekonomi": [
            Trin("Økonomi, udvalg", "oekonomi", _q(aar=u.aar, udvalg=u.udvalg), OEKONOMI_VISNING),
            Trin(
                "Økonomi, center",
                "oekonomi",
                _q(
                    aar=u.aar,
                    politikomraade=u.politikomraade_id,
                    center=u.center_id,
                    profil="sidste_aar",
                ),
                OEKONOMI_VISNING,
            ),
        ],
        "maalkaeden": [
            Trin("Målkæden, mål", "maalkaeden", _q(aar=u.aar, maal=u.maal_id), MAALKAEDE_VISNING)
        ],
        "indikatorer": [
            Trin("Indikatorer, mål", "indikatorer", _q(aar=u.aar, maal=u.maal_id)),
            Trin(
                "Indikatorer, indikator",
                "indikatorer",
                _q(aar=u.aar, indikator=u.indikator_id, visning="enhed"),
            ),
        ],
        "aftaler": [Trin("Aftaler, center", "aftaler", _q(aar=u.aar, center=u.center_id))],
        "dialogmoede": [
            Trin(
                "Dialogmøde, enhed",
                "dialogmoede",
                _q(aar=u.aar, enhed=u.center_id),
                OPLAEG_VISNING,
            )
        ],
        "datagrundlag": [
            Trin("Datagrundlag, ældre datasæt", "datagrundlag", _q(snapshot=u.aeldre_snapshot_id))
        ],
    }
    return [t for s in sider for t in links.get(s, [Trin(s or "Overblik", s, _q(aar=u.aar))])]
