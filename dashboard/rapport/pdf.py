"""The dialogue brief as an A4 PDF (fpdf2), for a chief to hand out.

Every page carries the municipality, the unit, the data date and the snapshot label in
its header and "Side x af y" in its footer. Tables use fpdf2's table API (rows break
cleanly across pages, headings repeat). Text from data is written as plain text (no
markdown, no HTML). Danish letters need a Unicode TrueType font: DejaVu Sans (Debian
package fonts-dejavu-core); without it a RapportFejl with a Danish message is raised.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.faelles import format as fmt
from dashboard.faelles import tema
from dashboard.rapport import figurer
from dashboard.rapport.indhold import ENHEDSTYPE_TEKST, Brief, Budgetlinje
from modeller.errors import RapportFejl
from modeller.status import STATUSSER

SKRIFT_MAPPER = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)
SKRIFT = "DejaVu"
MAKS_GRAFER = 8
"""Indicator charts in the PDF (the table lists every indicator)."""

GRAA = (90, 90, 90)
LINJE = (200, 200, 200)
HOVED_FYLD = (232, 238, 245)
MOERK = (11, 83, 148)


def skrifter() -> tuple[Path, Path]:
    """Paths of DejaVu Sans regular and bold, or RapportFejl with instructions."""
    for mappe in SKRIFT_MAPPER:
        normal, fed = mappe / "DejaVuSans.ttf", mappe / "DejaVuSans-Bold.ttf"
        if normal.exists() and fed.exists():
            return normal, fed
    raise RapportFejl(
        "PDF'en kan ikke laves, fordi skrifttypen DejaVu Sans mangler på serveren "
        "(den skal til for æ, ø og å). Bed driften installere Debian-pakken "
        "fonts-dejavu-core: apt-get install -y fonts-dejavu-core."
    )


def rgb(hex_farve: str) -> tuple[int, int, int]:
    """ "#A63F00" → (166, 63, 0)."""
    h = hex_farve.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def husstil(pdf: FPDF, titel: str, forfatter: str, emne: str | None = None) -> None:
    """The house setup of every PDF: DejaVu Sans (æøå), margins, page breaks, and the
    document's metadata with language da-DK (read aloud in Danish)."""
    normal, fed = skrifter()
    pdf.add_font(SKRIFT, "", str(normal))
    pdf.add_font(SKRIFT, "B", str(fed))
    pdf.set_margins(18, 24, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(titel)
    if emne:
        pdf.set_subject(emne)
    pdf.set_author(forfatter)
    pdf.set_creator("Styringsoverblik")
    pdf.set_lang("da-DK")


class _Dokument(FPDF):
    def __init__(self, b: Brief, dannet: date) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.b = b
        self.dannet = dannet
        husstil(self, f"Dialogmøde {b.aar}: {b.enhed_navn}", b.kommune)

    def header(self) -> None:
        self.set_font(SKRIFT, "B", 9)
        self.set_text_color(*MOERK)
        self.set_xy(18, 9)
        self.cell(87, 5, self.b.kommune)
        self.cell(87, 5, f"Dialogmøde {self.b.aar} · {self.b.enhed_navn}", align="R")
        self.set_xy(18, 14)
        self.set_font(SKRIFT, "", 8)
        self.set_text_color(*GRAA)
        self.cell(174, 4, self.b.undertitel, align="R")
        self.set_draw_color(*LINJE)
        self.line(18, 19.5, 192, 19.5)
        self.set_text_color(0, 0, 0)
        self.set_y(24)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_draw_color(*LINJE)
        self.line(18, self.get_y() - 1, 192, self.get_y() - 1)
        self.set_font(SKRIFT, "", 8)
        self.set_text_color(*GRAA)
        self.cell(130, 5, f"Styringsoverblik · dannet {fmt.dato(self.dannet)}")
        self.cell(44, 5, f"Side {self.page_no()} af {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    # --- building blocks ---------------------------------------------------------

    def overskrift(self, tekst: str, plads: float = 40) -> None:
        if self.get_y() > self.h - 20 - plads:
            self.add_page()
        self.ln(4)
        self.set_font(SKRIFT, "B", 13)
        self.set_text_color(*MOERK)
        self.multi_cell(0, 7, tekst, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def tekst(
        self,
        tekst: str,
        stoerrelse: float = 10,
        fed: bool = False,
        farve: tuple[int, int, int] = (0, 0, 0),
        hoejde: float = 5,
    ) -> None:
        self.set_font(SKRIFT, "B" if fed else "", stoerrelse)
        self.set_text_color(*farve)
        self.multi_cell(0, hoejde, tekst, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)

    def note(self, tekst: str) -> None:
        self.tekst(tekst, 8, farve=GRAA, hoejde=4)

    def tabel(
        self,
        hoved: Sequence[str],
        raekker: Sequence[Sequence[str]],
        bredder: Sequence[float],
        justering: Sequence[str],
        *,
        fed_sidste: bool = False,
        farver: Sequence[Sequence[tuple[int, int, int] | None]] | None = None,
    ) -> None:
        self.set_font(SKRIFT, "", 8.5)
        self.set_draw_color(*LINJE)
        with self.table(
            col_widths=tuple(bredder),
            text_align=tuple(justering),
            headings_style=FontFace(emphasis="BOLD", fill_color=HOVED_FYLD),
            line_height=4.6,
            padding=(1.2, 1.5),
            repeat_headings=1,
            width=174,
            v_align="TOP",
        ) as t:
            r = t.row()
            for h in hoved:
                r.cell(h)
            for i, raekke in enumerate(raekker):
                r = t.row()
                fed = fed_sidste and i == len(raekker) - 1
                for j, celle in enumerate(raekke):
                    farve = farver[i][j] if farver else None
                    stil = None
                    if fed or farve:
                        stil = FontFace(emphasis="BOLD" if fed or farve else None, color=farve)
                    r.cell(celle, style=stil)
        self.ln(2)


def _forside(d: _Dokument, b: Brief) -> None:
    d.set_font(SKRIFT, "B", 20)
    d.set_text_color(*MOERK)
    d.multi_cell(
        0, 10, f"Dialogmøde {b.aar}: {b.enhed_navn}", new_x="LMARGIN", new_y="NEXT", align="L"
    )
    d.set_text_color(0, 0, 0)
    linjer = [
        f"{ENHEDSTYPE_TEKST.get(b.enhed_type, b.enhed_type)}"
        + (f" under {b.overordnet_navn}" if b.overordnet_navn else "")
    ]
    if b.leder:
        linjer.append(f"Leder: {b.leder}")
    d.tekst(" · ".join(linjer), 10, farve=GRAA)
    d.overskrift("Aftalen" if len(b.alle_aftaler) <= 1 else "Aftalerne", plads=30)
    aftaler = b.alle_aftaler
    if not aftaler:
        d.tekst(f"Der er ingen aftale for {b.enhed_navn} i {b.aar} i datagrundlaget.")
    else:
        d.tabel(
            ("Aftale", "Periode", "Status", "Indgået", "Parter"),
            [
                (
                    a.aftale_id,
                    a.periode,
                    a.status_tekst,
                    fmt.kort_dato(a.indgaaet_dato),
                    f"{a.holder} (aftaleholder) og {a.modpart or '–'}",
                )
                for a in aftaler
            ],
            (34, 20, 22, 24, 74),
            ("LEFT", "LEFT", "LEFT", "LEFT", "LEFT"),
        )
    d.overskrift("Forslag til dagsorden", plads=30)
    if not b.dagsorden:
        d.tekst(
            "Data giver ingen særlige punkter: ingen mål i risiko eller ikke på sporet, "
            "ingen økonomiske afvigelser over tærsklen og ingen indikatorer, der bevæger "
            "sig væk fra målet."
        )
    for n, p in enumerate(b.dagsorden, start=1):
        d.set_font(SKRIFT, "B", 10)
        d.cell(8, 5, f"{n}.")
        d.set_font(SKRIFT, "", 10)
        d.multi_cell(0, 5, f"{p.kategori}: {p.tekst}", new_x="LMARGIN", new_y="NEXT", align="L")
        d.ln(0.5)
    d.note(
        "Punkterne er dannet automatisk ud fra data: mål i risiko eller ikke på sporet, "
        "økonomiske afvigelser, indikatorer der bevæger sig væk fra målet, og forværrede "
        "statusser siden sidste opgørelse."
    )


def _maal(d: _Dokument, b: Brief) -> None:
    d.overskrift(f"Mål og status ({len(b.maal)})")
    if not b.maal:
        d.tekst(f"{b.enhed_navn} har ingen mål for {b.aar} i datagrundlaget.")
        return
    for n, m in enumerate(b.maal, start=1):
        if d.get_y() > d.h - 60:
            d.add_page()
        d.tekst(f"{n}. {m.titel}", 10.5, fed=True)
        status = tema.status_tekst(m.status)
        kilde = {"vurdering": "vurdering", "indikatorer": "beregnet af indikatorer"}.get(m.kilde)
        ekstra = (
            f" ({kilde}"
            + (f" {fmt.kort_dato(m.vurdering_dato)}" if m.kilde == "vurdering" else "")
            + ")"
            if kilde
            else ""
        )
        d.tekst(
            f"Status: {status}{ekstra}", 10, fed=True, farve=rgb(tema.STATUS_TEKSTFARVE[m.status])
        )
        if m.indberettet:
            d.tekst(
                m.indberettet
                + (
                    f"; i datasættet: {tema.status_tekst(m.status_datasaet)}"
                    if m.status_datasaet
                    else ""
                ),
                9.5,
                farve=GRAA,
            )
        if m.succeskriterie:
            d.tekst("Succeskriterier:", 9.5, fed=True)
            for linje in m.succeskriterie.splitlines():
                if linje.strip():
                    d.set_x(d.l_margin + 4)
                    d.set_font(SKRIFT, "", 9.5)
                    d.multi_cell(
                        0, 4.8, f"• {linje.strip()}", new_x="LMARGIN", new_y="NEXT", align="L"
                    )
        if m.vurdering_kommentar:
            af = f" ({m.vurderet_af})" if m.vurderet_af else ""
            d.tekst(f"Seneste vurdering{af}: {m.vurdering_kommentar}", 9.5)
        detaljer = []
        if m.tidsfrist:
            detaljer.append(f"Tidsfrist {fmt.kort_dato(m.tidsfrist)}")
        if m.ansvarlig:
            detaljer.append(f"Ansvarlig {m.ansvarlig}")
        if m.overordnet_titel:
            detaljer.append(f"Bidrager til «{m.overordnet_titel}»")
        if detaljer:
            d.note(" · ".join(detaljer))
        d.ln(2.5)


def _indikatorer(d: _Dokument, b: Brief, billeder: bool) -> None:
    if not b.indikatorer:
        return
    d.overskrift(f"Indikatorer ({len(b.indikatorer)})")
    retning = {"mod_maal": "▲ mod målet", "vaek_fra_maal": "▼ væk fra målet", "uaendret": "uændret"}
    raekker, farver = [], []
    for i in b.indikatorer:
        raekker.append(
            (
                i.navn
                + (f" ({i.enhed_navn})" if i.enhed_navn and i.enhed_navn != b.enhed_navn else ""),
                fmt.vaerdi(i.baseline, i.maaleenhed),
                fmt.vaerdi(i.seneste_vaerdi, i.maaleenhed)
                + f"\n{fmt.kort_dato(i.seneste_periode)}",
                fmt.vaerdi(i.maalvaerdi, i.maaleenhed),
                retning.get(i.bevaeger_sig or "", "–"),
                tema.status_tekst(i.status),
            )
        )
        farver.append([None, None, None, None, None, rgb(tema.STATUS_TEKSTFARVE[i.status])])
    d.tabel(
        ("Indikator", "Udgangs-\npunkt", "Seneste", "Mål", "Udvikling", "Status"),
        raekker,
        (62, 22, 24, 20, 24, 22),
        ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "LEFT"),
        farver=farver,
    )
    if not billeder:
        return
    valgte = [i for i in b.indikatorer if len(i.vaerdier) > 0][:MAKS_GRAFER]
    for n, i in enumerate(valgte):
        billede = figurer.png(figurer.plot_indikator(i, hoejde=300), bredde=560, hoejde=300)
        if billede is None:
            return
        kolonne = n % 2
        if kolonne == 0 and d.get_y() > d.h - 20 - 62:
            d.add_page()
        y = d.get_y()
        x = d.l_margin + kolonne * 88
        d.set_xy(x, y)
        d.set_font(SKRIFT, "B", 8.5)
        d.multi_cell(85, 4.2, i.navn, new_x="LEFT", new_y="NEXT", align="L")
        d.image(io.BytesIO(billede), x=x, w=85)
        if kolonne == 1 or n == len(valgte) - 1:
            d.set_xy(d.l_margin, max(d.get_y(), y) + 3)
        else:
            d.set_xy(x + 88, y)


def _oekonomi(d: _Dokument, b: Brief, billeder: bool) -> None:
    d.overskrift(f"Økonomi {b.aar}")
    if b.budget_total is None:
        d.tekst(f"{b.enhed_navn} har intet budget for {b.aar} i datagrundlaget.")
        return
    if b.enhed_type != "institution":
        d.note(f"{b.omfang_tekst[0].upper()}{b.omfang_tekst[1:]}, pr. politikområde.")

    def raekke(linje: Budgetlinje) -> tuple[str, ...]:
        return (
            linje.navn,
            b.beloeb(linje.korrigeret_budget_kr),
            b.beloeb(linje.forbrug_kr) + f"\n{fmt.pct(linje.forbrugsprocent_pct, 0)}",
            b.beloeb(linje.forventet_forbrug_kr),
            b.beloeb(linje.forventet_afvigelse_kr, fortegn=True)
            + (
                f"\n{tema.afvigelse_tekst(True, linje.forventet_afvigelse_kr)}"
                if linje.er_afvigelse
                else ""
            )
            + ("\nMangler prognose" if linje.antal_prognose_mangler else ""),
            b.beloeb(linje.overfoersel_kr),
            b.beloeb(linje.forventet_overfoersel_ud_kr, fortegn=True),
        )

    def overskrifter(foerste: str) -> tuple[str, ...]:
        return (
            foerste,
            "Korrigeret\nbudget",
            "Forbrug\ntil dato",
            b.regnskab_ord.replace(" ", "\n"),
            "Forventet\nafvigelse",
            f"Overført\nfra {b.aar - 1}",
            f"Forventet\noverførsel\ntil {b.aar + 1}",
        )

    bredder = (42, 21, 20, 21, 24, 20, 26)
    justering = ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
    if b.budgettyper:
        d.tabel(
            overskrifter("Budgettype"),
            [raekke(x) for x in (*b.budgettyper, b.budget_total)],
            bredder,
            justering,
            fed_sidste=True,
        )
    d.tabel(
        overskrifter("Politikområde"),
        [raekke(x) for x in (*b.budget, b.budget_total)],
        bredder,
        justering,
        fed_sidste=True,
    )
    forklaringer = [f"{x.navn}: {x.kommentar}" for x in (*b.budgettyper, *b.budget) if x.kommentar]
    if forklaringer:
        d.tekst("Forklaringer fra prognoserne: " + " · ".join(forklaringer))
    indberettet = [f"{x.navn}: {x.indberettet}" for x in b.budget if x.indberettet]
    if indberettet:
        d.tekst(
            "Prognoser indberettet efter datasættet (brugt som forventet regnskab): "
            + " · ".join(indberettet)
        )
    d.note(
        f"Beløb i {b.beloebsenhed} {b.fodnote} Overført fra {b.aar - 1} indgår i det "
        "korrigerede budget."
    )
    if billeder and len(b.budget) > 1:
        billede = figurer.png(
            figurer.plot_budget(b), bredde=900, hoejde=max(340, 90 + 50 * len(b.budget))
        )
        if billede is not None:
            if d.get_y() > d.h - 20 - 80:
                d.add_page()
            d.image(io.BytesIO(billede), x=d.l_margin, w=150)


def _siden_sidst(d: _Dokument, b: Brief) -> None:
    if not b.har_forrige:
        return
    d.overskrift(f"Siden sidst ({b.forrige_etiket})", plads=30)
    t = b.budget_total
    if t is not None and t.afvigelse_foer_kr is not None:
        aendring = t.forventet_afvigelse_kr - t.afvigelse_foer_kr
        d.tekst(
            f"Forventet afvigelse i alt: {b.beloeb_tekst(t.forventet_afvigelse_kr, True)} "
            f"(før {b.beloeb_tekst(t.afvigelse_foer_kr, True)}; ændring "
            f"{b.beloeb_tekst(aendring, True)}).",
            10,
        )
    if not b.statusaendringer:
        d.tekst("Ingen af målene har skiftet status.", 10)
        return
    tekst = {"ny": "Nyt mål", "fjernet": "Udgået", "aendret": "Ændret"}
    d.tabel(
        ("Mål", "Før", "Nu", "Ændring"),
        [
            (
                a.titel,
                tema.status_tekst(a.status_foer) if a.status_foer else "–",
                tema.status_tekst(a.status_nu) if a.status_nu else "–",
                tekst.get(a.aendring, a.aendring)
                + (" (forværret)" if a.forvaerret and a.aendring == "aendret" else ""),
            )
            for a in b.statusaendringer
        ],
        (84, 30, 30, 30),
        ("LEFT", "LEFT", "LEFT", "LEFT"),
    )


def _underenheder(d: _Dokument, b: Brief) -> None:
    if not b.underenheder:
        return
    d.overskrift(f"{b.underenheder_titel} under {b.enhed_navn} ({len(b.underenheder)})")
    hoved = (
        "Politikområde" if b.udvalg else "Enhed",
        *[tema.STATUS_IKON[s] for s in STATUSSER],
        "Korrigeret budget",
        "Forventet afvigelse",
        "Afvigelse",
    )
    raekker = [
        (
            u.navn,
            *[str(u.antal[s]) for s in STATUSSER],
            b.beloeb(u.korrigeret_budget_kr),
            b.beloeb(u.forventet_afvigelse_kr, fortegn=True),
            tema.afvigelse_tekst(u.er_afvigelse, u.forventet_afvigelse_kr),
        )
        for u in b.underenheder
    ]
    d.tabel(
        hoved,
        raekker,
        (52, 9, 9, 9, 9, 9, 25, 25, 27),
        ("LEFT", *["CENTER"] * 5, "RIGHT", "RIGHT", "LEFT"),
    )
    d.note(
        "Antal mål pr. status: "
        + ", ".join(tema.status_tekst(s) for s in STATUSSER)
        + f". Beløb i {b.beloebsenhed}; "
        + (
            "hvert politikområde med alle enheder på det. "
            if b.udvalg
            else "hver enhed med alle enheder under den. "
        )
        + b.fodnote
    )


def byg_pdf(b: Brief, *, billeder: bool = True, dannet: date | None = None) -> bytes:
    """The brief as PDF bytes. `billeder=False` (or no Chromium) leaves charts out with a
    note. Raises RapportFejl when the DejaVu font is missing."""
    med_billeder = billeder and figurer.chromium() is not None
    d = _Dokument(b, dannet or date.today())
    d.add_page()
    _forside(d, b)
    _maal(d, b)
    _indikatorer(d, b, med_billeder)
    _oekonomi(d, b, med_billeder)
    _siden_sidst(d, b)
    _underenheder(d, b)
    if billeder and not med_billeder:
        d.ln(3)
        d.note(
            "Graferne er udeladt, fordi der ikke er en browser (Chromium) på serveren til at "
            "tegne dem."
        )
    return bytes(d.output())
