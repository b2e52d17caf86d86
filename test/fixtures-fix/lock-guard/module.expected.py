"""Module-level state guarded by a lock: new locks, a reused lock, awkward statements."""
import logging
import threading

logger = logging.getLogger(__name__)

_cache = {}
_cache_lock = threading.Lock()
_subscribers = []
_subscribers_lock = threading.Lock()
_history = []  # kept for the debug page
_history_lock = threading.Lock()
request_count = 0
_request_count_lock = threading.Lock()
_audit = []
_audit_lock_2 = threading.Lock()
_audit_lock = None
_seen = set()
_seen_lock = threading.Lock()


def remember(key, value):
    # Store the value for later.
    with _cache_lock:
        _cache[key] = value  # trailing comment stays


def subscribe(callback):
    with _subscribers_lock:
        _subscribers.append(callback)

        _subscribers.sort(key=repr)
        return len(_subscribers)


def count_request():
    global request_count
    with _request_count_lock:
        request_count += 1


def log_query(sql, params):
    with _history_lock:
        _history.append(
            (sql,
             params),
        )


def log_text(name):
    with _history_lock:
        _history.append("""first line
second line, not indented by the fix
""" + name)


def outer():
    def inner(item):
        with _seen_lock:
            _seen.add(item)
    return inner


def logged(fn):
    return fn


@logged
def remember_many(items):
    for key, value in items:
        if key:
            with _cache_lock:
                _cache[key] = value
        else:
            logger.info("skipped")


def audit(entry):
    # `_audit_lock` is taken by something that is not a lock: the new lock gets another name.
    with _audit_lock_2:
        _audit.append(entry)
