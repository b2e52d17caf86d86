"""A signal handler and the main loop change one dict: the lock goes around the loop's change only.

A handler that waited for a lock the interrupted main thread holds would wait forever.
"""
import signal
import threading
import time

_stats = {}
_stats_lock = threading.Lock()


class Worker:
    def start(self):
        signal.signal(signal.SIGUSR1, self.on_usr1)
        for _ in range(4):
            threading.Thread(target=self.loop, daemon=True).start()
        self.loop()          # the main thread works too

    def on_usr1(self, signum, frame):
        _stats["resets"] = _stats.get("resets", 0) + 1

    def loop(self):
        while True:
            with _stats_lock:
                _stats["ticks"] = _stats.get("ticks", 0) + 1
            time.sleep(0.01)


def report():
    return dict(_stats)
