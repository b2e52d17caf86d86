"""Helpers shared by the views."""
import locale
import threading

import httpx


def product_filters(extra, base={"in_stock": True}):
    # The default dict is created once, when `def` runs, and shared by every
    # call on every thread: filters from one request stay in it and leak into
    # the next request's query.
    base.update(extra)  # expect: TL004
    return base


def format_price(amount, locale_name="de_DE.UTF-8"):
    # The locale is process-wide: a thread formatting a price for another
    # country switches it under this thread's feet between these two lines.
    locale.setlocale(locale.LC_MONETARY, locale_name)  # expect: TL009
    return locale.currency(amount, grouping=True)


# Exchange rates, refreshed from the bank's feed on demand.
_rates_lock = threading.Lock()
_rates = {}


def _fetch_rates():
    return {"EUR": 1.0, "USD": 1.08, "GBP": 0.86}


def _refresh_rates():
    with _rates_lock:
        _rates.clear()
        _rates.update(_fetch_rates())


def convert(amount, currency):
    with _rates_lock:
        if currency not in _rates:
            # _refresh_rates() takes _rates_lock again; threading.Lock is not
            # reentrant, so this thread waits for itself forever, and every
            # other thread that needs a rate then waits behind it.
            _refresh_rates()  # expect: TL010
        return amount * _rates[currency]


# Per-thread data for the outgoing warehouse notifications.
_notify_state = threading.local()


async def notify_warehouse(order_number, correlation_id):
    # All coroutines of an event loop run on one thread and so share one
    # threading.local: while this coroutine awaits, another one overwrites
    # the correlation id and the warehouse gets the wrong one.
    _notify_state.correlation_id = correlation_id  # expect: TL011
    async with httpx.AsyncClient() as client:
        await client.post(
            "https://warehouse.internal.example/orders",
            json={"order": order_number},
            headers={"X-Correlation-ID": _notify_state.correlation_id},
        )
