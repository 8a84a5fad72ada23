"""Gazetteer and geocoding."""
