"""Research collections that ship tokenised text, read back into running text.

News benchmarks (Timeline17, CoNLL-style corpora) often ship articles already split into Penn Treebank
tokens: brackets as ``-LRB-``/``-RRB-``, double quotes as ````…''``, clitics split off ("Mubarak 's",
"do n't"), a space before every comma and full stop, ``\\/`` for a slash. Parsers, quote finders and
titles read such text badly, so an article that clearly is tokenised (``ingest.tokenised_marks`` bracket tokens,
split clitics or escaped slashes) is rejoined before cleaning: the reverse of the tokeniser's rules,
nothing else. Other text, typewriter quotes included, is left exactly as it is.
"""

from __future__ import annotations

import re

from storyline.settings import current

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
# Signs only a tokeniser leaves. Typewriter quotes (``…'') alone are not one: older newswire prints them
# (the quote finder reads them), and a space before a comma is also a common scraping artefact.
_MARKS = re.compile(r"-[LR][RSC]B-|\\/|(?<=\w) (?:'s|n't|'re|'ve|'ll|'m|'d) ")
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"-[LR][RSC]B-"), ""),  # replaced through _BRACKETS below
    (re.compile(r"\\/"), "/"),
    (re.compile(r"``\s*"), "“"),
    (re.compile(r"\s*''"), "”"),
    (re.compile(r"(?<=\w) (?=(?:'s|n't|'re|'ve|'ll|'m|'d)\b)"), ""),
    (re.compile(r"([(\[{]) "), r"\1"),
    (re.compile(r" ([)\]}])"), r"\1"),
    (re.compile(r"(?<=\S) ([,;:%?!])(?=[\s”)]|$)"), r"\1"),
    (re.compile(r"(?<=\S) \.(?=[\s”)]|$)"), "."),
    (re.compile(r"(?<=\$) (?=\d)"), ""),
]


def is_tokenised(text: str) -> bool:
    cfg = current().ingest
    return sum(1 for _ in zip(range(cfg.tokenised_marks), _MARKS.finditer(text), strict=False)) >= cfg.tokenised_marks


def untokenize(text: str) -> str:
    """``text`` rejoined when it is tokenised (see the module doc); else ``text`` itself."""
    if not is_tokenised(text):
        return text
    out = re.sub(r"-[LR][RSC]B-", lambda m: _BRACKETS[m.group()], text)
    for rx, repl in _RULES[1:]:
        out = rx.sub(repl, out)
    return out
