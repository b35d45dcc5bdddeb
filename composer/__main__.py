"""`python -m composer`: the command-line interface."""

import sys

from composer.cli import main

sys.exit(main())
