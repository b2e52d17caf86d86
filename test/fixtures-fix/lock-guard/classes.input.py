"""Class attributes, and state of long-lived objects, guarded by locks."""
import threading
import time


class PluginRegistry:
    """Plugins by name."""

    plugins = {}
    hooks = []

    def register(self, name, plugin):
        self.plugins[name] = plugin

    @classmethod
    def add_hook(cls, hook):
        cls.hooks.append(hook)

    @staticmethod
    def clear_hooks():
        PluginRegistry.hooks.clear()


class Job:
    runs = 0

    def run(self):
        Job.runs += 1


class Field:
    creation_counter = 0

    def __init__(self, name):
        self.name = name
        # The read and the increment go under one lock.
        self.creation_counter = Field.creation_counter
        Field.creation_counter += 1


class TimingMiddleware:
    def __init__(self, get_response):
        """Keep the next handler."""
        self.get_response = get_response
        self.total = 0.0

    def __call__(self, request):
        start = time.monotonic()
        response = self.get_response(request)
        self.total += time.monotonic() - start
        return response


class Metrics:
    def record(self):
        self.served = getattr(self, "served", 0)
        self.served += 1


METRICS = Metrics()
