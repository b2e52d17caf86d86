"""An annotated lock: the annotation names the new type too."""
from threading import RLock

_lock: RLock = RLock()


def outer():
    with _lock:
        with _lock:
            pass
