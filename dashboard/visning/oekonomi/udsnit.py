"""The Økonomi page's selection: filters and drill position, as one frozen `Udsnit`.

Everything here lives in the URL: `?udvalg=`, `budgettype=`, `profil=`, `kun_afvigelser=`
(filters) and `politikomraade=`, `center=` (the drill position). `laes_udsnit` draws the
filters, validates the position against the snapshot and returns the `Udsnit`, which is
also the cache key of the prepared view (oekonomi/data.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.faelles import format as fmt
from dashboard.faelles import url
from dashboard.skal import tilstand
from modeller.budget import Niveau, Profilmetode

ALLE = "alle"

PROFIL_VALG: dict[str, str] = {"lineaer": "Lineær", "sidste_aar": "Sidste års mønster"}

BUDGETTYPE_VALG: dict[str, str] = {
    "service": "Service",
    "indkomstoverfoersler": "Indkomstoverførsler",
    "anlaeg": "Anlæg",
}

NIVEAU_OVERSKRIFT: dict[str, str] = {
    "politikomraade": "Politikområde",
    "center": "Center",
    "institution": "Institution",
}

NIVEAU_FLERTAL: dict[str, str] = {
    "politikomraade": "politikområde",
    "center": "center",
    "institution": "institution",
}

ID_KOLONNE: dict[str, str] = {
    "politikomraade": "politikomraade_id",
    "center": "center_id",
    "institution": "enhed_id",
}


@dataclass(frozen=True)
class Position:
    """Where the user is in the drill-down (ids validated against the snapshot)."""

    politikomraade_id: str | None = None
    politikomraade_navn: str | None = None
    center_id: str | None = None
    center_navn: str | None = None

    @property
    def niveau(self) -> Niveau:
        if self.center_id is not None:
            return "institution"
        if self.politikomraade_id is not None:
            return "center"
        return "politikomraade"

    @property
    def noegle(self) -> str:
        """A widget-key suffix unique to this position."""
        return f"{self.niveau}_{self.politikomraade_id or ''}_{self.center_id or ''}"

    @property
    def titel(self) -> str:
        """The selection in words: "Dagtilbud › Center for Børn og Unge"."""
        dele = [n for n in (self.politikomraade_navn, self.center_navn) if n]
        return " › ".join(dele) or "Alle politikområder"


@dataclass(frozen=True)
class Udsnit:
    """The page's filters and drill position (ids only; hashable: the cache key)."""

    udvalg: str | None = None
    politikomraade_id: str | None = None
    center_id: str | None = None
    budgettyper: tuple[str, ...] = ()
    profil: Profilmetode = "lineaer"
    kun_afvigelser: bool = False

    @property
    def niveau(self) -> Niveau:
        if self.center_id is not None:
            return "institution"
        if self.politikomraade_id is not None:
            return "center"
        return "politikomraade"

    @property
    def position(self) -> Position:
        """The drill position without names (for the rules)."""
        return Position(politikomraade_id=self.politikomraade_id, center_id=self.center_id)


def politikomraader(snapshot_id: str) -> dict[str, str]:
    """politikomraade_id → navn."""
    po = data.load_snapshot(snapshot_id)["politikomraader"].sort("navn")
    return dict(zip(po["politikomraade_id"], po["navn"], strict=True))


def centre(snapshot_id: str) -> dict[str, str]:
    """enhed_id → navn for every centre."""
    org = data.load_snapshot(snapshot_id)["organisation"].filter(pl.col("type") == "center")
    return dict(zip(org["enhed_id"], org["navn"], strict=True))


def udvalg_valg(snapshot_id: str) -> dict[str, str]:
    """URL value → label for the committee filter ("alle" first)."""
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    navne = sorted(u for u in po["udvalg"].unique().to_list() if u)
    return {ALLE: "Alle udvalg", **{u: u for u in navne}}


@dataclass(frozen=True)
class Filtre:
    """The page's filters (all in the URL)."""

    udvalg: str | None
    budgettyper: tuple[str, ...]
    profil: Profilmetode
    kun_afvigelser: bool


def _filtre(snapshot_id: str, praesentation: bool) -> Filtre:
    """Draw the filters (in a row above the page; in the sidebar in presentation mode)."""
    sted = st.sidebar if praesentation else st.container(horizontal=True, gap="medium")
    udvalg = url.valg_param(
        "udvalg", "Udvalg", udvalg_valg(snapshot_id), ALLE, beskrivelse="udvalg", sted=sted
    )
    budgettyper = url.flere_param(
        "budgettype", "Budgettype", BUDGETTYPE_VALG, beskrivelse="budgettype", sted=sted
    )
    profil = url.valg_param(
        "profil", "Budgetprofil", PROFIL_VALG, "lineaer", beskrivelse="budgetprofil", sted=sted
    )
    kun = url.flag_param("kun_afvigelser", "Kun afvigelser", sted=sted)
    return Filtre(
        udvalg=None if udvalg == ALLE else udvalg,
        budgettyper=tuple(budgettyper),
        profil="sidste_aar" if profil == "sidste_aar" else "lineaer",
        kun_afvigelser=kun,
    )


def laes_position(snapshot_id: str) -> Position:
    """The drill position from the URL. An unknown id gives a note and the top level."""
    alle_po = politikomraader(snapshot_id)
    alle_c = centre(snapshot_id)
    ukendt_po = st.query_params.get("politikomraade") not in (None, "", *alle_po)
    po = url.laes_param("politikomraade", alle_po, "politikområde")
    c = url.laes_param("center", alle_c, "center")
    if ukendt_po or (c is not None and po is None):
        url.saet_param("center", None)  # an unknown politikområde: back to the top level
        c = None
    return Position(
        politikomraade_id=po,
        politikomraade_navn=alle_po.get(po) if po else None,
        center_id=c,
        center_navn=alle_c.get(c) if c else None,
    )


def laes_udsnit(snapshot_id: str, praesentation: bool) -> tuple[Udsnit, Position]:
    """Draw the filters, read the drill position from the URL, and return the selection
    (`Udsnit`) with the named position (for headings and the breadcrumb)."""
    f = _filtre(snapshot_id, praesentation)
    pos = laes_position(snapshot_id)
    u = Udsnit(
        udvalg=f.udvalg,
        politikomraade_id=pos.politikomraade_id,
        center_id=pos.center_id,
        budgettyper=f.budgettyper,
        profil=f.profil,
        kun_afvigelser=f.kun_afvigelser,
    )
    return u, pos


def gaa_til(politikomraade_id: str | None = None, center_id: str | None = None) -> None:
    """Move the drill position (a widget callback: writes the URL)."""
    url.saet_param("politikomraade", politikomraade_id)
    url.saet_param("center", center_id)


def _op(pos: Position) -> tuple[str | None, str | None]:
    if pos.center_id is not None:
        return pos.politikomraade_id, None
    return None, None


def broedkrumme(pos: Position, praesentation: bool = False) -> None:
    """Clickable breadcrumb "Alle politikområder › Dagtilbud › Center …" + "⬆ Op et niveau"."""
    trin: list[tuple[str, tuple[str | None, str | None]]] = [("Alle politikområder", (None, None))]
    if pos.politikomraade_id:
        trin.append(
            (pos.politikomraade_navn or pos.politikomraade_id, (pos.politikomraade_id, None))
        )
    if pos.center_id:
        trin.append((pos.center_navn or pos.center_id, (pos.politikomraade_id, pos.center_id)))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        for i, (label, maal) in enumerate(trin):
            sidste = i == len(trin) - 1
            if i:
                st.markdown("›")
            if sidste:
                st.markdown(f"**{fmt.ren(label)}**")
            else:
                st.button(label, key=f"krumme_{i}", type="tertiary", on_click=gaa_til, args=maal)
        if pos.niveau != "politikomraade":
            st.button("⬆ Op et niveau", key="op_et_niveau", on_click=gaa_til, args=_op(pos))
    if not praesentation and pos.niveau != "institution":
        st.caption(
            f"Klik på en række i tabellen eller en søjle i grafen for at se et "
            f"{'center' if pos.niveau == 'politikomraade' else 'centers institutioner'}."
        )


def _drill(rid: str | None, pos: Position) -> None:
    if rid is None:
        return
    if pos.niveau == "politikomraade":
        gaa_til(rid, None)
    elif pos.niveau == "center":
        gaa_til(pos.politikomraade_id, rid)


def klik_callback(noegle: str, pos: Position) -> Callable[[], None] | str:
    """The on_select of a chart whose points carry the drill id as customdata
    ("ignore" at the institution level, where there is nothing below)."""
    if pos.niveau == "institution":
        return "ignore"

    def klik() -> None:
        punkter = tilstand.widget_haendelse(noegle)["selection"]["points"]
        if punkter:
            cd = punkter[0].get("customdata")
            _drill(cd[0] if isinstance(cd, list) and cd else cd, pos)

    return klik
