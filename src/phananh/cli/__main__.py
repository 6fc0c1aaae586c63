"""`python -m phananh.cli …` (how `phananh demo` starts its worker)."""

import sys

from phananh.cli import main

sys.exit(main())
