"""The app shell (page config, navigation, shared sidebar controls) on an empty page."""

import streamlit as st

from dashboard.skal import shell, tilstand


def tom() -> None:
    st.title("Tom side")


st.set_page_config(page_title="Styringsoverblik", layout="wide")
side = st.navigation([st.Page(tom, title="Tom", url_path="tom")])
tilstand.saet_kontekst(shell.faelles_valg())
side.run()
