"""The new lines go after `global`; a default that names anything but builtins and imports is left alone."""
import collections

LIMIT = 3
hits = 0


def serve(handler, seen=[], recent=collections.deque(maxlen=5)):
    """Serve one handler."""
    global hits  # counted below
    seen.append(handler)
    recent.appendleft(handler)
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
