# fix: on this line
"""Line suppressions: a new pragma, one merged into an existing list, one after another comment."""
import os

CACHE = {}
SEEN = set()
EVENTS = []


def store(key, value):
    CACHE[key] = value


def store_unicode(key):
    CACHE[key] = "é😀 – ünïcödé"


def mark(item):
    SEEN.add(item)  # threadlint: ignore[TL005]


def record(event):
    EVENTS.append(event)  # noqa: E501


def record_many(events):
    EVENTS.extend(
        e for e in events if e
    )


def move():
    os.chdir("/tmp")   
