"""The URL binding (dashboard/faelles/url.py), once for every kind of bad link value.

Every page binds its query parameters through these four functions, so a bad value is
tested here against each binder (one small app), and once per page in
tests/test_moedeklar.py: a friendly Danish note ("Linket indeholder …"), the default
view, the bad value gone from the URL, and never the markup or the whole long value
echoed back.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

FEJLVAERDIER = ("<script>alert(1)</script>", "../x" + "x" * 3000, "")


def _app() -> None:
    import streamlit as st

    from dashboard.faelles import url
    from dashboard.skal import tilstand

    tilstand.ny_koersel()
    valgt = {
        "laes": url.laes_param("laes", {"E1", "E2"}, "enhed"),
        "valg": url.valg_param(
            "valg", "Budgetprofil", {"lineaer": "Lineær", "sidste_aar": "Sidste år"}, "lineaer",
            beskrivelse="budgetprofil",
        ),
        "flere": url.flere_param(
            "flere", "Budgettype", {"service": "Service", "anlaeg": "Anlæg"},
            beskrivelse="budgettype",
        ),
        "flag": url.flag_param("flag", "Kun afvigelser"),
    }  # fmt: skip
    st.write(repr(valgt))


STANDARD = {"laes": None, "valg": "lineaer", "flere": [], "flag": False}


def _koer(**parametre: str) -> AppTest:
    at = AppTest.from_function(_app, default_timeout=30)
    for k, v in parametre.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("noegle", list(STANDARD))
@pytest.mark.parametrize("vaerdi", FEJLVAERDIER, ids=["markup", "lang", "tom"])
def test_ugyldig_vaerdi_giver_note_standard_og_ren_url(noegle: str, vaerdi: str) -> None:
    at = _koer(**{noegle: vaerdi})
    noter = "\n".join(str(e.value) for e in at.info)
    if noegle == "flere" and vaerdi == "":
        assert noter == ""  # an empty multiselect link is "no filter", not an error
    else:
        assert "Linket indeholder" in noter, noter
    assert "<script>" not in noter and "x" * 100 not in noter
    assert repr(STANDARD[noegle]) in at.markdown[0].value
    if noegle != "flag":  # the toggle writes its (valid) state back
        assert at.query_params.get(noegle) in (None, [], ""), at.query_params.get(noegle)


def test_gyldige_vaerdier_virker_og_bliver_i_url() -> None:
    at = _koer(laes="E2", valg="sidste_aar", flere="anlaeg,service", flag="1")
    vist = at.markdown[0].value
    for forventet in ("'E2'", "'sidste_aar'", "['anlaeg', 'service']", "True"):
        assert forventet in vist
    assert not at.info
    assert at.query_params.get("valg") in ("sidste_aar", ["sidste_aar"])


def test_delvist_ugyldig_liste_beholder_de_gyldige() -> None:
    at = _koer(flere="service,<b>x</b>")
    assert "['service']" in at.markdown[0].value
    noter = "\n".join(str(e.value) for e in at.info)
    assert "ukendte værdier" in noter and "<b>" not in noter
