"""Views that write into containers imported from state.py."""
from state import CACHE, LISTENERS


def store_page(key, html):
    CACHE[key] = html


def add_listener(callback):
    LISTENERS.append(callback)
