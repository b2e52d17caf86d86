"""In-process cache for prices and stock levels.

Deliberately settings-free so that it can be imported from anywhere. Every
name below lives once per process and is shared by all 15 request threads of
that process.
"""
import requests

PRICING_URL = "https://pricing.internal.example/api/v1"

# sku -> Decimal price, filled lazily by the views.
PRICE_CACHE = {}

# sku -> units in stock, refreshed by the stock views.
STOCK_LEVELS = {}

# Cache statistics, shown on the staff dashboard.
hits = 0
misses = 0

# The pricing-service client, created on first use.
_client = None


class PricingClient:
    def __init__(self, base_url=PRICING_URL):
        self.base_url = base_url
        self.session = requests.Session()

    def fetch_price(self, sku):
        response = self.session.get(f"{self.base_url}/prices/{sku}", timeout=5)
        response.raise_for_status()
        return response.json()["price"]

    def fetch_stock(self, sku):
        response = self.session.get(f"{self.base_url}/stock/{sku}", timeout=5)
        response.raise_for_status()
        return response.json()["units"]


def get_client():
    global _client
    # Two threads can both see `_client is None`, both build a client and both
    # assign it: one client (and its connection pool) is thrown away, and a
    # thread may keep using the one that lost.
    if _client is None:  # expect: TL005
        _client = PricingClient()
    return _client


def reset_stats():
    global hits, misses
    # Rebinding the counters races with the `+= 1` in the views: a thread that
    # read the old value just before the reset writes it back right after,
    # so the reset is silently undone.
    hits = 0  # expect: TL001
    misses = 0  # expect: TL001
