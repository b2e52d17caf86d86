"""A check-then-act and a global rebinding of one name: fix-all must not combine a lock that
copies the test with the rewrite of that name (the copy would name a deleted global)."""
_root = None


def default_root(lines):
    global _root
    for line in lines:
        _root = line
    if _root is None:
        _root = '/'
    return _root
