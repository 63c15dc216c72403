"""Shared presentation that knows no page.

Rule: modules here serve every page and never import a view (dashboard/visning/).
`tema` (status words, icons, colours, month names), `format` (Danish numbers, dates,
escaping), `charts` (Plotly house style) and `eksport` (CSV/Excel) never import
streamlit, so the documents in dashboard/rapport/ can use them; `url` (query-parameter
binding), `tabel` (tables with downloads) and `komponenter` (page header, key figures,
chart display) are the Streamlit building blocks.
"""
