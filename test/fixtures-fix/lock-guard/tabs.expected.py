"""Tabs for indentation."""
import threading

_cache = {}
_cache_lock = threading.Lock()


def remember(key, value):
	if key:
		with _cache_lock:
			_cache[key] = value
	return value
