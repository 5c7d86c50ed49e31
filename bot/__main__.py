"""`python -m bot` is the `mentorbot` command."""

import sys

from bot.cli import main

sys.exit(main())
