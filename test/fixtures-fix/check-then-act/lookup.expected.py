"""Check-then-act through a lookup: the test reads a local set by `.get()` just before it, so the
lookup goes inside the lock and is made again there (double-checked locking)."""
import threading

_clients = {}
_clients_lock = threading.RLock()
_templates = {}
_templates_lock = threading.Lock()


class Client:
    def __init__(self, url):
        self.url = url


def client_for(url):
    client = _clients.get(url)
    if client is None:
        with _clients_lock:
            client = _clients.get(url)
            if client is None:
                client = _clients[url] = Client(url)
    return client


def template(name, load):
    # The write is already locked, the test is not: the lookup and the test are repeated inside.
    text = _templates.get(name)
    if text is None:
        with _templates_lock:
            text = _templates.get(name)
            if text is None:
                text = _templates[name] = load(name)
    return text
