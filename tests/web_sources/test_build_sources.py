"""`storyline build` and `storyline watch` over sources on a local server: what is stored, what a
second run fetches (nothing unchanged), Ctrl+C between batches, the CLI's lines and exit codes,
and the Dask engine over a WARC file and a feed."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from storyline.cli import app
from storyline.ingest.sources import FetchSettings
from storyline.pipeline import Progress, build
from storyline.watch import parse_every, watch

runner = CliRunner()


def _serve_feed(server: HTTPServer, page, numbers: list[int], version: str = "v1") -> list[str]:
    """Pages ``numbers`` and a feed of them at /rss.xml that answers 304 to its own ETag."""
    urls = []
    for n in numbers:
        server.expect_request(f"/n/{n}").respond_with_data(page(n), content_type="text/html")
        urls.append(server.url_for(f"/n/{n}"))
    items = "".join(
        f"<item><title>Report {n}</title><link>{u}</link></item>" for n, u in zip(numbers, urls, strict=True)
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Town</title>{items}</channel></rss>'

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == f'"{version}"':
            return Response(status=304, headers={"ETag": f'"{version}"'})
        return Response(body, content_type="application/rss+xml", headers={"ETag": f'"{version}"'})

    server.expect_request("/rss.xml").respond_with_handler(feed)
    return urls


def test_second_build_fetches_no_unchanged_page(server, settings, page, asked, tmp_path: Path) -> None:
    urls = _serve_feed(server, page, [100, 101, 102])
    db = tmp_path / "s.db"
    first = build([server.url_for("/rss.xml")], db, fetch=settings)
    assert first.errors == [] and first.stored == 3
    assert first.sources.fetched == 4  # the feed and its three pages
    before = len(asked(server))
    second = build([server.url_for("/rss.xml")], db, fetch=settings)
    assert second.errors == [] and second.stored == 0
    assert asked(server)[before:] == ["/rss.xml"]  # only the feed, which answered 304
    assert second.sources.not_modified == 1 and second.sources.seen_before == 3 and second.sources.fetched == 0
    with sqlite3.connect(db) as conn:
        stored = sorted(r[0] for r in conn.execute("SELECT source FROM documents"))
        cached = conn.execute(
            "SELECT kind, etag FROM fetch_cache WHERE url = ?", (server.url_for("/rss.xml"),)
        ).fetchone()
    assert stored == sorted(urls)
    assert cached == ("feed", '"v1"')


def test_ctrl_c_stores_the_batch_at_hand_and_the_rest_comes_next_run(server, settings, page, tmp_path: Path) -> None:
    _serve_feed(server, page, [110, 111, 112, 113])
    stop = threading.Event()

    class StopAfterFirstBatch(Progress):  # as if Ctrl+C came while the first batch was stored
        def advance(self, task: str, n: int = 1) -> None:
            if task == "extract":
                stop.set()

    db = tmp_path / "s.db"
    first = build(
        [server.url_for("/rss.xml")], db, batch_size=1, fetch=settings, progress=StopAfterFirstBatch(), stop=stop
    )
    assert first.stopped and first.stored in (1, 2) and first.errors == []
    with sqlite3.connect(db) as conn:  # what was stored is linked into stories
        assert conn.execute("SELECT count(*) FROM story_assignments").fetchone()[0] == first.stored
    second = build([server.url_for("/rss.xml")], db, fetch=settings)
    assert not second.stopped and first.stored + second.stored == 4


def test_watch_adds_what_is_new_each_round(server, settings, page, asked, tmp_path: Path) -> None:
    _serve_feed(server, page, [120, 121])
    seen_paths: list[list[str]] = []

    def between_rounds(n: int, _report) -> None:
        seen_paths.append(asked(server))
        if n == 1:  # the outlet publishes one more article
            server.clear()
            server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
            _serve_feed(server, page, [120, 121, 122], version="v2")

    reports = watch([server.url_for("/rss.xml")], tmp_path / "w.db", every_s=0.0, rounds=3, on_round=between_rounds,
                    fetch=settings)  # fmt: skip
    assert [r.stored for r in reports] == [2, 1, 0]
    assert seen_paths[1] == ["/rss.xml", "/n/122"]  # round 2: the changed feed and its one new page
    assert seen_paths[2] == ["/rss.xml", "/n/122", "/rss.xml"]  # round 3: the feed only (304)


def test_watch_stops_when_asked(server, settings, page, tmp_path: Path) -> None:
    _serve_feed(server, page, [130])
    stop = threading.Event()
    reports = watch([server.url_for("/rss.xml")], tmp_path / "w.db", every_s=3600, stop=stop,
                    on_round=lambda n, r: stop.set(), fetch=settings)  # fmt: skip
    assert len(reports) == 1 and reports[0].stored == 1


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("90s", 90), ("1h30m", 5400), ("1d", 86400), ("2.5m", 150)]
)
def test_every_periods(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["15", "m", "15x", "1h 30", ""])
def test_bad_every_periods(text: str) -> None:
    with pytest.raises(ValueError, match="not a period"):
        parse_every(text)


def test_cli_build_reports_each_failed_url_once(server, page, asked, tmp_path: Path) -> None:
    good = _serve_feed(server, page, [140])
    server.expect_request("/missing").respond_with_data("no", status=404)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server.url_for('/rss.xml')}\n{server.url_for('/missing')}\n", encoding="utf-8")
    db = tmp_path / "c.db"
    args = ["build", str(urls), "--db", str(db), "--allow-private", "--delay", "0", "--quiet"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert lines == [f"error: {server.url_for('/missing')}: HTTP 404 NOT FOUND"]
    assert "1 new documents stored" in result.output and "fetched 2 URLs" in result.output  # the feed and the page
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "0 new documents stored" in again.output and "2 links seen before" in again.output
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT source FROM documents")] == good


def test_cli_refuses_the_local_network_without_allow_private(server, asked, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", server.url_for("/rss.xml"), "--db", str(tmp_path / "c.db"), "--quiet"])
    assert result.exit_code == 1
    assert "--allow-private" in result.output and asked(server) == []


def test_cli_watch_refuses_too_short_a_period(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["watch", "https://outlet.example/rss.xml", "--every", "10s", "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code == 2 and "too often" in result.output
    assert not (tmp_path / "w.db").exists()


def test_dask_engine_reads_warc_slices_and_fetched_pages(server, settings, page, make_warc, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from storyline import engine_dask
    from storyline.engine_dask import DaskOptions

    warc = make_warc(tmp_path / "crawl.warc.gz", [(f"https://news.example/{150 + i}", page(150 + i),
                                                   "2025-03-02T06:10:00Z") for i in range(6)])  # fmt: skip
    _serve_feed(server, page, [160, 161])
    monkeypatch.setattr(engine_dask, "WARC_SLICE_BYTES", warc.stat().st_size // 3)  # several slices, several tasks
    monkeypatch.setattr(engine_dask, "PAGES_PER_PARTITION", 1)
    inputs = [warc, server.url_for("/rss.xml")]
    local = build(inputs, tmp_path / "local.db", fetch=settings)
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    _serve_feed(server, page, [160, 161])
    dask = build(inputs, tmp_path / "dask.db", fetch=settings, dask=DaskOptions(workers=2))
    assert local.errors == [] and dask.errors == []
    assert dask.stored == local.stored == 8
    assert dask.sources.warc_pages == local.sources.warc_pages == 6

    def stored(db: Path) -> list[tuple]:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT id, source, url, title FROM documents ORDER BY id").fetchall()

    assert stored(tmp_path / "dask.db") == stored(tmp_path / "local.db")


def test_fetch_settings_reach_the_fetcher(tmp_path: Path) -> None:
    """The CLI's politeness options become the FetchSettings of the run."""
    from storyline.cli_sources import fetch_settings

    s = fetch_settings("me@example.org", 2.5, 1, 4, 12.0, True, 1000)
    assert s == FetchSettings(contact="me@example.org", delay_s=2.5, per_host=1, concurrency=4, timeout_s=12.0,
                              allow_private=True, max_bytes=1000)  # fmt: skip


def test_cli_watch_runs_rounds_and_prints_each(server, page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.watch

    monkeypatch.setattr(storyline.watch, "MIN_EVERY_S", 1.0)  # a test cannot wait the real minute
    _serve_feed(server, page, [170])
    args = ["watch", server.url_for("/rss.xml"), "--rounds", "2", "--every", "2s", "--db", str(tmp_path / "w.db"),
            "--allow-private", "--delay", "0", "--quiet"]  # fmt: skip
    started = time.monotonic()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rounds = [ln for ln in result.output.splitlines() if ln.startswith("round ")]
    assert len(rounds) == 2 and "1 new documents stored" in rounds[0] and "0 new documents stored" in rounds[1]
    assert time.monotonic() - started >= 2  # the second round waited for its turn


def test_each_source_gets_a_progress_bar(server, settings, page, make_warc, tmp_path: Path) -> None:
    _serve_feed(server, page, [180, 181])
    warc = make_warc(tmp_path / "c.warc.gz", [("https://news.example/182", page(182), "2025-03-02T06:10:00Z")])

    class Recorder(Progress):
        def __init__(self) -> None:
            self.totals: dict[str, int | None] = {}
            self.done: dict[str, int] = {}

        def start(self, task: str, total: int | None) -> None:
            self.totals[task] = total

        def advance(self, task: str, n: int = 1) -> None:
            self.done[task] = self.done.get(task, 0) + n

    bars = Recorder()
    build([warc, server.url_for("/rss.xml")], tmp_path / "p.db", fetch=settings, progress=bars)
    feed_bar, warc_bar = f"Reading {server.url_for('/rss.xml')}", f"Reading {warc} (MiB)"
    assert bars.totals[feed_bar] == bars.done[feed_bar] == 2
    assert bars.totals[warc_bar] == bars.done[warc_bar] == 1
    assert bars.done["extract"] == 3


def test_first_ctrl_c_asks_to_stop_the_second_stops_at_once() -> None:
    import io
    import os
    import signal

    from rich.console import Console

    from storyline.cli_sources import interruptible

    previous = signal.getsignal(signal.SIGINT)
    with interruptible(Console(file=io.StringIO())) as stop:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # the handler runs between two bytecodes of this thread
        assert stop.is_set()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
    assert signal.getsignal(signal.SIGINT) is previous  # Ctrl+C means what it meant before


def test_cli_watch_verbose_logs_each_fetch_and_step_of_each_round(
    server, page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.watch

    monkeypatch.setattr(storyline.watch, "MIN_EVERY_S", 1.0)
    urls = _serve_feed(server, page, [190, 191])
    feed = server.url_for("/rss.xml")
    args = ["watch", feed, "--rounds", "2", "--every", "1s", "--db", str(tmp_path / "w.db"), "--allow-private",
            "--delay", "0", "-v"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    steps = [ln.split(" ", 1)[1] for ln in result.output.splitlines() if re.match(r"\d\d:\d\d:\d\d\.\d{6} ", ln)]
    ends = [i for i, s in enumerate(steps) if s.startswith("link: done: ")]
    assert len(ends) == 2  # one line per round when its linking is committed
    first, second = steps[: ends[0]], steps[ends[0] + 1 : ends[1]]
    assert first[0] == f"fetch: {feed}: 200"
    assert sorted(s for s in first if s.startswith("fetch: ")) == sorted(f"fetch: {u}: 200" for u in [feed, *urls])
    assert sorted(s for s in first if s.startswith("read: ")) == sorted(f"read: {u}" for u in urls)
    assert "store: 2 documents stored (2 in this build)" in first and "link: started" in first
    # Round 2: the feed only, unchanged; nothing read or stored, the (empty) linking still logged.
    assert [s for s in second if s.startswith(("fetch: ", "read: ", "store: "))] == [f"fetch: {feed}: not modified"]
    assert "link: started" in second
    assert len([ln for ln in result.output.splitlines() if ln.startswith("round ")]) == 2
