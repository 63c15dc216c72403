"""Goal-tree helpers for Målkæden (pure polars, no I/O).

The goal cascade (vision → politik → politikområde → direktion → center → institution)
is stored as an adjacency list: `maal.overordnet_maal_id` points to the parent goal.

Conventions shared by every function here:

- Only goals present in the given frame count. A parent id that is not in the frame
  (e.g. after filtering) is treated as absent: the goal is then a root.
- The loader rejects cycles, but every function terminates on a frame with a cycle:
  `forfaedre` stops when no new (goal, ancestor) pair appears and never walks deeper than
  the number of goals (capped at `MAKS_DYBDE`). Goals on a cycle have no root, so
  root-based views (`undertrae(rod_id=None)`, `indrykket(rod_id=None)`) leave them out.
- Sibling order is by `maal_id` unless stated otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

MAKS_DYBDE = 64
"""Safety cap on the depth of the goal tree walked by `forfaedre` (the real cascade has 6)."""

_ANCESTOR_SCHEMA = pl.Schema(
    {
        "maal_id": pl.String(),
        "forfader_id": pl.String(),
        "afstand": pl.Int32(),
    }
)


def _kanter(maal: pl.DataFrame) -> pl.DataFrame:
    """(maal_id, overordnet_maal_id) for goals whose parent exists in the frame."""
    ids = maal.select("maal_id").unique()
    return (
        maal.select("maal_id", "overordnet_maal_id")
        .drop_nulls("overordnet_maal_id")
        .filter(pl.col("maal_id") != pl.col("overordnet_maal_id"))
        .join(ids, left_on="overordnet_maal_id", right_on="maal_id", how="semi")
        .unique()
    )


def forfaedre(maal: pl.DataFrame) -> pl.DataFrame:
    """All (goal, ancestor) pairs with their distance, by iterative self-joins.

    Returns columns maal_id, forfader_id, afstand (Int32; 1 = parent, 2 = grandparent, …).
    A goal is not its own ancestor (no afstand-0 rows). Cycle-safe: pairs already found are
    not walked again, a goal reached as its own ancestor is dropped, and at most
    min(number of goals, MAKS_DYBDE) steps are taken. Each pair appears once, with its
    shortest distance.
    """
    kanter = _kanter(maal).rename({"overordnet_maal_id": "forfader_id"})
    front = kanter.with_columns(pl.lit(1, dtype=pl.Int32()).alias("afstand"))
    fundne = [front]
    kendte = front.select("maal_id", "forfader_id")
    loft = min(maal.height, MAKS_DYBDE)
    for _ in range(max(loft - 1, 0)):
        if front.is_empty():
            break
        front = (
            front.join(
                kanter.rename({"maal_id": "forfader_id", "forfader_id": "naeste_id"}),
                on="forfader_id",
                how="inner",
            )
            .select(
                "maal_id",
                pl.col("naeste_id").alias("forfader_id"),
                (pl.col("afstand") + 1).alias("afstand"),
            )
            .filter(pl.col("maal_id") != pl.col("forfader_id"))
            .unique(["maal_id", "forfader_id"])
            .join(kendte, on=["maal_id", "forfader_id"], how="anti")
        )
        fundne.append(front)
        kendte = pl.concat([kendte, front.select("maal_id", "forfader_id")])
    return (
        pl.concat(fundne)
        .group_by("maal_id", "forfader_id")
        .agg(pl.col("afstand").min())
        .cast(_ANCESTOR_SCHEMA)
        .sort("maal_id", "afstand")
    )


def _med_dybde(maal: pl.DataFrame, anc: pl.DataFrame | None = None) -> pl.DataFrame:
    """`maal` with `niveau_dybde` = number of ancestors in the frame (root = 0)."""
    anc = forfaedre(maal) if anc is None else anc
    antal = anc.group_by("maal_id").agg(pl.len().cast(pl.Int32()).alias("niveau_dybde"))
    return maal.join(antal, on="maal_id", how="left").with_columns(
        pl.col("niveau_dybde").fill_null(0)
    )


def roedder(maal: pl.DataFrame) -> pl.DataFrame:
    """Goals without a parent in the frame (overordnet_maal_id empty or not present)."""
    har_foraelder = _kanter(maal).select("maal_id")
    return maal.join(har_foraelder, on="maal_id", how="anti").sort("maal_id")


def kaede_op(maal: pl.DataFrame, maal_id: str) -> list[str]:
    """The chain of goal ids from the top (usually the vision) down to `maal_id`.

    The goal itself is the last element. An unknown id gives []. On a cycle the walk
    stops before repeating a goal.
    """
    foraeldre = dict(_kanter(maal).select("maal_id", "overordnet_maal_id").iter_rows())
    if maal.filter(pl.col("maal_id") == maal_id).is_empty():
        return []
    return _op(foraeldre, maal_id)


def _op(foraeldre: Mapping[str, str], maal_id: str) -> list[str]:
    """The walk of `kaede_op` from a goal known to be present, over goal → parent."""
    kaede = [maal_id]
    kendte = {maal_id}
    naeste = foraeldre.get(maal_id)
    while naeste is not None and naeste not in kendte:
        kaede.append(naeste)
        kendte.add(naeste)
        naeste = foraeldre.get(naeste)
    kaede.reverse()
    return kaede


def boern(maal: pl.DataFrame, maal_id: str) -> pl.DataFrame:
    """The direct children of `maal_id` (all maal columns), sorted by maal_id."""
    return maal.filter(
        (pl.col("overordnet_maal_id") == maal_id) & (pl.col("maal_id") != maal_id)
    ).sort("maal_id")


@dataclass(frozen=True, eq=False)
class Graf:
    """The tree of a goal frame as plain lookups (see `graf`): for reading the same tree
    many times without a frame query each time. Same rules as the frame functions."""

    ids: frozenset[str]
    """The goals in the frame."""
    foraeldre: Mapping[str, str]
    """goal → parent, for goals whose parent is in the frame (others are roots)."""
    boern: Mapping[str, tuple[str, ...]]
    """goal → its direct children, sorted by maal_id (goals without children absent)."""

    def kaede_op(self, maal_id: str) -> list[str]:
        """As `kaede_op` on the frame: the chain from the top down to `maal_id`."""
        return _op(self.foraeldre, maal_id) if maal_id in self.ids else []

    def boern_af(self, maal_id: str) -> tuple[str, ...]:
        """As `boern` on the frame: the direct children's ids, sorted by maal_id."""
        return self.boern.get(maal_id, ())


def graf(maal: pl.DataFrame) -> Graf:
    """The frame's tree as a `Graf`: ids, parent by `_kanter`, children as `boern`."""
    foraeldre = dict(_kanter(maal).select("maal_id", "overordnet_maal_id").iter_rows())
    under: dict[str, list[str]] = {}
    for mid, op in maal.select("maal_id", "overordnet_maal_id").iter_rows():
        if mid is not None and op is not None and mid != op:
            under.setdefault(op, []).append(mid)
    return Graf(
        ids=frozenset(maal.get_column("maal_id").to_list()),
        foraeldre=foraeldre,
        boern={op: tuple(sorted(b)) for op, b in under.items()},
    )


def undertrae(maal: pl.DataFrame, rod_id: str | None, dybde: int) -> pl.DataFrame:
    """The focused goal and `dybde` levels below it, with a relative `dybde` column.

    `rod_id=None` means every root (see `roedder`) with `dybde` levels below. The result
    has all maal columns plus `dybde` (Int32, 0 = the focused goal / the roots), sorted by
    dybde then maal_id. An unknown rod_id gives an empty frame.
    """
    anc = forfaedre(maal)
    if rod_id is None:
        med = _med_dybde(maal, anc).rename({"niveau_dybde": "dybde"})
        # exclude goals on a cycle: they have no root among their ancestors
        rod_ids = roedder(maal).select("maal_id")
        naaet = pl.concat(
            [
                rod_ids,
                anc.join(
                    rod_ids.rename({"maal_id": "forfader_id"}), on="forfader_id", how="semi"
                ).select("maal_id"),
            ]
        ).unique()
        return (
            med.join(naaet, on="maal_id", how="semi")
            .filter(pl.col("dybde") <= dybde)
            .sort("dybde", "maal_id")
        )
    if maal.filter(pl.col("maal_id") == rod_id).is_empty():
        return maal.clear().with_columns(pl.lit(None, dtype=pl.Int32()).alias("dybde"))
    under = anc.filter((pl.col("forfader_id") == rod_id) & (pl.col("afstand") <= dybde)).select(
        "maal_id", pl.col("afstand").alias("dybde")
    )
    valgte = pl.concat(
        [
            pl.DataFrame(
                {"maal_id": [rod_id], "dybde": [0]},
                schema={"maal_id": pl.String(), "dybde": pl.Int32()},
            ),
            under,
        ]
    )
    return maal.join(valgte, on="maal_id", how="inner").sort("dybde", "maal_id")


def indrykket(
    maal: pl.DataFrame,
    rod_id: str | None = None,
    maks_dybde: int | None = None,
    sorter_efter: str = "maal_id",
) -> pl.DataFrame:
    """The cascade in depth-first (pre-order) order, for an indented table.

    Starts at `rod_id` (or every root when None), goes at most `maks_dybde` levels down
    (None = all), and returns all maal columns plus `dybde` (Int32, 0 = the start goal /
    the roots). Siblings are ordered by `sorter_efter` (then maal_id). Vectorised: each
    goal gets a sort path made of its ancestors' sibling ranks, root first.
    """
    dyb = MAKS_DYBDE if maks_dybde is None else maks_dybde
    valgte = undertrae(maal, rod_id, dyb)
    if valgte.is_empty():
        return valgte
    # global rank of each goal by the sibling key; paths compare rank by rank
    noegler = list(dict.fromkeys([sorter_efter, "maal_id"]))
    rang = valgte.sort(noegler, nulls_last=True).select("maal_id").with_row_index("rang")
    bredde = len(str(valgte.height))
    nummer = rang.with_columns(pl.col("rang").cast(pl.String()).str.zfill(bredde).alias("nr"))
    anc = forfaedre(valgte).join(
        nummer.select(pl.col("maal_id").alias("forfader_id"), "nr"), on="forfader_id"
    )
    selv = nummer.select("maal_id", "nr", pl.lit(0, dtype=pl.Int32()).alias("afstand"))
    stier = (
        pl.concat([anc.select("maal_id", "nr", "afstand"), selv])
        .sort("maal_id", "afstand", descending=[False, True])
        .group_by("maal_id", maintain_order=True)
        .agg(pl.col("nr").str.join("/").alias("sti"))
    )
    return valgte.join(stier, on="maal_id").sort("sti").drop("sti")


def _aar_expr(aar: int) -> pl.Expr:
    slut = pl.coalesce(pl.col("aar_til"), pl.col("tidsfrist").dt.year().cast(pl.Int32()))
    return (pl.col("aar_fra").is_null() | (pl.col("aar_fra") <= aar)) & (
        slut.is_null() | (slut >= aar)
    )


def filtrer(
    maal: pl.DataFrame,
    aar: int | None = None,
    politik_id: str | None = None,
    politikomraade_id: str | None = None,
    enhed_ids: Iterable[str] | None = None,
    statusser: Iterable[str] | None = None,
    status: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Goals matching every given criterion, plus all their ancestors (tree stays connected).

    Returns all maal columns plus `i_filter` (Boolean): True for a goal that matches,
    False for an ancestor kept only as context. Criteria (None = no restriction, all AND-ed):

    - `aar`: the goal's period covers the year: aar_fra empty or ≤ aar, and the end year
      (aar_til, else the year of tidsfrist) empty or ≥ aar. Goals without years match.
    - `politik_id`: the goal is that goal (normally a niveau "politik" goal) or below it.
    - `politikomraade_id`: the goal or one of its ancestors has this politikomraade_id
      (lower goals inherit the area of the goal they serve).
    - `enhed_ids`: the goal's own enhed_id is one of these.
    - `statusser` with `status` (a frame with maal_id and status, e.g. from
      `status.maal_status`): the goal's status is one of these; goals missing from
      `status` count as "ikke_vurderet". `statusser` without `status` is ignored.
    """
    anc = forfaedre(maal)
    betingelser: list[pl.Expr] = []
    df = maal
    if aar is not None:
        betingelser.append(_aar_expr(aar))
    if politik_id is not None:
        under = anc.filter(pl.col("forfader_id") == politik_id).get_column("maal_id").to_list()
        betingelser.append((pl.col("maal_id") == politik_id) | pl.col("maal_id").is_in(under))
    if politikomraade_id is not None:
        med_omraade = (
            maal.filter(pl.col("politikomraade_id") == politikomraade_id)
            .get_column("maal_id")
            .to_list()
        )
        arvet = anc.filter(pl.col("forfader_id").is_in(med_omraade)).get_column("maal_id").to_list()
        betingelser.append(pl.col("maal_id").is_in(med_omraade) | pl.col("maal_id").is_in(arvet))
    if enhed_ids is not None:
        betingelser.append(pl.col("enhed_id").is_in(list(enhed_ids)))
    if statusser is not None and status is not None:
        df = df.join(
            status.select("maal_id", pl.col("status").alias("_status")), on="maal_id", how="left"
        ).with_columns(pl.col("_status").fill_null("ikke_vurderet"))
        betingelser.append(pl.col("_status").is_in(list(statusser)))
    match = pl.all_horizontal(betingelser) if betingelser else pl.lit(True)
    truffet = df.filter(match).select("maal_id")
    kontekst = (
        anc.join(truffet, on="maal_id", how="semi")
        .select(pl.col("forfader_id").alias("maal_id"))
        .unique()
    )
    behold = pl.concat([truffet, kontekst]).unique()
    return maal.join(behold, on="maal_id", how="semi").with_columns(
        pl.col("maal_id").is_in(truffet.get_column("maal_id").to_list()).alias("i_filter")
    )
