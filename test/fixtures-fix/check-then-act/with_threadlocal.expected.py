"""A check-then-act and a global rebinding of one name: fix-all must not combine a lock that
copies the test with the rewrite of that name (the copy would name a deleted global)."""
import threading

_local = threading.local()


def default_root(lines):
    for line in lines:
        _local._root = line
    if getattr(_local, "_root", None) is None:
        _local._root = '/'
    return getattr(_local, "_root", None)
