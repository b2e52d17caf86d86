"""The price cache done right: the same module-level state as shop.cache,
but every read-test-write sequence runs while a lock is held.

threadlint reports nothing in this file."""
import threading

from shop.cache import PricingClient

_prices_lock = threading.Lock()
_prices = {}

_client_lock = threading.Lock()
_client = None

_stats_lock = threading.Lock()
lookups = 0

# An RLock may be taken again by the thread that already holds it.
_warm_lock = threading.RLock()
_warm_skus = set()


def get_client():
    global _client
    # Double-checked locking: the unlocked test is only a fast path; the
    # decision to create the client is re-checked while the lock is held.
    if _client is None:
        with _client_lock:
            if _client is None:
                _client = PricingClient()
    return _client


def get_price(sku):
    count_lookup()
    with _prices_lock:
        if sku not in _prices:
            _prices[sku] = get_client().fetch_price(sku)
        return _prices[sku]


def invalidate(sku=None):
    with _prices_lock:
        if sku is None:
            _prices.clear()
        else:
            _prices.pop(sku, None)


def count_lookup():
    global lookups
    _stats_lock.acquire()
    try:
        lookups += 1
    finally:
        _stats_lock.release()


def warm(skus):
    with _warm_lock:
        for sku in skus:
            _mark_warm(sku)


def _mark_warm(sku):
    with _warm_lock:
        _warm_skus.add(sku)
