"""Real threads released at the same moment, for the PostgreSQL row-locking tests."""
import threading

from django.db import connections


def run_together(jobs, *, what: str = "a job"):
    """Run the callables in real threads released by one barrier; returns their results (or the
    exception a job raised, as its result: a server error must show, not hang the test)."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), f"{what} hung (deadlock?)"
    return results
