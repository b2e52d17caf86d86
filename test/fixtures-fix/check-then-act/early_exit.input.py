"""Lazy initialisation and memo fills written with an early exit."""
import threading

_client = None
_patterns = {}
_seen = set()


def make_client():
    return object()


def get_client():
    global _client
    if _client is not None:
        # Already made.
        return _client
    _client = make_client()
    return _client


def compile_pattern(text):
    if text in _patterns:
        return _patterns[text]
    value = text.upper()
    _patterns[text] = value
    return value


def first_time(items):
    out = []
    for item in items:
        if item in _seen:
            continue
        _seen.add(item)
        out.append(item)
    return out
