"""A build or a `watch` round over web sources killed with SIGKILL is repaired by the next build.

The same check as tests/test_crash.py, for the inputs that keep state of their own: the records of a
WARC file already stored (skipped by the next run, not read again), and the fetch cache (a feed's
ETag and last body, the pages read). The killed build runs in a child process (tests/killed_build.py)
that fetches from this test's server on 127.0.0.1; the repaired store is compared, table by table,
with one that no kill interrupted.
"""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from killed_build import counts, run_killed
from storedump import assert_same_store
from storyline.pipeline import build

FEED = "/rss.xml"


def test_warc_build_killed_between_two_batches_resumes_after_the_stored_records(
    make_warc, page, settings, tmp_path: Path
) -> None:
    pages = [(f"https://town.example/news/{n}", page(n), f"2025-03-0{n}T08:00:00Z") for n in range(1, 7)]
    warc = make_warc(tmp_path / "crawl.warc.gz", pages)
    reference = tmp_path / "reference.db"
    assert build([warc], reference, batch_size=2).stored == 6
    db = tmp_path / "killed.db"
    run_killed(db, "store", 2, [warc], "--batch-size", "2")  # dies after the second batch committed
    assert counts(db) == (4, 0, 0)
    again = build([warc], db, batch_size=2, fetch=settings)
    assert again.stored == 2 and again.duplicates == 0  # the four stored records were not extracted again
    assert again.sources.warc_done == 4
    assert_same_store(db, reference)


def _feed_that_grows(server: HTTPServer, page, first: list[int], then: list[int]) -> dict[str, int]:
    """A feed at FEED listing the pages ``first`` on its first request and ``then`` on every later
    one, with an ETag per version (answered 304 when it matches). Returns the request counter."""
    asked = {"feed": 0}
    for n in sorted(set(first) | set(then)):
        server.expect_request(f"/n/{n}").respond_with_data(page(n), content_type="text/html")

    def feed(request: Request) -> Response:
        version, numbers = ("v1", first) if asked["feed"] == 0 else ("v2", then)
        asked["feed"] += 1
        if request.headers.get("If-None-Match") == f'"{version}"':
            return Response(status=304, headers={"ETag": f'"{version}"'})
        items = "".join(
            f"<item><title>Report {n}</title><link>{server.url_for(f'/n/{n}')}</link></item>" for n in numbers
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Town</title>{items}</channel></rss>'
        return Response(body, content_type="application/rss+xml", headers={"ETag": f'"{version}"'})

    server.expect_request(FEED).respond_with_handler(feed)
    return asked


def test_watch_killed_while_linking_its_second_round_is_repaired_by_the_next_build(
    server, page, settings, asked, tmp_path: Path
) -> None:
    feed_asked = _feed_that_grows(server, page, [200, 201, 202], [200, 201, 202, 203, 204])
    url = server.url_for(FEED)
    reference = tmp_path / "reference.db"
    build([url], reference, fetch=settings)  # the feed's first version
    build([url], reference, fetch=settings)  # its second, two pages more

    feed_asked["feed"] = 0
    db = tmp_path / "killed.db"
    # Round 1 stores and links three pages; round 2 stores two more and dies once they are put in stories.
    run_killed(db, "link", 2, [url], "--watch-rounds", "2", "--fetch-local")
    documents, assigned, stories = counts(db)
    assert (documents, assigned) == (5, 3) and stories > 0  # round 1's stories as they were

    before = len(asked(server))
    repaired = build([url], db, fetch=settings)
    assert repaired.errors == [] and repaired.stored == 0
    # The feed answered 304 to the ETag the killed round stored; every page it lists was stored by then.
    assert asked(server)[before:] == [FEED] and repaired.sources.seen_before == 5
    assert_same_store(db, reference)
