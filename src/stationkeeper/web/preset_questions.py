"""The 2022 questions: each preset's controls (at most three), defaults that answer the
question as asked in 2022, and the assumptions behind its answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEPARATION_DATES = ("2022-04-01", "2022-05-01", "2022-06-01", "2022-07-01", "2022-08-01",
                    "2022-09-01", "2022-10-01")  # fmt: skip
EXIT_DATES = ("2022-06-01", "2022-09-01", "2022-12-01")
SOLAR = ("low", "nominal", "high")
COUNTRIES = ("USA", "CHN", "RUS", "AUS", "BRA", "IND", "CAN", "ARG", "ZAF", "DEU", "JPN", "GBR")
DEORBIT_PLANS = {"usdv": ("usdv", 1), "3 progress": ("progress", 3)}
FAILURE_PROBABILITIES = ("0.001", "0.01", "0.05")
SCENARIO_SEED = 0
#: The scenario presets' output step (days): coarser than the examples' 1 day so that a
#: preset answers in seconds (stated in each preset's assumptions).
SEPARATION_STEP_DAYS = 10.0
PARTNER_EXIT_STEP_DAYS = 5.0
#: ... and their propagator's longest step (days; the examples: 1). Against 1-day steps the
#: separation preset's reentries move by 2-4 days (of 1.9-4.7 years), the Roscosmos
#: preset's propellant differs by 0.14 % (tests/web/test_preset_flight_step.py).
PRESET_FLIGHT_STEP_DAYS = 2.0


@dataclass(frozen=True)
class Control:
    """One slider (``kind="range"``: ``min``..``max`` by ``step``) or choice (``options``)."""

    name: str
    label: str
    unit: str
    kind: str
    default: float | str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preset:
    """One question: its controls, the assumptions behind its answer, whether it is long
    (Monte Carlo or screening: run as a job) and whether it needs an uploaded catalogue."""

    id: str
    title: str
    question: str
    controls: tuple[Control, ...]
    assumptions: tuple[str, ...]
    long: bool
    needs_upload: bool = False


def choice(name: str, label: str, options, default: str, unit: str = "") -> Control:
    """A choice control."""
    return Control(name, label, unit, "choice", default, options=tuple(options))


SOLAR_CONTROL = choice("solar", "Solar activity", SOLAR, "nominal")
PRESETS: dict[str, Preset] = {
    p.id: p
    for p in (
        Preset(
            "separation",
            "The segments separate",
            "If the Russian and US segments had separated in 2022, how long would each part "
            "stay in orbit, and what would end it first?",
            (
                choice("separation_date", "Separation date", SEPARATION_DATES, "2022-04-01"),
                SOLAR_CONTROL,
            ),  # fmt: skip
            (
                "examples/separation.toml: station as of 2022-03-03, each part keeps its own "
                "modules, docked vehicles, tanks and engines; no later traffic, no resupply.",
                "Both parts keep the 400-420 km reboost policy until their propellant runs out.",
                "Russian part holds attitude on thrusters alone: 10 kg/day (assumption, no "
                "published figure); a Progress undocks a year after docking (assumption).",
                f"Web preset: output every {SEPARATION_STEP_DAYS:g} days and propagator steps "
                f"of {PRESET_FLIGHT_STEP_DAYS:g} days (the example: 1 and 1) so the answer comes "
                "in seconds; its reentry dates are within 4 days of the example's.",
            ),
            long=False,
        ),
        Preset(
            "roscosmos-leaves",
            "Roscosmos leaves",
            "If Roscosmos had left in 2022, how often would the station need a reboost, how "
            "much propellant would it take beyond what really flew, and who would supply it?",
            (
                choice("exit_date", "Roscosmos leaves on", EXIT_DATES, "2022-06-01"),
                choice(
                    "top_ups", "Propellant on demand when the tanks run dry", ("on", "off"), "on"
                ),
                SOLAR_CONTROL,
            ),  # fmt: skip
            (
                "examples/partner-exit.toml: the flights really flown 2022-2026 (US side); RD-181 "
                "deliveries stop in March 2022 (as they did); no Russian flight after the exit.",
                "Every Cygnus keeps 400 kg for reboost (assumed fill); the CRS-33 trunk 1,400 kg.",
                "Top-ups on: what the docked vehicles cannot give is burned from propellant that "
                "appears on demand (Isp 300 s) and is reported apart; off: the flights alone.",
                f"Web preset: output every {PARTNER_EXIT_STEP_DAYS:g} days and propagator steps "
                f"of {PRESET_FLIGHT_STEP_DAYS:g} days (the example: 1 and 1) so the answer comes "
                "in seconds; its propellant is within 0.2 % of the example's.",
            ),
            long=False,
        ),
        Preset(
            "abandoned",
            "Abandoned: when and where does it fall?",
            "If the ISS had been abandoned in March 2022 with no reboost, when would it have "
            "come down, and how likely is its debris to touch a given country?",
            (
                Control("samples", "Monte Carlo samples", "", "range", 10_000, 100, 20_000, 100),
                choice("country", "Country (ISO-3)", COUNTRIES, "USA"),
                Control("seed", "Random seed", "", "range", 0, 0, 1_000_000, 1),
            ),  # fmt: skip
            (
                "Shipped ISS element set of 2022-03-03, drag fitted to the real orbit (5-95 % "
                "spread), solar activity, density error and state error drawn per sample.",
                "Long horizon: every sample's orbit-averaged decay; impact latitude from the "
                "orbit's dwell, longitude uniform (the day is unknowable months ahead).",
                "Casualty area from 20-1,500 kg fragments, 10-40 % of the mass surviving.",
            ),
            long=True,
        ),
        Preset(
            "deorbit",
            "Deorbit: USDV vs three Progress",
            "Can the US Deorbit Vehicle, or three Progress cargo ships, bring the ISS down into "
            "the South Pacific, and what is the risk on the ground if the final burn fails?",
            (
                choice("plan", "Deorbit vehicles", tuple(DEORBIT_PLANS), "usdv"),
                choice(
                    "failure_probability",
                    "Chance the final burn fails",
                    FAILURE_PROBABILITIES,
                    "0.01",
                ),
            ),  # fmt: skip
            (
                "Burns from a 220 km circular orbit to a 50 km perigee over the South Pacific "
                "Ocean Uninhabited Area (NASA's ~4-day sequence).",
                "Final-burn failure probability: an assumption (no published figure); a failed "
                "burn makes it an uncontrolled entry.",
                "Three Progress: the station's own tanks at their assumed fill; the ports take "
                "no more Progress.",
            ),
            long=True,  # not Monte Carlo, but the fragment falls of the footprint take ~1 min
        ),
        Preset(
            "debris",
            "Debris this week",
            "Which catalogued objects come close to the station in the days after the "
            "catalogue's epoch, and would any of them need an avoidance burn?",
            (
                Control("days", "Days to screen", "days", "range", 7.0, 1.0, 7.0, 1.0),
                choice("radial_km", "Radial half-height of the box", ("0.5", "2"), "0.5", "km"),
            ),  # fmt: skip
            (
                "Your catalogue (3LE/TLE or OMM); the station from it (NORAD 25544) or the "
                "shipped ISS TLE. TLE-only Pc is a ranking; the decision uses SP-grade "
                "covariances (assumption) and NASA's Pc >= 1e-4 rule.",
                "Box: the radial half-height chosen x 25 km along and across track.",
            ),
            long=True,
            needs_upload=True,
        ),
    )
}


def preset_list() -> list[dict]:
    """Every preset, JSON-ready (``GET /api/presets``; plain data: the page's first request
    needs none of the API's imports)."""
    return [asdict(p) | {"controls": [asdict(c) for c in p.controls]} for p in PRESETS.values()]
