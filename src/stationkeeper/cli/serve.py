"""``stationkeeper serve``: the web studio on this machine (``web.app.create_app``).

It listens within about a second: it imports only the web app (FastAPI, the routes), not the
API or the domain packages (:mod:`stationkeeper.web.lazy` loads them after it has started),
and not :mod:`.errors` either (that brings pandas): its one-line errors are its own.
"""

from __future__ import annotations

import ipaddress
import webbrowser
from typing import Annotated

import typer
from rich.markup import escape

from stationkeeper.cli.app import app, err_console, out_console
from stationkeeper.cli.options import SchedulerOpt
from stationkeeper.errors import InputError, StationkeeperError
from stationkeeper.web.app import create_app
from stationkeeper.web.limits import Limits


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve(
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to bind (default this machine only; 0.0.0.0 = everyone)."
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the studio in the default browser.")
    ] = False,
    scheduler: SchedulerOpt = None,
    max_samples: Annotated[
        int, typer.Option("--max-samples", help="Most Monte Carlo samples a page may ask.")
    ] = Limits.max_samples,
) -> None:
    """The web studio: the station's what-if questions in a browser, on this machine.

    Offline: the page, Plotly.js and the world map are served from the package. Long work
    (Monte Carlo, screening, scenario runs) runs in its own processes with progress.
    """
    import uvicorn  # deferred: only this command serves

    try:
        if not 1 <= port <= 65535:
            raise InputError(f"{port}", field="--port", allowed="1..65535")
        web = create_app(Limits(max_samples=max_samples), scheduler=scheduler)
    except StationkeeperError as exc:  # one line, exit code 2, as every command
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    if not is_loopback(host):
        err_console.print(
            f"[bold yellow]warning:[/] listening on {host}: anyone who can reach this machine "
            "can use the studio and run jobs on it (default --host 127.0.0.1)",
            highlight=False,
        )
    out_console.print(f"stationkeeper studio at {url} (Ctrl-C to stop)", highlight=False)
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(web, host=host, port=port, log_level="warning")
