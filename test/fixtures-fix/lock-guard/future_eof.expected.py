"""No newline at the end, a __future__ import, and a statement on the last line."""
from __future__ import annotations
import threading

_seen: set[str] = set()
_seen_lock = threading.Lock()


def mark(item: str) -> None:
    with _seen_lock:
        _seen.add(item)