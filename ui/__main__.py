"""`python -m ui`: start the app."""

import sys

from ui.app import main

sys.exit(main())
