# fix: ^Guard the test
"""Check-then-act: wrapping the whole `if` (with its else branch) in a lock."""
import threading

_registry = []
_registry_lock = threading.Lock()
_flags = {}
_flags_lock = threading.Lock()


def ensure_registered(name):
    with _registry_lock:
        if name not in _registry:
            _registry.append(name)


def toggle(key):
    with _flags_lock:
        if key in _flags:
            del _flags[key]
        else:
            _flags[key] = True


_fib = {}
_fib_lock = threading.RLock()


def fib_cached(n):
    # Recursive: the new lock must be re-entrant.
    with _fib_lock:
        if n not in _fib:
            _fib[n] = n if n < 2 else fib_cached(n - 1) + fib_cached(n - 2)
    return _fib[n]


def fib_view(n):
    return fib_cached(n)
