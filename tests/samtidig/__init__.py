"""Many sessions at once against the real server, through Streamlit's own websocket protocol.

`klient` is a small browser stand-in (one websocket = one browser tab = one session),
`forloeb` the page visits worth replaying (every page; the meeting script) with real ids
from a snapshot, and `koersel` runs N sessions side by side and summarises their server
times. `python -m tests.samtidig --brugere 1,10,25` measures from the command line;
tests/test_samtidighed.py is the regression test for issue 13 (the server hung when
three or more sessions rendered pages at once).
"""
