"""The lock another module of the project makes for the totals."""
import threading

db_guard = threading.Lock()
