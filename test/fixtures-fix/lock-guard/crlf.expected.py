"""CRLF line endings."""
import threading

_events = []
_events_lock = threading.Lock()


def record(event):
    # record it
    with _events_lock:
        _events.append(event)
