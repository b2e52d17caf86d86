"""Check-then-act: the preferred fix is double-checked locking when the test has no side effects."""
import threading

_service = None
_service_lock = threading.RLock()
_cache = {}
_cache_lock = threading.RLock()
_sessions = {}
_sessions_lock = threading.Lock()


class Service:
    pass


def get_service():
    global _service
    if _service is None:
        with _service_lock:
            if _service is None:  # lazily created
                _service = Service()
    return _service


def cached(key, compute):
    if key not in _cache:
        with _cache_lock:
            if key not in _cache:
                _cache[key] = compute(key)
    return _cache[key]


def end_session(token):
    if (
        token in _sessions
        and _sessions[token] is not None
    ):
        with _sessions_lock:
            if (
                token in _sessions
                and _sessions[token] is not None
            ):
                del _sessions[token]


class Connection:
    _instance = None
    _instance_lock = threading.RLock()

    @classmethod
    def instance(cls):
        if cls._instance is None:
            with cls._instance_lock:
                if cls._instance is None:
                    cls._instance = cls()
        return cls._instance


class GeoIPMiddleware:
    def __init__(self, get_response):
        self._reader_lock = threading.Lock()
        self.get_response = get_response
        self._reader = None

    def __call__(self, request):
        if self._reader is None:
            with self._reader_lock:
                if self._reader is None:
                    self._reader = object()
        return self.get_response(request)


_config = None
_config_lock = threading.Lock()
_registry = None
_registry_lock = threading.RLock()


def get_config():
    # Bound first, filled afterwards: another thread must not see it half-built,
    # so the whole test goes under the lock (no double-checked locking).
    global _config
    with _config_lock:
        if _config is None:
            _config = {}
            _config["prefix"] = "/usr"
            _config.update(platform="linux")
    return _config


def get_registry():
    # Built in a local, then published in one statement: double-checked locking is fine.
    global _registry
    if _registry is None:
        with _registry_lock:
            if _registry is None:
                registry = {"prefix": "/usr"}
                registry.update(platform="linux")
                _registry = registry
    return _registry
