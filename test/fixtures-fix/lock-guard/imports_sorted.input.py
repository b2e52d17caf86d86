"""`import threading` goes where an import sorter would put it: among the standard library's imports."""
from __future__ import annotations

import os
import sys
import warnings
from functools import lru_cache

from django.conf import settings

_seen = set()


def remember(path):
    _seen.add(os.path.join(sys.prefix, path, settings.BASE_DIR))
    warnings.warn("remembered")
    return lru_cache
