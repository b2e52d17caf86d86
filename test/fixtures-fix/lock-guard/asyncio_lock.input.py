"""A dict an asyncio lock guards in coroutines, changed by a plain function too."""
import asyncio

_cache = {}
_guard = asyncio.Lock()


async def fill(key):
    async with _guard:
        _cache[key] = key


def drop(key):
    # A plain `with` cannot take the asyncio lock: a threading lock is made instead.
    _cache.pop(key, None)
