"""Styringsoverblik's Streamlit side: app entry, data access, shared UI, charts, formatting."""
