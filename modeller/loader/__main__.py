"""Entry point: `python -m modeller.loader KILDE [--data DATA] [--etiket TEKST]`."""

import sys

from modeller.loader.cli import main

sys.exit(main())
