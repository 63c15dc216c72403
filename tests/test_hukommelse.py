"""The heap is frozen after a run that filled caches, not after an ordinary run."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from dashboard.skal import hukommelse


@pytest.fixture
def optoet() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_fryser_kun_efter_en_tung_koersel(optoet: None) -> None:
    assert gc.get_freeze_count() == 0
    assert not hukommelse.efter_koersel(hukommelse.FRYS_EFTER_CPU_S / 10)
    assert gc.get_freeze_count() == 0
    langlivet = [{"tabel": list(range(10))} for _ in range(100)]
    assert hukommelse.efter_koersel(hukommelse.FRYS_EFTER_CPU_S)
    assert gc.get_freeze_count() >= len(langlivet)  # out of the full pass's way
    # reference counting still frees what is dropped
    del langlivet
    assert gc.collect() >= 0
