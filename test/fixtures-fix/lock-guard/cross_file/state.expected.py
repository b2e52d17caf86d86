"""Process-wide state shared by the views and jobs modules."""
import threading

CACHE = {}
_cache_lock = threading.Lock()
LISTENERS = []
_listeners_lock = threading.Lock()
hits = 0
_hits_lock = threading.Lock()
