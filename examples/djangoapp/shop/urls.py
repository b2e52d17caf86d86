from django.urls import path

from shop import safe_views, views

app_name = "shop"

urlpatterns = [
    path("products/", safe_views.ProductListView.as_view(), name="product-list"),
    path("products/<str:sku>/", safe_views.ProductDetailView.as_view(), name="product-detail"),
    path("price/<str:sku>/", views.product_price, name="price"),
    path("stock/<str:sku>/", views.stock_level, name="stock"),
    path("cart/", views.CartView.as_view(), name="cart"),
    path("cart/add/<str:sku>/", views.CartView.as_view(), name="cart-add"),
    path("cart/summary/", safe_views.cart_summary, name="cart-summary"),
    path("checkout/", views.checkout, name="checkout"),
    path("invoices/<int:order_id>/", views.download_invoice, name="invoice"),
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/flush-prices/", views.flush_prices, name="flush-prices"),
]
