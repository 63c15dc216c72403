"""Long-lived objects out of the cyclic garbage collector's way.

The collector's full pass (generation 2) scans every tracked object and holds the GIL
while it runs, so every session waits. On a warm server most objects are the cached
snapshots and prepared views, which live as long as the process; scanning them took
150–200 ms per full pass (measured with `gc.callbacks` under `make load`: 4 passes in
40 s at 25 users), which was the 300 ms tail every page showed.

A run that filled caches (its own CPU time at least `FRYS_EFTER_CPU_S`) ends with
`gc.freeze()`: what exists then moves to the permanent generation, and later full passes
only scan what is newer. Reference counting still frees everything as before; only
reference cycles among frozen objects are never collected, and the cached tables,
figures (dicts) and view models hold none to speak of.
"""

from __future__ import annotations

import gc

FRYS_EFTER_CPU_S = 0.15
"""A run with at least this much CPU time built something to keep (a cold page)."""


def efter_koersel(cpu_s: float) -> bool:
    """Freeze the heap after a run that filled caches; True when it did."""
    if cpu_s < FRYS_EFTER_CPU_S:
        return False
    gc.freeze()
    return True
