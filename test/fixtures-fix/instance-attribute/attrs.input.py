# fix: instance attribute
"""Mutable class attributes only used through `self` become instance attributes."""
from django.views.generic import TemplateView


class Leaderboard:
    """Scores of one board."""

    scores = []

    def submit(self, score):
        self.scores.append(score)
        self.scores.sort(reverse=True)


class CartView(TemplateView):
    template_name = "cart.html"
    items = []

    # Adding an item.
    def post(self, request, sku):
        self.items.append(sku)
        return len(self.items)


class Basket:
    def __init__(self, owner):
        """Make a basket."""
        self.owner = owner

    contents = {}

    def add(self, sku, count):
        self.contents[sku] = count


class Shared:
    # Used through the class too: no instance-attribute fix.
    seen = set()

    def mark(self, item):
        self.seen.add(item)

    @classmethod
    def reset(cls):
        return len(cls.seen)
