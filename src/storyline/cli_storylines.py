"""`storyline storylines ...` and `storyline timeline`: developing stories over months, and their key dates."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer
from rich.console import Console
from rich.table import Table

from storyline.cli_output import err, fail, open_store

if TYPE_CHECKING:
    from storyline.model import Story
    from storyline.store import Store

app = typer.Typer(
    help=(
        "Storylines hold one developing story together for as long as it runs (a treaty signed in June and "
        "ratified in November), made of the tighter stories of `storyline stories list`.\n\n"
        "`storyline storylines list` shows them; `storyline storylines merge A B` joins two; `storyline "
        "storylines split L STORY...` takes stories out of one. Corrections are stored and applied again "
        "after every build."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
DbOption = Annotated[Path, typer.Option("--db", help="SQLite store file built by `storyline build`.", dir_okay=False)]
DEFAULT_DB = Path("storyline.db")


@app.command("list")
def storylines_list(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Every storyline: id, dates, stories, articles, independent sources, title (newest first)."""
    from storyline.store.stream import list_stories

    with open_store(db) as store:
        rows = list_stories(store, level="storyline")
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"storylines in {db}")
    for col in ("id", "first", "last", "stories", "articles", "independent", "title"):
        table.add_column(col, no_wrap=col != "title")
    for r in rows:
        table.add_row(
            r["id"], (r["first"] or "")[:10], (r["last"] or "")[:10], str(r["stories"]),
            str(r.get("article_count", "")), str(r.get("independent_source_count", "")), r["title"],
        )  # fmt: skip
    Console(highlight=False).print(table, markup=False)


def _line_ids(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT DISTINCT storyline_id FROM storyline_assignments")}


@app.command("merge")
def storylines_merge(
    into: Annotated[str, typer.Argument(help="Storyline id that stays (see `storyline storylines list`).")],
    other: Annotated[str, typer.Argument(help="Storyline id whose stories move into the first.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Merge storyline OTHER into storyline INTO, now and after every later build."""
    from storyline.pipeline import relink

    with open_store(db) as store:
        known = _line_ids(store)
        for line in (into, other):
            if line not in known:
                raise fail(f"no storyline {line!r} in {db} (see `storyline storylines list`)")
        store.add_override("storyline", "merge", into, other)
    report = relink(db)
    err.print(f"merged {other} into {into}; {report.storylines} storylines", markup=False)


@app.command("split")
def storylines_split(
    storyline: Annotated[str, typer.Argument(help="Storyline id the stories leave.")],
    stories: Annotated[list[str], typer.Argument(help="Story ids (`storyline stories list`) that form a storyline.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Move STORIES out of STORYLINE into a storyline of their own, now and after every later build."""
    from storyline.pipeline import relink
    from storyline.store.stream import storyline_membership

    with open_store(db) as store:
        where = storyline_membership(store)
        wrong = [s for s in stories if where.get(s) != storyline]
        if wrong:
            raise fail(f"{wrong[0]!r} is not a story of storyline {storyline!r}")
        store.add_override("storyline", "split", storyline, " ".join(stories))
    report = relink(db)
    with open_store(db) as store:
        new = storyline_membership(store).get(stories[0])
    err.print(f"split {len(stories)} stor{'y' if len(stories) == 1 else 'ies'} from {storyline} into {new}; "
              f"{report.storylines} storylines", markup=False)  # fmt: skip


def timeline(
    story: Annotated[
        Optional[str],
        typer.Option("--story", help="A storyline or story id (default: the storyline with the most articles)."),
    ] = None,
    dates: Annotated[int, typer.Option("--dates", min=1, help="How many dates: the most important ones.")] = 10,
    sentences: Annotated[int, typer.Option("--sentences", min=1, help="Sentences per date.")] = 2,
    since: Annotated[Optional[str], typer.Option(help="Only dates on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only dates on or before this day (YYYY-MM-DD).")] = None,
    fmt: Annotated[Literal["json", "markdown"], typer.Option("--format", help="Output format.")] = "markdown",
    db: DbOption = DEFAULT_DB,
) -> None:
    """The N most important dates of a storyline, each with the K sentences that best tell what happened.

    A date is important when many independent articles name it, above all articles written later that
    refer back to it. The sentences come from the articles that date something to that day.
    """
    from storyline.link.keydates import timeline_summary
    from storyline.render.markdown import md

    for day in (since, until):
        if day is not None and not _is_day(day):
            raise fail(f"{day!r} is not a day (YYYY-MM-DD)")
    with open_store(db) as store:
        chosen = _pick(store, story, db)
        docs = list(store.load_documents(chosen.documents, with_raw=False))
        extractions = {ex.doc_id: ex for ex in store.load_extractions([d.id for d in docs])}
    days = timeline_summary(docs, extractions, dates, sentences, since, until)
    outlets = {d.id: d.outlet for d in docs}
    if fmt == "json":
        out = {
            "story": chosen.id,
            "title": chosen.title,
            "dates": [
                {"date": d.date, "score": d.score,
                 "sentences": [{"text": s.text, "doc": s.doc, "outlet": outlets.get(s.doc), "start": s.start,
                                "end": s.end} for s in d.sentences]}
                for d in days
            ],
        }  # fmt: skip
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    lines = [f"# {md(chosen.title)}", ""]
    for d in days:
        lines.append(f"## {d.date}")
        lines.append("")
        for s in d.sentences:
            lines.append(f"- {md(s.text)} ({md(outlets.get(s.doc) or 'unknown outlet')})")
        lines.append("")
    sys.stdout.write("\n".join(lines))


def _is_day(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _pick(store: Store, story: str | None, db: Path) -> Story:
    if story is not None:
        found = store.load_stories(story)
        if not found:
            raise fail(f"no story or storyline {story!r} in {db} (see `storyline storylines list`)")
        return found[0]
    lines = store.load_stories(level="storyline")
    if not lines:
        raise fail(f"{db} has no storylines yet; run `storyline build FOLDER --db {db}` first")
    return max(lines, key=lambda s: (len(s.documents), s.id))
