"""The Typer application, its command groups, the consoles and the entry points."""

from __future__ import annotations

import signal
import sys
import threading

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(
    name="stationkeeper",
    help=(
        "A digital twin of the International Space Station: its modules and owners, its orbit "
        "from real tracking data, and how that orbit decays under real drag and solar activity.\n\n"
        "Every command runs offline on data shipped with the package (an ISS TLE of 2022-03-03, "
        "CelesTrak space weather 1957-2040, Natural Earth borders). "
        "Pass --tle for a current orbit.\n\n"
        "Examples:\n\n"
        "  stationkeeper station show\n\n"
        "  stationkeeper decay --days 180 --solar observed --out results/\n\n"
        "  stationkeeper lifetime --json\n\n"
        "  stationkeeper track --hours 3 --out results/"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
station_app = typer.Typer(help="The station model: modules, vehicles, engines, tanks, totals.")
app.add_typer(station_app, name="station")
deorbit_app = typer.Typer(help="Controlled deorbit of the ISS: burns, propellant, footprint.")
app.add_typer(deorbit_app, name="deorbit")
reentry_app = typer.Typer(help="Uncontrolled reentry: Monte Carlo window and ground footprint.")
app.add_typer(reentry_app, name="reentry")

out_console = Console()
err_console = Console(stderr=True)


#: Typer's (vendored Click's) usage error: a wrong type, a missing or unknown option.
_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt  # unwinds like Ctrl-C: workers stopped, no partial --out folder


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 2 bad input, 1 internal error, 130
    interrupted by SIGINT or SIGTERM)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        code = app(args=argv, standalone_mode=False)  # a command's typer.Exit comes back here
    except _USAGE_ERROR as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group: its help, as --help
            out_console.print(exc.ctx.get_help() if exc.ctx else "", markup=False, highlight=False)
            return 0
        # a wrong type, a missing or unknown option: one line, like every other bad input
        where = f" (see {exc.ctx.command_path} --help)" if exc.ctx else ""
        err_console.print(
            f"[bold red]error:[/] {escape(exc.format_message())}{escape(where)}",
            highlight=False,
            soft_wrap=True,
        )
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        err_console.print("interrupted")
        return 130
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return code if isinstance(code, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
