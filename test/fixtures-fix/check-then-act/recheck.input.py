"""The write is under a lock but the test is not: test again inside the lock."""
import threading

_service = None
_cache = {}
_lock = threading.Lock()


def get_service(factory):
    global _service
    if _service is None:
        with _lock:
            _service = factory()
    return _service


def cached(key, compute):
    if key not in _cache:
        value = compute(key)
        with _lock:
            # store it
            _cache[key] = value
    return _cache[key]
