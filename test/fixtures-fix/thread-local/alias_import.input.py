"""`import threading as th`: the existing `th.local()` is reused."""
import threading as th

_state = th.local()
LEVEL = 0


def bump(n):
    global LEVEL
    LEVEL = n
    return LEVEL
