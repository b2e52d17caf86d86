"""Another module binds the name the lock would get."""
_cache_lock = None
