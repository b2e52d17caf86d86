"""Class attributes, and state of long-lived objects, guarded by locks."""
import threading
import time


class PluginRegistry:
    """Plugins by name."""

    plugins = {}
    _plugins_lock = threading.Lock()
    hooks = []
    _hooks_lock = threading.Lock()

    def register(self, name, plugin):
        with self._plugins_lock:
            self.plugins[name] = plugin

    @classmethod
    def add_hook(cls, hook):
        with cls._hooks_lock:
            cls.hooks.append(hook)

    @staticmethod
    def clear_hooks():
        with PluginRegistry._hooks_lock:
            PluginRegistry.hooks.clear()


class Job:
    runs = 0
    _runs_lock = threading.Lock()

    def run(self):
        with Job._runs_lock:
            Job.runs += 1


class Field:
    creation_counter = 0
    _creation_counter_lock = threading.Lock()

    def __init__(self, name):
        self.name = name
        # The read and the increment go under one lock.
        with Field._creation_counter_lock:
            self.creation_counter = Field.creation_counter
            Field.creation_counter += 1


class TimingMiddleware:
    def __init__(self, get_response):
        """Keep the next handler."""
        self._total_lock = threading.Lock()
        self.get_response = get_response
        self.total = 0.0

    def __call__(self, request):
        start = time.monotonic()
        response = self.get_response(request)
        with self._total_lock:
            self.total += time.monotonic() - start
        return response


class Metrics:
    _served_lock = threading.Lock()

    def record(self):
        with self._served_lock:
            self.served = getattr(self, "served", 0)
            self.served += 1


METRICS = Metrics()
