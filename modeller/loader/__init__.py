"""The loader (DESIGN.md §3–§5): source files → validated frames → immutable snapshot.

Modules: `laes` (readers per format), `konverter` (mapping and casting), `validering`
(pandera schemas from modeller.schemas), `integritet` (rules across tables), `kilde`
(orchestration: `load_source`), `skriv` (snapshot writer), `cli` (`main`).
"""

from modeller.loader.cli import build_snapshot, main
from modeller.loader.kilde import Kildesaet, load_source

__all__ = ["Kildesaet", "build_snapshot", "load_source", "main"]
