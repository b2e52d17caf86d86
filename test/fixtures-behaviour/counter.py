"""A shared counter: read, add, write back. Lost updates under threads."""
import sys
import threading
import time

sys.setswitchinterval(1e-6)

counter = 0


def pause(value):
    # Widens the window between the read and the write (CPython's GIL makes the bare race rare).
    time.sleep(0)
    return value


def bump():
    global counter
    counter = counter + pause(1)


def main(threads, rounds):
    barrier = threading.Barrier(threads)

    def worker():
        barrier.wait()
        for _ in range(rounds):
            bump()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    expected = threads * rounds
    print(f"counter={counter} expected={expected} ok={counter == expected}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
