"""``python -m storyline.extract``: the extraction steps as docs/architecture.md lists them."""

import sys

from storyline.extract import STEPS
from storyline.extract.steps import markdown

sys.stdout.write(markdown(STEPS))
