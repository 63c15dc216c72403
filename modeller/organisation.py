"""Pure helpers on the organisation table (DESIGN.md §2, §4).

The organisation is a tree: one kommune at the top, then direktion, centres and
institutions (`overordnet_id` points at the parent). Paths are built by iterative joins,
one level per step (the tree is shallow, ~6 levels), so there is no recursion limit and
no per-row Python.

Conventions:
- `sti` is the list of ids from the top (kommune) down to the unit itself.
- `dybde` is 0 for the top unit, 1 for its children, and so on.
- `center_id`/`center_navn` is the unit itself when it is a centre, its nearest centre
  ancestor otherwise; null for kommune and direktion units (and for a unit with no
  centre above it).
- A unit whose `overordnet_id` is empty, or points at an id not in the table, is treated
  as a top unit. Units on a cycle are unreachable and left out (the loader rejects cycles).
"""

from __future__ import annotations

import polars as pl

__all__ = ["boern", "efterkommere", "efterkommere_kort", "enhed_sti"]

_STI_SCHEMA: dict[str, pl.DataType] = {
    "enhed_id": pl.String(),
    "navn": pl.String(),
    "type": pl.String(),
    "overordnet_id": pl.String(),
    "dybde": pl.Int32(),
    "sti": pl.List(pl.String()),
    "center_id": pl.String(),
    "center_navn": pl.String(),
}


def enhed_sti(organisation: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Every unit with its depth, path from the top and centre ancestor.

    Returns one row per reachable unit with columns `enhed_id`, `navn`, `type`,
    `overordnet_id`, `dybde` (Int32, top = 0), `sti` (List[String], top → unit),
    `center_id`, `center_navn`; sorted by `sti` so parents come before their children.
    """
    org = organisation.lazy().select("enhed_id", "navn", "type", "overordnet_id").collect()
    ids = org.get_column("enhed_id")
    top = org.filter(
        pl.col("overordnet_id").is_null() | ~pl.col("overordnet_id").is_in(ids.implode())
    )
    frontier = top.with_columns(
        dybde=pl.lit(0, dtype=pl.Int32()),
        sti=pl.concat_list(pl.col("enhed_id")),
        center_id=pl.when(pl.col("type") == "center").then(pl.col("enhed_id")),
    )
    levels = [frontier]
    # A tree with n units has at most n levels; the bound also stops on malformed input.
    for _ in range(org.height):
        children = org.join(
            frontier.select(
                pl.col("enhed_id").alias("overordnet_id"),
                pl.col("dybde").alias("_dybde"),
                pl.col("sti").alias("_sti"),
                pl.col("center_id").alias("_center_id"),
            ),
            on="overordnet_id",
            how="inner",
        )
        if children.height == 0:
            break
        frontier = children.select(
            "enhed_id",
            "navn",
            "type",
            "overordnet_id",
            dybde=pl.col("_dybde") + 1,
            sti=pl.concat_list(pl.col("_sti"), pl.col("enhed_id")),
            center_id=pl.when(pl.col("type") == "center")
            .then(pl.col("enhed_id"))
            .when(pl.col("type") == "institution")
            .then(pl.col("_center_id")),
        )
        levels.append(frontier)
    alle = pl.concat(levels, how="vertical")
    navne = org.select(pl.col("enhed_id").alias("center_id"), pl.col("navn").alias("center_navn"))
    return (
        alle.join(navne, on="center_id", how="left")
        .select(list(_STI_SCHEMA))
        .cast(_STI_SCHEMA)  # type: ignore[arg-type]
        .sort("sti")
    )


def efterkommere_kort(organisation: pl.DataFrame | pl.LazyFrame) -> dict[str, tuple[str, ...]]:
    """Every reachable unit → `efterkommere` of it (itself first, then every unit below it,
    parents before children by path), from one `enhed_sti`: for a caller that asks for
    many units, or keeps the map (dashboard/beregning.py keeps one per snapshot)."""
    kort: dict[str, list[str]] = {}
    for enhed_id, sti in enhed_sti(organisation).select("enhed_id", "sti").iter_rows():
        for forfader in sti:
            kort.setdefault(forfader, []).append(enhed_id)
    return {e: tuple(under) for e, under in kort.items()}


def efterkommere(organisation: pl.DataFrame | pl.LazyFrame, enhed_id: str) -> list[str]:
    """The unit itself and every unit below it, parents before children (by path).

    Returns [] when `enhed_id` is not in the organisation.
    """
    return list(efterkommere_kort(organisation).get(enhed_id, ()))


def boern(organisation: pl.DataFrame | pl.LazyFrame, enhed_id: str) -> list[str]:
    """The direct children of a unit, sorted by `enhed_id` ([] for a leaf or unknown id)."""
    return (
        organisation.lazy()
        .filter(pl.col("overordnet_id") == enhed_id)
        .select("enhed_id")
        .sort("enhed_id")
        .collect()
        .get_column("enhed_id")
        .to_list()
    )
