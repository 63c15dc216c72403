"""The indberetning store (DESIGN.md §3): the second writer, beside the loader.

Logged-in users report goal assessments (vurderinger), forecasts for budget lines
(prognoser) and indicator measurements (maalinger). Every report is checked on the
server (role, the unit's ownership, the loader's schemas, text length) and appended to
one table; the latest per item is current and the whole history stays. The loader folds
the reports into the next snapshot; `python -m modeller.indberetning eksport` writes them
in the source format.

Modules: `model` (kinds, keys, `Forslag`, `Indberetning`, `Bruger`), `roller` (the roles
file), `kontrol` (the server-side check), `tabeller` (SQLAlchemy Core table), `lager`
(open + migrate, submit, read), `eksport` (reports as source tables), `migrations/`
(Alembic, run at start-up). Pure of streamlit.
"""

from modeller.indberetning.lager import DB_ENV, Lager, standard_url
from modeller.indberetning.model import Bruger, Forslag, Indberetning, maaling, prognose, vurdering
from modeller.indberetning.roller import Roller, laes_roller

__all__ = [
    "DB_ENV",
    "Bruger",
    "Forslag",
    "Indberetning",
    "Lager",
    "Roller",
    "laes_roller",
    "maaling",
    "prognose",
    "standard_url",
    "vurdering",
]
