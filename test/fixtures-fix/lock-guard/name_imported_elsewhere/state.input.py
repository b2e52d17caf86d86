"""The shared cache."""
CACHE = {}
