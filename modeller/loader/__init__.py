"""The loader (DESIGN.md §3–§5): source files → validated frames → immutable snapshot.

Modules: `laes` (readers per format, header-row detection), `kortlaegning` (the optional
`kortlaegning.toml` mapping a system's headers and codes to the contract), `konverter`
(casting), `validering` (pandera schemas from modeller.schemas), `integritet` (rules
across tables), `kilde` (orchestration: `load_source`), `skriv` (snapshot writer), `cli`
(`main`), `hastighed` (speed against pandas and DuckDB: `python -m modeller.loader.hastighed`).
"""

from modeller.loader.cli import build_snapshot, main
from modeller.loader.kilde import Kildesaet, load_source

__all__ = ["Kildesaet", "build_snapshot", "load_source", "main"]
