"""Page-load time of the story page: `storyline serve` (uvicorn) on a store, N sequential requests.

Builds the store first when it is missing, starts `storyline serve` on a free port of 127.0.0.1 in a
child process, warms it up, then times N GETs of the story page (and of the same story from the JSON
API) with one keep-alive httpx client. The time is from sending the request to the last byte read.

    python benchmarks/story_page.py [--db /tmp/seeds.db] [--corpus ../shared/seeds] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
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


def report(label: str, ms: list[float], size: int) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(
        f"{label}: p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, "
        f"min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms over {len(ms)} requests ({size:,} bytes)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/seeds.db"))
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--requests", type=int, default=50)
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
            stories = client.get("/api/stories").json()
            if not stories["stories"]:
                raise SystemExit(f"{args.db} holds no story")
            story = stories["stories"][0]
            print(f"store {args.db}: story {story['id']!r}, {story['articles']} articles")
            for path, label in (
                (f"/stories/{story['id']}", "story page"),
                (f"/api/stories/{story['id']}", "story JSON"),
            ):
                timings(client, path, 10)  # warm-up: templates compiled, pages cached by SQLite
                size = len(client.get(path).content)
                report(label, timings(client, path, args.requests), size)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
