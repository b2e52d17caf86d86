"""Check-then-act through a lookup: the test reads a local set by `.get()` just before it, so the
lookup goes inside the lock and is made again there (double-checked locking)."""
import threading

_clients = {}
_templates = {}
_templates_lock = threading.Lock()


class Client:
    def __init__(self, url):
        self.url = url


def client_for(url):
    client = _clients.get(url)
    if client is None:
        client = _clients[url] = Client(url)
    return client


def template(name, load):
    # The write is already locked, the test is not: the lookup and the test are repeated inside.
    text = _templates.get(name)
    if text is None:
        with _templates_lock:
            text = _templates[name] = load(name)
    return text


_rates = {}
_rates_lock = threading.Lock()


def rate(code, fetch):
    # The value is computed before the lock into the very name the lookup sets: looking it up again
    # inside the lock would overwrite it, so no lock fix is offered (the finding stays).
    value = _rates.get(code)
    if value is None:
        value = fetch(code)
        with _rates_lock:
            _rates[code] = value
    return value
