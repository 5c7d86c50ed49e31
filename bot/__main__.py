"""`python -m bot` is the `mentorbot` command."""

import sys

from bot.runtime.cli import main

sys.exit(main())
