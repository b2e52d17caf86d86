"""Totals guarded by an imported lock in one handler, not in the other: the fix takes that lock,
not a new one, which would not exclude the first handler."""
from flask import Flask

import sync
from sync import db_guard

app = Flask(__name__)
_totals = {"a": 0, "b": 0}


@app.route("/a")
def a():
    with db_guard:
        _totals["a"] += 1
    with sync.db_guard:
        _totals["a"] += 1
    return "ok"


@app.route("/b")
def b():
    with db_guard:
        _totals["b"] += 1
    return "ok"
