"""The failover note's decision (dashboard/skal/shell.py `erstatter_tabt_session`), by
hand: Streamlit's frontend sends "streamlit, <xsrf>[, <previous session id>]" as the
Sec-WebSocket-Protocol header. The browser path (a replica killed behind nginx) is in
tests/test_drift.py."""

from __future__ import annotations

import pytest

from dashboard.skal.shell import erstatter_tabt_session


@pytest.mark.parametrize(
    ("protokol", "session_id", "forventet"),
    [
        # first connection of a page load: no previous session
        ("streamlit, xsrf-token", "ny", False),
        ("streamlit, PLACEHOLDER_AUTH_TOKEN", "ny", False),
        # reconnect to the same server, which resumed the session: its own id
        ("streamlit, xsrf-token, abc-123", "abc-123", False),
        ("streamlit,xsrf-token,abc-123", "abc-123", False),
        # reconnect that got a new session (another replica, or a restarted server)
        ("streamlit, xsrf-token, abc-123", "def-456", True),
        ("streamlit,xsrf-token, abc-123 ", "def-456", True),
        # empty third entry, no header, no session (AppTest): nothing to say
        ("streamlit, xsrf-token, ", "def-456", False),
        ("streamlit, , ", "def-456", False),
        (None, "def-456", False),
        ("", "def-456", False),
        ("streamlit, xsrf-token, abc-123", None, False),
    ],
)
def test_erstatter_tabt_session(
    protokol: str | None, session_id: str | None, forventet: bool
) -> None:
    assert erstatter_tabt_session(protokol, session_id) is forventet
