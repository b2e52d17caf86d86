"""Mutable defaults replaced by a None sentinel, in awkward layouts."""
import collections
import functools


def add_tag(tag, tags=None):
    if tags is None:
        tags = []
    tags.append(tag)
    return tags


def remember(key, value, cache=None):
    """Remember a value (one-line docstring)."""
    if cache is None:
        cache = {}
    cache[key] = value
    return cache


def collect(item, seen=None):  # a comment on the header line
    """Collect an item.

    A docstring over several lines.
    """
    if seen is None:
        seen = set()
    # a comment before the first statement
    seen.add(item)
    return seen


@functools.lru_cache(maxsize=None)
def decorated(word, counts=None):
    if counts is None:
        counts = collections.Counter()
    counts.update([word])
    return counts


def typed(item, items: list = None):
    if items is None:
        items = []
    items.append(item)
    return items


def two(a, first=None, second=None):
    if first is None:
        first = []
    if second is None:
        second = {}
    first.append(a)
    second[a] = True
    return first, second


def multi_line(
    key,
    table=None,
):
    if table is None:
        table = {
            "initial": 1,
        }
    table[key] = len(table)
    return table


class Formatter:
    def format(self, value, parts=None):
        if parts is None:
            parts = []
        parts.extend(str(value).split())
        return " ".join(parts)

    @staticmethod
    def join(value, parts=None):
        if parts is None:
            parts = list()
        parts.append(value)
        return ",".join(parts)
