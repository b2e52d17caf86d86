#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys

if __name__ == "__main__":
    # Script entry: runs once, on the main thread, before any request thread
    # exists, so changing the process environment here is fine.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopsite.settings")
    os.environ.setdefault("SHOP_CURRENCY", "EUR")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable?"
        ) from exc
    execute_from_command_line(sys.argv)
