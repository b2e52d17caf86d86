"""The new lines go after `global`; a default that names anything but builtins and imports is left alone."""
import collections
import threading

LIMIT = 3
hits = 0
_hits_lock = threading.Lock()


def serve(handler, seen=None, recent=collections.deque(maxlen=5)):
    """Serve one handler."""
    global hits  # counted below
    if seen is None:
        seen = []
    seen.append(handler)
    recent.appendleft(handler)
    with _hits_lock:
        hits = hits + 1
    return seen


def bounded(handler, seen=[LIMIT]):
    # `LIMIT` would be looked up at each call in the body: not offered.
    seen.append(handler)
    return seen


def shadowing(x, acc=set(), set=frozenset):
    # `set` is a parameter here: not offered.
    acc.add(x)
    return acc
