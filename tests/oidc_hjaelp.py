"""A local OpenID Connect provider for the login tests, and logging in through it.

`oidc_udbyder` runs PyPI's `oidc-provider-mock` on a free 127.0.0.1 port as a
subprocess. It accepts any client id and secret (no registration) and any redirect URI;
its authorization page has one button per predefined user (the `sub`), whose claims
(e-mail, name, groups) go into the ID token for the scopes Streamlit asks for
("openid email profile"; claims outside the standard scopes, like `groups`, always).

`skriv_secrets` writes a secrets file with an `[auth]` section for that provider; the app
gets it through `--secrets.files`, so the repository's `.streamlit/` is never touched
(and with the option set, Streamlit reads no other secrets file). The redirect URI holds
`{port}`, which Streamlit fills in with its own port.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.browser.harness import fri_port, stop, vent_paa_side

CLIENT_ID = "styringsoverblik-test"


@contextmanager
def oidc_udbyder(brugere: Sequence[Mapping[str, object]]) -> Iterator[str]:
    """Run the provider with `brugere` (claims, each with a `sub`); yield its base URL."""
    port = fri_port()
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for b in brugere:
        args += ["--user-claims", json.dumps(dict(b), ensure_ascii=False)]
    url = f"http://127.0.0.1:{port}"
    with open(os.devnull, "wb") as log:
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        try:
            for _ in range(300):
                if proc.poll() is not None:
                    raise RuntimeError("OpenID-udbyderen stoppede under opstart")
                try:
                    with urllib.request.urlopen(metadata_url(url), timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("OpenID-udbyderen svarede ikke")
            yield url
        finally:
            stop(proc)


def metadata_url(udbyder: str) -> str:
    return f"{udbyder}/.well-known/openid-configuration"


def skriv_secrets(sti: Path, udbyder: str) -> Path:
    """A secrets file whose `[auth]` section points at `udbyder` (fresh cookie secret)."""
    sti.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{secrets.token_urlsafe(16)}"\n'
        f'server_metadata_url = "{metadata_url(udbyder)}"\n',
        encoding="utf-8",
    )
    return sti


def kun_lokalt(context: Any) -> list[str]:
    """Abort every request of a browser context that is not to 127.0.0.1 (the provider's
    page links a stylesheet on a CDN); returns the list of aborted URLs."""
    afbrudt: list[str] = []

    def rute(route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            afbrudt.append(route.request.url)
            route.abort()

    context.route("**/*", rute)
    return afbrudt


def log_ind(page: Any, app: str, sub: str) -> None:
    """Log in as `sub` the way a user does: Indberetning's "Log ind" button, the
    provider's page, back to the app (Streamlit returns to the front page)."""
    page.goto(f"{app}/indberetning")
    vent_paa_side(page)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/oauth2/authorize?**", timeout=30_000)
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(lambda u: u.startswith(app) and "oauth2" not in u, timeout=30_000)
    vent_paa_side(page)
