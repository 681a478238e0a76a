"""WARC ingest against the same pages as plain files: words/s, where the time goes, memory.

Makes N news pages (the synthetic stream of corpus_gen.py, each wrapped in an HTML page with a
menu, meta tags and a footer), writes them once as N ``.html`` files and once as a WARC.gz of N
response records (warcio, one gzip member per record, as CC-NEWS), then in fresh child processes:

* reads both with Storyline's ingest (``ingest_sources``: decode, trafilatura, cleaning, metadata,
  language) and reports pages/s, words/s and the WARC / files ratio (target: >= 0.90);
* reads both without extracting (the WARC records decompressed and parsed; the files' bytes read),
  which is the share of the time spent on fetching / decompressing, the rest being extraction;
* reads WARC files of several sizes and reports the peak memory of each (target: flat in N).

Each ingest runs ``--repeat`` times, files and WARC in turn, and the fastest run of each counts
(the machine is shared: the fastest run is the one least slowed down by others); words per
CPU-second are given too, as they depend less on what else the machine runs.

    python benchmarks/warc_ingest.py                          # 10,000 pages; memory at 1,000 / 3,000 / 10,000
    python benchmarks/warc_ingest.py --n 2000 --memory 500 2000
"""

from __future__ import annotations

import argparse
import html
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate
from throughput import _child

MENU = " | ".join(["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather"])


def page_html(row: dict) -> str:
    title = html.escape(row["title"] or "Report")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p.strip())
    related = "".join(f"<li><a href='/r/{k}'>More from {html.escape(row['outlet'])} ({k})</a></li>" for k in range(5))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | {html.escape(row['outlet'])}</title>"
        f"<meta property='og:site_name' content='{html.escape(row['outlet'])}'>"
        f"<meta property='article:published_time' content='{row['published']}'>"
        f"<link rel='canonical' href='{row['url']}'></head><body>"
        f"<header><nav>{MENU}</nav></header><main><article><h1>{title}</h1>{paragraphs}</article>"
        f"<aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        "<footer>© The publisher. All rights reserved. Contact | Privacy | Subscribe</footer></body></html>"
    )


def write_inputs(rows: list[dict], folder: Path) -> tuple[Path, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = folder / "pages"
    pages.mkdir(parents=True)
    warc = folder / "pages.warc.gz"
    with warc.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, row in enumerate(rows):
            body = page_html(row).encode("utf-8")
            (pages / f"{i:06d}.html").write_bytes(body)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(row["url"], "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": f"{row['published']}T06:00:00Z"})  # fmt: skip
            writer.write_record(record)
    return pages, warc


def _ingest(inputs: list[str], queue) -> None:  # type: ignore[no-untyped-def]
    from storyline.ingest.sources import ingest_sources
    from storyline.model import Document

    started, cpu = time.perf_counter(), time.process_time()
    docs = words = errors = 0
    for item in ingest_sources(inputs):
        if isinstance(item, Document):
            docs += 1
            words += len(item.text.split())
        else:
            errors += 1
    queue.put({"docs": docs, "words": words, "errors": errors, "wall_s": time.perf_counter() - started,
               "cpu_s": time.process_time() - cpu,
               "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})  # fmt: skip


def _read_only(path: str, queue) -> None:  # type: ignore[no-untyped-def]
    """What reading costs without extraction: WARC records decompressed and parsed, or file bytes read."""
    from storyline.ingest.sources import SourceStats, WarcSlice
    from storyline.ingest.sources.warc import read_warc

    started = time.perf_counter()
    size = pages = 0
    if path.endswith(".warc.gz"):
        for page in read_warc(WarcSlice(path), 5_000_000, SourceStats()):
            pages += 1
            size += len(getattr(page, "body", b""))
    else:
        for f in sorted(Path(path).iterdir()):
            pages += 1
            size += len(f.read_bytes())
    queue.put({"pages": pages, "bytes": size, "wall_s": time.perf_counter() - started,
               "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="pages (WARC records) to make")
    parser.add_argument("--memory", type=int, nargs="*", default=[1000, 3000, 10_000],
                        help="WARC sizes whose peak memory is compared (each at most --n)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs of each ingest; the fastest counts")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    rows = generate(args.n, None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages, warc = write_inputs(rows, folder)
        res: dict = {"n": args.n, "warc_mib": round(warc.stat().st_size / 2**20, 1),
                     "files_mib": round(sum(f.stat().st_size for f in pages.iterdir()) / 2**20, 1)}  # fmt: skip
        runs: dict[str, list[dict]] = {"files": [], "warc": []}
        for _ in range(args.repeat):
            runs["files"].append(_child(_ingest, [str(pages)]))
            runs["warc"].append(_child(_ingest, [str(warc)]))
        files = min(runs["files"], key=lambda r: r["wall_s"])
        warcs = min(runs["warc"], key=lambda r: r["wall_s"])
        res["runs_wall_s"] = {k: [round(r["wall_s"], 1) for r in v] for k, v in runs.items()}
        res["runs_cpu_s"] = {k: [round(r["cpu_s"], 1) for r in v] for k, v in runs.items()}
        read_files = _child(_read_only, str(pages))
        read_warc = _child(_read_only, str(warc))
        for name, r in (("files", files), ("warc", warcs)):
            res[f"{name}_docs"] = r["docs"]
            res[f"{name}_errors"] = r["errors"]
            res[f"{name}_pages_per_s"] = round(r["docs"] / r["wall_s"], 1)
            res[f"{name}_words_per_s"] = round(r["words"] / r["wall_s"])
            res[f"{name}_words_per_cpu_s"] = round(r["words"] / r["cpu_s"])
            res[f"{name}_wall_s"] = round(r["wall_s"], 1)
            res[f"{name}_peak_rss_mib"] = round(r["peak_rss_mib"], 1)
        res["ratio_words_per_s"] = round(res["warc_words_per_s"] / res["files_words_per_s"], 3)
        res["ratio_words_per_cpu_s"] = round(res["warc_words_per_cpu_s"] / res["files_words_per_cpu_s"], 3)
        res["warc_read_share"] = round(read_warc["wall_s"] / warcs["wall_s"], 3)  # decompress + parse records
        res["files_read_share"] = round(read_files["wall_s"] / files["wall_s"], 3)
        for m in sorted(set(args.memory)):
            if m >= args.n:  # the WARC of all N pages was measured above
                res[f"warc_peak_rss_mib_at_{args.n}"] = round(max(r["peak_rss_mib"] for r in runs["warc"]), 1)
                continue
            sub = folder / f"m{m}"
            _p, small = write_inputs(rows[:m], sub)
            res[f"warc_peak_rss_mib_at_{m}"] = round(_child(_ingest, [str(small)])["peak_rss_mib"], 1)
    print(json.dumps(res, indent=2))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
