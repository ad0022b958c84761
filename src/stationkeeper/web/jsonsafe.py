"""JSON-safe payloads: what Starlette can send of a result (NaN and infinities as null)."""

from __future__ import annotations

import math


def json_safe(obj):
    """``obj`` with NaN and infinities as ``None`` and other non-JSON values as text."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [json_safe(v) for v in obj]
    if obj is None or isinstance(obj, str | int | bool):
        return obj
    if hasattr(obj, "item"):  # numpy scalars
        return json_safe(obj.item())
    return str(obj)
