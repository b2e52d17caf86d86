"""CRLF line endings."""
_events = []


def record(event):
    # record it
    _events.append(event)
