"""Shared objects that are safe as they are: thread-confined or built for
threads, plus state that is only written while the module is imported.

threadlint reports nothing in this file."""
import collections
import contextvars
import os
import queue
import signal
import threading

# Import time: module top level runs once, single-threaded, under the import
# lock, so rebinding a constant here is fine.
DEFAULT_CURRENCY = "EUR"
if os.environ.get("SHOP_CURRENCY"):
    DEFAULT_CURRENCY = os.environ["SHOP_CURRENCY"]

FEATURES = frozenset()


def _load_features():
    # Only ever called below, at import time.
    global FEATURES
    FEATURES = frozenset(filter(None, os.environ.get("SHOP_FEATURES", "").split(",")))


_load_features()

# Registry filled by a decorator while the module is imported and only read
# afterwards.
PAYMENT_BACKENDS = {}


def register(cls):
    PAYMENT_BACKENDS[cls.code] = cls
    return cls


@register
class CardBackend:
    code = "card"
    label = "Credit card"


@register
class InvoiceBackend:
    code = "invoice"
    label = "Pay by invoice"


def backend_for(code):
    return PAYMENT_BACKENDS[code]


# Each thread sees its own attributes.
_local = threading.local()


class _TenantState(threading.local):
    def __init__(self):
        self.tenant_id = None


_tenant_state = _TenantState()


def remember_request_id(request_id):
    _local.request_id = request_id


def set_tenant(tenant_id):
    _tenant_state.tenant_id = tenant_id


# Each thread and each asyncio task sees its own value.
current_currency = contextvars.ContextVar("current_currency", default=DEFAULT_CURRENCY)


def use_currency(code):
    return current_currency.set(code)


def restore_currency(token):
    current_currency.reset(token)


# queue.Queue does its own locking.
outgoing_email = queue.Queue()


def send_later(message):
    outgoing_email.put(message)


def next_email(timeout=1.0):
    try:
        return outgoing_email.get(timeout=timeout)
    except queue.Empty:
        return None


# deque appends and pops at either end are thread-safe.
recent_events = collections.deque(maxlen=200)


def record_event(event):
    recent_events.append(event)


def oldest_event():
    try:
        return recent_events.popleft()
    except IndexError:
        return None


if __name__ == "__main__":
    # Script entry, single-threaded: a small CLI that lists the backends.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.environ.setdefault("SHOP_CURRENCY", DEFAULT_CURRENCY)
    for code in sorted(PAYMENT_BACKENDS):
        print(code, PAYMENT_BACKENDS[code].label)
