"""``python -m stationkeeper.cli``."""

from stationkeeper.cli import run

run()
