"""Handles that leave a shared set from their finalizer."""
import threading
import weakref

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


_registry = {}
_registry_lock = threading.RLock()


class Finalizer:
    """Called back by the weakref when `obj` is collected, as multiprocessing.util.Finalize is."""

    def __init__(self, obj, key):
        self._ref = weakref.ref(obj, self)
        self.key = key

    def register(self):
        with _registry_lock:
            _registry[self.key] = self

    def __call__(self, ref=None):
        with _registry_lock:
            _registry.pop(self.key, None)
