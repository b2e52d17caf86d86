"""A counter kept on a function defined before the module imports threading."""
import threading


_lookup_lock = threading.Lock()


def lookup(key):
    with _lookup_lock:
        lookup.calls += 1
    return key


import threading  # noqa: E402

lookup.calls = 0
