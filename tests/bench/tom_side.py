import streamlit as st; st.title("Tom side")  # noqa: E702 - the one-line floor page
