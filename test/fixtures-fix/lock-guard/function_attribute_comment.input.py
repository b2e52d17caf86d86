#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Lookups, counted on the function; no threading import yet."""
# Counts lookups (its comment stays with it).
def lookup(key):
    lookup.calls += 1
    return key


lookup.calls = 0
