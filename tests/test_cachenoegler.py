"""The cache keys hashed by repr (`tilstand.repr_hash`): every field, nested rules
included, reaches the key, so two different views never share a cache entry."""

from __future__ import annotations

import dataclasses
from datetime import date

from dashboard.skal.tilstand import Noegle, repr_hash
from dashboard.visning.oekonomi.udsnit import Udsnit
from modeller.statusregler import Statusregel
from modeller.styringsregler import STANDARD, Taerskler


def _noegle(**aendr: object) -> Noegle:
    n = Noegle("S1", None, 2026, date(2026, 9, 30))
    return dataclasses.replace(n, **aendr)  # type: ignore[arg-type]


def test_repr_naevner_hvert_felt_ogsaa_de_indlejrede_regler() -> None:
    h = repr_hash(Udsnit)
    assert set(h) >= {Noegle, Udsnit, Statusregel, type(STANDARD)}
    basis = _noegle()
    andre = [
        _noegle(snapshot_id="S2"),
        _noegle(forrige_id="S0"),
        _noegle(aar=2025),
        _noegle(pr=date(2026, 5, 31)),
        _noegle(oekonomi=dataclasses.replace(STANDARD, taerskler=Taerskler(kr=500_000.0))),
        _noegle(maalstatus=Statusregel(regel="vaerste")),
    ]
    noegler = {h[Noegle](n) for n in [basis, *andre]}
    assert len(noegler) == 1 + len(andre)
    assert h[Noegle](_noegle()) == h[Noegle](basis)


def test_udsnittets_filtre_indgaar_i_noeglen() -> None:
    h = repr_hash(Udsnit)[Udsnit]
    udsnit = [
        Udsnit(),
        Udsnit(udvalg="Børne- og Ungeudvalget"),
        Udsnit(politikomraade_id="P-DAG"),
        Udsnit(center_id="C-BU"),
        Udsnit(budgettyper=("service",)),
        Udsnit(budgettyper=("anlaeg",)),
        Udsnit(profil="sidste_aar"),
        Udsnit(kun_afvigelser=True),
    ]
    assert len({h(u) for u in udsnit}) == len(udsnit)
