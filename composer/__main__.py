"""`python -m composer`: the command-line interface."""

import sys

from composer.cli.commands import main

sys.exit(main())
