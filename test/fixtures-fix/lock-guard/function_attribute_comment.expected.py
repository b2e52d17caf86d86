#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Lookups, counted on the function; no threading import yet."""
import threading

_lookup_lock = threading.Lock()


# Counts lookups (its comment stays with it).
def lookup(key):
    with _lookup_lock:
        lookup.calls += 1
    return key


lookup.calls = 0
