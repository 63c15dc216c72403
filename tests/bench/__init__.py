"""`make bench` (`python -m tests.bench`): how fast and how large, measured side by side.

Not part of `make test`: pyproject's `norecursedirs` keeps pytest out, and no file here
has a `test_` prefix.
"""
