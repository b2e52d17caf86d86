"""A counter kept on a function defined before the module imports threading."""


def lookup(key):
    lookup.calls += 1
    return key


import threading  # noqa: E402

lookup.calls = 0
