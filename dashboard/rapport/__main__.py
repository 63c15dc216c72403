"""The documents from the command line, for the controller who prepares the agenda
attachments for every committee at once:

    python -m dashboard.rapport budgetopfoelgning [--data DATA] [--snapshot ID]
        (--udvalg NAVN | --alle) --ud STI [--format docx|pdf] [--aar ÅR]
    python -m dashboard.rapport dialogmoede (--enhed ID | --udvalg NAVN) --ud STI
        [--format pdf|pptx]

`--ud` is a folder (file names are made from the report) or, for one document, a file
name ending in the format. Exit 0 on success; a Danish message on stderr and exit 1 for
an unknown udvalg, unit or snapshot, missing data or invalid settings. Never imports
streamlit: the data folder (or `s3://bucket/prefix`, as for the app) is read through
modeller/datamappe.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from dashboard.faelles import eksport
from dashboard.rapport import indhold, pdf, powerpoint
from dashboard.rapport.budgetopfoelgning import indhold as bo_indhold
from dashboard.rapport.budgetopfoelgning import pdf as bo_pdf
from dashboard.rapport.budgetopfoelgning import word
from dashboard.rapport.budgetopfoelgning.mappekilde import Mappekilde
from modeller import aarshjul, budgetopfoelgning, datamappe, objektlager, styringsregler
from modeller.aarshjul import AarshjulFejl
from modeller.errors import StyringsFejl
from modeller.snapshot import Manifest
from modeller.styringsregler import OekonomiFejl

PROJEKT = Path(__file__).resolve().parents[2]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Fejl i kommandoen: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m dashboard.rapport", description=__doc__.split("\n\n")[0])
    under = p.add_subparsers(
        dest="rapport", required=True, metavar="{budgetopfoelgning,dialogmoede}"
    )
    for navn, hjaelp in (
        ("budgetopfoelgning", "budgetopfølgningen til et udvalg, Økonomiudvalget eller Byrådet"),
        ("dialogmoede", "oplægget til et dialogmøde med en enhed"),
    ):
        u = under.add_parser(navn, help=hjaelp, description=hjaelp)
        u.add_argument(
            "--data",
            help="datamappen eller s3://bucket/mappe "
            "(standard: $STYRINGSOVERBLIK_DATA eller data/)",
        )
        u.add_argument("--snapshot", help="datasættets id (standard: det nyeste)")
        u.add_argument("--aar", type=int, help="året (standard: datasættets år)")
        u.add_argument("--ud", type=Path, required=True, help="mappe eller filnavn")
        if navn == "budgetopfoelgning":
            hvem = u.add_mutually_exclusive_group(required=True)
            hvem.add_argument(
                "--udvalg", help="modtageren: et fagudvalg, Økonomiudvalget eller Byrådet"
            )
            hvem.add_argument("--alle", action="store_true", help="én fil pr. udvalg")
            u.add_argument("--format", choices=("docx", "pdf"), default="docx")
        else:
            hvem = u.add_mutually_exclusive_group(required=True)
            hvem.add_argument("--enhed", help="enhedens id (fx C-BU)")
            hvem.add_argument(
                "--udvalg", help="et fagudvalg: det politiske dialogmøde om aftalen med direktionen"
            )
            u.add_argument("--format", choices=("pdf", "pptx"), default="pdf")
        u.add_argument("--uden-grafer", action="store_true", help="lav dokumenterne uden grafer")
    return p  # fmt: skip


def _data_dir(a: argparse.Namespace) -> datamappe.Datasted:
    """--data, else $STYRINGSOVERBLIK_DATA, else data/: a folder, or an s3:// URL as given."""
    vaerdi = a.data if a.data is not None else os.environ.get("STYRINGSOVERBLIK_DATA")
    if not vaerdi:
        return PROJEKT / "data"
    return vaerdi if objektlager.er_s3(vaerdi) else Path(vaerdi).expanduser().resolve()


def _kilde(data_dir: datamappe.Datasted) -> Mappekilde:
    """The snapshots at `data_dir`; reports in $STYRINGSOVERBLIK_DB, else in the SQLite
    file of the local folder (for s3:// the project's data/, as in the app)."""
    if isinstance(data_dir, Path):
        return Mappekilde(data_dir)
    return Mappekilde(PROJEKT / "data", sted=data_dir)


def _sti(ud: Path, navn: str, endelse: str, flere: bool) -> Path:
    """`ud` itself when it names a file of this format (one document), else a file in the
    folder `ud` (created)."""
    if not flere and ud.suffix.lower() == f".{endelse}":
        ud.parent.mkdir(parents=True, exist_ok=True)
        return ud
    ud.mkdir(parents=True, exist_ok=True)
    return ud / navn


@dataclass(frozen=True)
class _Grundlag:
    """What both documents start from: the snapshot, the one before it, the year and the
    economy settings of the data location."""

    kilde: Mappekilde
    m: Manifest
    forrige_id: str | None
    aar: int
    oekonomi: styringsregler.Oekonomiindstillinger


def _grundlag(a: argparse.Namespace, data_dir: datamappe.Datasted) -> _Grundlag:
    m = datamappe.find_manifest(data_dir, a.snapshot)
    forrige = datamappe.forrige_manifest(data_dir, m)
    aar = a.aar or (m.data_as_of.year if m.data_as_of else None)
    if aar is None:
        raise StyringsFejl("Datasættet har ingen dato; angiv året med --aar.")
    oekonomi = styringsregler.fra_indstillinger(
        datamappe.laes_toml(data_dir, "oekonomi.toml", OekonomiFejl)
    )
    forrige_id = forrige.snapshot_id if forrige else None
    return _Grundlag(_kilde(data_dir), m, forrige_id, aar, oekonomi)


def udvalgets_navn(givet: str, kendte: Sequence[str]) -> str | None:
    """The udvalg `givet` names among `kendte`: the exact name, else the one name equal to
    it ignoring case and surrounding spaces ("børne- og ungeudvalget" → "Børne- og
    Ungeudvalget"); None when none or several match."""
    if givet in kendte:
        return givet
    noegle = givet.strip().casefold()
    fundne = [k for k in kendte if k.strip().casefold() == noegle]
    return fundne[0] if len(fundne) == 1 else None


def _budgetopfoelgning(a: argparse.Namespace, data_dir: datamappe.Datasted) -> list[Path]:
    g = _grundlag(a, data_dir)
    kilde, m, aar, oekonomi = g.kilde, g.m, g.aar, g.oekonomi
    s = kilde.load_snapshot(m.snapshot_id)
    hjul = aarshjul.fra_indstillinger(datamappe.laes_toml(data_dir, "aarshjul.toml", AarshjulFejl))
    kendte = budgetopfoelgning.modtagere(s["politikomraader"]["udvalg"].to_list())
    if a.alle:
        modtagere = [u for u in kendte if u != budgetopfoelgning.BYRAADET]
    else:
        navn = udvalgets_navn(a.udvalg, kendte)
        if navn is None:
            raise StyringsFejl(
                f"Udvalget «{a.udvalg}» findes ikke i datasættet {m.snapshot_id}. "
                f"Vælg et af: {', '.join(kendte)}."
            )
        modtagere = [navn]
    ud = []
    for modtager in modtagere:
        r = bo_indhold.byg_rapport(
            kilde, m.snapshot_id, modtager, aar, g.forrige_id, oekonomi, hjul
        )
        billeder = not a.uden_grafer
        data = (
            word.byg_docx(r, billeder=billeder)
            if a.format == "docx"
            else bo_pdf.byg_pdf(r, billeder=billeder)
        )
        sti = _sti(a.ud, eksport.filnavn(*r.filnavn_dele, endelse=a.format), a.format, a.alle)
        sti.write_bytes(data)
        ud.append(sti)
    return ud


def _dialogmoede(a: argparse.Namespace, data_dir: datamappe.Datasted) -> list[Path]:
    g = _grundlag(a, data_dir)
    kilde, m, aar = g.kilde, g.m, g.aar
    udvalg = a.udvalg
    if udvalg is not None:
        udvalg = udvalgets_navn(udvalg, indhold.udvalg(kilde, m.snapshot_id)) or udvalg
    omfang = indhold.Omfang(enhed_id=a.enhed, udvalg=udvalg)
    try:
        b = indhold.byg(kilde, m.snapshot_id, omfang, aar, g.forrige_id, g.oekonomi)
    except KeyError:
        if a.udvalg is not None:
            raise StyringsFejl(
                f"Udvalget «{a.udvalg}» findes ikke i datasættet {m.snapshot_id}. Vælg et af: "
                f"{', '.join(indhold.udvalg(kilde, m.snapshot_id))}."
            ) from None
        raise StyringsFejl(
            f"Enheden «{a.enhed}» findes ikke i datasættet {m.snapshot_id}."
        ) from None
    billeder = not a.uden_grafer
    data = (
        pdf.byg_pdf(b, billeder=billeder)
        if a.format == "pdf"
        else powerpoint.byg_pptx(b, billeder=billeder)
    )
    navn = eksport.filnavn("dialogmoede", b.enhed_navn, aar, b.data_pr, endelse=a.format)
    sti = _sti(a.ud, navn, a.format, False)
    sti.write_bytes(data)
    return [sti]


def main(argv: Sequence[str] | None = None) -> int:
    a = _parser().parse_args(argv)
    data_dir = _data_dir(a)
    try:
        filer = (_budgetopfoelgning if a.rapport == "budgetopfoelgning" else _dialogmoede)(
            a, data_dir
        )
    except StyringsFejl as fejl:
        print(f"Fejl: {fejl}", file=sys.stderr)
        return 1
    except OSError as fejl:
        print(f"Fejl: filen kunne ikke skrives: {fejl}", file=sys.stderr)
        return 1
    for f in filer:
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
