"""The floor: the smallest Streamlit page (one element)."""

import streamlit as st

st.title("Tom side")
