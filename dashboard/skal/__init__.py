"""The app shell: what runs around every page.

Rule: `shell.py` draws the shared controls (snapshot, year, presentation mode) and builds
the page context; `navigation.py` registers the pages; `tilstand.py` names every
session-state key and holds `Kontekst` (no other module touches session state);
`koerselslog.py` logs slow reruns. Nothing here knows a page's content.
"""
