"""Synthetic streams of N articles about many stories, recombined from examples/corpus and the seeds.

Each story takes one group of real articles (a sample story, or the seeds), renames its people,
places and organisations with invented names of its own, moves its dates to its own weeks, and
builds each article from the lead of one report and paragraphs of up to three reports of the
group, some dropped, in another order (about 380 words on average, near the length of real news
articles), so stories differ in names, dates and sentences but read like news. Stories made from
the same group differ only in names and dates: a hard case for clustering. About one article in ten is a reprint of an earlier one with a new footer.

    python benchmarks/corpus_gen.py --n 1000 --out /tmp/stream-1k   # writes feed_*.jsonl there
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from storyline.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ["ka", "lo", "ver", "min", "tas", "ro", "bel", "dan", "sar", "vi", "nor", "el", "gor", "pa", "ten", "ul"]
STOP = {"The", "This", "That", "There", "They", "These", "When", "After", "Before", "Monday", "Tuesday", "Wednesday",
        "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December", "But", "And", "While", "With", "From", "Some"}  # fmt: skip
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")


def groups(seeds: Path | None) -> list[list[tuple[str, str]]]:
    """Groups of (title, text) that each tell one story."""
    gold = json.loads((ROOT / "examples" / "gold.json").read_text(encoding="utf-8"))
    corpus = ROOT / "examples" / "corpus"
    docs = {}
    for d in ingest([corpus]):
        if hasattr(d, "text"):
            path, _, line = d.source.partition("#")
            name = Path(path).name + (f"#{line}" if line else "")
            docs[name] = (d.title or "", d.text)
    out = [[docs[f] for f in s["docs"] if f in docs] for s in gold["stories"]]
    if seeds and seeds.is_dir():
        out.append([(d.title or "", d.text) for d in ingest([seeds]) if hasattr(d, "text")])
    return [g for g in out if g]


def invent(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate(n: int, seeds: Path | None = None, seed: int = 0, per_story: int = 20) -> list[dict]:
    rng = random.Random(seed)
    bases = groups(seeds)
    n_stories = max(2, n // per_story)
    start = date(2021, 1, 1)
    stories = []
    for k in range(n_stories):
        group = bases[k % len(bases)]
        names = sorted({w for _t, text in group for w in _NAME.findall(text)} - STOP)
        mapping = {w: invent(rng) for w in names}
        day0 = start + timedelta(days=int(k * 2))  # a new story every other day
        stories.append((group, mapping, day0))
    rows: list[dict] = []
    for i in range(n):
        k = rng.randrange(n_stories)
        group, mapping, day0 = stories[k]
        story_rows = [r for r in rows[-400:] if r["story"] == k]
        if story_rows and rng.random() < 0.1:  # a reprint of an earlier article of the story
            src = rng.choice(story_rows)
            rows.append({**src, "outlet": f"Outlet {rng.randrange(200)}", "text": src["text"] + "\n\nRepublished with permission.",
                         "url": f"https://reprints.example/{i}"})  # fmt: skip
            continue
        # An article: the lead of one report of the story, then paragraphs of one to three reports of
        # it (as a longer piece or a roundup would), some dropped, in another order.
        title, text = rng.choice(group)
        paras = [p for p in text.split("\n") if p.strip()]
        head, rest = paras[:1], paras[1:]
        for _title, other in rng.sample(group, k=min(len(group), rng.randint(0, 2))):
            rest += [p for p in other.split("\n")[1:] if p.strip() and p not in rest]
        rng.shuffle(rest)
        rest = [p for p in rest if rng.random() > 0.25] or rest[:1]
        body = "\n\n".join(head + rest)
        swap = re.compile(r"\b(" + "|".join(map(re.escape, mapping)) + r")\b") if mapping else None
        if swap:
            body = swap.sub(lambda m, names=mapping: names[m.group()], body)
            title = swap.sub(lambda m, names=mapping: names[m.group()], title)
        published = day0 + timedelta(days=rng.randrange(12))
        rows.append({"story": k, "title": title, "text": body, "published": published.isoformat(),
                     "outlet": f"Outlet {rng.randrange(200)}", "url": f"https://news.example/{k}/{i}"})  # fmt: skip
    return rows


def write(rows: list[dict], out: Path, per_file: int = 500) -> Path:
    """Write the stream as JSON Lines files of ``per_file`` articles (the reader skips files over 5 MB)."""
    out.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(rows), per_file):
        with (out / f"feed_{start // per_file:05d}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows[start : start + per_file]:
                fh.write(json.dumps({k: v for k, v in r.items() if k != "story"}, ensure_ascii=False) + "\n")
    (out / "stories.json").write_text(json.dumps([r["story"] for r in rows]), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--per-story", type=int, default=20, help="articles per story on average")
    args = parser.parse_args()
    folder = write(generate(args.n, args.seeds, per_story=args.per_story), args.out)
    print(f"wrote {args.n} articles to {folder}/feed_*.jsonl")


if __name__ == "__main__":
    main()
