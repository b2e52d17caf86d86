"""Storefront views, as first written: they work with the development server
but break under mod_wsgi's `processes=6 threads=15`, where 15 threads run
these functions at the same time and share every module-level name."""
import os

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.views import View

from shop import cache
from shop.cache import PRICE_CACHE, get_client
from shop.db import fetch_order, next_order_number

# The customer of the most recent checkout, shown on the staff dashboard.
LAST_CUSTOMER = None


def product_price(request, sku):
    # Two threads asking for the same SKU can both find it missing and both
    # call the pricing service; and a staff flush running in between is
    # undone when the slower thread writes its (now stale) price back.
    if sku not in PRICE_CACHE:  # expect: TL005
        PRICE_CACHE[sku] = get_client().fetch_price(sku)
        # `+=` on another module's global is read, add, write: two threads
        # read the same value and one of the increments is lost.
        cache.misses += 1  # expect: TL006
    else:
        # Same lost-update race as above.
        cache.hits += 1  # expect: TL006
    return JsonResponse({"sku": sku, "price": str(PRICE_CACHE[sku])})


def stock_level(request, sku):
    units = get_client().fetch_stock(sku)
    # Writes a dict shared by all threads, through the module object, with no
    # lock: a concurrent refresh can overwrite a newer level with an older one.
    cache.STOCK_LEVELS[sku] = units  # expect: TL002
    return JsonResponse({"sku": sku, "units": units})


@staff_member_required
def flush_prices(request):
    # Clears the shared dict while other threads are between "fetch price"
    # and "store price": they write their old prices back after the flush.
    PRICE_CACHE.clear()  # expect: TL002
    cache.reset_stats()
    return JsonResponse({"flushed": True})


def checkout(request):
    global LAST_CUSTOMER
    number = next_order_number()
    # One request's user stored in a module global: the dashboard (and any
    # code that trusts LAST_CUSTOMER) sees whichever thread wrote last, which
    # is another customer's request half of the time.
    LAST_CUSTOMER = request.user  # expect: TL007
    return JsonResponse({"order": number})


@staff_member_required
def dashboard(request):
    return render(
        request,
        "shop/dashboard.html",
        {"last_customer": LAST_CUSTOMER, "hits": cache.hits, "misses": cache.misses},
    )


def download_invoice(request, order_id):
    order = fetch_order(order_id)
    # The working directory belongs to the process, not the thread: every
    # other request that opens a relative path now resolves it against the
    # invoice folder, and two invoice downloads fight over the cwd.
    os.chdir(settings.INVOICE_DIR)  # expect: TL009
    return FileResponse(open(f"invoice-{order['number']}.pdf", "rb"))


class CartView(View):
    template_name = "shop/cart.html"
    # Meant as "the items in this cart", but a class attribute is created once
    # when the class is defined and shared by every CartView instance: all
    # customers add to the same list, from 15 threads at once.
    items = []

    def get(self, request):
        # Fine: as_view() builds a new CartView for every request.
        self.cart_id = request.session.get("cart_id")
        return render(request, self.template_name, {"items": self.items})

    def post(self, request, sku):
        self.cart_id = request.session.setdefault("cart_id", request.session.session_key)
        # `self.items` is the shared class attribute, not a per-request list.
        self.items.append(sku)  # expect: TL003
        return JsonResponse({"cart": self.cart_id, "count": len(self.items)})
