"""A real login (issue 19): OpenID Connect against a local provider on 127.0.0.1, in
Chromium, with the app's `[auth]` section in a temporary secrets file.

One provider and one app server for the module, on a copy of the demo data folder with a
roles file: Anne (e-mail entry, controller) and Bo (through the group claim of his token)
report for Center for Ældre; Carl has no role. Anne reports a vurdering and a prognose
and sees both marked "Indberettet … (efter datasættet)"; the next load folds them into
the snapshot. Anne and Bo race on one goal. Carl cannot report, and without `[auth]` (the
normal browser-test server) nothing can be written. axe-core checks each page state of
the login.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dashboard.indberetning.adgang import SLAA_TIL
from modeller.indberetning import Lager, standard_url
from modeller.indberetning.kontrol import mine_enheder
from modeller.indberetning.lager import SQLITE_FIL
from modeller.indberetning.roller import ROLLE_FIL, Rolle
from modeller.snapshot import Snapshot
from tests.browser.harness import PROJEKT, start_streamlit, tilgaengelighedsfejl, vent_paa_side
from tests.indberetning_hjaelp import nyeste_snapshot
from tests.oidc_hjaelp import kun_lokalt, log_ind, oidc_udbyder, skriv_secrets

ANNE = {"sub": "anne", "email": "anne@soroe.dk", "name": "Anne Andersen"}
BO = {"sub": "bo", "email": "bo@soroe.dk", "name": "Bo Bech", "groups": ["sg-aeldre"]}
CARL = {"sub": "carl", "email": "carl@soroe.dk", "name": "Carl Clausen"}
ROLLER = """
[bruger."Anne@Soroe.dk"]
enheder = ["C-AE"]
controller = true

[gruppe."sg-aeldre"]
enheder = ["C-AE"]
"""
CENTER = "C-AE"
MARKERING = re.compile(r"Indberettet \d\d\.\d\d\.\d{4} af (\w+ \w+) \(efter datasættet\)")


@dataclass(frozen=True)
class LoginApp:
    url: str
    data: Path


@pytest.fixture(scope="module")
def login_app(
    browser: Any, demo_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoginApp]:
    rod = tmp_path_factory.mktemp("login")
    data = rod / "data"
    # the demo's snapshots without any reports another test may have left beside them
    shutil.copytree(demo_data, data, ignore=shutil.ignore_patterns(f"{SQLITE_FIL}*"))
    (data / ROLLE_FIL).write_text(ROLLER, encoding="utf-8")
    with oidc_udbyder([ANNE, BO, CARL]) as udbyder:
        hemmeligt = skriv_secrets(rod / "secrets.toml", udbyder)
        with start_streamlit(data, ekstra=["--secrets.files", str(hemmeligt)]) as server:
            yield LoginApp(server.url, data)


@contextmanager
def logget_ind(browser: Any, app: LoginApp, bruger: dict[str, Any]) -> Iterator[Any]:
    """A fresh browser context (own cookies) logged in as `bruger`."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    kun_lokalt(ctx)
    try:
        page = ctx.new_page()
        log_ind(page, app.url, bruger["sub"])
        yield page
    finally:
        ctx.close()


def tekst(page: Any) -> str:
    return str(page.inner_text("[data-testid=stMain]"))


def aaben(page: Any, url: str) -> str:
    page.goto(url)
    vent_paa_side(page)
    return tekst(page)


def formular(page: Any, knap: str) -> Any:
    return page.locator("[data-testid=stForm]").filter(has_text=knap)


def vaelg(sted: Any, page: Any, etiket: str, valg: str, forsoeg: int = 3) -> None:
    """Pick the option containing `valg` in the selectbox labelled `etiket`: typed (the
    list is virtual), then Enter on the first option left. A rerun that lands meanwhile
    closes the list, so this is repeated (at most `forsoeg` times) until it is chosen."""
    boks = sted.locator("[data-testid=stSelectbox]").filter(
        has=page.get_by_text(etiket, exact=True)
    )
    for _ in range(forsoeg):
        boks.click()
        page.keyboard.type(valg)
        try:
            page.get_by_role("option").filter(has_text=valg).first.wait_for(timeout=10_000)
        except Exception:  # playwright TimeoutError: the list closed
            page.keyboard.press("Escape")
            vent_paa_side(page)
            continue
        page.keyboard.press("Enter")
        vent_paa_side(page)
        if valg in boks.locator("input").first.input_value():
            return
    raise AssertionError(f"{valg!r} blev ikke valgt i «{etiket}»")


def indsend(page: Any, knap: str, svar: str) -> str:
    """Submit the form with button `knap`; wait for the message containing `svar` (an
    earlier message may still stand on the page) and return the page's text."""
    formular(page, knap).get_by_role("button", name=knap).click()
    besked = page.locator("[data-testid=stAlert]").filter(has_text=svar).first
    besked.wait_for(state="attached", timeout=60_000)  # (in a closed expander: hidden)
    vent_paa_side(page)
    return tekst(page)


def maal(s: Snapshot) -> list[str]:
    """Center for Ældre's goals (its own and its institutions') as the form lists them."""
    enheder = mine_enheder(s, Rolle((CENTER,), True))
    return (
        s["maal"]
        .filter(pl.col("enhed_id").is_in(list(enheder)))
        .sort("maal_id")["maal_id"]
        .to_list()
    )


def foerste_linje(s: Snapshot, aar: int) -> tuple[str, str, str, str | None]:
    """The first budget line of the prognose form (its default)."""
    enheder = mine_enheder(s, Rolle((CENTER,), True))
    r = (
        s["budget"]
        .filter((pl.col("aar") == aar) & pl.col("enhed_id").is_in(list(enheder)))
        .select("enhed_id", "politikomraade_id", "budgettype", "projekt_id")
        .unique()
        .sort("enhed_id", "politikomraade_id", "budgettype", "projekt_id", nulls_last=True)
        .row(0)
    )
    return r[0], r[1], r[2], r[3]


def ingen_a11y_fejl(page: Any, tilstand: str) -> None:
    fejl = tilgaengelighedsfejl(page)
    assert not fejl, f"axe-core ({tilstand}):\n" + "\n".join(fejl)


def test_login_indberet_vurdering_og_prognose_og_se_begge(
    browser: Any, login_app: LoginApp, demo_kilder: Path
) -> None:
    app = login_app.url
    s = nyeste_snapshot(login_app.data)
    maal_id = maal(s)[0]
    enhed, po, budgettype, projekt = foerste_linje(s, 2026)
    with logget_ind(browser, login_app, ANNE) as page:
        t = aaben(page, f"{app}/indberetning")
        # name and e-mail come from the provider's ID token; the roles file's e-mail key
        # is matched without regard to case
        assert "Logget ind som Anne Andersen (anne@soroe.dk)" in t
        assert "må indberette for C-AE og enhederne under · controller (prognoser)" in t
        ingen_a11y_fejl(page, "logget ind med formularer")

        vaelg(page, page, "Mål", maal_id)
        vurd = formular(page, "Indberet vurdering")
        vaelg(vurd, page, "Status", "I risiko")
        vurd.get_by_label("Kommentar").fill("Sygefraværet steg i 3. kvartal")
        indsend(
            page,
            "Indberet vurdering",
            "Gemt: status «I risiko» med kommentaren «Sygefraværet steg i 3. kvartal»",
        )

        page.get_by_role("tab", name="Prognose for budgetlinje").click()
        prog = formular(page, "Indberet prognose")
        prog.get_by_label("Forventet regnskab (kr.)").fill("12345000")
        prog.get_by_label("Forklaring").fill("Flere borgere i hjemmeplejen")
        prog.get_by_label("Handling").fill("Omlægning af ruter")
        t = indsend(page, "Indberet prognose", "Gemt: forventet regnskab 12.345.000 kr.")
        ingen_a11y_fejl(page, "efter indberetning")
        # the page's list of reports after the snapshot has both, marked
        efter = t.split("Indberettet efter datasættet", 1)[1]
        assert MARKERING.findall(efter)[:2] == ["Anne Andersen", "Anne Andersen"]
        titel = s["maal"].filter(pl.col("maal_id") == maal_id)["titel"][0]
        assert f"Vurdering af målet «{titel}»" in efter and "12.345.000 kr." in efter

        # Målkæden: the goal card shows the vurdering on top of the snapshot, marked
        t = aaben(page, f"{app}/maalkaeden?maal={maal_id}")
        assert "I risiko" in t and "Sygefraværet steg i 3. kvartal" in t
        m = MARKERING.search(t)
        assert m is not None and m.group(1) == "Anne Andersen"
        # Økonomi for the line's politikområde and centre: the forecast, marked
        t = aaben(page, f"{app}/oekonomi?politikomraade={po}&center={CENTER}")
        assert "Prognoser indberettet efter datasættet (1)" in t
        # (a table: its grid is a canvas, so read the rows of its accessible table, which
        # holds the columns in view)
        page.wait_for_function(
            """([enhed]) => [...document.querySelectorAll('[data-testid=stDataFrame] tr')]
                .some(r => r.innerText.startsWith(enhed) && r.innerText.includes('12.345.000')
                           && r.innerText.includes('Flere borgere i hjemmeplejen'))""",
            arg=[s["organisation"].filter(pl.col("enhed_id") == enhed)["navn"][0]],
            timeout=30_000,
        )

        # the next load folds both reports into the new snapshot ...
        lager = Lager.aabn(standard_url(login_app.data))
        forventet = len(lager.gaeldende())
        kørsel = subprocess.run(
            [sys.executable, "-m", "modeller.loader", str(demo_kilder), "--data",
             str(login_app.data), "--etiket", "Efter indberetning"],
            cwd=PROJEKT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert kørsel.returncode == 0, kørsel.stderr
        ny = nyeste_snapshot(login_app.data)
        assert ny.manifest.label == "Efter indberetning"
        info = ny.manifest.extra["indberetninger"]
        assert info["antal"] == forventet >= 2 and info["til_id"] == lager.seneste_id()
        v = ny["vurderinger"].filter(
            (pl.col("maal_id") == maal_id)
            & (pl.col("kommentar") == "Sygefraværet steg i 3. kvartal")
        )
        assert v["status"].to_list() == ["i_risiko"]
        p = ny["prognoser"].filter(
            (pl.col("enhed_id") == enhed)
            & (pl.col("politikomraade_id") == po)
            & (pl.col("opfoelgningsdato") == date(2026, 9, 30))
        )
        assert p["forventet_forbrug_kr"].to_list() == [12_345_000.0]
        assert p["budgettype"].to_list() == [budgettype] and p["projekt_id"].to_list() == [projekt]
        # ... and the running app shows the new snapshot, with nothing left on top of it
        t = aaben(page, f"{app}/indberetning")
        assert "Efter indberetning" in t and "Ingen indberetninger efter datasættet." in t


def test_to_brugere_paa_samme_maal_den_sidste_afvises(browser: Any, login_app: LoginApp) -> None:
    app = login_app.url
    maal_id = maal(nyeste_snapshot(login_app.data))[1]
    with logget_ind(browser, login_app, ANNE) as a, logget_ind(browser, login_app, BO) as b:
        for page in (a, b):  # both open the vurdering form on the same goal
            aaben(page, f"{app}/indberetning")
            vaelg(page, page, "Mål", maal_id)
        assert "Logget ind som Bo Bech (bo@soroe.dk)" in tekst(b)  # role via the group claim

        vaelg(formular(a, "Indberet vurdering"), a, "Status", "På sporet")
        formular(a, "Indberet vurdering").get_by_label("Kommentar").fill("Anne først")
        indsend(a, "Indberet vurdering", "Gemt: status «På sporet»")

        vaelg(formular(b, "Indberet vurdering"), b, "Status", "Ikke på sporet")
        formular(b, "Indberet vurdering").get_by_label("Kommentar").fill("Bo bagefter")
        t = indsend(b, "Indberet vurdering", "Ikke gemt. Anne Andersen indberettede")
        assert "status «På sporet» med kommentaren «Anne først»" in t
        assert "efter at du åbnede formularen" in t
        ingen_a11y_fejl(b, "afvist indberetning")

        # the refused form reopens on the current version: Bo submits again, and both
        # reports are in the goal's history, newest first
        formular(b, "Indberet vurdering").get_by_label("Kommentar").fill("Bo bagefter")
        vaelg(formular(b, "Indberet vurdering"), b, "Status", "Ikke på sporet")
        indsend(b, "Indberet vurdering", "Gemt: status «Ikke på sporet»")
        b.get_by_text(re.compile(r"^Historik \(2 indberetninger\)")).click()
        t = tekst(b)
        assert t.index("Bo bagefter") < t.index("Anne først")
        assert "af Bo Bech" in t and "af Anne Andersen" in t


def test_vurdering_fra_maalkaedens_kort_vises_paa_kortet(browser: Any, login_app: LoginApp) -> None:
    maal_id = maal(nyeste_snapshot(login_app.data))[2]
    with logget_ind(browser, login_app, BO) as page:
        aaben(page, f"{login_app.url}/maalkaeden?maal={maal_id}")
        page.get_by_text("Indberet vurdering", exact=True).first.click()
        kort = formular(page, "Indberet vurdering")
        vaelg(kort, page, "Status", "I risiko")
        kort.get_by_label("Kommentar").fill("Bo fra kortet")
        t = indsend(page, "Indberet vurdering", "Gemt: status «I risiko»")
        # the card shows it at once, marked
        m = MARKERING.search(t)
        assert m is not None and m.group(1) == "Bo Bech"
        assert "Bo fra kortet" in t


def test_log_ind_og_bruger_uden_rolle_kan_ikke_indberette(
    browser: Any, login_app: LoginApp
) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    afbrudt = kun_lokalt(ctx)
    try:
        page = ctx.new_page()
        # login configured, not logged in: one line and the button, no form
        t = aaben(page, f"{login_app.url}/indberetning")
        assert "Log ind for at indberette." in t
        assert page.locator("[data-testid=stForm]").count() == 0
        ingen_a11y_fejl(page, "ikke logget ind")

        log_ind(page, login_app.url, CARL["sub"])
        t = aaben(page, f"{login_app.url}/indberetning")
        assert "carl@soroe.dk har ingen rolle til at indberette" in t
        assert page.locator("[data-testid=stForm]").count() == 0
        ingen_a11y_fejl(page, "logget ind uden rolle")
        # log out: through the provider's end-session page back to the app, logged out
        page.get_by_role("button", name="Log ud").click()
        page.wait_for_url("**/oauth2/end_session?**", timeout=30_000)
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(lambda u: u.startswith(login_app.url) and "oauth2" not in u)
        t = aaben(page, f"{login_app.url}/indberetning")
        assert "Log ind for at indberette." in t and "carl@soroe.dk" not in t
        # nothing but the provider page's stylesheet (on a CDN) tried to leave loopback
        assert all(u.endswith(".css") for u in afbrudt), afbrudt
    finally:
        ctx.close()


def test_uden_auth_kan_intet_skrives(browser: Any, server: str) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    try:
        page = ctx.new_page()
        t = aaben(page, f"{server}/indberetning")
        assert SLAA_TIL.replace("`", "") in t
        assert page.locator("[data-testid=stForm]").count() == 0
        assert page.get_by_role("button", name="Log ind").count() == 0
        ingen_a11y_fejl(page, "uden [auth]")
    finally:
        ctx.close()
