from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    in_stock = models.BooleanField(default=True)

    class Meta:
        # A mutable class attribute that is only read: not a finding.
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.sku})"


class Order(models.Model):
    number = models.PositiveIntegerField(unique=True)
    customer = models.ForeignKey("auth.User", on_delete=models.PROTECT)
    created = models.DateTimeField(auto_now_add=True)
    total = models.DecimalField(max_digits=12, decimal_places=2)
