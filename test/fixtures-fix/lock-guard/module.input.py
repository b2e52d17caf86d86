"""Module-level state guarded by a lock: new locks, a reused lock, awkward statements."""
import logging

logger = logging.getLogger(__name__)

_cache = {}
_subscribers = []
_history = []  # kept for the debug page
request_count = 0
_audit = []
_audit_lock = None
_seen = set()


def remember(key, value):
    # Store the value for later.
    _cache[key] = value  # trailing comment stays


def subscribe(callback):
    _subscribers.append(callback)

    _subscribers.sort(key=repr)
    return len(_subscribers)


def count_request():
    global request_count
    request_count += 1


def log_query(sql, params):
    _history.append(
        (sql,
         params),
    )


def log_text(name):
    _history.append("""first line
second line, not indented by the fix
""" + name)


def outer():
    def inner(item):
        _seen.add(item)
    return inner


def logged(fn):
    return fn


@logged
def remember_many(items):
    for key, value in items:
        if key:
            _cache[key] = value
        else:
            logger.info("skipped")


def audit(entry):
    # `_audit_lock` is taken by something that is not a lock: the new lock gets another name.
    _audit.append(entry)
