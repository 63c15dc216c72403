"""Prepared frames for the Aftaler page: the register by level, missing agreements,
overdue follow-up and what falls due within 30 days (rules in modeller/aftaler.py)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

import polars as pl
import streamlit as st

from dashboard import beregning, data
from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.faelles import tema
from dashboard.skal import tilstand
from modeller import aftaler as regler
from modeller.aarshjul import Aarshjul
from modeller.status import STATUSSER

NIVEAU_VALG = {"alle": "Alle niveauer", **{str(n): t for n, t in regler.NIVEAU_TEKST.items()}}
STATUS_VALG = {"alle": "Alle statusser", **regler.AFTALESTATUS_TEKST}
AARSAG_TEKST = {
    "ikke_indgaaet": "Stadig udkast efter fristen for indgåelse",
    "ikke_fulgt_op": "Perioden er slut, men aftalen er ikke fulgt op",
    "maal_uden_opfoelgning": "Mål uden opfølgning siden forrige frist",
}
AARSAG_KORT = {
    "ikke_indgaaet": "Udkast efter fristen",
    "ikke_fulgt_op": "Ikke fulgt op",
    "maal_uden_opfoelgning": "Mål uden opfølgning",
}
OPGAVE_TEKST = {
    "indgaaelse": "✎ Skal indgås",
    "opfoelgning": "★ Skal følges op",
    "vurdering": "⚠ Mål skal vurderes",
}
_STATUSFARVE = {
    "udkast": tema.STATUS_TEKSTFARVE["i_risiko"],
    "indgaaet": tema.STATUS_TEKSTFARVE["paa_sporet"],
    "opfulgt": tema.STATUS_TEKSTFARVE["opfyldt"],
}
BRIEF = "Brief"
LINK = {BRIEF: st.column_config.LinkColumn(BRIEF, display_text="Åbn brief", width="small")}
FODNOTE = (
    "Mål: antal mål i aftalen; målstatus efter den fælles statusregel "
    "(★ opfyldt, ✔ på sporet, ⚠ i risiko, ✖ ikke på sporet, ? ikke vurderet). "
    "Mangler opfølgning: stadig udkast efter fristen, perioden slut uden opfølgning, "
    "eller mål uden ny vurdering (og uden status fra indikatorer) siden forrige opfølgningsfrist."
)


AFTALESTATUS_FARVER = {
    tekst: _STATUSFARVE[kode] for kode, tekst in regler.AFTALESTATUS_TEKST.items()
}
"""Colour per agreement-status word ("✔ Indgået" → green), for tables."""


@st.cache_data(max_entries=16, show_spinner=False)
def register(snapshot_id: str, aar: int, pr: date, hjul: Aarshjul) -> pl.DataFrame:
    """Every agreement applying to `aar` with parties, goal counts and follow-up state."""
    s = data.load_snapshot(snapshot_id)
    ms = beregning.maal_status(snapshot_id, pr)
    return regler.register(s["aftaler"], s["organisation"], s["maal"], ms, aar, pr, hjul)


@st.cache_data(max_entries=16, show_spinner=False)
def mangler_aftale(snapshot_id: str, aar: int) -> pl.DataFrame:
    s = data.load_snapshot(snapshot_id)
    return regler.mangler_aftale(s["organisation"], s["aftaler"], aar)


def kommende(
    snapshot_id: str, aar: int, pr: date, hjul: Aarshjul, niveau: str, center: str
) -> pl.DataFrame:
    """Due within 30 days after `pr`: the agreements of `aar` and of `aar` + 1 (next
    year's drafts must be signed before the new year)."""
    s = data.load_snapshot(snapshot_id)
    reg = pl.concat(
        [register(snapshot_id, aar, pr, hjul), register(snapshot_id, aar + 1, pr, hjul)]
    ).unique("aftale_id", keep="first", maintain_order=True)
    reg = filtrer(reg, niveau, center)
    return regler.kommende(reg, s["maal"], beregning.maal_status(snapshot_id, pr), pr, hjul)


def center_valg(snapshot_id: str) -> dict[str, str]:
    """URL value → label for the centre filter ("alle" first)."""
    org = data.load_snapshot(snapshot_id)["organisation"]
    c = org.filter(pl.col("type") == "center").sort("navn")
    return {"alle": "Alle centre", **dict(zip(c["enhed_id"], c["navn"], strict=True))}


def filtrer(df: pl.DataFrame, niveau: str, center: str, status: str = "alle") -> pl.DataFrame:
    """Rows of the chosen level, centre and agreement status ("alle" = no filter)."""
    if niveau != "alle":
        df = df.filter(pl.col("niveau") == int(niveau))
    if center != "alle":
        df = df.filter(pl.col("center_id") == center)
    if status != "alle" and "status" in df.columns:
        df = df.filter(pl.col("status") == status)
    return df


def brief_url(enhed_id: str, k: tilstand.Kontekst) -> str:
    """Relative link to the unit's Dialogmøde brief, keeping year and snapshot."""
    return "dialogmoede?" + urlencode({"enhed": enhed_id, "aar": k.aar, "snapshot": k.snapshot.id})


def _maalstatus(r: dict[str, Any]) -> str:
    dele = [f"{tema.STATUS_IKON[s]}{r[f'antal_{s}']}" for s in STATUSSER if r[f"antal_{s}"]]
    return " ".join(dele) if dele else "–"


def _periode(fra: int, til: int) -> str:
    return str(fra) if fra == til else f"{fra}–{til}"


def noegletal(reg: pl.DataFrame, mangler: pl.DataFrame) -> dict[str, int]:
    """Counts for the metric row."""
    return {
        "aftaler": reg.height,
        **{s: int((reg["status"] == s).sum()) for s in regler.AFTALESTATUSSER},
        "mangler_aftale": mangler.height,
        "mangler_opfoelgning": int(reg["mangler_opfoelgning"].sum()),
    }


def visning(reg: pl.DataFrame, k: tilstand.Kontekst) -> pl.DataFrame:
    """The register as shown: Danish headers, icon + word status, link to the brief."""
    rows = reg.to_dicts()
    return pl.DataFrame(
        {
            "Aftaleholder": [r["enhed_navn"] for r in rows],
            "Modpart": [r["modpart_navn"] or "–" for r in rows],
            "Periode": [_periode(r["aar_fra"], r["aar_til"]) for r in rows],
            "Status": [regler.AFTALESTATUS_TEKST[r["status"]] for r in rows],
            "Mål": [r["antal_maal"] for r in rows],
            "Målstatus": [_maalstatus(r) for r in rows],
            "Seneste vurdering": [fmt.kort_dato(r["seneste_vurdering"]) for r in rows],
            "Opfølgning": [
                f"⚠ {AARSAG_KORT[r['aarsag']]}" if r["aarsag"] else "✔ I orden" for r in rows
            ],
            BRIEF: [brief_url(r["enhed_id"], k) for r in rows],
        },
        schema={
            "Aftaleholder": pl.String,
            "Modpart": pl.String,
            "Periode": pl.String,
            "Status": pl.String,
            "Mål": pl.Int64,
            "Målstatus": pl.String,
            "Seneste vurdering": pl.String,
            "Opfølgning": pl.String,
            BRIEF: pl.String,
        },
    )


def eksport(reg: pl.DataFrame) -> pl.DataFrame:
    """The register with raw values for download (no links)."""
    return reg.select(
        "niveau",
        "aftale_id",
        "enhed_id",
        pl.col("enhed_navn").alias("aftaleholder"),
        pl.col("modpart_navn").alias("modpart"),
        "center_navn",
        "aar_fra",
        "aar_til",
        "status",
        "indgaaet_dato",
        "antal_maal",
        *[f"antal_{s}" for s in STATUSSER],
        "seneste_vurdering",
        "antal_uden_opfoelgning",
        "signeringsfrist",
        "opfoelgningsfrist",
        "aarsag",
    )


def vis_register(reg: pl.DataFrame, k: tilstand.Kontekst) -> None:
    """One table per level (niveau 1, 2, 3), each downloadable."""
    if reg.is_empty():
        st.info(f"Ingen aftaler for {k.aar} med de valgte filtre.", icon="ℹ️")
        return
    for niveau, tekst in regler.NIVEAU_TEKST.items():
        del_ = reg.filter(pl.col("niveau") == niveau)
        if del_.is_empty():
            continue
        st.markdown(f"#### {tekst} ({fmt.tal(del_.height)})")
        tbl.tabel(
            visning(del_, k),
            noegle=f"niveau{niveau}",
            filnavn=("aftaler", f"niveau{niveau}", k.aar, k.data_pr),
            farver={"Status": AFTALESTATUS_FARVER},
            kolonneopsaetning=LINK,
            eksport_df=eksport(del_),
            hoejde=min(38 + 35 * del_.height, 420),
        )
    st.caption(FODNOTE)


def vis_mangler_aftale(mangler: pl.DataFrame, k: tilstand.Kontekst) -> None:
    if mangler.is_empty():
        st.success(f"Alle enheder har en aftale for {k.aar}.", icon="✔")
        return
    vis = pl.DataFrame(
        {
            "Enhed": mangler["navn"],
            "Niveau": [regler.NIVEAU_TEKST[n].split(":")[0] for n in mangler["niveau"]],
            "Skal have aftale med": mangler["modpart_navn"].fill_null("–"),
            BRIEF: [brief_url(e, k) for e in mangler["enhed_id"]],
        }
    )
    tbl.tabel(
        vis,
        noegle="mangler_aftale",
        filnavn=("aftaler", "mangler-aftale", k.aar, k.data_pr),
        kolonneopsaetning=LINK,
        eksport_df=mangler,
    )


def vis_mangler_opfoelgning(reg: pl.DataFrame, k: tilstand.Kontekst) -> None:
    mangler = reg.filter(pl.col("mangler_opfoelgning"))
    if mangler.is_empty():
        st.success("Alle aftaler er fulgt op til tiden.", icon="✔")
        return
    rows = mangler.to_dicts()
    vis = pl.DataFrame(
        {
            "Aftaleholder": [r["enhed_navn"] for r in rows],
            "Niveau": [f"Niveau {r['niveau']}" for r in rows],
            "Status": [regler.AFTALESTATUS_TEKST[r["status"]] for r in rows],
            "Hvorfor": [
                AARSAG_TEKST[r["aarsag"]]
                + (
                    f" ({r['antal_uden_opfoelgning']})"
                    if r["aarsag"] == "maal_uden_opfoelgning"
                    else ""
                )
                for r in rows
            ],
            BRIEF: [brief_url(r["enhed_id"], k) for r in rows],
        }
    )
    tbl.tabel(
        vis,
        noegle="mangler_opfoelgning",
        filnavn=("aftaler", "mangler-opfoelgning", k.aar, k.data_pr),
        farver={"Status": AFTALESTATUS_FARVER},
        kolonneopsaetning=LINK,
        eksport_df=eksport(mangler),
        hoejde=min(38 + 35 * mangler.height, 420),
    )


def vis_kommende(k: tilstand.Kontekst, hjul: Aarshjul, niveau: str, center: str) -> None:
    kom = kommende(k.snapshot.id, k.aar, k.pr, hjul, niveau, center)
    if kom.is_empty():
        st.success(f"Intet forfalder inden for 30 dage efter {fmt.dato(k.pr)}.", icon="✔")
        return
    rows = kom.to_dicts()
    vis = pl.DataFrame(
        {
            "Frist": [fmt.dato(r["frist"]) for r in rows],
            "Opgave": [OPGAVE_TEKST[r["opgave"]] for r in rows],
            "Aftaleholder": [r["enhed_navn"] for r in rows],
            "Antal mål": [r["antal"] if r["opgave"] == "vurdering" else None for r in rows],
            BRIEF: [brief_url(r["enhed_id"], k) for r in rows],
        },
        schema_overrides={"Antal mål": pl.Int64},
    )
    tbl.tabel(
        vis,
        noegle="kommende",
        filnavn=("aftaler", "inden-30-dage", k.aar, k.data_pr),
        formater={"Antal mål": lambda x: "–" if x is None or x != x else fmt.tal(x)},
        kolonneopsaetning=LINK,
        eksport_df=kom,
        hoejde=min(38 + 35 * kom.height, 420),
    )
