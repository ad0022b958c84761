"""Build the minimal, offline Orekit data context used by the decay benchmark.

Orekit needs, before it can propagate anything in Earth-fixed frames:

* the UTC-TAI history (leap seconds) -> ``orekit_data/tai-utc.dat`` (USNO ``tai-utc.dat`` format);
* Earth orientation parameters for the ITRF -> ``orekit_data/eopc04_skyfield.csv``
  (Orekit's IERS csv EOP format, matched by its default pattern ``^eopc04.*\\.csv$``).
  Units are those of Orekit 12/13's ``EopCsvFilesLoader``: UT1-UTC and LOD in seconds, pole
  coordinates and dX/dY in arcseconds (``orekit_reference.setup_orekit`` checks that UT1-UTC
  comes back below 1 s, so a reader with other units is caught rather than silently used).

Nothing is downloaded: both tables are derived from the IERS data that ``skyfield``
ships inside its wheel (``skyfield/data/iers.npz``: the leap-second table and the daily
TT-UT1 series that skyfield itself builds from the IERS ``finals2000A.all`` file).

* leap seconds: skyfield's ``leap_dates``/``leap_offsets`` (1972-07-01 onwards) plus the
  constant pre-1972 "rubber second" block of the USNO table, which has not changed since 1972
  and is written out below;
* UT1-UTC = (32.184 s + TAI-UTC) - (TT-UT1), LOD = d(TT-UT1)/dt (s/day) by central
  differences. Polar motion (x_pole, y_pole) and the celestial pole offsets (dX, dY) are not in
  skyfield's table and are written as 0: the ITRF is then off by at most ~0.5 arcsec of pole
  (~15 m at the surface), which is irrelevant for the drag/decay reference.

Run:  python benchmarks/build_orekit_data.py   (rewrites the files; output is deterministic)
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "orekit_data"

# Pre-1972 part of the USNO tai-utc.dat table (UTC with drifting offsets). Constant history.
PRE_1972 = """\
 1961 JAN  1 =JD 2437300.5  TAI-UTC=   1.4228180 S + (MJD - 37300.) X 0.001296 S
 1961 AUG  1 =JD 2437512.5  TAI-UTC=   1.3728180 S + (MJD - 37300.) X 0.001296 S
 1962 JAN  1 =JD 2437665.5  TAI-UTC=   1.8458580 S + (MJD - 37665.) X 0.0011232S
 1963 NOV  1 =JD 2438334.5  TAI-UTC=   1.9458580 S + (MJD - 37665.) X 0.0011232S
 1964 JAN  1 =JD 2438395.5  TAI-UTC=   3.2401300 S + (MJD - 38761.) X 0.001296 S
 1964 APR  1 =JD 2438486.5  TAI-UTC=   3.3401300 S + (MJD - 38761.) X 0.001296 S
 1964 SEP  1 =JD 2438639.5  TAI-UTC=   3.4401300 S + (MJD - 38761.) X 0.001296 S
 1965 JAN  1 =JD 2438761.5  TAI-UTC=   3.5401300 S + (MJD - 38761.) X 0.001296 S
 1965 MAR  1 =JD 2438820.5  TAI-UTC=   3.6401300 S + (MJD - 38761.) X 0.001296 S
 1965 JUL  1 =JD 2438942.5  TAI-UTC=   3.7401300 S + (MJD - 38761.) X 0.001296 S
 1965 SEP  1 =JD 2439004.5  TAI-UTC=   3.8401300 S + (MJD - 38761.) X 0.001296 S
 1966 JAN  1 =JD 2439126.5  TAI-UTC=   4.3131700 S + (MJD - 39126.) X 0.002592 S
 1968 FEB  1 =JD 2439887.5  TAI-UTC=   4.2131700 S + (MJD - 39126.) X 0.002592 S
 1972 JAN  1 =JD 2441317.5  TAI-UTC=  10.0       S + (MJD - 41317.) X 0.0      S
"""

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

# EOP rows written from this date on (MJD 58119 = 2018-01-01) to keep the file small.
EOP_FIRST_MJD = 58119


def _skyfield_iers() -> dict[str, np.ndarray]:
    import skyfield

    path = os.path.join(os.path.dirname(skyfield.__file__), "data", "iers.npz")
    with np.load(path) as z:
        return {k: z[k].copy() for k in z.files}


def _jd_to_ymd(jd: float) -> tuple[int, int, int]:
    """Gregorian calendar date of a Julian day number at 0h (jd ends in .5)."""
    mjd = int(round(jd - 2400000.5))
    return _mjd_to_ymd(mjd)


def _mjd_to_ymd(mjd: int) -> tuple[int, int, int]:
    # Fliegel & Van Flandern
    j = mjd + 2400001 + 68569
    n = 4 * j // 146097
    j = j - (146097 * n + 3) // 4
    i = 4000 * (j + 1) // 1461001
    j = j - 1461 * i // 4 + 31
    k = 80 * j // 2447
    day = j - 2447 * k // 80
    j = k // 11
    month = k + 2 - 12 * j
    year = 100 * (n - 49) + i + j
    return year, month, day


def tai_utc_text(iers: dict[str, np.ndarray]) -> str:
    lines = [PRE_1972.rstrip("\n")]
    for jd, off in zip(iers["leap_dates"], iers["leap_offsets"], strict=True):
        y, m, d = _jd_to_ymd(float(jd))
        mjd = int(round(jd - 2400000.5))
        lines.append(
            f" {y:4d} {MONTHS[m - 1]} {d:2d} =JD {jd:9.1f}  TAI-UTC=  {off:4.1f}       S"
            f" + (MJD - {mjd:5d}.) X 0.0      S"
        )
    return "\n".join(lines) + "\n"


def _tai_minus_utc(iers: dict[str, np.ndarray], jd_utc: np.ndarray) -> np.ndarray:
    idx = np.searchsorted(iers["leap_dates"], jd_utc, side="right")
    out = np.where(idx > 0, iers["leap_offsets"][np.maximum(idx - 1, 0)], 10.0)
    return out.astype(float)


def eop_csv_text(iers: dict[str, np.ndarray]) -> str:
    n = iers["delta_t_1e7"].size
    tt_jd = iers["tt_jd_minus_arange"] + np.arange(n)
    delta_t = iers["delta_t_1e7"] / 1e7  # TT - UT1, seconds
    mjd = np.rint(tt_jd - 2400000.5).astype(int)  # rows are at 0h UTC of each day
    if np.any(np.diff(mjd) != 1):
        raise RuntimeError("skyfield iers.npz table is not a daily series")
    tai_utc = _tai_minus_utc(iers, mjd + 2400000.5)
    ut1_utc = 32.184 + tai_utc - delta_t
    lod = np.gradient(delta_t)  # s/day: excess length of day = d(TT-UT1)/dt
    header = "MJD;Year;Month;Day;Type;x_pole;y_pole;UT1-UTC;LOD;dX;dY"
    rows = [header]
    for k in np.nonzero(mjd >= EOP_FIRST_MJD)[0]:
        y, m, d = _mjd_to_ymd(int(mjd[k]))
        rows.append(
            f"{mjd[k]};{y};{m:02d};{d:02d};skyfield;0.000000;0.000000;"
            f"{ut1_utc[k]:.7f};{lod[k]:.7f};0.000000;0.000000"
        )
    return "\n".join(rows) + "\n"


def build(out_dir: Path = DEFAULT_OUT) -> list[Path]:
    iers = _skyfield_iers()
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        out_dir / "tai-utc.dat": tai_utc_text(iers),
        out_dir / "eopc04_skyfield.csv": eop_csv_text(iers),
    }
    for path, text in files.items():
        path.write_text(text, encoding="ascii")
    return list(files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    for p in build(args.out):
        print(f"wrote {p} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
