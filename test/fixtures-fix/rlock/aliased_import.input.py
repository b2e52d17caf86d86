from threading import Lock as L

_lock = L()
_items = {}


def put(k, v):
    with _lock:
        _items[k] = v
        _touch(k)


def _touch(k):
    with _lock:
        _items[k] = _items.get(k, 0)
