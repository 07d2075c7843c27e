"""The package's layout rules, read from the source: layers, no import cycle, file size.

The course outline is the map of ``kamlab/`` (README, "Development"). These tests keep it so:

- concept modules (one per course topic, ``economics/`` and ``cases/``) import only numpy,
  pandas and numpy-financial, plus the base modules and each other;
- ``plotting`` sits on matplotlib (and IPython's display, for alt text) and the concepts; ``widgets`` on ipywidgets, plotting and
  the concepts; nothing imports upwards (a concept never imports plotting, plotting never
  widgets, …);
- no two kamlab modules import each other, directly or round a loop, counting imports made
  inside functions;
- no file is longer than ~900 lines.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kamlab"
MAX_LINES = 900

# Groups, lowest layer first. A module's group is its first dotted part after "kamlab".
BASE = {"exceptions", "columns", "_validate", "_voice", "_language"}
CONCEPTS = {"concentration", "segmentation", "scoring", "opportunities", "funnel", "levers", "card",
            "proposal", "planning", "economics", "cases"}
TEXT = {"i18n", "tables", "sections", "phrases", "labels"}
DATA = {"data", "_reader", "_cells", "_xlsx", "export"}
GROUP_OF = {
    **dict.fromkeys(BASE, "base"), **dict.fromkeys(CONCEPTS, "concept"),
    **dict.fromkeys(TEXT, "text"), **dict.fromkeys(DATA, "data"),
    "plotting": "plotting", "widgets": "widgets", "checks": "checks", "exercises": "exercises",
    "reports": "reports", "parameters": "reports", "batch": "reports", "editions": "reports", "agendas": "reports", "site": "reports", "cli": "cli", "__init__": "root",
}
# group -> the kamlab groups it may import
MAY_IMPORT = {
    "base": {"base"},
    "concept": {"base", "concept"},
    "text": {"base", "concept", "text"},  # tables shows seed tables (service levels)
    "data": {"base", "text", "data"},
    "plotting": {"base", "concept", "text", "plotting"},
    "widgets": {"base", "concept", "text", "data", "plotting", "widgets"},
    "checks": {"base", "concept", "text", "data", "checks"},
    "exercises": {"base", "concept", "text", "data", "checks", "exercises"},
    "reports": {"base", "text", "data", "reports"},
    "cli": {"base", "concept", "text", "data", "exercises", "reports", "cli"},
    "root": {"base", "text", "data", "exercises"},
}
# group -> third-party packages it may import (the standard library is always allowed)
THIRD_PARTY = {
    "base": {"numpy", "pandas"},
    "concept": {"numpy", "pandas", "numpy_financial"},
    "text": {"pandas"},
    "data": {"numpy", "pandas", "openpyxl", "tqdm"},
    # IPython: the alt text of every figure a notebook shows (plotting/_alt_text.py)
    "plotting": {"numpy", "pandas", "matplotlib", "noto_cjk", "IPython"},
    "widgets": {"numpy", "pandas", "matplotlib", "ipywidgets", "IPython", "traitlets"},
    "checks": {"numpy", "pandas"},
    "exercises": {"numpy", "pandas", "numpy_financial"},
    "reports": {"papermill", "nbformat", "nbclient", "jupyter_client", "yaml", "nbconvert", "tqdm",
                "IPython", "distributed"},
    "cli": {"yaml"},
    "root": set(),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    """The absolute module an ImportFrom names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(module: str) -> tuple[set[str], set[str]]:
    """(kamlab modules, top-level third-party/stdlib names) that ``module`` imports anywhere."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    internal, external = set(), set()

    def add(name: str) -> None:
        if name == "kamlab" or name.startswith("kamlab."):
            # "kamlab.plotting.economics" if it is a module, else its nearest module parent
            while name not in MODULES and "." in name:
                name = name.rsplit(".", 1)[0]
            if name != "kamlab":
                internal.add(name)
        else:
            external.add(name.split(".")[0])

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node, path.name == "__init__.py")
            if target == "__future__":
                continue
            for alias in node.names:  # `from kamlab import plotting` imports a module
                sub = f"{target}.{alias.name}"
                add(sub if sub in MODULES else target)
    internal.discard(module)
    return internal, external


def group(module: str) -> str:
    parts = module.split(".")
    return GROUP_OF["__init__" if len(parts) == 1 else parts[1]]


def test_every_module_has_a_group():
    unknown = [m for m in MODULES if m != "kamlab" and m.split(".")[1] not in GROUP_OF]
    assert not unknown, f"add these modules to a layer in tests/test_layout.py: {unknown}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_respect_the_layers(module):
    internal, external = imports(module)
    g = group(module)
    upward = sorted(m for m in internal if group(m) not in MAY_IMPORT[g])
    assert not upward, f"{module} ({g}) imports {upward}, which it may not ({MAY_IMPORT[g]})"
    stdlib = sys.stdlib_module_names
    foreign = sorted(e for e in external if e not in stdlib and e not in THIRD_PARTY[g])
    assert not foreign, f"{module} ({g}) imports {foreign}; allowed: {sorted(THIRD_PARTY[g])}"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module in MODULES:
        internal, _ = imports(module)
        # A package's __init__ re-exporting its own submodules is not a loop back into it.
        graph[module] = {m for m in internal
                         if not (module.startswith(m + ".") and MODULES[m].name == "__init__.py")}
    return graph


def test_no_import_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, "import loop: " + " -> ".join(cycle)


def test_cycle_finder_finds_a_planted_loop():
    """The check above can fail: a loop planted in a copy of the graph is found."""
    graph = _graph()
    graph["kamlab._validate"] = graph["kamlab._validate"] | {"kamlab.concentration"}
    assert _cycle(graph) is not None
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_layer_check_sees_in_function_imports():
    internal, _ = imports("kamlab.cli")  # cli imports its commands' modules inside functions
    assert "kamlab.data" in internal


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_file_over_900_lines(module):
    n = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{MODULES[module].relative_to(PACKAGE.parent)} has {n} lines"
