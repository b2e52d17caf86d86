"""A singleton made by __new__: its __init__ runs again at every call, so the lock goes on the class."""
import threading


class ReportCache:
    _data_lock = threading.Lock()
    _instance = None
    _instance_lock = threading.RLock()

    def __new__(cls):
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = super().__new__(cls)
                cls._instance._data = {}
        return cls._instance

    def put(self, key, value):
        with self._data_lock:
            self._data[key] = value


def remember(request, key, value):
    ReportCache().put(key, value)


class Singleton:
    _instance = None
    _instance_lock = threading.RLock()

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            with cls._instance_lock:
                if cls._instance is None:
                    cls._instance = super().__new__(cls)
        return cls._instance


class Registry(Singleton):
    # Inherits the singleton's __new__: its __init__ runs again at every Registry().
    _handlers_lock = threading.Lock()

    def __init__(self):
        self.handlers = {}

    def add(self, name, handler):
        with self._handlers_lock:
            self.handlers[name] = handler


def register(request, name, handler):
    Registry().add(name, handler)
