#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# threadlint: ignore-file[TL009]
# fix: in this file
"""A file-level suppression goes after the shebang and the encoding line."""
import os


def move():
    os.chdir("/tmp")
