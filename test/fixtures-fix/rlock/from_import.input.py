"""Only `from threading import Lock`: RLock joins that import."""
from threading import Lock, Thread

_lock = Lock()
_data = {}


def put(key, value):
    with _lock:
        _data[key] = value


def put_many(items):
    with _lock:
        for key, value in items:
            put(key, value)


def start():
    return Thread(target=put_many, args=([],))
