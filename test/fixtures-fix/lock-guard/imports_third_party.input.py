"""With only third-party imports, `import threading` opens the standard-library section above them."""
from django.conf import settings

_seen = set()


def remember(path):
    _seen.add((settings.BASE_DIR, path))
