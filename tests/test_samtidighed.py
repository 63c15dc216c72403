"""Many sessions at once (issue 13): the server must keep answering.

With three or more sessions rendering pages at the same time the server used to hang for
good: polars called back into Python (`map_elements`) from its thread pool while other
threads held the GIL. These tests replay that load and detect a hang by timeouts; they
never assert on speed (a loaded CI machine is slow, not stuck).

1. The real server (`streamlit run`), driven through Streamlit's own websocket protocol
   (tests/samtidig/klient.py): 8 sessions, with no think time, run every page with
   realistic links, each session starting at a different page so the heavy ones overlap,
   in 2 rounds; the first is on a cold server. Every run must end (script_finished)
   within 120 s, with the page's elements and no exception or st.error; afterwards a new
   session is still served.
2. Cheaper: 4 threads in one process, each opening every page with its own AppTest at the
   same time. Runs in a subprocess, whose timeout is the last-resort hang detector (a
   deadlock holding the GIL stops every thread of its process).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.harness import start_streamlit
from tests.conftest import PROJEKT
from tests.samtidig.forloeb import alle_sider, sider_i_appen, vaelg_ids
from tests.samtidig.klient import Koersel
from tests.samtidig.koersel import koer_brugere, ny_session_svarer

SESSIONER = 8
RUNDER = 2
TIMEOUT_S = 120.0
"""Per run: a hang detector with room for a slow, loaded machine, not a speed target."""
TRAADE = 4


def _liste(koersler: list[Koersel], maks: int = 20) -> str:
    return "\n".join(k.beskriv() for k in koersler[:maks])


def test_mange_sessioner_paa_alle_sider_samtidig(
    demo_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The exception elements carry the real message (the app's config shows none).
    monkeypatch.setenv("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    trin = alle_sider(vaelg_ids(demo_data), sider_i_appen())
    assert {t.side for t in trin} >= {"", "oekonomi", "indikatorer"}
    with start_streamlit(demo_data) as server:
        res = asyncio.run(
            koer_brugere(
                server.url,
                trin,
                SESSIONER,
                runder=RUNDER,
                forskudt=True,
                timeout_s=TIMEOUT_S,
            )
        )
        # A server already found stuck gets a short look only.
        ny = asyncio.run(ny_session_svarer(server.url, 10 if res.ubesvarede() else TIMEOUT_S))

    alle = res.alle()
    assert len(alle) == SESSIONER * RUNDER * len(trin)
    problemer = res.problemer()
    assert not problemer, (
        f"{len(problemer)} af {len(alle)} kørsler endte ikke rent "
        f"({res.ubesvarede()} ubesvarede):\n{_liste(problemer)}"
    )
    # The page itself arrived, not only the shell: its title and a table or a chart.
    tomme = [
        k
        for k in alle
        if k.elementer["heading"] < 2 or k.elementer["dataframe"] + k.elementer["plotly_chart"] < 1
    ]
    assert not tomme, f"sider uden indhold:\n{_liste(tomme)}"
    assert ny.ok, f"en ny session bagefter: {ny.beskriv()}"


def test_apptest_i_flere_traade_samtidig(demo_data: Path) -> None:
    kommando = [
        sys.executable, "-m", "tests.samtidig.traade", str(demo_data),
        "--traade", str(TRAADE), "--runder", "1", "--timeout", str(TIMEOUT_S),
    ]  # fmt: skip
    try:
        proc = subprocess.run(
            kommando, cwd=PROJEKT, capture_output=True, text=True, timeout=TIMEOUT_S + 60
        )
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"AppTest i {TRAADE} tråde hænger: processen svarede ikke i {TIMEOUT_S + 60:g} s"
        )
    assert proc.returncode == 0, (
        f"exit {proc.returncode}\n{proc.stdout[-4000:]}\n{proc.stderr[-3000:]}"
    )


def test_et_trin_kraever_den_visning_linket_beder_om() -> None:
    """A step whose run lacks the view's elements (Dialogmøde's «Vælg den enhed» prompt
    instead of the brief) fails in the load test instead of being measured."""
    from tests.samtidig.forloeb import OPLAEG_VISNING, Trin

    t = Trin("Dialogmøde, enhed", "dialogmoede", "enhed=C-BU", OPLAEG_VISNING)
    assert t.mangler({"metric": 6, "dataframe": 6, "plotly_chart": 4}) == []
    assert t.mangler({"alert": 1, "selectbox": 4}) == list(OPLAEG_VISNING)
    k = Koersel("dialogmoede", "enhed=C-BU", udfald="faerdig", tid_s=0.01)
    k.mangler = t.mangler({"alert": 1})
    assert not k.ok
    assert "siden sendte ingen metric, dataframe, plotly_chart" in k.beskriv()


def test_brugerne_kommer_fra_hver_sin_adresse_for_nginx_ip_hash() -> None:
    """nginx's ip_hash uses the first three parts of an IPv4 address: the load test's
    users must differ there to be spread over the replicas as browsers are."""
    from tests.samtidig.koersel import bruger_adresse

    adresser = [bruger_adresse(i) for i in range(100)]
    assert len({a.rsplit(".", 1)[0] for a in adresser}) == 100
    assert all(a.startswith("127.") for a in adresser)
