"""The follow-up report as a Word document (.docx, python-docx): the agenda attachment.

Accessible as the webtilgængelighedslov asks of what is published: real headings
(Heading 1–3, in order), real tables whose first row is marked as header row (repeated
on every page), the document language da-DK (on the default run properties, every style
and the core properties), and alternative text (title and description) on every chart.
Numbers are the view model's text, so they are formatted as on screen ("1.234,5").
Text from data is written as plain runs (no fields, no hyperlinks).
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.document import Document as Dokument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dashboard.faelles import format as fmt
from dashboard.faelles import tema
from dashboard.rapport import figurer
from dashboard.rapport.budgetopfoelgning import figur
from dashboard.rapport.budgetopfoelgning.indhold import (
    OVER_RAMMEN,
    Afsnit,
    Rapport,
    Tabel,
)

SPROG = "da-DK"
MOERK = RGBColor(0x0B, 0x53, 0x94)
FARVER = {
    **tema.AFVIGELSE_FARVER,
    **tema.MANGLER_FARVER,
    OVER_RAMMEN: tema.MERFORBRUG_FARVE,
    **{tema.status_tekst(s): f for s, f in tema.STATUS_TEKSTFARVE.items()},
}
"""Text colour of label words (the word and its icon carry the meaning; colour adds)."""


def _rgb(hex_farve: str) -> RGBColor:
    return RGBColor.from_string(hex_farve.lstrip("#").upper())


def _saet_sprog(doc: Dokument) -> None:
    """da-DK on the default run properties, on every style that names a language, and in
    the core properties."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    if rpr_default is not None:
        for rpr in rpr_default.iter(qn("w:rPr")):
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), SPROG)
            lang.set(qn("w:eastAsia"), SPROG)
            lang.set(qn("w:bidi"), "ar-SA")
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), SPROG)
    doc.core_properties.language = SPROG


def _header_raekke(raekke: object) -> None:
    """Mark a table row as header row (w:tblHeader): read as headers, repeated per page."""
    tr_pr = raekke._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _celle(celle: object, tekst: str, *, fed: bool, hoejre: bool, stoerrelse: float) -> None:
    p = celle.paragraphs[0]  # type: ignore[attr-defined]
    p.paragraph_format.space_after = Pt(0)
    if hoejre:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(tekst)
    run.font.size = Pt(stoerrelse)
    run.bold = fed
    farve = FARVER.get(tekst)
    if farve:
        run.font.color.rgb = _rgb(farve)
        run.bold = True


def tabel(doc: Dokument, t: Tabel) -> None:
    """A real Word table: a header row, then the rows (the last in bold when a total)."""
    wt = doc.add_table(rows=1, cols=len(t.kolonner))
    wt.style = doc.styles["Table Grid"]
    wt.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header_raekke(wt.rows[0])
    for celle, navn, hoejre in zip(wt.rows[0].cells, t.kolonner, t.hoejre, strict=True):
        _celle(celle, navn, fed=True, hoejre=hoejre, stoerrelse=8)
        skygge = OxmlElement("w:shd")
        skygge.set(qn("w:val"), "clear")
        skygge.set(qn("w:fill"), "E8EEF5")
        celle._tc.get_or_add_tcPr().append(skygge)
    for i, raekke in enumerate(t.raekker):
        celler = wt.add_row().cells
        fed = t.sum_raekke and i == len(t.raekker) - 1
        for celle, tekst, hoejre in zip(celler, raekke, t.hoejre, strict=True):
            _celle(celle, tekst, fed=fed, hoejre=hoejre, stoerrelse=8)
    if t.note:
        p = doc.add_paragraph()
        run = p.add_run(t.note)
        run.font.size = Pt(8)
        run.italic = True
    else:
        doc.add_paragraph()


def _figur(doc: Dokument, a: Afsnit) -> bool:
    """The chart as an image with alternative text; False when no image can be drawn."""
    if a.figur is None:
        return False
    fig = figur.plot_afvigelser(a.figur)
    hoejde = int(fig.layout.height or 400)
    billede = figurer.png(fig, bredde=1000, hoejde=hoejde)
    if billede is None:
        return False
    doc.add_picture(io.BytesIO(billede), width=Cm(16.5))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc_pr = doc.inline_shapes[-1]._inline.docPr
    doc_pr.set("title", a.figur.titel)
    doc_pr.set("descr", a.figur.alt_tekst)
    tekst = doc.add_paragraph()
    run = tekst.add_run(f"Figur: {a.figur.titel}. {a.figur.alt_tekst}")
    run.font.size = Pt(8)
    run.italic = True
    return True


def _afsnit(doc: Dokument, a: Afsnit, niveau: int, billeder: bool) -> None:
    doc.add_heading(a.titel, level=niveau)
    for linje in a.tekst:
        doc.add_paragraph(linje)
    for t in a.tabeller:
        tabel(doc, t)
    if billeder:
        _figur(doc, a)
    for u in a.underafsnit:
        _afsnit(doc, u, niveau + 1, billeder)


def byg_docx(r: Rapport, *, billeder: bool = True, dannet: date | None = None) -> bytes:
    """The report as .docx bytes. Charts need Chromium (kaleido); without it, or with
    `billeder=False`, the document says the chart is left out (the table holds the
    figures)."""
    doc = Document()
    _saet_sprog(doc)
    sektion = doc.sections[0]
    sektion.orientation = WD_ORIENT.PORTRAIT
    sektion.page_width, sektion.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(sektion, side, Cm(1.8))
    sektion.top_margin = sektion.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for navn in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[navn].font.color.rgb = MOERK

    egenskaber = doc.core_properties
    egenskaber.title = f"{r.titel} – {r.modtager}"
    egenskaber.subject = r.undertitel
    egenskaber.author = r.kommune
    egenskaber.keywords = "budgetopfølgning; " + r.modtager

    sidefod = sektion.footer.paragraphs[0]
    sidefod.text = (
        f"{r.kommune} · {r.titel} · {r.modtager} · dannet {fmt.dato(dannet or date.today())}"
    )
    sidefod.runs[0].font.size = Pt(8)

    doc.add_heading(f"{r.titel}: {r.modtager}", level=1)
    under = doc.add_paragraph()
    under.add_run(r.undertitel).italic = True
    data = [f"Data pr. {fmt.dato(r.data_pr)}"]
    if r.etiket:
        data.append(r.etiket)
    if r.forrige_etiket:
        data.append(f"sammenlignet med {r.forrige_etiket}")
    doc.add_paragraph(" · ".join(data))
    med_billeder = billeder and figurer.chromium() is not None
    for a in r.afsnit:
        _afsnit(doc, a, 2, med_billeder)
    if billeder and not med_billeder:
        doc.add_paragraph(
            "Diagrammet er udeladt, fordi der ikke er en browser (Chromium) på serveren til at "
            "tegne det. Tallene står i tabellerne."
        )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
