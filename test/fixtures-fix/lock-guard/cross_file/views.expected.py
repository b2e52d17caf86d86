"""Views that write into containers imported from state.py."""
from state import CACHE, LISTENERS, _cache_lock, _listeners_lock


def store_page(key, html):
    with _cache_lock:
        CACHE[key] = html


def add_listener(callback):
    with _listeners_lock:
        LISTENERS.append(callback)
