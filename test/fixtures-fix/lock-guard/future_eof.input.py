"""No newline at the end, a __future__ import, and a statement on the last line."""
from __future__ import annotations

_seen: set[str] = set()


def mark(item: str) -> None:
    _seen.add(item)