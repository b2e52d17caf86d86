"""Non-reentrant locks acquired again by the thread holding them, in three import styles."""
import threading
import threading as th
from threading import RLock

_lock = threading.Lock()
_index_lock = RLock()
_audit_lock = th.RLock()
_settings = {}
_index = {}
_audit = []


def update(key, value):
    with _lock:
        with _lock:
            _settings[key] = value


def _index_add_all(items):
    with _index_lock:
        _index.update(items)


def reindex(items):
    with _index_lock:
        _index.clear()
        _index_add_all(items)


def _audit_trim():
    with _audit_lock:
        del _audit[:-100]


def audit(entry):
    with _audit_lock:
        _audit.append(entry)
        _audit_trim()


class Cache:
    def __init__(self):
        self._lock = threading.RLock()
        self._data = {}

    def put(self, key, value):
        with self._lock:
            self._data[key] = value

    def get_or_load(self, key, loader):
        with self._lock:
            if key not in self._data:
                self.put(key, loader(key))
            return self._data[key]


_busy_lock = threading.Lock()
_jobs = []


def _run_next():
    with _busy_lock:
        _jobs.pop()


def run_all():
    # `_busy_lock.locked()` below: an RLock has no `locked()` before Python 3.14, so no RLock fix.
    with _busy_lock:
        _run_next()


def busy():
    return _busy_lock.locked()
