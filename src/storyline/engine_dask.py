"""`storyline build --engine dask`: ingest and per-document extraction as Dask tasks.

The input files are cut into partitions (a file is never split); each partition is read, cleaned
and extracted by a Dask worker, and the results (plain, picklable dataclasses) come back to this
process, which alone writes the store and links across documents, exactly as a local build does.
Results are consumed in partition order, so the store ends up the same as after a local build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.ingest import DEFAULT_MAX_BYTES, gather_metadata, ingest_files
from storyline.ingest.readers import discover
from storyline.model import Document, Extraction, IngestError

FILES_PER_PARTITION = 64


def process_partition(
    files: list[str], metadata: dict[Path, dict[str, Any]], max_bytes: int, batch_size: int
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
    paths: list[Path], per_partition: int = FILES_PER_PARTITION
) -> tuple[list[list[str]], list[IngestError]]:
    files, errors = [], []
    for found in discover(paths):
        if isinstance(found, IngestError):
            errors.append(found)
        else:
            files.append(str(found))
    return [files[i : i + per_partition] for i in range(0, len(files), per_partition)], errors


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
        meta = client.scatter(metadata, broadcast=True)
        futures = [client.submit(process_partition, p, meta, max_bytes, batch_size, pure=False) for p in parts]
        for fut in futures:
            yield from fut.result()
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
