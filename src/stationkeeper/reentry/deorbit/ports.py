"""Docking ports as a resource of the deorbit: which take the vehicle, which push along the
flight axis, which pass propellant on to the station's tanks.

The ports are the ``[ports."<module> <port>"]`` tables of ``vehicles_deorbit.toml``
(``along_axis``, ``transfer``, ``source``); each must be a port of the station model
(``station.toml``).  A vehicle lists the ports that take it (``ports = [...]``); they are
filled all at once, the along-axis transfer port first, so a request for more vehicles than
the ports take is refused with the ports and what each can do.
"""

from __future__ import annotations

from dataclasses import dataclass

from stationkeeper.errors import InputError
from stationkeeper.station import Station


@dataclass(frozen=True)
class Port:
    """One docking port and its geometry."""

    name: str  # full name, e.g. "Zvezda aft"
    along_axis: bool  # a docked vehicle's engines push along the flight axis
    transfer: bool  # a docked vehicle's refuelling load can go into the station's tanks
    source: str

    def describe(self) -> str:
        """``"Zvezda aft (along the flight axis, propellant transfer)"``."""
        axis = "along the flight axis" if self.along_axis else "across the flight axis"
        move = "propellant transfer" if self.transfer else "no propellant transfer"
        return f"{self.name} ({axis}, {move})"

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {
            "port": self.name,
            "along_axis": self.along_axis,
            "transfer": self.transfer,
            "source": self.source,
        }


def load_ports(table: dict, station: Station, file: str) -> dict[str, Port]:
    """The ``[ports]`` table of the vehicles file, checked against the station's ports.

    Parameters
    ----------
    table : dict
        ``{port name: {along_axis, transfer, source}}``.
    station : Station
        The station model; every port named must be one of its modules' ports.
    file : str
        The vehicles file (for errors).
    """
    known = {p for m in station.modules for p in m.port_names}
    out = {}
    for name, row in table.items():
        where = f"ports.{name}"
        if name not in known:
            raise InputError(
                f"no module of the station has a port {name!r}",
                file=file,
                field=where,
                allowed=", ".join(sorted(known)),
            )
        flags = [row.get(k) for k in ("along_axis", "transfer")]
        if not all(isinstance(f, bool) for f in flags):
            raise InputError(
                "along_axis and transfer must be true or false",
                file=file,
                field=where,
                allowed="true, false",
            )
        out[name] = Port(name, flags[0], flags[1], str(row.get("source", "")))
    return out


def assign_ports(vehicle_name: str, count: int, names: tuple[str, ...], ports: dict) -> list:
    """The port each of ``count`` vehicles docks at, along-axis and transfer ports first.

    Parameters
    ----------
    vehicle_name : str
        The vehicle type (for the error).
    count : int
        How many of them are docked at once.
    names : tuple of str
        The ports that take the vehicle.
    ports : dict
        :func:`load_ports`.

    Raises
    ------
    InputError
        (field ``--count``) when ``count`` exceeds the ports, naming each with its geometry.
    """
    unknown = [n for n in names if n not in ports]
    if unknown:
        raise InputError(
            f"{vehicle_name}: port {unknown[0]!r} has no [ports] table",
            field="ports",
            allowed=", ".join(sorted(ports)),
        )
    order = sorted((ports[n] for n in names), key=lambda p: (not p.along_axis, not p.transfer))
    if count > len(order):
        raise InputError(
            f"{count} x {vehicle_name} do not fit: only {len(order)} ports take a "
            f"{vehicle_name}: " + "; ".join(p.describe() for p in order),
            field="--count",
            allowed=f"1 to {len(order)}",
        )
    return order[:count]
