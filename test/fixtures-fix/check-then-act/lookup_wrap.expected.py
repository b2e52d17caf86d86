# fix: ^Guard the test
"""Check-then-act through a lookup, guarded whole: the lookup and the `if` go under one lock."""
import threading

_clients = {}
_clients_lock = threading.RLock()


class Client:
    def __init__(self, url):
        self.url = url


def client_for(url):
    with _clients_lock:
        client = _clients.get(url)  # the lookup the test reads
        if client is None:
            client = _clients[url] = Client(url)
    return client
