"""The read a few statements above the write, through a local: the lock covers both."""
import threading

REG = {}
_reg_lock = threading.RLock()


def add(k, x):
    with _reg_lock:
        items = REG.get(k, [])
        print("adding")
        REG[k] = items + [x]
