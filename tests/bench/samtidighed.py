"""Figure 5 (simultaneous users): the meeting script in 1, 10 and 25 sessions at once.

The real server (`streamlit run`, tests/browser/harness.py) on the skala-1 demo, driven
through Streamlit's websocket protocol by tests/samtidig: one session warms the server
up, then each number of users runs Overblik → Økonomi for an udvalg → Økonomi drilled to
a politikområde → Målkæden on a goal → Dialogmøde for a unit, every step started in all
sessions at once (no think time), `runder` times. Per step: p50/p95/max of the server
time (request sent → script_finished) and their ratio to one user; per number of users:
failed and unanswered runs and the server's RSS before and after. The same measurement
runs alone as `python -m tests.samtidig`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BRUGERE = (1, 10, 25)


def maal_samtidighed(
    data_dir: Path,
    runder: int,
    brugere: Sequence[int] = BRUGERE,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    from tests.samtidig.koersel import maal

    return maal(data_dir, brugere, runder=runder, log=log)
