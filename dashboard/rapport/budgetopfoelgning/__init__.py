"""The political follow-up report (budgetopfølgning to a fagudvalg, Økonomiudvalget or
Byrådet): one view model (`indhold.Rapport`), rendered to screen, Word and PDF.

- `indhold`: the view model, built once from the shared rules (same figures as Økonomi);
- `figur`: its chart (Plotly), with the alternative text the documents carry;
- `word`: the .docx (python-docx) for agenda systems; `pdf`: the same content as A4 PDF;
- `mappekilde`: a `Kilde` over a data folder without streamlit (the command line).

Never imports streamlit (the rule of dashboard/rapport/).
"""
