"""Check-then-act: the preferred fix is double-checked locking when the test has no side effects."""
import threading

_service = None
_cache = {}
_sessions = {}


class Service:
    pass


def get_service():
    global _service
    if _service is None:  # lazily created
        _service = Service()
    return _service


def cached(key, compute):
    if key not in _cache:
        _cache[key] = compute(key)
    return _cache[key]


def end_session(token):
    if (
        token in _sessions
        and _sessions[token] is not None
    ):
        del _sessions[token]


class Connection:
    _instance = None

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance


class GeoIPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._reader = None

    def __call__(self, request):
        if self._reader is None:
            self._reader = object()
        return self.get_response(request)
