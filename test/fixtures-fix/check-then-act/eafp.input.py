"""EAFP fills: the whole `try` statement, the lookup and the handler that writes, goes under one lock.
A counter whose `+=` is also a read-modify-write is guarded once, by the same `with`."""
import threading

_clients = {}
_counts = {}
_rates = {}


class Client:
    def __init__(self, url):
        self.url = url


def client_for(url):
    try:
        return _clients[url]
    except KeyError:
        client = _clients[url] = Client(url)
        return client


def count(key):
    try:
        _counts[key] += 1
    except KeyError:
        _counts[key] = 1


def rate(currency):
    try:
        return _rates[currency]
    except KeyError:
        pass
    value = len(currency)
    _rates[currency] = value
    return value


def view(request):
    return client_for(request.GET["u"]), count(request.path), rate(request.GET["c"])
