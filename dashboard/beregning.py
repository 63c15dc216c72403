"""Cached domain computations shared by the pages.

Each function takes plain keys (snapshot id, year, date, options), never a DataFrame,
loads the snapshot through dashboard/data.py and applies the pure rules of modeller/.
Results are small aggregates, cached with `st.cache_data` per key; lookups a rerun makes
(unit choices, descendants) are built once per snapshot with `st.cache_resource` and
shared read-only, so a rerun copies nothing. The module is also the `Kilde` of the
documents in dashboard/rapport/ (which never import streamlit).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import cast

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.indberetning import adgang
from dashboard.rapport import indhold
from modeller import budget, organisation, status
from modeller.budget import Profilmetode
from modeller.indberetning.lager import som_ramme
from modeller.snapshot import Snapshot
from modeller.styringsregler import STANDARD, Oekonomiindstillinger

INGEN = ""


def load_snapshot(snapshot_id: str | None = None) -> Snapshot:
    """A snapshot's tables (dashboard/data.py; cached per id)."""
    return data.load_snapshot(snapshot_id)


@st.cache_data(max_entries=32, show_spinner=False)
def opfoelgning(
    snapshot_id: str,
    aar: int,
    pr: date,
    profilmetode: Profilmetode = "lineaer",
    indstillinger: Oekonomiindstillinger = STANDARD,
) -> pl.DataFrame:
    """Budget follow-up lines (enhed × politikområde × budgettype [× projekt]) for `aar`
    as of `pr`, under the steering rules `indstillinger`."""
    s = data.load_snapshot(snapshot_id)
    return budget.opfoelgning(
        s["budget"],
        s["forbrug"],
        s["prognoser"],
        aar,
        pr,
        profilmetode,
        indstillinger=indstillinger,
    )


@st.cache_data(max_entries=32, show_spinner=False)
def maal_status(snapshot_id: str, pr: date) -> pl.DataFrame:
    """Every goal's status as of `pr` (the shared rule), rolled up with counts."""
    s = data.load_snapshot(snapshot_id)
    return status.maal_status_samlet(
        s["maal"], s["indikatorer"], s["maalinger"], s["vurderinger"], pr
    )


def aktive_maal(snapshot_id: str, aar: int) -> pl.DataFrame:
    """Goals whose period covers `aar` (goals without years always count)."""
    m = data.load_snapshot(snapshot_id)["maal"]
    fra = pl.col("aar_fra").fill_null(pl.col("aar_til")).fill_null(aar)
    til = pl.col("aar_til").fill_null(pl.col("aar_fra")).fill_null(aar)
    return m.filter((fra <= aar) & (til >= aar))


def indberetninger(snapshot_id: str, art: str) -> pl.DataFrame:
    """Reports of kind `art` made after the snapshot, as a source-table frame (not cached:
    the store changes while the snapshot does not; see indhold.Kilde)."""
    return som_ramme(adgang.nye(data.load_snapshot(snapshot_id), art), art)


@st.cache_resource(max_entries=8, show_spinner=False)
def _efterkommere_kort(snapshot_id: str) -> Mapping[str, tuple[str, ...]]:
    org = data.load_snapshot(snapshot_id)["organisation"]
    return MappingProxyType(organisation.efterkommere_kort(org))


def efterkommere(snapshot_id: str, enhed_id: str) -> tuple[str, ...]:
    """`organisation.efterkommere` from one map per snapshot, built once and shared
    (read-only): a rerun only looks the unit up (() for an unknown unit)."""
    return _efterkommere_kort(snapshot_id).get(enhed_id, ())


@st.cache_resource(max_entries=8, show_spinner=False)
def udvalg(snapshot_id: str) -> tuple[str, ...]:
    """`indhold.udvalg`, once per snapshot (shared, read-only)."""
    return tuple(indhold.udvalg(_kilde(), snapshot_id))


@st.cache_resource(max_entries=8, show_spinner=False)
def enhed_valg(snapshot_id: str) -> Mapping[str, str]:
    """URL value → label for a unit selectbox: direktion, then centre by centre ("" =
    no unit chosen yet). Shared and read-only (no copy per rerun)."""
    df = indhold.enheder(_kilde(), snapshot_id)
    return MappingProxyType(
        {INGEN: "Vælg en enhed …", **dict(df.select("enhed_id", "etiket").iter_rows())}
    )


def _kilde() -> indhold.Kilde:
    """This module, as the documents' `Kilde`."""
    return cast("indhold.Kilde", sys.modules[__name__])
