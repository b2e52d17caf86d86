"""With only third-party imports, `import threading` opens the standard-library section above them."""
import threading

from django.conf import settings

_seen = set()
_seen_lock = threading.Lock()


def remember(path):
    with _seen_lock:
        _seen.add((settings.BASE_DIR, path))
