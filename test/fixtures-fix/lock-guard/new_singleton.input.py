"""A singleton made by __new__: its __init__ runs again at every call, so the lock goes on the class."""


class ReportCache:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance._data = {}
        return cls._instance

    def put(self, key, value):
        self._data[key] = value


def remember(request, key, value):
    ReportCache().put(key, value)


class Singleton:
    _instance = None

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance


class Registry(Singleton):
    # Inherits the singleton's __new__: its __init__ runs again at every Registry().
    def __init__(self):
        self.handlers = {}

    def add(self, name, handler):
        self.handlers[name] = handler


def register(request, name, handler):
    Registry().add(name, handler)
