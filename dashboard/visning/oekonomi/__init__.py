"""The Økonomi page: does each politikområde, centre and institution stay within its frame?

It shows one level at a time: politikområder (top), the centres booking on one
politikområde, then the institutions of one centre.

- `udsnit`: the selection (`Udsnit`: filters and drill position, all in the URL) and the
  drill controls (breadcrumb, clicks on rows and bars);
- `data`: the prepared view per (context, selection), computed once and shared;
- `figurer`: the figures, pure Plotly;
- `sektioner`: the follow-up table.
"""
