"""The label of a partial answer: the first samples of a Monte Carlo still running."""

from __future__ import annotations


def partial_label(n_done: int, n_total: int, note: str = "") -> dict:
    """The keys that mark a summary of the first ``n_done`` of ``n_total`` samples."""
    return {
        "samples": n_done,
        "partial": {
            "n_done": n_done,
            "n_total": n_total,
            "note": f"partial: the first {n_done:,} of {n_total:,} samples{note}; the full run "
            "replaces it",
        },
    }
