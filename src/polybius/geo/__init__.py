"""Offline gazetteer and geocoder: place names in news text to `polybius.models.Location`."""

from polybius.geo.gazetteer import Gazetteer, Place
from polybius.geo.geocoder import Geocoder, Resolution

__all__ = ["Gazetteer", "Geocoder", "Place", "Resolution"]
