"""Indberetning in the app: login, what a user may report, the forms, and reports shown
on top of the snapshot.

Rule: `adgang.py` is the one module that opens the indberetning store and reads the
roles file (the store is the second writer, DESIGN.md §3; `data.py` stays the only
reader of snapshots); `ovenpaa.py` gives views the reports newer than the snapshot,
marked "Indberettet … (efter datasættet)"; `formular.py` draws the forms, one item at a
time (a goal, a budget line, an indicator) so any page can put them where the item is,
and what is missing for the current follow-up. Without `[auth]` in secrets.toml nothing
here can write. Text from users is always passed through `faelles.format.ren`.
"""
