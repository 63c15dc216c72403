"""Documents: the dialogue brief as content (`indhold`), PDF, PowerPoint and chart images.

Rule: never imports streamlit (a test checks it, also indirectly). Data comes in through
the `indhold.Kilde` protocol, words and colours from dashboard/faelles/tema.py.
"""
