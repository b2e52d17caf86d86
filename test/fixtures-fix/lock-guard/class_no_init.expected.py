"""A class without __init__ and a file without imports: PEP 8 blank lines kept."""
import threading


class AuditMiddleware:
    """Middleware without __init__."""
    _seen_lock = threading.Lock()

    def process_request(self, request):
        with self._seen_lock:
            self.seen = getattr(self, "seen", {})
            self.seen[request.path] = 1
