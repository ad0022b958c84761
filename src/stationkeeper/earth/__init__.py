"""The Earth as a place: reference frames, geodetic coordinates and the countries on it."""
