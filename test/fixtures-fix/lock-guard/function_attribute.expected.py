"""A counter kept on a module-level function: the lock goes above the function's definition."""
import threading


_lookup_lock = threading.Lock()


def lookup(key):
    with _lookup_lock:
        lookup.calls += 1
    return key


lookup.calls = 0
