"""The shop app: product prices, a cart, checkout and invoices."""
