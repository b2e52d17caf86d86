"""Middleware. Django creates ONE instance of each class per process, when
the server starts (`__init__`), and then calls it from every request thread
at once, so attributes written on `self` after `__init__` are shared."""
import logging
import threading
import time

logger = logging.getLogger(__name__)


class CurrentUserMiddleware:
    """Remembers the user so that the audit log can stamp `changed_by`."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.user = None

    def __call__(self, request):
        # The single instance is shared by all threads: while this request is
        # running, another thread replaces `self.user`, and this request's
        # changes are audited as made by somebody else.
        self.user = request.user  # expect: TL007
        return self.get_response(request)


class TimingMiddleware:
    """Logs how long each request took and how many were served."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.count = 0

    def __call__(self, request):
        # Another request starting meanwhile overwrites the start time, so
        # durations are measured from the wrong request's start.
        self.started = time.monotonic()  # expect: TL008
        response = self.get_response(request)
        # Read, add one, write back: concurrent requests lose increments.
        self.count += 1  # expect: TL006
        logger.info("request #%d took %.3fs", self.count, time.monotonic() - self.started)
        return response


class ServerTimingMiddleware:
    """The correct version: per-request data stays in locals (or on the
    request), and the one shared counter is updated under a lock."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._lock = threading.Lock()
        self.served = 0

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        elapsed_ms = (time.monotonic() - started) * 1000
        with self._lock:
            self.served += 1
        response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        return response
