# Migrations run once, from `manage.py migrate`, never inside a request.
# pyproject.toml excludes this folder (`exclude = ["*/migrations/*"]`), so
# threadlint does not scan it; the module-level dict below, mutated from
# seed_products(), would otherwise be reported as shared-mutable-mutation.
from decimal import Decimal

from django.db import migrations, models

DEFAULT_PRODUCTS = (
    ("MUG-01", "Coffee mug", Decimal("9.90")),
    ("TEE-01", "T-shirt", Decimal("19.00")),
)

SEEDED = {}


def seed_products(apps, schema_editor):
    Product = apps.get_model("shop", "Product")
    for sku, name, price in DEFAULT_PRODUCTS:
        SEEDED[sku] = Product.objects.create(sku=sku, name=name, price=price)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("sku", models.CharField(max_length=32, unique=True)),
                ("name", models.CharField(max_length=200)),
                ("price", models.DecimalField(decimal_places=2, max_digits=10)),
                ("in_stock", models.BooleanField(default=True)),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("number", models.PositiveIntegerField(unique=True)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("total", models.DecimalField(decimal_places=2, max_digits=12)),
                (
                    "customer",
                    models.ForeignKey(on_delete=models.deletion.PROTECT, to="auth.user"),
                ),
            ],
        ),
        migrations.RunPython(seed_products, migrations.RunPython.noop),
    ]
