"""The follow-up report as an A4 landscape PDF (fpdf2): the same sections and tables as Word.

Every page carries the municipality, the report and the recipient in its header and
"Side x af y" in its footer; tables repeat their header row across pages; the document
language is Danish and the chart has alternative text. Danish letters need DejaVu Sans
(see dashboard/rapport/pdf.py `skrifter`: a RapportFejl with a Danish message without it).
"""

from __future__ import annotations

import io
from datetime import date

from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.faelles import format as fmt
from dashboard.rapport import figurer
from dashboard.rapport.budgetopfoelgning import figur
from dashboard.rapport.budgetopfoelgning.indhold import Afsnit, Rapport, Tabel
from dashboard.rapport.budgetopfoelgning.word import FARVER
from dashboard.rapport.pdf import GRAA, HOVED_FYLD, LINJE, MOERK, SKRIFT, husstil, rgb

BREDDE = 261.0
"""Text width in mm (A4 landscape with 18 mm margins: the tables have many columns)."""


class _Dokument(FPDF):
    def __init__(self, r: Rapport, dannet: date) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.r = r
        self.dannet = dannet
        husstil(self, f"{r.titel} – {r.modtager}", r.kommune, r.undertitel)

    def header(self) -> None:
        self.set_font(SKRIFT, "B", 9)
        self.set_text_color(*MOERK)
        self.set_xy(18, 9)
        self.cell(BREDDE / 2, 5, self.r.kommune)
        self.cell(BREDDE / 2, 5, f"{self.r.titel} · {self.r.modtager}", align="R")
        self.set_draw_color(*LINJE)
        self.line(18, 16, 18 + BREDDE, 16)
        self.set_text_color(0, 0, 0)
        self.set_y(22)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(SKRIFT, "", 8)
        self.set_text_color(*GRAA)
        self.cell(BREDDE - 44, 5, f"Styringsoverblik · dannet {fmt.dato(self.dannet)}")
        self.cell(44, 5, f"Side {self.page_no()} af {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def overskrift(self, tekst: str, niveau: int) -> None:
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(3)
        self.set_font(SKRIFT, "B", {1: 17, 2: 13, 3: 11}.get(niveau, 11))
        self.set_text_color(*MOERK)
        self.start_section(tekst, level=niveau - 1)
        self.multi_cell(0, 7, tekst, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def tekst(
        self, tekst: str, stoerrelse: float = 10, farve: tuple[int, int, int] = (0, 0, 0)
    ) -> None:
        self.set_font(SKRIFT, "", stoerrelse)
        self.set_text_color(*farve)
        self.multi_cell(0, 5, tekst, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def tabel(self, t: Tabel) -> None:
        bredder = _bredder(t)
        self.set_font(SKRIFT, "", 7.5)
        self.set_draw_color(*LINJE)
        with self.table(
            col_widths=bredder,
            text_align=tuple("RIGHT" if h else "LEFT" for h in t.hoejre),
            headings_style=FontFace(emphasis="BOLD", fill_color=HOVED_FYLD),
            line_height=4.0,
            padding=(1.0, 1.2),
            repeat_headings=1,
            width=BREDDE,
            v_align="TOP",
        ) as tbl:
            r = tbl.row()
            for navn in t.kolonner:
                r.cell(navn)
            for i, raekke in enumerate(t.raekker):
                r = tbl.row()
                fed = t.sum_raekke and i == len(t.raekker) - 1
                for celle in raekke:
                    farve = FARVER.get(celle)
                    stil = None
                    if fed or farve:
                        stil = FontFace(emphasis="BOLD", color=rgb(farve) if farve else None)
                    r.cell(celle, style=stil)
        if t.note:
            self.tekst(t.note, 7.5, GRAA)
        self.ln(2)


def _bredder(t: Tabel) -> tuple[float, ...]:
    """Column widths: a number column fits its longest header word and value; the text
    columns share the rest by their text length (long texts wrap)."""

    def ord_mm(tekst: str) -> float:
        return min(max((len(o) for o in tekst.split()), default=1), 24) * 1.85 + 3.0

    tal = {
        i: max(15.0, ord_mm(t.kolonner[i]), *(len(r[i]) * 1.6 + 3.0 for r in t.raekker))
        for i, h in enumerate(t.hoejre)
        if h
    }
    tekst_kol = [i for i, h in enumerate(t.hoejre) if not h]
    rest = BREDDE - sum(tal.values())
    minimum = {
        i: max([ord_mm(t.kolonner[i]), *(ord_mm(r[i]) for r in t.raekker)]) for i in tekst_kol
    }
    laengde = [max([len(t.kolonner[i]), *(len(r[i]) for r in t.raekker)]) for i in tekst_kol]
    vaegt = [min(max(n, 8), 60) for n in laengde]
    andel = {
        i: max(minimum[i], rest * v / sum(vaegt)) for i, v in zip(tekst_kol, vaegt, strict=True)
    }
    bredder = [andel.get(i, tal.get(i, 15.0)) for i in range(len(t.kolonner))]
    skala = BREDDE / sum(bredder)
    return tuple(b * skala for b in bredder)


def _afsnit(d: _Dokument, a: Afsnit, niveau: int, billeder: bool) -> None:
    d.overskrift(a.titel, niveau)
    for linje in a.tekst:
        d.tekst(linje)
    for t in a.tabeller:
        d.tabel(t)
    if billeder and a.figur is not None:
        fig = figur.plot_afvigelser(a.figur)
        billede = figurer.png(fig, bredde=1000, hoejde=int(fig.layout.height or 400))
        if billede is not None:
            if d.get_y() > d.h - 120:
                d.add_page()
            d.image(
                io.BytesIO(billede),
                x=d.l_margin + 30,
                w=BREDDE - 60,
                alt_text=a.figur.alt_tekst,
                title=a.figur.titel,
            )
            d.tekst(f"Figur: {a.figur.titel}. {a.figur.alt_tekst}", 7.5, GRAA)
    for u in a.underafsnit:
        _afsnit(d, u, niveau + 1, billeder)


def byg_pdf(r: Rapport, *, billeder: bool = True, dannet: date | None = None) -> bytes:
    """The report as PDF bytes (A4). Raises RapportFejl when the DejaVu font is missing."""
    med_billeder = billeder and figurer.chromium() is not None
    d = _Dokument(r, dannet or date.today())
    d.add_page()
    d.overskrift(f"{r.titel}: {r.modtager}", 1)
    d.tekst(r.undertitel, 10, GRAA)
    data = [f"Data pr. {fmt.dato(r.data_pr)}"]
    if r.etiket:
        data.append(r.etiket)
    if r.forrige_etiket:
        data.append(f"sammenlignet med {r.forrige_etiket}")
    d.tekst(" · ".join(data), 9, GRAA)
    for a in r.afsnit:
        _afsnit(d, a, 2, med_billeder)
    if billeder and not med_billeder:
        d.tekst(
            "Diagrammet er udeladt, fordi der ikke er en browser (Chromium) på serveren til at "
            "tegne det. Tallene står i tabellerne.",
            8,
            GRAA,
        )
    return bytes(d.output())
