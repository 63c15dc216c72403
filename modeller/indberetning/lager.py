"""The indberetning store: open (and migrate) the database, submit, read.

SQLite in the data folder by default (`indberetninger.sqlite`, WAL, so readers never
wait for a writer), PostgreSQL when `STYRINGSOVERBLIK_DB` holds a URL (psycopg 3). The
Alembic migrations shipped in `migrations/` run when the store is opened, under a lock
(PostgreSQL advisory lock; SQLite retries), so several servers may start at once.

Append-only: `indsend` only inserts (the database refuses UPDATE and DELETE too).
Optimistic concurrency: a submit carries the version its form was opened on (0 = the
snapshot's value, no report yet); when the item has moved on, the submit is refused
with ForaeldetIndberetning naming the newer value. The unique (art, noegle, version)
constraint refuses the loser of a race between the check and the insert.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, func, make_url, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from modeller.errors import ForaeldetIndberetning, IndberetningsFejl
from modeller.indberetning.kontrol import kontroller
from modeller.indberetning.model import NOEGLER, TABEL, Bruger, Forslag, Indberetning
from modeller.indberetning.roller import Roller
from modeller.indberetning.tabeller import INDBERETNINGER as T
from modeller.snapshot import Snapshot
from modeller.status import STATUS_TEKST
from modeller.tid import lokal_tid

DB_ENV = "STYRINGSOVERBLIK_DB"
SQLITE_FIL = "indberetninger.sqlite"
MIGRATIONER = Path(__file__).resolve().parent / "migrations"
_PG_LAAS = 7_217_011
"""Advisory-lock id held while migrating PostgreSQL."""


def standard_url(data_dir: Path) -> str:
    """`$STYRINGSOVERBLIK_DB`, else SQLite in the data folder (made absolute without
    filesystem calls, as the app's data folder is: every page run asks)."""
    return os.environ.get(DB_ENV) or f"sqlite:///{os.path.abspath(data_dir / SQLITE_FIL)}"


def findes(url: str) -> bool:
    """Whether there is a store to read at `url`: False only for a SQLite file that does
    not exist yet (opening it would create it; readers must not). Any other database is
    taken to exist (a connection error shows when it is read)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return True
    db = u.database
    return db is not None and db not in ("", ":memory:") and Path(db).exists()


def nye_efter(data_dir: Path, snapshot: Snapshot) -> list[Indberetning]:
    """The current reports made after `snapshot` (the ones the loader has not folded in)
    in the default store (`standard_url`), for readers outside the app (the command
    line); [] without `$STYRINGSOVERBLIK_DB` and without the SQLite file. Raises
    SQLAlchemyError when the store cannot be read."""
    url = standard_url(data_dir)
    if not findes(url):
        return []
    info = snapshot.manifest.extra.get("indberetninger") or {}
    lager = Lager.aabn(url)
    try:
        return lager.gaeldende(efter_id=int(info.get("til_id", 0)))
    finally:
        lager.luk()


def normaliser_url(url: str) -> str:
    """PostgreSQL URLs always use psycopg 3 (`postgresql+psycopg://`)."""
    for praefiks in ("postgres://", "postgresql://"):
        if url.startswith(praefiks):
            return "postgresql+psycopg://" + url[len(praefiks) :]
    return url


def _sqlite_pragmas(dbapi_forbindelse: Any, _post: Any) -> None:
    cur = dbapi_forbindelse.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _json(v: dict[str, Any] | None) -> str | None:
    if v is None:
        return None
    return json.dumps(
        {k: x.isoformat() if isinstance(x, date) else x for k, x in v.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


def _tal(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def beskriv(i: Indberetning) -> str:
    """The reported value in one Danish phrase (for messages; plain text)."""
    v = i.vaerdi
    if i.art == "vurdering":
        tekst = f"status «{STATUS_TEKST.get(v.get('status', ''), v.get('status'))}»"
        return tekst + (f" med kommentaren «{v['kommentar']}»" if v.get("kommentar") else "")
    if i.art == "prognose":
        return f"forventet regnskab {_tal(float(v['forventet_forbrug_kr']))} kr."
    return f"værdien {v.get('vaerdi')}"


def foraeldet_besked(nyere: Indberetning) -> str:
    tid = lokal_tid(nyere.indberettet)
    return (
        f"{nyere.navn} indberettede {tid:%d.%m.%Y kl. %H.%M} {beskriv(nyere)}, "
        "efter at du åbnede formularen. Din indberetning er ikke gemt: se den nye værdi, "
        "og indsend igen, hvis du stadig vil ændre den."
    )


class Lager:
    """One database of reports; thread-safe (a connection per call from the pool)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def aabn(cls, url: str) -> Lager:
        """Connect to `url` and bring the schema up to date (Alembic, at start-up)."""
        url = normaliser_url(url)
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        lager = cls(engine)
        lager.migrer()
        return lager

    def migrer(self) -> None:
        """Run the shipped migrations up to head (idempotent; safe at concurrent start)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONER))
        for forsoeg in range(5):
            try:
                with self.engine.begin() as c:
                    if c.dialect.name == "postgresql":
                        c.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LAAS})
                    cfg.attributes["connection"] = c
                    command.upgrade(cfg, "head")
                return
            except OperationalError:
                if forsoeg == 4:
                    raise
                time.sleep(0.2 * (forsoeg + 1))  # another process migrated at the same time

    def luk(self) -> None:
        self.engine.dispose()

    # --- reading -------------------------------------------------------------------

    @staticmethod
    def _raekke(r: Any) -> Indberetning:
        return Indberetning(
            id=int(r.id),
            art=str(r.art),
            noegle=str(r.noegle),
            version=int(r.version),
            enhed_id=str(r.enhed_id),
            vaerdi=json.loads(r.vaerdi),
            forrige=json.loads(r.forrige) if r.forrige is not None else None,
            snapshot_id=r.snapshot_id,
            bruger=str(r.bruger),
            navn=str(r.navn),
            indberettet=r.indberettet.replace(tzinfo=UTC),
        )

    def _hent(self, c: Connection, *betingelser: Any) -> list[Indberetning]:
        return [self._raekke(r) for r in c.execute(select(T).where(*betingelser).order_by(T.c.id))]

    def alle(self, til_id: int | None = None, art: str | None = None) -> list[Indberetning]:
        """Every report (oldest first), optionally up to and including `til_id`."""
        betingelser = []
        if til_id is not None:
            betingelser.append(T.c.id <= til_id)
        if art is not None:
            betingelser.append(T.c.art == art)
        with self.engine.connect() as c:
            return self._hent(c, *betingelser)

    def gaeldende(
        self, art: str | None = None, efter_id: int = 0, til_id: int | None = None
    ) -> list[Indberetning]:
        """The current report per item (the latest per key), among reports with
        `efter_id` < id ≤ `til_id`; oldest first."""
        filtre = [T.c.id > efter_id]
        if til_id is not None:
            filtre.append(T.c.id <= til_id)
        if art is not None:
            filtre.append(T.c.art == art)
        seneste = select(func.max(T.c.id)).where(*filtre).group_by(T.c.art, T.c.noegle)
        with self.engine.connect() as c:
            return self._hent(c, T.c.id.in_(seneste.scalar_subquery()))

    def historik(self, art: str, noegle: str) -> list[Indberetning]:
        """Every report on one item, newest first."""
        with self.engine.connect() as c:
            return self._hent(c, T.c.art == art, T.c.noegle == noegle)[::-1]

    def seneste(self, art: str, noegle: str) -> Indberetning | None:
        h = self.historik(art, noegle)
        return h[0] if h else None

    def version(self, art: str, noegle: str) -> int:
        """The item's current version (0 = no report yet: the snapshot's value)."""
        s = self.seneste(art, noegle)
        return s.version if s else 0

    def seneste_id(self) -> int:
        """The highest report id (0 when empty)."""
        with self.engine.connect() as c:
            return int(c.execute(select(func.coalesce(func.max(T.c.id), 0))).scalar_one())

    # --- writing -------------------------------------------------------------------

    def indsend(
        self,
        forslag: Forslag,
        bruger: Bruger,
        roller: Roller | None,
        snapshot: Snapshot,
        aabnet_version: int,
        nu: datetime | None = None,
    ) -> Indberetning:
        """Check and store one report; return it as stored.

        Raises AfvistIndberetning (role, unit, schema, text) or ForaeldetIndberetning
        (the item changed since the form was opened at `aabnet_version`).
        """
        enhed, _kilde = kontroller(forslag, bruger, roller, snapshot)
        vaerdi = dict(forslag.raekke)
        if forslag.art == "vurdering":
            vaerdi["vurderet_af"] = bruger.navn
        tid = (nu or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
        noegle = forslag.noegle
        try:
            with self.engine.begin() as c:
                tidligere = self._hent(c, T.c.art == forslag.art, T.c.noegle == noegle)
                seneste = tidligere[-1] if tidligere else None
                if seneste is not None and seneste.version != aabnet_version:
                    raise ForaeldetIndberetning(foraeldet_besked(seneste))
                if seneste is None and aabnet_version != 0:
                    raise IndberetningsFejl(
                        "Formularen er forældet (ukendt version); åbn den igen."
                    )
                forrige = seneste.vaerdi if seneste else snapshot_vaerdi(forslag, snapshot)
                ny_id = c.execute(
                    T.insert()
                    .values(
                        art=forslag.art,
                        noegle=noegle,
                        version=aabnet_version + 1,
                        enhed_id=enhed,
                        vaerdi=_json(vaerdi),
                        forrige=_json(forrige),
                        snapshot_id=snapshot.id,
                        bruger=bruger.email.strip().lower(),
                        navn=bruger.navn,
                        indberettet=tid,
                    )
                    .returning(T.c.id)
                ).scalar_one()
        except IntegrityError:
            nyere = self.seneste(forslag.art, noegle)
            if nyere is None:  # pragma: no cover - a constraint other than the version's
                raise
            raise ForaeldetIndberetning(foraeldet_besked(nyere)) from None
        with self.engine.connect() as c:
            return self._hent(c, T.c.id == ny_id)[0]


def snapshot_vaerdi(forslag: Forslag, snapshot: Snapshot) -> dict[str, Any] | None:
    """The snapshot's current value of the item (a vurdering: the goal's latest), or None."""
    df = snapshot[TABEL[forslag.art]]
    betingelse = pl.lit(True)
    for k in NOEGLER[forslag.art]:
        betingelse = betingelse & pl.col(k).eq_missing(pl.lit(forslag.raekke.get(k)))
    raekker = df.filter(betingelse)
    if forslag.art == "vurdering":
        raekker = raekker.sort("dato").tail(1)
    return raekker.row(-1, named=True) if raekker.height else None


def som_ramme(indberetninger: Iterable[Indberetning], art: str) -> pl.DataFrame:
    """Reports of one kind as a frame of its source table (typed per modeller.schemas),
    plus `indberetning_id`, `indberettet`, `navn` (who) and `bruger`."""
    from modeller.schemas import TABELLER

    tabel = TABELLER[TABEL[art]]
    raekker = [
        {
            **{k: r.get(k) for k in tabel.kolonnenavne},
            "indberetning_id": i.id,
            "indberettet": i.indberettet,
            "navn": i.navn,
            "bruger": i.bruger,
        }
        for i in indberetninger
        if i.art == art
        for r in [i.kilderaekke()]
    ]
    schema = {
        **tabel.polars_schema,
        "indberetning_id": pl.Int64(),
        "indberettet": pl.Datetime("us", "UTC"),
        "navn": pl.String(),
        "bruger": pl.String(),
    }
    return pl.DataFrame(raekker, schema=schema)
