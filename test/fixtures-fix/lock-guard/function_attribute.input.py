"""A counter kept on a module-level function: the lock goes above the function's definition."""


def lookup(key):
    lookup.calls += 1
    return key


lookup.calls = 0
