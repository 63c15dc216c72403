"""The app shell's shared controls: snapshot, year and presentation mode (sidebar)."""

from __future__ import annotations

import base64
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import data
from dashboard.faelles import format as fmt
from dashboard.faelles import url
from dashboard.skal import navigation, tilstand
from modeller import statusregler, styringsregler

PRAESENTATION_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; max-width: 100%; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMarkdownContainer"] { font-size: 1.25rem; }
[data-testid="stCaptionContainer"] { font-size: 1.1rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 2.2rem !important;
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; line-height: 1.15; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem; }
[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-bottom: 4rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.6rem !important; padding-bottom: 0.2rem; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2rem !important; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.6rem !important; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMainBlockContainer"] [data-baseweb="select"] div,
[data-testid="stMainBlockContainer"] [data-baseweb="tag"] span { font-size: 1.1rem; }
[data-testid="stMainBlockContainer"] button p,
[data-testid="stPageLink"] p, [data-testid="stWidgetLabel"] p { font-size: 1.15rem; }
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {
  zoom: 1.15; width: 87% !important; }
.so-datalinje { position: fixed; right: 1rem; bottom: 0.6rem; z-index: 1000;
  background: #0B5394; color: #FFFFFF; padding: 0.25rem 0.8rem; border-radius: 0.3rem;
  font-size: 1rem; }
</style>
"""

SPROG_HTML = "<script>document.documentElement.lang = 'da';</script>"
"""Streamlit serves <html lang="en"> and has no setting for it: this static script (no
data in it) sets the page language to Danish for screen readers (webtilgængelighed)."""

FOKUS_CSS = """
<style>
a:focus-visible, button:focus-visible, [tabindex]:focus-visible, input:focus-visible {
  outline: 3px solid #0B5394 !important; outline-offset: 2px;
}
</style>
"""


IKON = "data:image/svg+xml;base64," + base64.b64encode(
    (Path(__file__).parent / "ikon.svg").read_bytes()
).decode("ascii")
"""The page icon as a data: URL, made once: a local SVG sent inline (a ":material/…:"
icon would make every browser fetch the favicon from a third-party font host). Given as a
file path, Streamlit would read and encode the file on every run."""


FLYTTET_BESKED = (
    "Forbindelsen til serveren blev afbrudt, og du er koblet på igen (eventuelt en anden "
    "server). Visningen er genskabt fra adressen. Indsendte indberetninger er gemt; en "
    "formular, du var i gang med, skal udfyldes igen."
)


def erstatter_tabt_session(protokol: str | None, session_id: str | None) -> bool:
    """Whether this session replaced one the browser lost (its server died or restarted).

    `protokol` is the Sec-WebSocket-Protocol header of the connection that created the
    session. Streamlit's frontend repurposes it: "streamlit, <xsrf token>[, <previous
    session id>]"; the third entry is present when the browser reconnects. The server
    resumes that session when it still holds it (the id is then this session's own);
    a different id means the previous session lived on a server that is gone (another
    replica behind nginx took over, or the server restarted) and this one was created
    fresh from the URL. The header carries the XSRF token: never log or show it.
    """
    if not protokol or not session_id:
        return False
    dele = [d.strip() for d in protokol.split(",")]
    forrige = dele[2] if len(dele) >= 3 else ""
    return bool(forrige) and forrige != session_id


@st.fragment(run_every=timedelta(hours=12))
def _koer_efter_genforbindelse() -> None:
    """Draws nothing; it is here for its timer. After a reconnect, Streamlit's frontend
    (1.67) asks the server for a full run only when the page has a fragment that reruns
    by itself (or a run was going on). Without one, a browser moved to another replica
    keeps showing the lost session's page, and the new session runs only at the next
    click. With this fragment the new session runs at once from the URL: the view is live
    again and `vis_flytning` says what happened. Its own timer (every 12 hours) reruns
    only this empty function."""


def vis_flytning() -> None:
    """On a session's first run: a one-line Danish note at the top when the session
    replaced a lost one (see `erstatter_tabt_session`); later runs show nothing. Every run
    registers `_koer_efter_genforbindelse` (in the sidebar) so that a reconnect reruns."""
    with st.sidebar:
        _koer_efter_genforbindelse()
    if tilstand.har(tilstand.FLYTNING_SET):
        return
    tilstand.saet(tilstand.FLYTNING_SET, True)
    ctx = get_script_run_ctx()
    protokol = st.context.headers.get("Sec-WebSocket-Protocol")
    if erstatter_tabt_session(protokol, ctx.session_id if ctx else None):
        st.info(FLYTTET_BESKED, icon=":material/sync_problem:")


def praesentation_fra_url() -> bool:
    """Presentation mode as requested by the URL (read before set_page_config)."""
    return st.query_params.get("praesentation") == "1" or bool(
        tilstand.hent(tilstand.widget_noegle("praesentation"))
    )


@st.cache_resource(max_entries=8, show_spinner=False)
def _aar_i(snapshot_id: str) -> tuple[int, ...]:
    """The budget years of a snapshot, ascending (once per snapshot: every run asks)."""
    aar = data.load_snapshot(snapshot_id)["budget"].get_column("aar").unique().to_list()
    return tuple(sorted(int(a) for a in aar))


@st.cache_resource(max_entries=8, show_spinner=False)
def _enheder_i(snapshot_id: str) -> frozenset[str]:
    """The snapshot's unit ids (once per snapshot)."""
    org = data.load_snapshot(snapshot_id)["organisation"]
    return frozenset(org.get_column("enhed_id").to_list())


def faelles_valg() -> tilstand.Kontekst:
    """Draw the shared sidebar controls and return the page context. Notes about
    invalid shared link values appear in the main area (the sidebar may be collapsed).

    Raises IngenSnapshotFejl when there is no data yet.
    """
    tilstand.ny_koersel()
    vis_flytning()
    alle = data.list_snapshots()
    if not alle:
        data.find_manifest(None)  # raises IngenSnapshotFejl with instructions
    valg = {
        m.snapshot_id: f"{m.label or 'Uden etiket'} (data pr. {fmt.kort_dato(m.data_as_of)})"
        for m in alle
    }
    snapshot_id = url.valg_param(
        "snapshot",
        "Datasæt",
        valg,
        alle[0].snapshot_id,
        beskrivelse="datasæt",
        altid_i_url=True,
        sted=st.sidebar,
    )
    snapshot = data.load_snapshot(snapshot_id)
    aar_valg = _aar_i(snapshot_id) or ((snapshot.manifest.data_as_of or date.today()).year,)
    standard_aar = (
        snapshot.manifest.data_as_of.year
        if snapshot.manifest.data_as_of and snapshot.manifest.data_as_of.year in aar_valg
        else aar_valg[-1]
    )
    aar = int(
        url.valg_param(
            "aar",
            "År",
            {str(a): str(a) for a in reversed(aar_valg)},
            str(standard_aar),
            beskrivelse="år",
            altid_i_url=True,
            sted=st.sidebar,
        )
    )
    praesentation = url.flag_param(
        "praesentation",
        "Præsentationstilstand",
        hjaelp="Stor skrift og færre kontroller, til projektor og storskærm.",
        sted=st.sidebar,
    )
    # The shared unit: validated against the snapshot's organisation, remembered in the
    # session and written back to the URL when the sidebar navigation dropped it.
    enheder = _enheder_i(snapshot_id)
    enhed = url.laes_param("enhed", enheder, "enhed")
    delt = tilstand.hent(tilstand.DELT_ENHED)
    if enhed is not None:
        tilstand.saet(tilstand.DELT_ENHED, enhed)
    elif delt in enheder and "enhed" not in st.query_params:
        url.saet_param("enhed", delt)
    st.html(FOKUS_CSS)
    st.sidebar.html(SPROG_HTML, unsafe_allow_javascript=True)
    if praesentation:
        st.html(PRAESENTATION_CSS)
    forrige = data.forrige_manifest(snapshot.manifest, alle)
    return tilstand.Kontekst(
        snapshot=snapshot,
        aar=aar,
        aar_valg=aar_valg,
        praesentation=praesentation,
        forrige_id=forrige.snapshot_id if forrige else None,
        oekonomi=oekonomi_indstillinger(),
        maalstatus=maalstatus_regel(),
    )


def oekonomi_indstillinger() -> styringsregler.Oekonomiindstillinger:
    """The economy settings of the data folder (oekonomi.toml). An invalid file gives a
    Danish error on the page, and the standard rules apply."""
    try:
        return data.oekonomiregler()
    except styringsregler.OekonomiFejl as fejl:
        st.error(f"{fejl} Siderne bruger standardreglerne, til filen er rettet.", icon="⚠️")
        return styringsregler.STANDARD


def maalstatus_regel() -> statusregler.Statusregel:
    """The goal-status roll-up rule of the data folder (maalstatus.toml). An invalid file
    gives a Danish error on the page, and the standard rule applies."""
    try:
        return data.maalstatusregel()
    except statusregler.MaalstatusFejl as fejl:
        st.error(f"{fejl} Siderne bruger standardreglen, til filen er rettet.", icon="⚠️")
        return statusregler.STANDARD


def kopier_link(side_url_path: str) -> None:
    """A "Kopiér link" control in the sidebar: the full URL of the current view (page,
    snapshot, year, filters and drill position) in a code box with a copy button."""
    basis = (st.context.url or "").split("?", 1)[0].rstrip("/")
    for s in navigation.SIDER:
        if basis.endswith("/" + s.url_path):
            basis = basis[: -len(s.url_path) - 1]
    forespoergsel = urlencode(st.query_params.to_dict())
    lenke = f"{basis}/{side_url_path}" + (f"?{forespoergsel}" if forespoergsel else "")
    with st.sidebar.popover("Kopiér link", icon=":material/link:", width="stretch"):
        st.caption("Linket åbner præcis denne visning: side, datasæt, år, filtre og niveau.")
        st.code(lenke, language=None, wrap_lines=True)
