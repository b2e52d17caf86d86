# fix: threading.local
"""An existing module-level threading.local() is reused."""
import threading

_state = threading.local()


def view(request):
    _state.LAST_PATH = request.path
    return getattr(_state, "LAST_PATH", None)
