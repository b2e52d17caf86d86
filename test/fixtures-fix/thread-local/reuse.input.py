# fix: threading.local
"""An existing module-level threading.local() is reused."""
import threading

_state = threading.local()
LAST_PATH = None


def view(request):
    global LAST_PATH
    LAST_PATH = request.path
    return LAST_PATH
