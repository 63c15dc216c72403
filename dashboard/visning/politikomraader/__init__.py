"""The Politikområder page: what does each politikområde promise, what does it cost, and
what do we get for the money?

One view per politikområde, shaped like the budget document of the seed (politik and
vision; udviklingsmål, serviceniveau, særlige resultatkrav and indsatsområder with status
and indicator; the service frame; activity and unit costs against budget; the centres
and institutions that carry it, with links on to Målkæden, Økonomi and Dialogmøde), and
a list comparing every politikområde on one screen. The choice lives in the URL
(`?politikomraade=<id>`; absent = the list).

- `forberedt`: the prepared list and area views per (context, politikområde), computed
  once and shared by every session (`st.cache_resource`, read-only);
- `sektioner`: drawing them (Streamlit).

Rules come from `modeller.politikomraade` (frame, goal distribution, main ydelse),
`modeller.aktivitet` (unit costs, activity variance), `modeller.status` (own and
rolled-up status by the rule in force).
"""
