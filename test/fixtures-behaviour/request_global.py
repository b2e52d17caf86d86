"""Per-request data in a module global: a request sees another request's user."""
import sys
import threading
import time

sys.setswitchinterval(1e-6)

CURRENT_USER = None


def render():
    return f"hello {CURRENT_USER}"


def handle(user):
    global CURRENT_USER
    CURRENT_USER = user
    time.sleep(0)  # the request does some work: other requests run meanwhile
    return render()


def main(threads, requests):
    barrier = threading.Barrier(threads)
    wrong = [0] * threads

    def worker(i):
        barrier.wait()
        for r in range(requests):
            user = f"user{i}-{r}"
            if handle(user) != f"hello {user}":
                wrong[i] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    print(f"wrong={sum(wrong)} ok={sum(wrong) == 0}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
