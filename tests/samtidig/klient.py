"""A browser stand-in speaking Streamlit's websocket protocol (`/_stcore/stream`).

One `Session` is one websocket, i.e. one browser tab and one server-side AppSession with
its own session state. `Session.koer(side, forespoergsel)` does what the browser does
when a URL is opened or a page link is followed: it sends a `BackMsg.rerun_script` whose
`ClientState` names the page and carries the query string, then reads `ForwardMsg`s until
the run is over.

How the browser names the page (streamlit/runtime/pages_manager.py): `page_name` is the
URL path of the page (`st.Page(url_path=...)`; the default page has the empty path) and
is matched against the `url_pathname` of the pages `st.navigation` registers; once the
client knows the pages (the `navigation` message of a run), following a link sends the
page's `page_script_hash` instead, which wins over the name. `query_string` is the URL's
query without "?". `context_info.url` is what `st.context.url` returns.

When a run is over: a run ends with `script_finished`. `st.rerun()` ends it with
FINISHED_EARLY_FOR_RERUN and starts the next (`new_session`), so a chain of runs is over
at the first FINISHED_SUCCESSFULLY (or FINISHED_WITH_COMPILE_ERROR) after which nothing
starts within `ro_s` (300 ms, as the browser tests wait: tests/browser/harness.py).

The ForwardMsg cache: the server replaces a large element it already sent by a reference
(`ref_hash`) only when the client lists that hash in `ClientState.cached_message_hashes`.
This client lists none, so every element arrives in full, as in a fresh tab; references
are still resolved from the messages seen on this session, should a server send one.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, WebSocketException
from websockets.typing import Subprotocol

TIMEOUT_S = 120.0
"""How long a run may take before it counts as unanswered (a hang detector, not a goal)."""
RO_S = 0.3
"""Quiet time after FINISHED_SUCCESSFULLY before a run chain counts as over."""

Udfald = Literal["faerdig", "ubesvaret", "afbrudt", "kompileringsfejl", "opgivet"]
"""faerdig: the run chain ended; ubesvaret: no end within the timeout; afbrudt: the server
closed the connection; kompileringsfejl: the script did not compile; opgivet: not asked,
as the session's previous run went unanswered (set by the caller)."""
UBESVARET: frozenset[str] = frozenset({"ubesvaret", "afbrudt", "opgivet"})


@dataclass
class Koersel:
    """One page visit: what the server sent back and how long it took."""

    side: str
    forespoergsel: str
    navn: str = ""
    """The step's name in tables (set by the caller)."""
    udfald: Udfald = "ubesvaret"
    tid_s: float | None = None
    """Seconds from sending the request to the last script_finished (None if none came)."""
    koersler: int = 0
    """Script runs in the chain (more than one after st.rerun)."""
    deltas: int = 0
    elementer: Counter[str] = field(default_factory=Counter)
    """new_element deltas by element type (`plotly_chart`, `dataframe`, ...)."""
    undtagelser: list[str] = field(default_factory=list)
    """Exception elements (uncaught exceptions, st.exception) and compile errors."""
    fejlbeskeder: list[str] = field(default_factory=list)
    """st.error texts."""
    mangler: list[str] = field(default_factory=list)
    """Element types the step requires that the run did not send (set by the caller)."""
    side_ikke_fundet: bool = False
    bytes_modtaget: int = 0
    referencer: int = 0
    """Messages that arrived as ForwardMsg-cache references (ref_hash)."""
    forespoergsel_efter: str = ""
    """The query string the app left in the URL (page_info_changed)."""
    note: str = ""
    """Why a run went unanswered or was cut off, when known (e.g. no websocket)."""

    @property
    def ok(self) -> bool:
        """Finished, on the requested page, without exception or error element."""
        return (
            self.udfald == "faerdig"
            and not self.undtagelser
            and not self.fejlbeskeder
            and not self.mangler
            and not self.side_ikke_fundet
        )

    def beskriv(self) -> str:
        """One line for a failure report."""
        sted = f"/{self.side}" + (f"?{self.forespoergsel}" if self.forespoergsel else "")
        tid = "–" if self.tid_s is None else f"{self.tid_s:.2f} s"
        dele = [f"{sted}: {self.udfald} ({tid}, {self.deltas} deltas)"]
        dele += [f"undtagelse: {u}" for u in self.undtagelser]
        dele += [f"st.error: {f}" for f in self.fejlbeskeder]
        if self.mangler:
            dele.append(f"siden sendte ingen {', '.join(self.mangler)}")
        if self.side_ikke_fundet:
            dele.append("siden findes ikke")
        if self.note:
            dele.append(self.note)
        return "; ".join(dele)


class Session:
    """One browser tab on the server at `url` (e.g. "http://127.0.0.1:8501").

    Use as `async with Session(url) as s: k = await s.koer("oekonomi", "aar=2026")`.
    """

    def __init__(
        self,
        url: str,
        *,
        timeout_s: float = TIMEOUT_S,
        ro_s: float = RO_S,
        tidszone: str = "Europe/Copenhagen",
        sprog: str = "da-DK",
        fra_adresse: str | None = None,
    ) -> None:
        """`fra_adresse`: the loopback address the websocket leaves from (e.g. 127.0.3.1),
        so that nginx's ip_hash sees separate browsers (it hashes the first three parts)."""
        dele = urlsplit(url)
        self.url = f"{dele.scheme}://{dele.netloc}{dele.path.rstrip('/')}"
        self.timeout_s = timeout_s
        self.ro_s = ro_s
        self.tidszone = tidszone
        self.sprog = sprog
        self.fra_adresse = fra_adresse
        self.side_hash: dict[str, str] = {}
        """url_pathname → page_script_hash, learnt from the navigation message."""
        self._ws: ClientConnection | None = None
        self._cache: dict[str, ForwardMsg] = {}
        self.forbindelsesfejl: tuple[Udfald, str] | None = None
        """Set when the websocket could not be opened; every run then reports it."""

    async def __aenter__(self) -> Session:
        """Open the websocket. A server that does not complete the handshake within the
        timeout (a frozen event loop) or refuses it does not raise: every `koer` then
        returns an unanswered (or cut-off) run, so callers count it like any other."""
        ws_url = self.url.replace("http", "ws", 1) + "/_stcore/stream"
        try:
            self._ws = await connect(
                ws_url,
                subprotocols=[Subprotocol("streamlit")],
                max_size=None,  # a page's dataframe or chart can exceed websockets' 1 MiB
                compression=None,
                proxy=None,
                ping_interval=None,  # a frozen server must show as unanswered, not closed
                open_timeout=self.timeout_s,
                close_timeout=2,
                **({"local_addr": (self.fra_adresse, 0)} if self.fra_adresse else {}),
            )
        except TimeoutError:
            self.forbindelsesfejl = ("ubesvaret", "websocket-forbindelsen blev ikke åbnet")
        except (OSError, WebSocketException) as fejl:
            self.forbindelsesfejl = ("afbrudt", f"ingen websocket: {type(fejl).__name__}")
        return self

    async def __aexit__(
        self,
        typ: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    def _back_msg(self, side: str, forespoergsel: str) -> bytes:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = forespoergsel.removeprefix("?")
        if side in self.side_hash:
            cs.page_script_hash = self.side_hash[side]
        else:
            cs.page_name = side
        cs.context_info.url = f"{self.url}/{side}" + (
            f"?{cs.query_string}" if cs.query_string else ""
        )
        cs.context_info.timezone = self.tidszone
        cs.context_info.locale = self.sprog
        data: bytes = msg.SerializeToString()
        return data

    async def koer(self, side: str, forespoergsel: str = "") -> Koersel:
        """Open page `side` (its URL path; "" = the default page) with `forespoergsel`
        (the query string, e.g. "aar=2026&udvalg=X") and wait until the run is over."""
        k = Koersel(side=side, forespoergsel=forespoergsel)
        if self.forbindelsesfejl is not None:
            k.udfald, k.note = self.forbindelsesfejl
            return k
        if self._ws is None:
            raise RuntimeError("Session er ikke forbundet (brug async with)")
        ws = self._ws
        t0 = time.perf_counter()
        slut = t0 + self.timeout_s
        faerdig_ved: float | None = None  # perf_counter() of the last FINISHED_SUCCESSFULLY
        await ws.send(self._back_msg(side, forespoergsel))
        while True:
            nu = time.perf_counter()
            vent = slut - nu if faerdig_ved is None else min(faerdig_ved + self.ro_s, slut) - nu
            if vent <= 0:
                break
            try:
                data = await asyncio.wait_for(ws.recv(decode=False), vent)
            except TimeoutError:
                break
            except ConnectionClosed as fejl:
                k.udfald, k.note = "afbrudt", f"forbindelsen blev lukket ({fejl.rcvd})"
                return k
            modtaget = time.perf_counter()
            k.bytes_modtaget += len(data)
            msg = self._oversaet(data, k)
            match msg.WhichOneof("type"):
                case "new_session":
                    k.koersler += 1
                    faerdig_ved = None
                case "session_status_changed" if msg.session_status_changed.script_is_running:
                    faerdig_ved = None
                case "script_finished":
                    status = msg.script_finished
                    if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                        faerdig_ved, k.tid_s = modtaget, modtaget - t0
                    elif status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        k.udfald, k.tid_s = "kompileringsfejl", modtaget - t0
                        return k
                case "delta":
                    self._delta(msg, k)
                case "navigation":
                    for p in msg.navigation.app_pages:
                        self.side_hash[p.url_pathname] = p.page_script_hash
                case "page_info_changed":
                    k.forespoergsel_efter = msg.page_info_changed.query_string
                case "page_not_found":
                    k.side_ikke_fundet = True
                case "session_event":
                    ev = msg.session_event
                    if ev.WhichOneof("type") == "script_compilation_exception":
                        u = ev.script_compilation_exception
                        k.undtagelser.append(f"{u.type}: {u.message}")
        if faerdig_ved is not None:
            k.udfald = "faerdig"
        else:
            k.note = f"intet script_finished inden for {self.timeout_s:g} s"
        return k

    def _oversaet(self, data: bytes, k: Koersel) -> ForwardMsg:
        """Parse a ForwardMsg, resolving a cache reference and remembering cacheable ones."""
        msg = ForwardMsg()
        msg.ParseFromString(data)
        if msg.WhichOneof("type") == "ref_hash":
            k.referencer += 1
            kilde = self._cache.get(msg.ref_hash)
            if kilde is None:
                k.undtagelser.append(f"ukendt ForwardMsg-reference {msg.ref_hash}")
                return msg
            fuld = ForwardMsg()
            fuld.CopyFrom(kilde)
            fuld.metadata.CopyFrom(msg.metadata)
            return fuld
        if msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = msg
        return msg

    @staticmethod
    def _delta(msg: ForwardMsg, k: Koersel) -> None:
        k.deltas += 1
        if msg.delta.WhichOneof("type") != "new_element":
            return
        el = msg.delta.new_element
        typ = el.WhichOneof("type") or "?"
        k.elementer[typ] += 1
        if typ == "exception":
            k.undtagelser.append(f"{el.exception.type}: {el.exception.message}")
        elif typ == "alert" and el.alert.format == Alert.ERROR:
            k.fejlbeskeder.append(el.alert.body)
