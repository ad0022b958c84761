"""The web studio: a local ASGI app over the same API as the CLI (``stationkeeper serve``)."""
