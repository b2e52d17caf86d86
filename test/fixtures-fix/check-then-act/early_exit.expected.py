"""Lazy initialisation and memo fills written with an early exit."""
import threading

_client = None
_client_lock = threading.RLock()
_patterns = {}
_patterns_lock = threading.RLock()
_seen = set()
_seen_lock = threading.Lock()


def make_client():
    return object()


def get_client():
    global _client
    with _client_lock:
        if _client is not None:
            # Already made.
            return _client
        _client = make_client()
    return _client


def compile_pattern(text):
    with _patterns_lock:
        if text in _patterns:
            return _patterns[text]
        value = text.upper()
        _patterns[text] = value
    return value


def first_time(items):
    out = []
    for item in items:
        with _seen_lock:
            if item in _seen:
                continue
            _seen.add(item)
        out.append(item)
    return out
