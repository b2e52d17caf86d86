"""`import threading as th`: the existing `th.local()` is reused."""
import threading as th

_state = th.local()


def bump(n):
    _state.LEVEL = n
    return getattr(_state, "LEVEL", 0)
