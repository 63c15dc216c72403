"""Browser fixtures. Without Chromium the browser tests are skipped, except under CI
(env CI set), where a missing browser is a failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import chromium, chromium_findes, streamlit_server

ARTEFAKTER = Path(__file__).resolve().parents[1] / "artefakter"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not chromium_findes():
        if os.environ.get("CI"):
            pytest.fail("Chromium mangler under CI: installer med apt-get install -y chromium")
        pytest.skip("Chromium er ikke installeret (apt-get install -y chromium)")
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def server(demo_data: Path) -> Iterator[str]:
    with streamlit_server(demo_data) as url:
        yield url


@pytest.fixture
def artefakter() -> Path:
    ARTEFAKTER.mkdir(exist_ok=True)
    return ARTEFAKTER
