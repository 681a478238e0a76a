"""`storyline build --engine dask`: ingest and per-document extraction as Dask tasks.

The input files are cut into partitions (a file is never split); each partition is read, cleaned
and extracted by a Dask worker, and the results (plain, picklable dataclasses) come back to this
process, which alone writes the store and links across documents, exactly as a local build does.
Results are consumed in partition order, so the store ends up the same as after a local build.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

from storyline.ingest import DEFAULT_MAX_BYTES, gather_metadata, ingest_files
from storyline.ingest.readers import discover
from storyline.model import ArticleMeta, Document, Extraction, IngestError

FILES_PER_PARTITION = 64
BYTES_PER_PARTITION = 1024 * 1024  # a JSON Lines file holds many articles: cut by size too (~400 articles)
IN_FLIGHT_PER_WORKER = 2  # partitions queued ahead per worker; bounds what waits in memory


def process_partition(
    files: list[str], metadata: dict[Path, ArticleMeta], max_bytes: int, batch_size: int
) -> list[tuple[Document, Extraction] | IngestError]:
    """One Dask task: read, clean and extract the articles of some files."""
    from storyline.pipeline import _extract_safely

    out: list[tuple[Document, Extraction] | IngestError] = []
    docs: list[Document] = []
    for item in ingest_files([Path(f) for f in files], metadata, max_bytes):
        if isinstance(item, IngestError):
            out.append(item)
        else:
            docs.append(item)
    for i in range(0, len(docs), batch_size):
        done, errors = _extract_safely(docs[i : i + batch_size], batch_size)
        out.extend(done)
        out.extend(errors)
    return out


def partitions(
    paths: list[Path], per_partition: int = FILES_PER_PARTITION, max_bytes: int = BYTES_PER_PARTITION
) -> tuple[list[list[str]], list[IngestError]]:
    """Files in input order, cut after ``per_partition`` files or ``max_bytes`` of input."""
    parts: list[list[str]] = []
    errors: list[IngestError] = []
    current: list[str] = []
    size = 0
    for found in discover(paths):
        if isinstance(found, IngestError):
            errors.append(found)
            continue
        try:
            size += found.stat().st_size
        except OSError:
            pass  # the worker reports the unreadable file
        current.append(str(found))
        if len(current) >= per_partition or size >= max_bytes:
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return parts, errors


def run_dask(
    paths: list[Path],
    manifest: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = 64,
    scheduler: str | None = None,
    workers: int = 2,
    per_partition: int = FILES_PER_PARTITION,
) -> Iterator[tuple[Document, Extraction] | IngestError]:
    """Yield what the workers produced, partition by partition, in input order.

    Without ``scheduler`` a LocalCluster of ``workers`` processes (one thread each) is started and
    stopped again; with it, the tasks go to that running scheduler (its workers need Storyline).
    """
    from dask.distributed import Client, LocalCluster

    metadata, meta_errors = gather_metadata(paths, manifest)
    yield from meta_errors
    parts, errors = partitions(paths, per_partition)
    yield from errors
    if not parts:
        return
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        # scattered inside a list: Dask cannot scatter an empty dict (a folder with no metadata)
        [meta] = client.scatter([metadata], broadcast=True)
        ahead = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = deque(parts)
        futures: deque = deque()
        while pending or futures:
            # Only a few partitions are queued at a time, so a large corpus never sits finished in
            # the workers' memory while this process is still storing earlier ones.
            while pending and len(futures) < ahead:
                futures.append(
                    client.submit(process_partition, pending.popleft(), meta, max_bytes, batch_size, pure=False)
                )
            fut = futures.popleft()
            yield from fut.result()
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
