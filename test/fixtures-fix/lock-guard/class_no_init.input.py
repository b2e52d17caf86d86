"""A class without __init__ and a file without imports: PEP 8 blank lines kept."""
class AuditMiddleware:
    """Middleware without __init__."""

    def process_request(self, request):
        self.seen = getattr(self, "seen", {})
        self.seen[request.path] = 1
