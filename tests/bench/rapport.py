"""The printed table: every figure with median, min, max and its target (PASS/FAIL)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

GIB = 1024**3
MIB = 1024**2
PAYLOAD_GRAENSE = 500_000
"""Plotly payload target: under 500 kB (10^3 bytes) per page."""


@dataclass
class Raekke:
    afsnit: str
    maaling: str
    skala: int
    median: str
    min: str = ""
    max: str = ""
    maal: str = ""
    resultat: str = ""
    note: str = ""


def _tal(x: float, dec: int) -> str:
    return f"{x:,.{dec}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def tid(s: float) -> str:
    if s < 0.01:
        return f"{_tal(s * 1000, 2)} ms"
    if s < 1:
        return f"{_tal(s * 1000, 0)} ms"
    return f"{_tal(s, 2)} s"


def mib(b: float) -> str:
    return f"{_tal(b / MIB, 0)} MiB"


def kb(b: float) -> str:
    return f"{_tal(b / 1000, 1)} kB"


def gange(x: float) -> str:
    return f"{_tal(x, 2)}×"


def _ok(betingelse: bool) -> str:
    return "PASS" if betingelse else "FAIL"


def _mmm(m: dict[str, Any], fmt: Any) -> tuple[str, str, str]:
    return fmt(m["median"]), fmt(m["min"]), fmt(m["max"])


def maal_og_raekker(res: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Raekke]]:
    """The table rows, and the targets alone (for the JSON file)."""
    rk: list[Raekke] = []
    skalaer = {int(k): v for k, v in res["skalaer"].items()}

    # 1. Loader
    navne = {
        "ours_csv": "Vores loader, CSV",
        "ours_xlsx": "Vores loader, xlsx",
        "pandas_csv": "pandas read_csv + to_parquet",
        "duckdb_csv": "DuckDB COPY read_csv → parquet",
    }
    for skala, r in skalaer.items():
        ind = r.get("indlaesning")
        if not ind:  # --kun-samtidighed
            continue
        for navn, tekst in navne.items():
            v = ind[navn]
            top = v["top_rss_b"]["max"]
            vores = navn.startswith("ours")
            rk.append(
                Raekke(
                    "1. Indlæsning (væg, ny proces)",
                    tekst,
                    skala,
                    *_mmm(v["vaeg_s"], tid),
                    maal="top-RSS < 2 GiB" if vores else "",
                    resultat=_ok(top < 2 * GIB) if vores else "",
                    note=f"import {tid(v['import_s']['median'])}, arbejde "
                    f"{tid(v['arbejde_s']['median'])}, top-RSS {mib(top)}",
                )
            )
        for mod, kort, graense in (("pandas_csv", "pandas", 1.0), ("duckdb_csv", "DuckDB", 2.0)):
            f_vaeg = ind["ours_csv"]["vaeg_s"]["median"] / ind[mod]["vaeg_s"]["median"]
            f_arb = ind["ours_csv"]["arbejde_s"]["median"] / ind[mod]["arbejde_s"]["median"]
            er_maal = skala == 10
            rk.append(
                Raekke(
                    "1. Indlæsning (væg, ny proces)",
                    f"Forhold vores/{kort} (CSV)",
                    skala,
                    gange(f_vaeg),
                    maal=(f"< {gange(graense)}" if graense == 1.0 else f"≤ {gange(graense)}")
                    if er_maal
                    else "",
                    resultat=(_ok(f_vaeg < graense if graense == 1.0 else f_vaeg <= graense))
                    if er_maal
                    else "",
                    note=f"uden opstart og import: {gange(f_arb)}",
                )
            )

    # 2. Pages (server side)
    gulv1 = skalaer.get(1, {}).get("sider", {}).get("tom_side", {}).get("varm_s", {})
    for skala, r in skalaer.items():
        for navn, v in r.get("sider", {}).items():
            afsnit = "2. Sider, server (AppTest)"
            if "fejl" in v:
                rk.append(Raekke(afsnit, navn, skala, "–", resultat="FEJL", note=v["fejl"]))
                continue
            er_gulv = navn in ("tom_side", "skal_tom")
            maal, resultat = "", ""
            varm = v["varm_s"]["median"]
            if not er_gulv and skala == 1 and gulv1:
                maal = f"≤ 10× tom side ({tid(10 * gulv1['median'])})"
                resultat = _ok(varm <= 10 * gulv1["median"])
            elif not er_gulv and skala > 1:
                s1 = skalaer.get(1, {}).get("sider", {}).get(navn, {}).get("varm_s")
                if s1:
                    maal = f"≤ 2× skala 1 ({tid(2 * s1['median'])})"
                    resultat = _ok(varm <= 2 * s1["median"])
            rk.append(
                Raekke(
                    afsnit,
                    f"{navn}, varm",
                    skala,
                    *_mmm(v["varm_s"], tid),
                    maal=maal,
                    resultat=resultat,
                    note=f"kold {tid(v['kold_s']['median'])} "
                    f"({tid(v['kold_s']['min'])}–{tid(v['kold_s']['max'])})",
                )
            )
            if not er_gulv:
                rk.append(
                    Raekke(
                        afsnit,
                        f"{navn}, Plotly-payload",
                        skala,
                        kb(v["plotly_bytes"]),
                        maal=f"< {kb(PAYLOAD_GRAENSE)}",
                        resultat=_ok(v["plotly_bytes"] < PAYLOAD_GRAENSE),
                        note=f"{v['grafer']} grafer",
                    )
                )
        b = r.get("browser")
        if b:
            rss = b["server_rss_efter_alle_sider_b"]
            rk.append(
                Raekke(
                    "2. Sider, server (AppTest)",
                    "Serverens RSS efter alle sider",
                    skala,
                    mib(rss),
                    maal="< 1,5 GiB" if skala == 10 else "",
                    resultat=_ok(rss < 1.5 * GIB) if skala == 10 else "",
                    note=f"efter opstart {mib(b['server_rss_start_b'])}",
                )
            )

    # 3. Key queries
    for skala, r in skalaer.items():
        q = r.get("forespoergsler")
        if not q:
            continue
        for navn, tekst in (("oekonomi", "Økonomi"), ("maalkaeden", "Målkæden")):
            v = q[navn]
            afsnit = f"3. Nøgleforespørgsler ({q['aar']}, pr. {q['pr']})"
            rk.append(Raekke(afsnit, f"{tekst}, polars", skala, *_mmm(v["polars_parquet"], tid)))
            rk.append(Raekke(afsnit, f"{tekst}, DuckDB", skala, *_mmm(v["duckdb_parquet"], tid)))
            f = v["polars_parquet"]["median"] / v["duckdb_parquet"]["median"]
            f_mem = v["polars_hukommelse"]["median"] / v["duckdb_hukommelse"]["median"]
            rk.append(
                Raekke(
                    afsnit,
                    f"{tekst}, forhold polars/DuckDB",
                    skala,
                    gange(f),
                    maal="≤ 1,50×",
                    resultat=_ok(f <= 1.5),
                    note=f"i hukommelsen: polars {tid(v['polars_hukommelse']['median'])}, "
                    f"DuckDB {tid(v['duckdb_hukommelse']['median'])} ({gange(f_mem)})",
                )
            )

    # 4. Browser
    for skala, r in skalaer.items():
        b = r.get("browser")
        if not b:
            continue
        afsnit = "4. Browser (navigation → alle grafer tegnet)"
        ref = b["tider_s"].get("reference")
        for navn, v in b["tider_s"].items():
            er_ref = navn == "reference"
            maal, resultat = "", ""
            if ref and not er_ref:
                maal = f"≤ 2× reference ({tid(2 * ref['median'])})"
                resultat = _ok(v["median"] <= 2 * ref["median"])
            rk.append(
                Raekke(
                    afsnit,
                    "referenceside (1 graf)" if er_ref else navn,
                    skala,
                    *_mmm(v, tid),
                    maal=maal,
                    resultat=resultat,
                    note=f"{b['grafer'].get(navn, 0)} grafer",
                )
            )
        for navn, fejl in b["fejl"].items():
            rk.append(Raekke(afsnit, navn, skala, "–", resultat="FEJL", note=fejl))

    # 5. Simultaneous users
    for skala, r in skalaer.items():
        sam = r.get("samtidighed")
        if sam:
            rk.extend(_samtidighed(sam, skala))

    maal = [asdict(x) for x in rk if x.resultat]
    return maal, rk


def _samtidighed(sam: dict[str, Any], skala: int) -> list[Raekke]:
    """Per number of users: p50 (max) per step with p95 and the ratio to one user in the
    note, then one row with failed + unanswered runs (target 0) and the server's RSS."""
    afsnit = f"5. Samtidige brugere (mødeforløbet, {sam['runder']} runder, server)"
    rk: list[Raekke] = []
    for n, r in sam["brugere"].items():
        for trin, v in r["trin"].items():
            forhold = (
                ""
                if n == "1" or v["forhold_p50"] != v["forhold_p50"]  # NaN: no one-user run
                else f" · {gange(v['forhold_p50'])} / {gange(v['forhold_p95'])} af 1 bruger"
            )
            rk.append(
                Raekke(
                    afsnit,
                    f"{n} brugere · {trin}",
                    skala,
                    tid(v["p50_s"]) if v["p50_s"] == v["p50_s"] else "–",
                    max=tid(v["max_s"]) if v["max_s"] == v["max_s"] else "–",
                    note=f"p95 {tid(v['p95_s'])}" + forhold if v["p95_s"] == v["p95_s"] else "",
                )
            )
        problemer = r["fejl"] + r["ubesvarede"]
        rk.append(
            Raekke(
                afsnit,
                f"{n} brugere · fejl og ubesvarede",
                skala,
                str(problemer),
                maal="0",
                resultat=_ok(problemer == 0),
                note=f"{r['besoeg']} besøg på {tid(r['vaeg_s'])} · RSS {mib(r['rss_foer_b'])} → "
                f"{mib(r['rss_efter_b'])}",
            )
        )
    if sam["server_haenger"]:
        rk.append(
            Raekke(
                afsnit,
                "Serveren svarer ikke en ny session",
                skala,
                "–",
                resultat="FEJL",
                note="målingen stoppede",
            )
        )
    return rk


def skriv_tabel(raekker: list[Raekke], res: dict[str, Any]) -> None:
    konsol = Console(width=200, highlight=False)
    tabel = Table(
        title="Styringsoverblik: ydelsesmåling",
        caption=(
            f"median (min–max) over {res['gentagelser']['hurtig']} kørsler for hurtige og "
            f"{res['gentagelser']['langsom']} for langsomme målinger · browser: {res['browser']}"
            f" · belastning før/efter {res['maskine']['belastning_foer'][0]:.1f}/"
            f"{res['maskine']['belastning_efter'][0]:.1f} · varighed "
            f"{tid(res['varighed_s'])}"
        ),
        show_lines=False,
    )
    for kol, just in (
        ("Afsnit", "left"),
        ("Måling", "left"),
        ("Skala", "right"),
        ("Median", "right"),
        ("Min", "right"),
        ("Max", "right"),
        ("Mål", "left"),
        ("Resultat", "center"),
        ("Note", "left"),
    ):
        tabel.add_column(kol, justify=just)  # type: ignore[arg-type]
    forrige = ""
    for r in raekker:
        afsnit = r.afsnit if r.afsnit != forrige else ""
        if afsnit and forrige:
            tabel.add_section()
        forrige = r.afsnit
        tabel.add_row(
            afsnit, r.maaling, str(r.skala), r.median, r.min, r.max, r.maal, r.resultat, r.note
        )
    konsol.print(tabel)
    antal_fail = sum(1 for r in raekker if r.resultat in ("FAIL", "FEJL"))
    antal_pass = sum(1 for r in raekker if r.resultat == "PASS")
    konsol.print(f"Mål: {antal_pass} PASS, {antal_fail} FAIL/FEJL")
