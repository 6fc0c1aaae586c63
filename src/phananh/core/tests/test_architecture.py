"""The structure docs/architecture.md describes, read from the code itself.

Every import of our own modules counts — at the top of a module or inside a function, task
modules included; tests and migrations aside. The apps form layers (`LAYERS`): an app imports
only apps of the layers before its own, so no two apps import each other; no module imports
itself back through others; modules stay small enough to read.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from phananh.core.queue import task_at

ROOT = Path(__file__).resolve().parents[2]  # src/phananh
# Lower layers first; docs/architecture.md draws the same picture.
LAYERS: list[set[str]] = [
    {"core"},
    {"config"},
    {"geo"},
    {"accounts"},
    {"catalog"},
    {"notifications"},
    {"sla"},
    {"reports"},
    {"intelligence"},
    {"interop"},
    {"alerts"},
    {"channels"},
    {"analytics"},
    {"transparency"},
    {"campaigns"},
    {"publication"},
    {"api"},
    {"ops"},
    {"cities"},
    {"demo"},
    {"cli"},
]
MAX_LINES = 500
# Modules still over MAX_LINES, each with the size it may not exceed while it is split.
OVERSIZED: dict[str, int] = {}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if {"tests", "migrations"} & set(relative.parts) or path.name == "conftest.py":
            continue
        parts = ["phananh", *relative.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _imports(module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    resolved = {_resolve(name) for name in found if name.startswith("phananh")}
    return resolved - {"", module}


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "phananh"


def test_every_app_has_a_layer():
    apps = {_app(module) for module in MODULES} - {"phananh"}
    assert apps == set().union(*LAYERS)


def test_apps_import_only_lower_layers():
    layer_of = {app: index for index, layer in enumerate(LAYERS) for app in layer}
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _app(module) != _app(target)
        and _app(module) != "phananh"
        and layer_of[_app(target)] >= layer_of[_app(module)]
    )
    assert wrong == []


def test_nothing_imports_alerts():
    """Alerts by place plug into the fan-out; only config/urls names them (by a string)."""
    assert not {
        (module, target)
        for module, targets in GRAPH.items()
        if _app(module) != "alerts"
        for target in targets
        if _app(target) == "alerts"
    }


def test_sla_imports_nothing_of_reports():
    assert not {
        (module, target)
        for module, targets in GRAPH.items()
        if _app(module) == "sla"
        for target in targets
        if _app(target) == "reports"
    }


def test_no_module_imports_itself_back():
    """No import cycle between modules: a service and its app's tasks included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for target in GRAPH.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert cycles == []


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines())


def test_modules_stay_small():
    sizes = {str(path.relative_to(ROOT)): _lines(path) for path in MODULES.values()}
    too_long = {
        name: lines
        for name, lines in sizes.items()
        if lines > MAX_LINES and lines > OVERSIZED.get(name, 0)
    }
    assert too_long == {}
    # Once split, a module leaves the list (so it cannot grow back unnoticed).
    assert {name for name in OVERSIZED if sizes.get(name, 0) <= MAX_LINES} == set()


_TASK_PATH = re.compile(r"""["'](phananh\.\w+(?:\.\w+)*\.tasks\.\w+)["']""")


@pytest.mark.parametrize(
    "path",
    sorted({m for p in MODULES.values() for m in _TASK_PATH.findall(p.read_text())}),
)
def test_every_task_path_names_a_task(path):
    """Services queue work by the task's path (core/queue.py): each path must name a task."""
    assert task_at(path).module_path == path
