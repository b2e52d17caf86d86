"""A lazily built cache: test, build, store. Two threads can both build."""
import sys
import threading
import time

sys.setswitchinterval(1e-6)

_cache = {}


def build(key):
    time.sleep(0)  # building takes a while: other threads run meanwhile
    return [key]


def get(key):
    if key not in _cache:
        _cache[key] = build(key)
    return _cache[key]


def main(threads, keys):
    barrier = threading.Barrier(threads)
    seen = [[] for _ in range(threads)]

    def worker(i):
        barrier.wait()
        for k in range(keys):
            seen[i].append(id(get(k)))

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    # Every thread must get the one object built for each key.
    distinct = max(len({seen[i][k] for i in range(threads)}) for k in range(keys))
    print(f"keys={len(_cache)} objects-per-key={distinct} ok={distinct == 1}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
