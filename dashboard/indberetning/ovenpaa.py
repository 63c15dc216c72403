"""Reports newer than the snapshot, shown on top of it and marked as such.

Views call these with one line (the goal card, the economy table): a report that is not
yet in the snapshot (id after the last one the loader folded in) appears beside the
snapshot's value, marked "Indberettet 12.10.2026 af <navn> (efter datasættet)".
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.faelles import format as fmt
from dashboard.faelles import tabel as tbl
from dashboard.faelles import tema
from dashboard.indberetning import adgang
from dashboard.rapport import indhold
from modeller.indberetning.lager import som_ramme
from modeller.indberetning.model import Indberetning, noegle_tekst
from modeller.snapshot import Snapshot
from modeller.styringsregler import BUDGETTYPE_NAVNE


def markering(i: Indberetning) -> str:
    """ "Indberettet 12.10.2026 af Anne Andersen (efter datasættet)" (Markdown-safe; the
    documents' plain text is `indhold.markering`)."""
    return indhold.markering(i.indberettet, fmt.ren(i.navn))


def vurdering_for(snapshot: Snapshot, maal_id: str) -> Indberetning | None:
    noegle = noegle_tekst("vurdering", {"maal_id": maal_id})
    return next((i for i in adgang.nye(snapshot, "vurdering") if i.noegle == noegle), None)


def vis_paa_maal(snapshot: Snapshot, maal_id: str) -> None:
    """The goal's vurdering reported after the snapshot, if any, marked."""
    i = vurdering_for(snapshot, maal_id)
    if i is None:
        return
    v = i.vaerdi
    kommentar = f"  \n{fmt.ren(v['kommentar'])}" if v.get("kommentar") else ""
    st.info(
        f"**{tema.status_tekst(v.get('status'))}** pr. {fmt.dato(i.kilderaekke()['dato'])}"
        f" · {markering(i)}{kommentar}",
        icon="📝",
    )


def vis_maalinger(snapshot: Snapshot, indikator_id: str, maaleenhed: str) -> None:
    """The indicator's målinger reported after the snapshot, if any, marked (they are not
    in the chart until the next load)."""
    nye = [
        i for i in adgang.nye(snapshot, "maaling") if i.vaerdi.get("indikator_id") == indikator_id
    ]
    for i in sorted(nye, key=lambda x: str(x.vaerdi.get("periode")), reverse=True)[:12]:
        r = i.kilderaekke()
        kommentar = f" · {fmt.ren(r['kommentar'])}" if r.get("kommentar") else ""
        st.markdown(
            f"📝 **{fmt.vaerdi(r['vaerdi'], maaleenhed)}** for {fmt.dato(r['periode'])} "
            f"({fmt.ren(r['enhed_id'])}) · {markering(i)}{kommentar}"
        )


def vis_prognoser(
    snapshot: Snapshot,
    politikomraader: list[str] | None = None,
    enheder: list[str] | None = None,
    budgettyper: tuple[str, ...] | None = None,
) -> None:
    """A table of forecasts reported after the snapshot (nothing when there are none),
    limited to the given politikområder, units and budget types when given."""
    nye = adgang.nye(snapshot, "prognose")
    if not nye:
        return  # the usual case: nothing to build (this runs on every Økonomi run)
    df = som_ramme(nye, "prognose")
    if politikomraader is not None:
        df = df.filter(pl.col("politikomraade_id").is_in(politikomraader))
    if enheder is not None:
        df = df.filter(pl.col("enhed_id").is_in(enheder))
    if budgettyper:
        df = df.filter(pl.col("budgettype").fill_null("service").is_in(list(budgettyper)))
    if df.is_empty():
        return
    st.markdown(f"**Prognoser indberettet efter datasættet** ({fmt.tal(df.height)})")
    org = snapshot["organisation"].select("enhed_id", pl.col("navn").alias("Enhed"))
    po = snapshot["politikomraader"].select(
        "politikomraade_id", pl.col("navn").alias("Politikområde")
    )
    df = df.sort("indberettet", descending=True)
    markeringer = [
        indhold.markering(t, n) for t, n in zip(df["indberettet"], df["navn"], strict=True)
    ]
    vis = (
        df.with_columns(pl.Series("Indberettet", markeringer, pl.String()))
        .join(org, on="enhed_id", how="left", maintain_order="left")
        .join(po, on="politikomraade_id", how="left", maintain_order="left")
        .select(
            pl.col("Enhed").fill_null(pl.col("enhed_id")),
            pl.col("Politikområde").fill_null(pl.col("politikomraade_id")),
            pl.col("budgettype").fill_null("service")
            .replace_strict(BUDGETTYPE_NAVNE, default=pl.col("budgettype")).alias("Budgettype"),
            pl.col("projekt_id").fill_null("").alias("Projekt"),
            pl.col("opfoelgningsdato").alias("Opfølgning"),
            pl.col("forventet_forbrug_kr").alias("Forventet regnskab (kr.)"),
            pl.col("kommentar").fill_null("").alias("Forklaring og handling"),
            "Indberettet",
        )
    )  # fmt: skip
    tbl.tabel(
        vis,
        noegle="indberettede_prognoser",
        filnavn=("prognoser", "indberettet", snapshot.manifest.data_as_of),
        formater={
            "Forventet regnskab (kr.)": fmt.kr,
            "Opfølgning": fmt.kort_dato,
        },
        fodnote="Indberettet efter datasættet: tallene kommer med i næste indlæsning. "
        "Udgifter positive, indtægter negative.",
    )
