"""``python -m stationkeeper.cli``."""

from stationkeeper.cli.app import run

run()
