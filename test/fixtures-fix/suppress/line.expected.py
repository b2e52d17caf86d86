# fix: on this line
"""Line suppressions: a new pragma, one merged into an existing list, one after another comment."""
import os

CACHE = {}
SEEN = set()
EVENTS = []


def store(key, value):
    CACHE[key] = value  # threadlint: ignore[TL002]


def store_unicode(key):
    CACHE[key] = "é😀 – ünïcödé"  # threadlint: ignore[TL002]


def mark(item):
    SEEN.add(item)  # threadlint: ignore[TL005, TL002]


def record(event):
    EVENTS.append(event)  # noqa: E501  # threadlint: ignore[TL002]


def record_many(events):
    EVENTS.extend(  # threadlint: ignore[TL002]
        e for e in events if e
    )


def move():
    os.chdir("/tmp")  # threadlint: ignore[TL009]
