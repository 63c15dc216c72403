"""The Økonomi page: does each politikområde, centre and institution stay within its frame?

It shows one level at a time along Kommune → Udvalg → Politikområde → Center →
Institution: the udvalg (the appropriation level, with its frame against its forecast),
an udvalg's politikområder, the centres booking on one politikområde, then the
institutions of one centre; above them the selection's totals split by budget type, and
below them anlæg per project.

- `udsnit`: the selection (`Udsnit`: filters and drill position, all in the URL) and the
  drill controls (breadcrumb, clicks on rows and bars);
- `data`: the prepared view per (context, selection), computed once and shared;
- `figurer`: the figures, pure Plotly;
- `sektioner`: the follow-up table.
"""
