"""The encounter (B-) plane of a conjunction: miss, covariance ellipses, hard body, burn.

Axes are those of :class:`stationkeeper.conjunction.encounter.Encounter`: the plane
perpendicular to the relative velocity, ``x`` along the predicted miss and
``y = z × x``. The station sits at the origin; the object's predicted position
is the miss vector, with the 1-, 2- and 3-sigma ellipses of the combined
position covariance around it (the decision-grade covariance: a CDM's or the SP-grade
default), and the 1-sigma ellipse of the TLE-default (screening) covariance; the
probability of collision is the mass of that Gaussian inside the hard-body circle at the
origin. After an avoidance burn the object's position relative to the (moved) station is
shown too.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.patches import Circle, Ellipse

from stationkeeper.report.style import COLORS, new_figure, save_figure, styled


def _ellipse(ax, centre, cov, n_sigma, **kw):
    w, q = np.linalg.eigh(np.asarray(cov, dtype=float))
    w = np.maximum(w, 0.0)
    angle = np.degrees(np.arctan2(q[1, 1], q[0, 1]))
    ax.add_patch(
        Ellipse(
            centre,
            2 * n_sigma * np.sqrt(w[1]),
            2 * n_sigma * np.sqrt(w[0]),
            angle=angle,
            fill=False,
            **kw,
        )
    )


def plot_bplane(event: dict, path: str | Path) -> Path:
    """One conjunction (an event of ``stationkeeper.screen``) in its encounter plane."""
    enc = event["encounter"]
    miss = np.array(enc["miss_plane_km"], dtype=float)
    cov = np.array(enc["cov_plane_km2"], dtype=float)
    hbr_km = event.get("hbr_m", 66.0) * 1e-3
    burn = event.get("burn") or {}
    post = burn.get("post_miss_plane_km")
    with styled():
        fig = new_figure(6.4, 6.0)
        ax = fig.add_subplot(1, 1, 1)
        for n, alpha in ((1, 0.9), (2, 0.6), (3, 0.35)):
            _ellipse(
                ax,
                miss,
                cov,
                n,
                color=COLORS["track"],
                alpha=alpha,
                lw=1.2,
                label=f"{n}σ decision covariance" if n == 1 else None,
            )
        screening = enc.get("cov_screening_plane_km2")
        if screening is not None:
            screening = np.array(screening, dtype=float)
            _ellipse(ax, miss, screening, 1, color="#888888", ls=":", lw=1.0)
            ax.plot([], [], ls=":", color="#888888", label="1σ TLE-default (screening)")
        ax.plot(*miss, "o", color=COLORS["track"], ms=5, label="object, predicted")
        ax.add_patch(
            Circle(
                (0, 0),
                hbr_km,
                color=COLORS["end"],
                alpha=0.5,
                label=f"hard body {hbr_km * 1e3:.0f} m",
            )
        )
        ax.plot(0, 0, "+", color=COLORS["end"], ms=10, mew=1.5, label="station")
        if post is not None:
            post = np.array(post, dtype=float)
            _ellipse(ax, post, cov, 1, color=COLORS["start"], ls="--", lw=1.2)
            ax.plot(*post, "s", color=COLORS["start"], ms=5, label="object after the burn")
            ax.annotate(
                "",
                xy=post,
                xytext=miss,
                arrowprops=dict(arrowstyle="->", color=COLORS["start"], lw=1.0),
            )
        span = 3.5 * np.sqrt(np.max(np.linalg.eigvalsh(cov)))
        if screening is not None:
            span = max(span, 1.1 * np.sqrt(np.max(np.linalg.eigvalsh(screening))))
        pts = [miss, np.zeros(2)] + ([post] if post is not None else [])
        lo = np.min(pts, axis=0) - span
        hi = np.max(pts, axis=0) + span
        half = 0.5 * max(hi[0] - lo[0], hi[1] - lo[1])
        mid = 0.5 * (lo + hi)
        ax.set_xlim(mid[0] - half, mid[0] + half)
        ax.set_ylim(mid[1] - half, mid[1] + half)
        ax.set_aspect("equal")
        ax.grid(True)
        ax.set_xlabel("along the miss (km)")
        ax.set_ylabel("perpendicular, in the encounter plane (km)")
        tca = str(event["tca_utc"])[:19].replace("T", " ")
        ax.set_title(f"{event.get('name') or 'object'} (NORAD {event['norad_id']}) — TCA {tca} UTC")
        lines = [
            f"miss {event['miss_km']:.3f} km  (R {event['radial_km']:+.3f}, "
            f"I {event['in_track_km']:+.3f}, C {event['cross_track_km']:+.3f})",
            f"relative speed {event['relative_speed_km_s']:.2f} km/s;  decision "
            f"{event['decision']}: Pc {event['pc_decision']:.2e} ({event.get('covariance', '')})",
            "screening: "
            + ("–" if event.get("pc_screening") is None else f"Pc {event['pc_screening']:.2e}")
            + f", max Pc {event['pc_max']:.2e}",
        ]
        if burn.get("feasible"):
            lines.append(
                f"burn {burn['dv_m_s']:+.3f} m/s {burn['lead_orbits']:g} orbit(s) before TCA → "
                f"miss {burn['post_miss_km']:.2f} km, Pc {burn['post_pc']:.1e}"
            )
        ax.text(
            0.02,
            0.02,
            "\n".join(lines),
            transform=ax.transAxes,
            fontsize=7.5,
            va="bottom",
            bbox=dict(boxstyle="round", fc="white", ec="#CCCCCC", alpha=0.9),
        )
        ax.legend(loc="upper right", fontsize=7)
        return save_figure(fig, path)
