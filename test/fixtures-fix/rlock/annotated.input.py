"""An annotated lock: the annotation names the new type too."""
from threading import Lock

_lock: Lock = Lock()


def outer():
    with _lock:
        with _lock:
            pass
