"""Tabs for indentation."""
import threading

_cache = {}


def remember(key, value):
	if key:
		_cache[key] = value
	return value
