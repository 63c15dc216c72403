"""Reference page for the browser figure: one small Plotly chart and nothing else."""

import plotly.graph_objects as go
import streamlit as st

st.title("Referenceside")
maaneder = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
fig = go.Figure(go.Bar(x=maaneder, y=[float(i * i) for i in range(12)]))
fig.update_layout(separators=",.", height=360)
st.plotly_chart(fig, key="reference")
