"""The `storyline` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from storyline.cli_output import err, note, open_store, print_skipped, progress_bar, report_line
from storyline.cli_sources import (
    AllowPrivateOption,
    BatchSizeOption,
    ConcurrencyOption,
    ConfigOption,
    ContactOption,
    DelayOption,
    MaxBytesOption,
    PerHostOption,
    TimeoutOption,
    VerboseOption,
    fetch_settings,
    interruptible,
    run_settings,
)
from storyline.pipeline import build as run_build
from storyline.settings import use

app = typer.Typer(
    help=(
        "Storyline turns a pile of news articles into story dossiers: a timeline, the actors, "
        "who said what, numbers and where sources disagree.\n\n"
        "Start with `storyline build FOLDER` (stores everything in storyline.db), then "
        "`storyline export --format markdown` or `storyline serve`."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
DbOption = Annotated[Path, typer.Option("--db", help="SQLite store file (created if missing).", dir_okay=False)]
DEFAULT_DB = Path("storyline.db")


@app.command()
def build(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCES",
            help="Article files or folders (searched recursively): .txt, .html, .jsonl; WARC files (.warc, "
            ".warc.gz, also in folders); feeds, sitemaps and URL lists (.xml, .rss, .atom, .txt of URLs); "
            "http(s) URLs of feeds, sitemaps, URL lists or articles.",
        ),
    ],
    db: DbOption = DEFAULT_DB,
    manifest: Annotated[
        Optional[Path],
        typer.Option(
            help='Metadata manifest (JSON with a "documents" list). A manifest.json inside a folder is read anyway.'
        ),
    ] = None,
    max_bytes: MaxBytesOption = None,
    batch_size: BatchSizeOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    verbose: VerboseOption = False,
    engine: Annotated[
        str,
        typer.Option(help="local: everything in this process. dask: read and extract on Dask workers, store here."),
    ] = "local",
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            help="With --engine dask: address of a running Dask scheduler (tcp://host:8786). "
            "Without it a local cluster of --workers processes is started."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="With --engine dask and no --scheduler: worker processes.")] = 2,
    recluster: Annotated[
        bool,
        typer.Option(help="Forget the stories and cluster every stored article again (your merges and splits stay)."),
    ] = False,
    contact: ContactOption = None,
    delay: DelayOption = None,
    per_host: PerHostOption = None,
    concurrency: ConcurrencyOption = None,
    timeout: TimeoutOption = None,
    allow_private: AllowPrivateOption = False,
    config: ConfigOption = None,
) -> None:
    """Read articles, clean and analyse them, and store the results (re-running stores nothing twice).

    New articles join the stored stories or open new ones; old articles are not processed again.
    Near-duplicates (reprints) are kept once, with every place they were seen.

    Feeds, sitemaps and URLs are fetched politely (robots.txt, one request a second per host); a page
    read before is not fetched again. Example: storyline build https://outlet.example/rss.xml --contact you@example.org

    Each bad input gets one line on stderr naming the file or URL and the reason (error: not stored;
    warning: stored, with a metadata value ignored or its text repaired); the rest goes on.
    Ctrl+C stops after the batch at hand. Exit code 0: all inputs read; 1: some failed (the others are stored).
    """
    if engine not in ("local", "dask"):
        err.print(f"error: unknown engine {engine!r}; choose local or dask", markup=False)
        raise typer.Exit(2)
    dask = None
    if engine == "dask":
        from storyline.engine_dask import DaskOptions

        dask = DaskOptions(scheduler, workers)
    with use(run_settings(config)) as chosen, interruptible(err) as stop:
        fetch = fetch_settings(contact, delay, per_host, concurrency, timeout, allow_private, max_bytes)
        try:
            with progress_bar(quiet, verbose) as progress:
                report = run_build(list(paths), db, manifest, max_bytes, batch_size, progress, recluster=recluster,
                                   fetch=fetch, dask=dask, stop=stop, settings=chosen)  # fmt: skip
        except KeyboardInterrupt:
            err.print("stopped; the batch in progress was not stored, everything before it is", markup=False)
            raise typer.Exit(130) from None
    print_skipped(report)
    err.print(report_line(report, db), markup=False)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="json (the dossier@1 contract) | markdown (a readable report) | html (one standalone page that "
            "opens offline: timeline, disagreements side by side, actors, quotes, claims, outlets, the articles).",
        ),
    ] = "json",
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    story: Annotated[Optional[str], typer.Option(help="Export only this story id.")] = None,
) -> None:
    """Write the stored dossier as JSON (schema storyline/dossier@1), Markdown or one HTML page.

    Each story gets its title and lead, the timeline (dated events merged across outlets, with their
    modality: expected, reported, possible, denied, and links to every source sentence), where sources
    disagree, the actors, who said what, the numbers, and the outlets' coverage. Example:
    storyline export --db news.db --format html --output dossier.html
    """
    from storyline.render.export import load_dossier
    from storyline.render.html import render_html
    from storyline.render.markdown import render_markdown
    from storyline.store import Store, StoreError

    renderers = {
        "json": lambda d: json.dumps(d, ensure_ascii=False, indent=2) + "\n",
        "markdown": render_markdown,
        "html": render_html,
    }
    if format not in renderers:
        err.print(f"error: unknown format {format!r}; choose one of: {', '.join(renderers)}", markup=False)
        raise typer.Exit(2)
    if not db.exists():
        err.print(f"error: {db}: no such store; run `storyline build FOLDER --db {db}` first", markup=False)
        raise typer.Exit(2)
    try:
        with Store(db, readonly=True) as store:
            dossier = load_dossier(store, story)
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    except KeyError:
        err.print(f"error: no story {story!r} in {db}", markup=False)
        raise typer.Exit(2) from None
    text = renderers[format](dossier)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)
    else:
        sys.stdout.write(text)


@app.command()
def serve(
    db: Annotated[
        Path, typer.Option("--db", help="SQLite store to browse (made by `storyline build`).", dir_okay=False)
    ] = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this computer only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Browse the stored dossiers in a web browser: stories, timeline, actors, quotes, claims, search.

    Opens the store read-only, so it can run while `storyline build` adds articles; reload a page
    to see them. The same data is served as JSON under /api (schema at /openapi.json).
    """
    import uvicorn

    from storyline.serve import create_app, prepare_store
    from storyline.store import StoreError

    try:
        warning = prepare_store(db, on_wait=note)
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    if warning:
        err.print(f"warning: {warning}", markup=False)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"Serving {db} at http://{shown}:{port}/ (Ctrl+C to stop)", markup=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning", access_log=False)


stories_app = typer.Typer(
    help="List the stories and correct the clustering: merge two stories, or split articles out of one. "
    "Corrections are stored and applied again after every build.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(stories_app, name="stories")


@stories_app.command("list")
def stories_list(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Every story: id, dates, articles, independent sources, title (newest first)."""
    from storyline.store.stream import list_stories

    with open_store(db, readonly=True) as store:
        rows = list_stories(store)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"stories in {db}")
    for col in ("id", "first", "last", "articles", "independent", "title"):
        table.add_column(col, no_wrap=col != "title")
    for r in rows:
        table.add_row(
            r["id"], (r["first"] or "")[:10], (r["last"] or "")[:10], str(r.get("article_count", "")),
            str(r.get("independent_source_count", "")), r["title"],
        )  # fmt: skip
    Console(highlight=False, markup=False).print(table)  # titles are article text


@stories_app.command("merge")
def stories_merge(
    into: Annotated[str, typer.Argument(help="Story id that stays (see `storyline stories list`).")],
    other: Annotated[str, typer.Argument(help="Story id whose articles move into the first.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Merge story OTHER into story INTO, now and after every later build."""
    from storyline.pipeline import relink
    from storyline.store.stream import story_members

    with open_store(db) as store:
        for sid in (into, other):
            if not story_members(store, [sid]):
                err.print(f"error: no story {sid!r} in {db}", markup=False)
                raise typer.Exit(2)
        store.add_override("story", "merge", into, other)
    report = relink(db)
    err.print(f"merged {other} into {into}; {report.stories} stories", markup=False)


@stories_app.command("split")
def stories_split(
    story: Annotated[str, typer.Argument(help="Story id the articles leave.")],
    docs: Annotated[list[str], typer.Argument(help="Document ids (from the dossier) that form a story of their own.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Move articles DOCS out of STORY into a new story, now and after every later build."""
    from storyline.pipeline import relink
    from storyline.store.stream import assignment_of

    with open_store(db) as store:
        where = assignment_of(store, docs)
        wrong = [d for d in docs if where.get(d) != story]
        if wrong:
            err.print(f"error: {wrong[0]!r} is not an article of story {story!r}", markup=False)
            raise typer.Exit(2)
        store.add_override("story", "split", story, " ".join(docs))
        report = relink(db)
        new = assignment_of(store, docs[:1]).get(docs[0])
    err.print(f"split {len(docs)} article(s) from {story} into {new}; {report.stories} stories", markup=False)


@app.command("eval")
def eval_(
    gold: Annotated[
        Path, typer.Argument(help="Gold annotation file (format: docs/gold-format.md).", exists=True, dir_okay=False)
    ],
    corpus: Annotated[
        Path, typer.Option(help="Folder of the articles the gold annotates.", exists=True, file_okay=False)
    ],
    manifest: Annotated[Optional[Path], typer.Option(help="Metadata manifest for the corpus.")] = None,
    layer: Annotated[Optional[list[str]], typer.Option(help="Score only these layers (repeatable).")] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help="Keep the store built for the evaluation here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    by_language: Annotated[
        bool, typer.Option("--by-language", help="Also score each layer on the articles of each language.")
    ] = False,
    gold_stories: Annotated[
        bool,
        typer.Option(
            "--gold-stories",
            help="Put the articles in the gold's stories before scoring (measures the other layers apart from clustering).",
        ),
    ] = False,
) -> None:
    """Build CORPUS and score the result against GOLD, layer by layer (and language by language)."""
    from rich.table import Table

    from storyline.eval import evaluate, load_gold, run_system
    from storyline.eval.layers import LAYERS

    unknown = [name for name in layer or [] if name not in LAYERS]
    if unknown:
        err.print(f"error: unknown layer {unknown[0]!r}; layers: {', '.join(LAYERS)}", markup=False)
        raise typer.Exit(2)
    try:
        gold_data = load_gold(gold)
    except (ValueError, UnicodeDecodeError) as exc:
        err.print(f"error: {gold}: {exc}", markup=False)
        raise typer.Exit(2) from exc
    output = run_system(corpus, manifest, db, gold_data if gold_stories else None)
    scores = evaluate(gold_data, output, layer, by_language)
    if as_json:
        sys.stdout.write(json.dumps([s.as_dict() for s in scores], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"storyline eval {gold.name}")
    table.add_column("layer")
    table.add_column("gold items", justify="right")
    table.add_column("metrics")
    for s in scores:
        shown = ", ".join(f"{k}={v}" for k, v in s.metrics.items())
        table.add_row(s.layer, str(s.n_gold), shown)
        for lang, metrics in s.by_language.items():
            shown = ", ".join(f"{k}={v}" for k, v in metrics.items() if k != "n_gold")
            table.add_row(f"  {s.layer} [{lang}]", str(metrics.get("n_gold", "")), shown)
    Console(highlight=False, markup=False).print(table)


def main() -> None:
    app()


def _register_subcommands() -> None:
    from storyline.cli_entities import app as entities_app
    from storyline.cli_sources import watch
    from storyline.cli_storylines import app as storylines_app
    from storyline.cli_storylines import timeline

    app.add_typer(entities_app, name="entities")
    app.add_typer(storylines_app, name="storylines")
    app.command("timeline")(timeline)
    app.command("watch")(watch)


_register_subcommands()


if __name__ == "__main__":
    main()
