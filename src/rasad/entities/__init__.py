"""Entities found in text: actors, numbers, dates."""
