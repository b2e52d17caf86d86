"""Handles that leave a shared set from their finalizer."""
import threading

_live = set()
_live_lock = threading.RLock()


class Handle:
    def __init__(self, key):
        self.key = key

    def open(self):
        with _live_lock:
            _live.add(self.key)

    def __del__(self):
        # The garbage collector may run this on a thread that is inside `open`,
        # holding the lock already: the lock must be re-entrant.
        with _live_lock:
            _live.discard(self.key)
