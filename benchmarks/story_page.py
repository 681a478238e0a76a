"""Page-load time of the story page: `storyline serve` (uvicorn) on a store, N requests per client.

Builds the store first when it is missing, starts `storyline serve` on a free port of 127.0.0.1 in a
child process, warms it up, then times N GETs of the story page (and of the same story from the JSON
API) with one keep-alive httpx client, or with C clients at once (``--clients``: each its own
connection and thread, all started together). The time is from sending the request to the last byte
read. ``--story`` picks the story (default: the one with the most articles).

    python benchmarks/story_page.py [--db /tmp/seeds.db] [--corpus ../shared/seeds] [--requests 50]
    python benchmarks/story_page.py --db /tmp/seeds.db --clients 20 --requests 10
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(client: httpx.Client, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if client.get("/api/stories").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("storyline serve did not start")
        time.sleep(0.1)


def timings(client: httpx.Client, path: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(path)
        r.read()
        out.append((time.perf_counter() - t0) * 1000)
        r.raise_for_status()
    return out


def concurrent_timings(base_url: str, path: str, clients: int, n: int) -> tuple[list[float], float]:
    """``clients`` threads, each with its own connection, each timing ``n`` GETs; and the wall time."""
    results: list[list[float]] = [[] for _ in range(clients)]
    start = threading.Barrier(clients + 1)

    def run(i: int) -> None:
        with httpx.Client(base_url=base_url, timeout=120) as client:
            client.get(path).raise_for_status()  # the connection is open before the clock starts
            start.wait()
            results[i] = timings(client, path, n)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return [x for r in results for x in r], time.perf_counter() - t0


def pct(ms: list[float], q: float) -> float:
    """The q-quantile of sorted ``ms`` (nearest rank)."""
    return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))]


def report(label: str, ms: list[float], size: int) -> None:
    ms = sorted(ms)
    print(
        f"{label}: p50 {statistics.median(ms):.1f} ms, p95 {pct(ms, 0.95):.1f} ms, p99 {pct(ms, 0.99):.1f} ms, "
        f"min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms over {len(ms)} requests ({size:,} bytes)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/seeds.db"))
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--clients", type=int, default=1, help="clients at once, each with its own connection")
    parser.add_argument("--story", help="story id (default: the story with the most articles)")
    args = parser.parse_args()
    storyline = [sys.executable, "-m", "storyline"]
    if not args.db.exists():
        manifest = args.corpus / "manifest.json"
        cmd = [*storyline, "build", str(args.corpus), "--db", str(args.db), "-q"]
        subprocess.run([*cmd, "--manifest", str(manifest)] if manifest.exists() else cmd, check=True)
    port = free_port()
    server = subprocess.Popen(
        [*storyline, "serve", "--db", str(args.db), "--port", str(port)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            wait_until_up(client)
            stories = client.get("/api/stories", params={"limit": 100}).json()
            if not stories["stories"]:
                raise SystemExit(f"{args.db} holds no story")
            story = max(stories["stories"], key=lambda s: (s["id"] == args.story, s["articles"]))
            print(f"store {args.db}: story {story['id']!r}, {story['articles']} articles; {args.clients} client(s)")
            for path, label in (
                (f"/stories/{story['id']}", "story page"),
                (f"/api/stories/{story['id']}", "story JSON"),
            ):
                timings(client, path, 10)  # warm-up: templates compiled, pages cached by SQLite
                size = len(client.get(path).content)
                if args.clients == 1:
                    report(label, timings(client, path, args.requests), size)
                else:
                    ms, wall = concurrent_timings(str(client.base_url), path, args.clients, args.requests)
                    report(label, ms, size)
                    print(f"  {len(ms) / wall:.1f} requests/s")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
