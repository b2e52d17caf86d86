"""Mutable defaults replaced by a None sentinel, in awkward layouts."""
import collections
import functools


def add_tag(tag, tags=[]):
    tags.append(tag)
    return tags


def remember(key, value, cache={}):
    """Remember a value (one-line docstring)."""
    cache[key] = value
    return cache


def collect(item, seen=set()):  # a comment on the header line
    """Collect an item.

    A docstring over several lines.
    """
    # a comment before the first statement
    seen.add(item)
    return seen


@functools.lru_cache(maxsize=None)
def decorated(word, counts=collections.Counter()):
    counts.update([word])
    return counts


def typed(item, items: list = []):
    items.append(item)
    return items


def two(a, first=[], second={}):
    first.append(a)
    second[a] = True
    return first, second


def multi_line(
    key,
    table={
        "initial": 1,
    },
):
    table[key] = len(table)
    return table


class Formatter:
    def format(self, value, parts=[]):
        parts.extend(str(value).split())
        return " ".join(parts)

    @staticmethod
    def join(value, parts=list()):
        parts.append(value)
        return ",".join(parts)
