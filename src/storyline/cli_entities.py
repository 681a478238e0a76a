"""`storyline entities ...`: look at the resolved actors and correct them; corrections survive rebuilds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from storyline.cli_output import err, fail, open_store
from storyline.model import Entity

if TYPE_CHECKING:
    from storyline.store import Store

app = typer.Typer(
    help=(
        "The actors Storyline resolved across documents, and your corrections to them.\n\n"
        "`storyline entities list --search Smith` shows ids and aliases; `storyline entities merge A B` "
        "puts B's mentions into A; `storyline entities split A ALIAS...` takes aliases out of A into a new "
        "entity. Corrections are stored in the database and re-applied by every `storyline build`."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
DbOption = Annotated[Path, typer.Option("--db", help="SQLite store file built by `storyline build`.", dir_okay=False)]
DEFAULT_DB = Path("storyline.db")


def _mention_counts(store: Store) -> dict[str, int]:
    rows = store.conn.execute("SELECT entity_id, count(*) FROM mentions WHERE entity_id IS NOT NULL GROUP BY 1")
    return {r[0]: r[1] for r in rows}


def _alias_languages(store: Store) -> dict[str, dict[str, set[str]]]:
    """Entity id → alias → the languages of the articles that write it so."""
    out: dict[str, dict[str, set[str]]] = {}
    rows = store.conn.execute(
        """SELECT m.entity_id, m.text, d.language FROM mentions m JOIN documents d ON d.id = m.doc_id
           WHERE m.entity_id IS NOT NULL"""
    )
    for eid, text, lang in rows:
        out.setdefault(eid, {}).setdefault(text, set()).add(lang or "und")
    return out


def _with_languages(alias: str, langs: set[str] | None) -> str:
    return f"{alias} ({', '.join(sorted(langs))})" if langs else alias


def _resolve(store: Store, ref: str) -> Entity:
    from storyline.link.entities.overrides import find_entity

    counts = _mention_counts(store)
    hits = find_entity(store.load_entities(), ref, counts)
    if not hits:
        raise fail(f"no entity {ref!r}; find its id with `storyline entities list --search {json.dumps(ref)}`")
    exact = [e for e in hits if e.id == ref]
    if exact:
        return exact[0]
    if len(hits) > 1:
        listed = "; ".join(f"{e.id} ({e.name}, {counts.get(e.id, 0)} mentions)" for e in hits[:8])
        raise fail(f"{ref!r} could mean several entities: {listed}. Give the id instead.")
    return hits[0]


def _relink(store: Store, *entity_ids: str) -> None:
    """Link again the stories in which the corrected entities are mentioned."""
    from storyline.pipeline import Builder

    marks = ",".join("?" * len(entity_ids))
    stories = [
        r[0]
        for r in store.conn.execute(
            f"""SELECT DISTINCT sd.story_id FROM mentions m JOIN story_documents sd ON sd.doc_id = m.doc_id
                WHERE m.entity_id IN ({marks})""",
            entity_ids,
        )
    ]
    Builder(store).relink(also=stories)


@app.command("list")
def list_(
    db: DbOption = DEFAULT_DB,
    story: Annotated[Optional[str], typer.Option(help="Only entities mentioned in this story (id).")] = None,
    search: Annotated[
        Optional[str], typer.Option(help="Only entities whose id, name or an alias contains this (any case).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List resolved entities, most mentioned first: id, type, name, mentions and aliases, each alias with the
    languages of the articles that write it so ("Станимир Ведрак (ru)")."""
    with open_store(db, readonly=True) as store:
        counts = _mention_counts(store)
        languages = _alias_languages(store)
        entities = store.load_entities()
        if story is not None:
            rows = store.conn.execute(
                """SELECT DISTINCT m.entity_id FROM mentions m JOIN story_documents sd ON sd.doc_id = m.doc_id
                   WHERE sd.story_id = ?""",
                (story,),
            )
            keep = {r[0] for r in rows}
            if not keep and not store.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone():
                raise fail(f"no story {story!r} in {db}; `storyline export --format markdown` lists the stories")
            entities = [e for e in entities if e.id in keep]
    if search:
        needle = search.lower()
        entities = [
            e
            for e in entities
            if needle in e.id or needle in e.name.lower() or any(needle in a.lower() for a in e.aliases)
        ]
    entities.sort(key=lambda e: (-counts.get(e.id, 0), e.name))
    if as_json:
        out = []
        for e in entities:
            by_lang: dict[str, list[str]] = {}
            for alias, langs in sorted(languages.get(e.id, {}).items()):
                for lang in sorted(langs):
                    by_lang.setdefault(lang, []).append(alias)
            out.append(
                {"id": e.id, "name": e.name, "type": e.type, "mentions": counts.get(e.id, 0), "aliases": e.aliases,
                 "aliases_by_language": by_lang}
            )  # fmt: skip
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(entities)} entities in {db}")
    for col in ("id", "type", "name", "mentions", "aliases"):
        table.add_column(col, justify="right" if col == "mentions" else "left")
    for e in entities:
        shown = [_with_languages(a, languages.get(e.id, {}).get(a)) for a in e.aliases]
        table.add_row(e.id, e.type, e.name, str(counts.get(e.id, 0)), " | ".join(shown))
    Console(highlight=False, markup=False).print(table)


@app.command()
def merge(
    a: Annotated[str, typer.Argument(help="The entity to keep (id or exact name).")],
    b: Annotated[str, typer.Argument(help="The entity whose mentions move into A (id or exact name).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Merge B into A: one actor from now on, in this store and in every rebuild of it."""
    with open_store(db) as store:
        ea, eb = _resolve(store, a), _resolve(store, b)
        if ea.id == eb.id:
            raise fail(f"{a!r} and {b!r} are already one entity ({ea.id})")
        store.add_override("entity", "merge", ea.id, eb.id)
        _relink(store, ea.id, eb.id)
        n = _mention_counts(store).get(ea.id, 0)
    err.print(f"merged {eb.id} ({eb.name}) into {ea.id} ({ea.name}): {n} mentions", markup=False)


@app.command()
def split(
    a: Annotated[str, typer.Argument(help="The entity to split (id or exact name).")],
    aliases: Annotated[list[str], typer.Argument(help="Aliases of A (as `entities list` shows them) to take out.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Take these aliases (their mentions) out of A into one new entity; kept across rebuilds."""
    from storyline.names import alias_key

    with open_store(db) as store:
        ea = _resolve(store, a)
        have = {alias_key(x) for x in ea.aliases}
        missing = [x for x in aliases if alias_key(x) not in have]
        if missing:
            raise fail(f"{ea.id} has no alias {missing[0]!r}; its aliases: {', '.join(ea.aliases)}")
        wanted = {alias_key(x) for x in aliases}
        if all(alias_key(x) in wanted for x in ea.aliases):
            raise fail(f"that would take every alias out of {ea.id}; name fewer aliases")
        store.add_override("entity", "split", ea.id, json.dumps(aliases, ensure_ascii=False))
        _relink(store, ea.id)
        new = [e for e in store.load_entities() if e.id != ea.id and {alias_key(x) for x in e.aliases} & wanted]
    made = ", ".join(f"{e.id} ({e.name})" for e in new) or "nothing"
    err.print(f"split {', '.join(map(repr, aliases))} out of {ea.id}: now {made}", markup=False)
