"""The read a few statements above the write, through a local: the lock covers both."""
REG = {}


def add(k, x):
    items = REG.get(k, [])
    print("adding")
    REG[k] = items + [x]
