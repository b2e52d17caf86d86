"""A module-level generator advanced from many threads."""
import itertools
import threading

_ids = (n for n in itertools.count(1))
_ids_lock = threading.Lock()


def next_id():
    with _ids_lock:
        return next(_ids)
