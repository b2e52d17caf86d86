"""A lock that already guards the object elsewhere is reused; `from threading import Lock` style."""
from threading import Lock

_rates = {}
_rates_guard = Lock()


def set_rate(currency, rate):
    with _rates_guard:
        _rates[currency] = rate


def drop_rate(currency):
    _rates.pop(currency, None)


_queue = []


def push(item):
    _queue.append(item)
