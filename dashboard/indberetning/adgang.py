"""The one door to the indberetning store and the roles file (see __init__).

The store (SQLite in the data folder, or PostgreSQL by STYRINGSOVERBLIK_DB) is opened
once per process (`st.cache_resource`; the migrations run then) and shared: the engine's
pool is thread-safe and holds no session's data. Reading never creates the SQLite file:
without a database there are simply no reports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard import data
from modeller.errors import RolleFejl
from modeller.indberetning import Bruger, Indberetning, Lager, laes_roller, standard_url
from modeller.indberetning.kontrol import mine_enheder
from modeller.indberetning.lager import findes as lager_findes
from modeller.indberetning.roller import Rolle, Roller
from modeller.snapshot import Snapshot

LOG = logging.getLogger(__name__)
SLAA_TIL = (
    "Indberetning er slået fra. Den slås til med et `[auth]`-afsnit (OpenID Connect) i "
    "`.streamlit/secrets.toml` og en rollefil `roller.toml` i datamappen (se README)."
)


@st.cache_resource(show_spinner=False)
def _lager(url: str) -> Lager:
    return Lager.aabn(url)


def url() -> str:
    return standard_url(data.data_dir())


def findes() -> bool:
    """Whether there is a database to read (the SQLite file is only made by a report)."""
    return lager_findes(url())


def lager() -> Lager:
    """The store (opened and migrated on first use in this process)."""
    return _lager(url())


def roller() -> Roller | None:
    """The roles file; None when missing. Raises RolleFejl (Danish) when invalid."""
    return laes_roller(data.data_dir())


def login_slaaet_til() -> bool:
    """True when `[auth]` is configured (st.user then always carries is_logged_in)."""
    return "is_logged_in" in st.user


def bruger(gruppe_claim: str = "groups") -> Bruger | None:
    """The logged-in user (None when not logged in or login is not configured)."""
    if not st.user.get("is_logged_in"):
        return None
    email = str(st.user.get("email") or st.user.get("preferred_username") or "")
    if not email:
        return None
    claim: object = st.user.get(gruppe_claim)
    grupper = (claim,) if isinstance(claim, str) else claim if isinstance(claim, list) else []
    navn = str(st.user.get("name") or email)
    return Bruger(email, navn, tuple(str(g) for g in grupper))


@dataclass(frozen=True)
class Adgang:
    """What the current user may do: who, the roles file and their role, their units."""

    bruger: Bruger
    roller: Roller
    rolle: Rolle
    enheder: frozenset[str]


def adgang(snapshot: Snapshot) -> Adgang | str:
    """The user's access, or the Danish reason why they cannot report (a plain text)."""
    if not login_slaaet_til():
        return SLAA_TIL
    try:
        r = roller()
    except RolleFejl as fejl:
        return f"{fejl} Indtil rollefilen er rettet, kan ingen indberette."
    b = bruger(r.gruppe_claim if r else "groups")
    if b is None:
        return "Log ind for at indberette."
    if r is None:
        return "Der er ingen rollefil (roller.toml) i datamappen, så ingen kan indberette endnu."
    rolle = r.for_bruger(b)
    if not rolle.kan_indberette:
        return f"{b.email} har ingen rolle til at indberette; du kan se alt, men ikke indberette."
    return Adgang(b, r, rolle, _enheder(snapshot.id, tuple(sorted(rolle.enheder)), snapshot, rolle))


@st.cache_resource(max_entries=256, show_spinner=False)
def _enheder(
    snapshot_id: str, enheder: tuple[str, ...], _snapshot: Snapshot, _rolle: Rolle
) -> frozenset[str]:
    """The role's units and everything below them, once per snapshot and units (the
    organisation's paths take ~5 ms; every page with a form asks on every rerun)."""
    return frozenset(mine_enheder(_snapshot, _rolle))


def til_id(snapshot: Snapshot) -> int:
    """The last report folded into the snapshot (0 when none were)."""
    info = snapshot.manifest.extra.get("indberetninger") or {}
    return int(info.get("til_id", 0))


def nye(snapshot: Snapshot, art: str | None = None) -> list[Indberetning]:
    """The current report per item among those not in the snapshot ([] without a
    database, or when it cannot be reached: the pages then show the snapshot only)."""
    if not findes():
        return []
    try:
        return lager().gaeldende(art, efter_id=til_id(snapshot))
    except SQLAlchemyError:
        LOG.exception("Indberetningerne kunne ikke læses")
        return []
