"""The stages import only downwards, never a private name of another module, and no package imports itself
in a circle: the order of docs/architecture.md, checked on the source."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Lower layers know nothing of higher ones. Modules of one layer may import each other.
LAYERS = [
    {
        "model",
        "timespan",
        "codec",
        "settings",
        "names",
        "transliterate",
        "countries",
        "__init__",
    },  # plain data, shared helpers
    {"ingest"},
    {"extract"},
    {"link"},
    {"store"},
    {"pipeline", "engine_dask", "watch"},
    {"render"},
    {"serve", "eval"},
    {"cli", "cli_entities", "cli_output", "cli_sources", "cli_storylines", "__main__"},
]


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> list[tuple[str, str, str, int]]:
    """(importing module, imported module, imported name or "", line) of every storyline import."""
    out = []
    for path in sorted((SRC / "storyline").rglob("*.py")):
        module = _module(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = node.module or ""
                if node.level:  # relative: resolved against the package
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([target] if target else [])])
                if target.startswith("storyline"):
                    out.extend((module, target, a.name, node.lineno) for a in node.names)
            elif isinstance(node, ast.Import):
                out.extend((module, a.name, "", node.lineno) for a in node.names if a.name.startswith("storyline"))
    return out


def _layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    return next(i for i, names in enumerate(LAYERS) if part in names)


def _is_module(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_every_module_belongs_to_a_layer() -> None:
    for path in (SRC / "storyline").rglob("*.py"):
        _layer(_module(path))  # StopIteration names a module no layer lists


def test_no_stage_imports_a_later_one() -> None:
    upward = [
        f"{a}:{line} imports {b}" for a, b, _name, line in _imports() if _layer(b) > _layer(a) and b != "storyline"
    ]
    assert not upward


def test_no_private_name_is_imported_from_another_module() -> None:
    private = [
        f"{a}:{line} imports {b}.{name}"
        for a, b, name, line in _imports()
        if name.startswith("_") and not name.startswith("__") and not _is_module(f"{b}.{name}")
    ]
    assert not private


def test_packages_import_no_circle() -> None:
    """No module imports itself through others, at its top or inside a function (a lazy import hides a circle,
    it does not remove it). A package's ``__init__`` re-exporting its modules is no circle."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted((SRC / "storyline").rglob("*.py")):
        module = _module(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("storyline"):
                for a in node.names:
                    sub = f"{node.module}.{a.name}"
                    graph[module].add(sub if _is_module(sub) else node.module)
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start and not start.startswith(nxt + ".") and not nxt.startswith(start + "."):
                    cycles.append(" → ".join([*trail, nxt]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert not cycles
