"""A dict an asyncio lock guards in coroutines, changed by a plain function too."""
import asyncio
import threading

_cache = {}
_cache_lock = threading.Lock()
_guard = asyncio.Lock()


async def fill(key):
    async with _guard:
        _cache[key] = key


def drop(key):
    # A plain `with` cannot take the asyncio lock: a threading lock is made instead.
    with _cache_lock:
        _cache.pop(key, None)
