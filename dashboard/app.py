"""Styringsoverblik: the Streamlit entry point (`streamlit run dashboard/app.py`)."""

from __future__ import annotations

import time

# Heavy libraries imported first, before any page code runs: a first import inside one
# session's thread while another session's thread reads the half-imported module from
# sys.modules fails ("partially initialized module 'pandas'"; Plotly looks pandas up in
# sys.modules). Every session runs this file from the top, and the import lock makes the
# others wait here until the import is complete. Found by tests/test_samtidighed.py.
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import pyarrow  # noqa: F401
import streamlit as st

from dashboard.skal import hukommelse, koerselslog, navigation, shell, tilstand
from modeller.errors import IngenSnapshotFejl, StyringsFejl

start = time.perf_counter()
start_cpu = time.thread_time()
st.set_page_config(
    page_title="Styringsoverblik",
    page_icon=shell.IKON,
    layout="wide",
    initial_sidebar_state="collapsed" if shell.praesentation_fra_url() else "auto",
)
side = st.navigation(navigation.sektioner())
try:
    tilstand.saet_kontekst(shell.faelles_valg())
except IngenSnapshotFejl as fejl:
    st.title("Styringsoverblik")
    st.info(str(fejl), icon="ℹ️")
    st.stop()
except StyringsFejl as fejl:
    st.title("Styringsoverblik")
    st.error(str(fejl))
    st.stop()
try:
    side.run()
except StyringsFejl as fejl:
    st.error(str(fejl))
shell.kopier_link(side.url_path)
cpu_s = time.thread_time() - start_cpu
koerselslog.afslut(side.url_path, st.query_params.to_dict(), time.perf_counter() - start, cpu_s)
hukommelse.efter_koersel(cpu_s)
