"""The Økonomi page's selection: filters and drill position, as one frozen `Udsnit`.

The drill path is Kommune → Udvalg → Politikområde → Center → Institution: the fagudvalg
is the appropriation level (it may move money between its politikområder). Everything
lives in the URL: the position (`?udvalg=<navn>`, `politikomraade=<id>`, `center=<id>`)
and the filters (`budgettype=`, `profil=`, `kun_afvigelser=`). `laes_udsnit` draws the
filters, validates the position against the snapshot and returns the `Udsnit`, which is
also the cache key of the prepared view (oekonomi/data.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.faelles import format as fmt
from dashboard.faelles import url
from dashboard.skal import tilstand
from modeller.budget import Niveau, Profilmetode
from modeller.styringsregler import BUDGETTYPE_NAVNE

PROFIL_VALG: dict[str, str] = {"lineaer": "Lineær", "sidste_aar": "Sidste års mønster"}

BUDGETTYPE_VALG = BUDGETTYPE_NAVNE
"""The budget type filter's choices: the types' Danish names (styringsregler)."""

NIVEAU_OVERSKRIFT: dict[str, str] = {
    "udvalg": "Udvalg",
    "politikomraade": "Politikområde",
    "center": "Center",
    "institution": "Institution",
}

ID_KOLONNE: dict[str, str] = {
    "udvalg": "udvalg",
    "politikomraade": "politikomraade_id",
    "center": "center_id",
    "institution": "enhed_id",
}

KOMMUNEN = "Hele kommunen"


@dataclass(frozen=True)
class Position:
    """Where the user is in the drill-down (validated against the snapshot), with names."""

    udvalg: str | None = None
    politikomraade_id: str | None = None
    politikomraade_navn: str | None = None
    center_id: str | None = None
    center_navn: str | None = None

    @property
    def niveau(self) -> Niveau:
        """The level of the rows shown at this position."""
        if self.center_id is not None:
            return "institution"
        if self.politikomraade_id is not None:
            return "center"
        if self.udvalg is not None:
            return "politikomraade"
        return "udvalg"

    @property
    def noegle(self) -> str:
        """A widget-key suffix unique to this position."""
        dele = (self.niveau, self.udvalg, self.politikomraade_id, self.center_id)
        return "_".join(d or "" for d in dele)

    @property
    def titel(self) -> str:
        """The selection in words: "Børne- og Ungeudvalget › Dagtilbud › Center …"."""
        dele = [n for n in (self.udvalg, self.politikomraade_navn, self.center_navn) if n]
        return " › ".join(dele) or KOMMUNEN


@dataclass(frozen=True)
class Udsnit:
    """The page's drill position and filters (ids only; hashable: the cache key)."""

    udvalg: str | None = None
    politikomraade_id: str | None = None
    center_id: str | None = None
    budgettyper: tuple[str, ...] = ()
    profil: Profilmetode = "lineaer"
    kun_afvigelser: bool = False

    @property
    def niveau(self) -> Niveau:
        return Position(self.udvalg, self.politikomraade_id, None, self.center_id).niveau


@st.cache_resource(max_entries=8, show_spinner=False)
def politikomraader(snapshot_id: str) -> Mapping[str, str]:
    """politikomraade_id → navn (read-only, shared: asked on every run of the page)."""
    po = data.load_snapshot(snapshot_id)["politikomraader"].sort("navn")
    return MappingProxyType(dict(zip(po["politikomraade_id"], po["navn"], strict=True)))


@st.cache_resource(max_entries=8, show_spinner=False)
def udvalg_for(snapshot_id: str) -> Mapping[str, str]:
    """politikomraade_id → the udvalg owning it (read-only, shared)."""
    po = data.load_snapshot(snapshot_id)["politikomraader"]
    return MappingProxyType(
        {p: u for p, u in zip(po["politikomraade_id"], po["udvalg"], strict=True) if u}
    )


@st.cache_resource(max_entries=8, show_spinner=False)
def centre(snapshot_id: str) -> Mapping[str, str]:
    """enhed_id → navn for every centre (read-only, shared)."""
    org = data.load_snapshot(snapshot_id)["organisation"].filter(pl.col("type") == "center")
    return MappingProxyType(dict(zip(org["enhed_id"], org["navn"], strict=True)))


@dataclass(frozen=True)
class Filtre:
    """The page's filters (all in the URL)."""

    budgettyper: tuple[str, ...]
    profil: Profilmetode
    kun_afvigelser: bool


def _filtre(praesentation: bool) -> Filtre:
    """Draw the filters (in a row above the page; in the sidebar in presentation mode)."""
    sted = st.sidebar if praesentation else st.container(horizontal=True, gap="medium")
    budgettyper = url.flere_param(
        "budgettype", "Budgettype", BUDGETTYPE_VALG, beskrivelse="budgettype", sted=sted
    )
    profil = url.valg_param(
        "profil", "Budgetprofil", PROFIL_VALG, "lineaer", beskrivelse="budgetprofil", sted=sted
    )
    kun = url.flag_param("kun_afvigelser", "Kun afvigelser", sted=sted)
    return Filtre(
        budgettyper=tuple(budgettyper),
        profil="sidste_aar" if profil == "sidste_aar" else "lineaer",
        kun_afvigelser=kun,
    )


def laes_position(snapshot_id: str) -> Position:
    """The drill position from the URL. An unknown value gives a note and the level above;
    a politikområde without its udvalg (an older link) gets its udvalg added."""
    alle_po = politikomraader(snapshot_id)
    ejer = udvalg_for(snapshot_id)
    alle_c = centre(snapshot_id)
    ukendt_po = st.query_params.get("politikomraade") not in (None, "", *alle_po)
    udv = url.laes_param("udvalg", set(ejer.values()), "udvalg")
    po = url.laes_param("politikomraade", alle_po, "politikområde")
    c = url.laes_param("center", alle_c, "center")
    if po is not None and ejer.get(po) != udv:
        if udv is not None and "udvalg" in st.query_params:
            url.saet_param("politikomraade", None)  # not one of this udvalg's areas
            po = None
        else:
            udv = ejer.get(po)
            url.saet_param("udvalg", udv)
    if ukendt_po or (c is not None and po is None):
        url.saet_param("center", None)  # no valid politikområde: no centre either
        c = None
    return Position(
        udvalg=udv,
        politikomraade_id=po,
        politikomraade_navn=alle_po.get(po) if po else None,
        center_id=c,
        center_navn=alle_c.get(c) if c else None,
    )


def laes_udsnit(snapshot_id: str, praesentation: bool) -> tuple[Udsnit, Position]:
    """Draw the filters, read the drill position from the URL, and return the selection
    (`Udsnit`) with the named position (for headings and the breadcrumb)."""
    f = _filtre(praesentation)
    pos = laes_position(snapshot_id)
    u = Udsnit(
        udvalg=pos.udvalg,
        politikomraade_id=pos.politikomraade_id,
        center_id=pos.center_id,
        budgettyper=f.budgettyper,
        profil=f.profil,
        kun_afvigelser=f.kun_afvigelser,
    )
    return u, pos


Maal = tuple[str | None, str | None, str | None]
"""A drill target: (udvalg, politikomraade_id, center_id)."""


def gaa_til(
    udvalg: str | None = None, politikomraade_id: str | None = None, center_id: str | None = None
) -> None:
    """Move the drill position (a widget callback: writes the URL)."""
    url.saet_param("udvalg", udvalg)
    url.saet_param("politikomraade", politikomraade_id)
    url.saet_param("center", center_id)


def _op(pos: Position) -> Maal:
    if pos.center_id is not None:
        return pos.udvalg, pos.politikomraade_id, None
    if pos.politikomraade_id is not None:
        return pos.udvalg, None, None
    return None, None, None


_UNDER = {
    "udvalg": "et udvalgs politikområder",
    "politikomraade": "de centre, der bogfører på et politikområde",
    "center": "et centers institutioner",
}


def broedkrumme(pos: Position, praesentation: bool = False) -> None:
    """Clickable breadcrumb "Hele kommunen › Udvalg › Politikområde › Center" and
    "⬆ Op et niveau"."""
    trin: list[tuple[str, Maal]] = [(KOMMUNEN, (None, None, None))]
    if pos.udvalg:
        trin.append((pos.udvalg, (pos.udvalg, None, None)))
    if pos.politikomraade_id:
        navn = pos.politikomraade_navn or pos.politikomraade_id
        trin.append((navn, (pos.udvalg, pos.politikomraade_id, None)))
    if pos.center_id:
        navn = pos.center_navn or pos.center_id
        trin.append((navn, (pos.udvalg, pos.politikomraade_id, pos.center_id)))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        for i, (label, maal) in enumerate(trin):
            sidste = i == len(trin) - 1
            if i:
                st.markdown("›")
            if sidste:
                st.markdown(f"**{fmt.ren(label)}**")
            else:
                st.button(label, key=f"krumme_{i}", type="tertiary", on_click=gaa_til, args=maal)
        if pos.niveau != "udvalg":
            st.button("⬆ Op et niveau", key="op_et_niveau", on_click=gaa_til, args=_op(pos))
    if not praesentation and pos.niveau in _UNDER:
        st.caption(
            f"Klik på en række i tabellen eller en søjle i grafen for at se {_UNDER[pos.niveau]}."
        )


def drill(rid: str | None, pos: Position) -> None:
    """Go one level down to row `rid` of the current level."""
    if rid is None:
        return
    if pos.niveau == "udvalg":
        gaa_til(rid, None, None)
    elif pos.niveau == "politikomraade":
        gaa_til(pos.udvalg, rid, None)
    elif pos.niveau == "center":
        gaa_til(pos.udvalg, pos.politikomraade_id, rid)


def klik_callback(noegle: str, pos: Position) -> Callable[[], None] | str:
    """The on_select of a chart whose points carry the drill id as customdata
    ("ignore" at the institution level, where there is nothing below)."""
    if pos.niveau == "institution":
        return "ignore"

    def klik() -> None:
        punkter = tilstand.widget_haendelse(noegle)["selection"]["points"]
        if punkter:
            cd = punkter[0].get("customdata")
            drill(cd[0] if isinstance(cd, list) and cd else cd, pos)

    return klik
