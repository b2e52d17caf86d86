# fix: in this file
# threadlint: ignore-file[TL001, TL009]
"""An existing file-level pragma gets the new code."""
import os

_current = None


def switch(value):
    global _current
    _current = value


def move():
    os.chdir("/tmp")
