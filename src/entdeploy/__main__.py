"""``python -m entdeploy``: the same program as the ``entdeploy`` command."""

import sys

from .cli import main

sys.exit(main())
