"""Every session-state key of the app, and the page context (`Kontekst`).

Session state is a per-session dictionary of string keys. Those keys are contracts
between modules, so they are all named here, and no other module touches
`st.session_state` directly: they call the accessors below. Kinds of keys:

- the page context, set by the shell on every run (`KONTEKST`);
- the "Filtre:" line under the page header (`FILTRE`, `FILTERLINJE`);
- the shared unit remembered across pages (`DELT_ENHED`);
- a URL-bound widget's state (`widget_noegle("aar")` → "w_aar") and the value this
  session last wrote to the URL (`url_noegle("aar")` → "_url_aar");
- page-specific memory (`INDIKATOR_FOR_ENHEDER`, `dokument_klar(...)`,
  `indberetning_aabnet(...)`);
- an indberetning form's fields and its last message (`indberetning_felt(...)`,
  `indberetning_besked(...)`): one form per item and place, so several fit on a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from modeller.snapshot import Snapshot
from modeller.statusregler import STANDARD as STANDARD_STATUSREGEL
from modeller.statusregler import Statusregel
from modeller.styringsregler import STANDARD, Oekonomiindstillinger
from modeller.tid import reference_dato

KONTEKST = "_kontekst"
FILTRE = "_aktive_filtre"
FILTERLINJE = "_filterlinje"
DELT_ENHED = "delt_enhed"
INDIKATOR_FOR_ENHEDER = "_indikator_for_enheder"
FLYTNING_SET = "_flytning_set"
"""Set on a session's first run once it was checked whether it replaced a lost one."""


def widget_noegle(param: str) -> str:
    """The widget key of the control bound to `?param=`."""
    return f"w_{param}"


def url_noegle(param: str) -> str:
    """Where the session remembers what it last wrote to `?param=`."""
    return f"_url_{param}"


def indberetning_aabnet(art: str, noegle: str) -> str:
    """The version an indberetning form was opened on (optimistic concurrency)."""
    return f"_indb_{art}_{noegle}"


def indberetning_felt(formular: str, felt: str) -> str:
    """The widget key of one field of an item's form (`formular` names place and item)."""
    return f"indb_{formular}_{felt}"


def indberetning_besked(formular: str) -> str:
    """The outcome of the form's last submit (kind, text), shown once by the form."""
    return f"_indb_besked_{formular}"


def dokument_klar(art: str, *noegle: object) -> str:
    """Marks that the user asked for a document (`art`) for this key (Dialogmøde)."""
    return f"dok_{art}_{'_'.join(str(x) for x in noegle)}"


def hent(noegle: str, standard: Any = None) -> Any:
    return st.session_state.get(noegle, standard)


def saet(noegle: str, vaerdi: Any) -> None:
    st.session_state[noegle] = vaerdi


def fjern(noegle: str) -> None:
    st.session_state.pop(noegle, None)


def har(noegle: str) -> bool:
    return noegle in st.session_state


def har_med_praefiks(praefiks: str) -> bool:
    """Whether any key starting with `praefiks` is set (a form's pending message)."""
    return any(str(n).startswith(praefiks) for n in st.session_state)


@dataclass(frozen=True)
class Noegle:
    """The hashable part of the context: what cached computations are keyed by."""

    snapshot_id: str
    forrige_id: str | None
    aar: int
    pr: date
    oekonomi: Oekonomiindstillinger = STANDARD
    """The economy's steering rules and thresholds in force (oekonomi.toml)."""
    maalstatus: Statusregel = STANDARD_STATUSREGEL
    """The goal-status roll-up rule in force (maalstatus.toml)."""


def repr_hash(*typer: type[Any]) -> dict[str | type[Any], Callable[[Any], Any]]:
    """`hash_funcs` for a cache keyed by frozen dataclasses of plain values (`Noegle`, the
    rules in it, and `typer`): each is hashed by its repr, which names every field's value
    (nested dataclasses included), so equal keys hash equal and different keys differ.
    Streamlit's own hashing walks a dataclass field by field, about 0.3 ms a call, paid on
    every run by every cached view. A field hidden from repr would drop out of the key."""
    return dict.fromkeys((Noegle, Oekonomiindstillinger, Statusregel, *typer), repr)


@dataclass(frozen=True)
class Kontekst:
    """What every page gets from the app shell: the chosen snapshot, year and mode."""

    snapshot: Snapshot
    aar: int
    aar_valg: tuple[int, ...]
    praesentation: bool
    forrige_id: str | None
    oekonomi: Oekonomiindstillinger = STANDARD
    maalstatus: Statusregel = STANDARD_STATUSREGEL

    @property
    def data_pr(self) -> date | None:
        return self.snapshot.manifest.data_as_of

    @property
    def pr(self) -> date:
        """The reference date for rules (`modeller.tid.reference_dato`)."""
        return reference_dato(self.data_pr, self.aar)

    @property
    def noegle(self) -> Noegle:
        return Noegle(
            self.snapshot.id, self.forrige_id, self.aar, self.pr, self.oekonomi, self.maalstatus
        )


def saet_kontekst(k: Kontekst) -> None:
    st.session_state[KONTEKST] = k


def kontekst() -> Kontekst:
    """The current run's context (set by the shell before the page runs)."""
    k: Kontekst = st.session_state[KONTEKST]
    return k


def praesentation() -> bool:
    """Whether the current run is in presentation mode (False before the shell ran)."""
    k = st.session_state.get(KONTEKST)
    return bool(getattr(k, "praesentation", False))


def ny_koersel() -> None:
    """Forget the previous run's filter line (call at the start of every run, before the
    shared controls): its placeholder belongs to the old page and must not be written to
    (the browser rejects such a delta and the page stays blank)."""
    st.session_state.pop(FILTRE, None)
    st.session_state.pop(FILTERLINJE, None)


def widget_haendelse(noegle: str) -> Any:
    """The event state of a selectable chart/table widget (for its on_select callback)."""
    return st.session_state[noegle]
