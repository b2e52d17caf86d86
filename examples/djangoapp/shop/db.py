"""A side database for orders, kept in SQLite next to the app."""
import sqlite3

DB_PATH = "orders.sqlite3"

# One connection for the whole process, opened at import time by whichever
# thread imported this module first.
conn = sqlite3.connect(DB_PATH)
conn.row_factory = sqlite3.Row


def _order_numbers(start):
    number = start
    while True:
        yield number
        number += 1


# Order numbers come from one generator shared by every thread.
ORDER_NUMBERS = _order_numbers(1000)


def next_order_number():
    # Two threads calling next() on the same generator at once get
    # "ValueError: generator already executing".
    return next(ORDER_NUMBERS)  # expect: TL012


def fetch_order(order_id):
    # sqlite3 connections refuse to be used from a thread other than the one
    # that created them (check_same_thread=True): every request thread except
    # the importing one gets sqlite3.ProgrammingError here.
    row = conn.execute(  # expect: TL012
        "SELECT number, total FROM orders WHERE id = ?", (order_id,)
    ).fetchone()
    return dict(row) if row is not None else None
