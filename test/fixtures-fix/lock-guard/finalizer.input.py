"""Handles that leave a shared set from their finalizer."""

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
