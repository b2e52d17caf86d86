"""A module-level generator advanced from many threads."""
import itertools

_ids = (n for n in itertools.count(1))


def next_id():
    return next(_ids)
