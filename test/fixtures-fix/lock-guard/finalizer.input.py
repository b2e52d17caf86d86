"""Handles that leave a shared set from their finalizer."""
import weakref

_live = set()


class Handle:
    def __init__(self, key):
        self.key = key

    def open(self):
        _live.add(self.key)

    def __del__(self):
        # The garbage collector may run this on a thread that is inside `open`,
        # holding the lock already: the lock must be re-entrant.
        _live.discard(self.key)


_registry = {}


class Finalizer:
    """Called back by the weakref when `obj` is collected, as multiprocessing.util.Finalize is."""

    def __init__(self, obj, key):
        self._ref = weakref.ref(obj, self)
        self.key = key

    def register(self):
        _registry[self.key] = self

    def __call__(self, ref=None):
        _registry.pop(self.key, None)
