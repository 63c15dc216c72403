"""The dialogue brief as a 16:9 PowerPoint (python-pptx): one slide per section.

Slides: title, Aftalen og forslag til dagsorden, Mål og status, Indikatorer, Økonomi,
Siden sidst, the units below (long tables continue on "(fortsat)" slides). Text from
data is set as plain text runs. Every slide's footer names the municipality, the data
date and the snapshot label.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from dashboard.faelles import format as fmt
from dashboard.faelles import tema
from dashboard.rapport import figurer
from dashboard.rapport.indhold import ENHEDSTYPE_TEKST, Brief, Budgetlinje
from modeller.status import STATUSSER

BREDDE = Inches(13.333)
HOEJDE = Inches(7.5)
MOERK = RGBColor(0x0B, 0x53, 0x94)  # type: ignore[no-untyped-call]
GRAA = RGBColor(0x59, 0x59, 0x59)  # type: ignore[no-untyped-call]
RAEKKER_PR_SLIDE = 10


def _farve(hex_farve: str) -> RGBColor:
    farve: RGBColor = RGBColor.from_string(hex_farve.lstrip("#"))  # type: ignore[no-untyped-call]
    return farve


class _Saet:
    def __init__(self, b: Brief) -> None:
        self.b = b
        self.prs = Presentation()
        self.prs.slide_width = BREDDE
        self.prs.slide_height = HOEJDE

    def slide(self, titel: str) -> Slide:
        s = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        t = s.shapes.title
        assert t is not None
        t.left, t.top, t.width, t.height = Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9)
        t.text = titel
        p = t.text_frame.paragraphs[0]
        p.font.size, p.font.bold, p.font.color.rgb = Pt(32), True, MOERK
        self.tekst(
            s,
            f"{self.b.kommune} · {self.b.enhed_navn} · {self.b.undertitel}",
            Inches(0.5),
            Inches(7.0),
            Inches(12.3),
            Inches(0.4),
            12,
            farve=GRAA,
        )
        return s  # type: ignore[no-any-return]

    def tekst(
        self,
        s: Slide,
        tekst: str | Sequence[str],
        x: Length,
        y: Length,
        w: Length,
        h: Length,
        stoerrelse: int = 20,
        *,
        farve: RGBColor | None = None,
        fed: bool = False,
    ) -> None:
        boks = s.shapes.add_textbox(x, y, w, h)
        tf = boks.text_frame
        tf.word_wrap = True
        linjer = [tekst] if isinstance(tekst, str) else list(tekst)
        for n, linje in enumerate(linjer):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            run = p.add_run()
            run.text = linje
            run.font.size = Pt(stoerrelse)
            run.font.bold = fed
            if farve is not None:
                run.font.color.rgb = farve
            p.space_after = Pt(6)

    def tabel(
        self,
        titel: str,
        hoved: Sequence[str],
        raekker: Sequence[Sequence[str]],
        bredder: Sequence[float],
        *,
        farver: Sequence[Sequence[str | None]] | None = None,
        note: str | None = None,
        stoerrelse: int = 16,
    ) -> None:
        for start in range(0, max(len(raekker), 1), RAEKKER_PR_SLIDE):
            del_ = raekker[start : start + RAEKKER_PR_SLIDE]
            s = self.slide(titel if start == 0 else f"{titel} (fortsat)")
            form = s.shapes.add_table(
                len(del_) + 1,
                len(hoved),
                Inches(0.5),
                Inches(1.3),
                Inches(12.3),
                Inches(0.45 * (len(del_) + 1)),
            ).table
            for j, b in enumerate(bredder):
                form.columns[j].width = Inches(b)
            for j, h in enumerate(hoved):
                c = form.cell(0, j)
                c.text = h
                c.text_frame.paragraphs[0].runs[0].font.size = Pt(stoerrelse)
            for i, r in enumerate(del_, start=1):
                for j, v in enumerate(r):
                    c = form.cell(i, j)
                    c.text = v
                    for p in c.text_frame.paragraphs:
                        for run in p.runs:
                            run.font.size = Pt(stoerrelse)
                            f = farver[start + i - 1][j] if farver else None
                            if f:
                                run.font.color.rgb = _farve(f)
                                run.font.bold = True
            if note:
                self.tekst(
                    s, note, Inches(0.5), Inches(6.3), Inches(12.3), Inches(0.6), 12, farve=GRAA
                )


def byg_pptx(b: Brief, *, billeder: bool = True) -> bytes:
    """The brief as .pptx bytes (16:9). Without Chromium the charts are left out."""
    d = _Saet(b)
    s = d.prs.slides.add_slide(d.prs.slide_layouts[6])  # blank
    d.tekst(
        s,
        f"Dialogmøde {b.aar}",
        Inches(0.8),
        Inches(2.0),
        Inches(11.7),
        Inches(0.8),
        28,
        farve=GRAA,
    )
    d.tekst(
        s,
        b.enhed_navn,
        Inches(0.8),
        Inches(2.8),
        Inches(11.7),
        Inches(1.2),
        44,
        fed=True,
        farve=MOERK,
    )
    undertekst = [
        ENHEDSTYPE_TEKST.get(b.enhed_type, b.enhed_type)
        + (f" under {b.overordnet_navn}" if b.overordnet_navn else ""),
        b.kommune,
        b.undertitel,
    ]
    d.tekst(s, undertekst, Inches(0.8), Inches(4.2), Inches(11.7), Inches(1.6), 20)

    s = d.slide("Aftalen og forslag til dagsorden")
    aftaler = [
        f"Aftale {a.aftale_id} ({a.periode}), {a.status_tekst.lower()}: {a.holder} og "
        f"{a.modpart or '–'}."
        for a in b.alle_aftaler
    ] or [f"Ingen aftale for {b.aar} i datagrundlaget."]
    punkter = [f"{n}. {p.kategori}: {p.tekst}" for n, p in enumerate(b.dagsorden[:8], start=1)]
    d.tekst(
        s,
        [*aftaler, "", *(punkter or ["Data giver ingen særlige punkter."])],
        Inches(0.5),
        Inches(1.3),
        Inches(12.3),
        Inches(5.5),
        18,
    )

    if b.maal:
        d.tabel(
            "Mål og status",
            ("Mål", "Status", "Seneste vurdering"),
            [
                (
                    m.titel,
                    tema.status_tekst(m.status),
                    " · ".join(x for x in (m.vurdering_kommentar, m.indberettet) if x) or "–",
                )
                for m in b.maal
            ],
            (6.3, 2.4, 3.6),
            farver=[[None, tema.STATUS_TEKSTFARVE[m.status], None] for m in b.maal],
        )
    else:
        s = d.slide("Mål og status")
        d.tekst(
            s,
            f"{b.enhed_navn} har ingen mål for {b.aar} i datagrundlaget.",
            Inches(0.5),
            Inches(1.3),
            Inches(12.3),
            Inches(1),
            20,
        )

    if b.indikatorer:
        d.tabel(
            "Indikatorer",
            ("Indikator", "Seneste", "Mål", "Status"),
            [
                (
                    i.navn,
                    fmt.vaerdi(i.seneste_vaerdi, i.maaleenhed),
                    fmt.vaerdi(i.maalvaerdi, i.maaleenhed),
                    tema.status_tekst(i.status),
                )
                for i in b.indikatorer
            ],
            (6.3, 2.0, 1.6, 2.4),
            farver=[[None, None, None, tema.STATUS_TEKSTFARVE[i.status]] for i in b.indikatorer],
        )
        if billeder:
            valgte = [i for i in b.indikatorer if i.vaerdier][:4]
            s = None
            for n, i in enumerate(valgte):
                billede = figurer.png(figurer.plot_indikator(i, 300), bredde=620, hoejde=300)
                if billede is None:
                    break
                if s is None:
                    s = d.slide("Indikatorer: udvikling")
                x, y = Inches(0.5 + (n % 2) * 6.2), Inches(1.2 + (n // 2) * 2.9)
                d.tekst(s, i.navn, x, y, Inches(6.0), Inches(0.4), 14, fed=True)
                s.shapes.add_picture(
                    io.BytesIO(billede), x, Emu(y + Inches(0.4)), width=Inches(5.6)
                )

    t = b.budget_total
    if t is None:
        s = d.slide(f"Økonomi {b.aar}")
        d.tekst(
            s,
            f"{b.enhed_navn} har intet budget for {b.aar} i datagrundlaget.",
            Inches(0.5),
            Inches(1.3),
            Inches(12.3),
            Inches(1),
            20,
        )
    else:

        def raekke(linje: Budgetlinje) -> tuple[str, ...]:
            return (
                linje.navn,
                b.beloeb(linje.korrigeret_budget_kr),
                b.beloeb(linje.forbrug_kr),
                b.beloeb(linje.forventet_forbrug_kr),
                b.beloeb(linje.forventet_afvigelse_kr, True)
                + (
                    f" {tema.afvigelse_tekst(True, linje.forventet_afvigelse_kr)}"
                    if linje.er_afvigelse
                    else ""
                )
                + (" Mangler prognose" if linje.antal_prognose_mangler else "")
                + (f" ({linje.indberettet})" if linje.indberettet else ""),
            )

        for foerste, dele in (("Budgettype", b.budgettyper), ("Politikområde", b.budget)):
            if not dele:
                continue
            d.tabel(
                f"Økonomi {b.aar} pr. {foerste.lower()} ({b.beloebsenhed})",
                (foerste, "Korrigeret budget", "Forbrug", b.regnskab_ord, "Forventet afvigelse"),
                [raekke(x) for x in (*dele, t)],
                (3.9, 2.0, 2.0, 2.0, 2.4),
                note=f"Beløb i {b.beloebsenhed} {b.fodnote}",
            )

    if b.har_forrige:
        s = d.slide(f"Siden sidst ({b.forrige_etiket})")
        linjer = []
        if t is not None and t.afvigelse_foer_kr is not None:
            linjer.append(
                f"Forventet afvigelse i alt: {b.beloeb_tekst(t.forventet_afvigelse_kr, True)} "
                f"(før {b.beloeb_tekst(t.afvigelse_foer_kr, True)})."
            )
        linjer += [
            f"«{a.titel}»: {tema.status_tekst(a.status_foer) if a.status_foer else 'nyt'} → "
            f"{tema.status_tekst(a.status_nu) if a.status_nu else 'udgået'}"
            for a in b.statusaendringer[:8]
        ] or ["Ingen af målene har skiftet status."]
        d.tekst(s, linjer, Inches(0.5), Inches(1.3), Inches(12.3), Inches(5.5), 20)

    if b.underenheder:
        d.tabel(
            f"{b.underenheder_titel} under {b.enhed_navn}",
            (
                "Politikområde" if b.udvalg else "Enhed",
                *[tema.STATUS_IKON[s_] for s_ in STATUSSER],
                "Korr. budget",
                "Forv. afvigelse",
                "Afvigelse",
            ),
            [
                (
                    u.navn,
                    *[str(u.antal[s_]) for s_ in STATUSSER],
                    b.beloeb(u.korrigeret_budget_kr),
                    b.beloeb(u.forventet_afvigelse_kr, True),
                    tema.afvigelse_tekst(u.er_afvigelse, u.forventet_afvigelse_kr),
                )
                for u in b.underenheder
            ],
            (3.6, 0.6, 0.6, 0.6, 0.6, 0.6, 1.8, 1.8, 2.1),
            note="Mål pr. status: "
            + ", ".join(tema.status_tekst(s_) for s_ in STATUSSER)
            + f". Beløb i {b.beloebsenhed}",
            stoerrelse=14,
        )
    ud = io.BytesIO()
    d.prs.save(ud)
    return ud.getvalue()
