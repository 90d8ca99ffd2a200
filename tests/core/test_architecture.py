"""The package layers hold for every import statement, function-level ones included."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "app"


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "app":
                yield from (f"app.{alias.name}" for alias in node.names)
            elif node.module.startswith("app."):
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("app."))


def _package(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return parts[0] if len(parts) > 1 else f"({parts[0]})"


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        source = _package(path)
        for target in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            package = target.split(".")[1]
            if package != source and (ROOT / package).is_dir():
                graph.setdefault(source, set()).add(package)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_package_import_graph_has_no_cycle():
    assert find_cycle(package_graph()) is None


def test_the_cycle_finder_finds_a_planted_loop():
    assert find_cycle({"orders": {"staff"}, "staff": {"sellers"}, "sellers": {"orders"}}) == [
        "orders",
        "staff",
        "sellers",
        "orders",
    ]


def test_imports_inside_functions_say_why():
    unexplained = []
    for path in ROOT.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom) and "#" not in lines[inner.lineno - 2]:
                    unexplained.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert unexplained == []
