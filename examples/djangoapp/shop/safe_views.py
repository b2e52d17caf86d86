"""Views written for a threaded server: per-request data lives in locals and
on the view instance, module-level names are immutable constants, and the
one shared cache is the locked one in shop.safe_cache.

threadlint reports nothing in this file."""
from decimal import Decimal

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from shop.models import Product
from shop.safe_cache import get_price

PAGE_SIZE = 24
SORT_FIELDS = ("name", "-name", "price", "-price")
FREE_SHIPPING_FROM = Decimal("50.00")
SHIPPING_COUNTRIES = frozenset({"AT", "BE", "CH", "DE", "FR", "NL"})


class ProductListView(View):
    template_name = "shop/product_list.html"
    # A mutable class attribute that is only read: not a finding.
    http_method_names = ["get", "head"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # as_view() creates a new instance for every request, so attributes
        # set on `self` belong to this request alone.
        self.sort = request.GET.get("sort", "name")
        self.page = int(request.GET.get("page", "1"))

    def get(self, request):
        if self.sort not in SORT_FIELDS:
            self.sort = "name"
        start = (self.page - 1) * PAGE_SIZE
        products = Product.objects.order_by(self.sort)[start:start + PAGE_SIZE]
        return render(request, self.template_name, {"products": products, "sort": self.sort})


class ProductDetailView(View):
    template_name = "shop/product_detail.html"

    def get(self, request, sku):
        self.product = get_object_or_404(Product, sku=sku)
        self.price = get_price(sku)
        return render(request, self.template_name, {"product": self.product, "price": self.price})


def cart_summary(request):
    lines = []
    total = Decimal("0")
    for item in request.session.get("cart", []):
        price = get_price(item["sku"])
        lines.append({"sku": item["sku"], "qty": item["qty"], "price": str(price)})
        total += price * item["qty"]
    country = request.GET.get("country", "DE")
    shipping = Decimal("0") if total >= FREE_SHIPPING_FROM else Decimal("4.90")
    return JsonResponse(
        {
            "lines": lines,
            "total": str(total + shipping),
            "ships": country in SHIPPING_COUNTRIES,
        }
    )
