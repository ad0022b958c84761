"""What a screen looks for and how: the ISS screening box and the tuning of the search."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ScreeningVolume:
    """The ISS "pizza box" around the station, in its RIC frame (half-sizes, km).

    Default: ±0.5 km radial, ±25 km along-track and cross-track (NASA,
    *International Space Station*, "A day in the life: debris avoidance",
    iss_facts §5). Another published figure is 4 x 50 x 50 km, i.e. ±2 km
    radial (space.com 2023): ``ScreeningVolume(radial_km=2.0)``.
    """

    radial_km: float = 0.5
    along_km: float = 25.0
    cross_km: float = 25.0

    def contains(self, radial_km, in_track_km, cross_track_km):
        return (
            (np.abs(radial_km) <= self.radial_km)
            & (np.abs(in_track_km) <= self.along_km)
            & (np.abs(cross_track_km) <= self.cross_km)
        )


@dataclass(frozen=True)
class ScreenSettings:
    """Tuning of the screen (defaults are the validated ones)."""

    report_km: float = 25.0
    """List every TCA closer than this (the box's along/cross half-size)."""
    pad_km: float = 30.0
    """Apogee/perigee filter margin beyond ``report_km`` (SGP4 short-period terms, decay)."""
    path_epoch_s: float = 6 * 3600.0
    """Spacing of the mean-element epochs of the orbit-path filter."""
    step_s: float = 300.0
    """Coarse grid step (s)."""
    gate_km: float = 5.0
    """Margin on the coarse-grid (Hermite) estimate of each minimum."""
    chunk_size: int = 400
    """Objects per task."""
    tca_tol_s: float = 1e-6
    """Brent tolerance on the TCA (s)."""
    use_path_filter: bool = True
