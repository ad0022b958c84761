"""The layout promised in docs/architecture.md, checked: one way down, small files, no
private names across modules, imports at the top."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "stationkeeper"
MAX_LINES = 400


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path, ast.parse(path.read_text(encoding="utf-8"))


def test_layers_and_acyclic_packages_by_import_linter():
    """The contracts in pyproject.toml ([tool.importlinter]): no lower layer imports a higher
    one, and the modules of a package import each other without cycles."""
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail(
            f"import-linter is not installed beside {sys.executable} (pip install -e '.[test]')"
        )
    res = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=SRC.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]


def test_no_source_file_holds_more_than_one_screenful_of_ideas():
    long = {
        str(p.relative_to(SRC)): n
        for _, p, _ in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_api_is_a_table_of_contents():
    assert len((SRC / "api.py").read_text(encoding="utf-8").splitlines()) <= 300


def test_no_private_name_is_imported_from_another_module():
    crossings = []
    for name, path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("stationkeeper"):
                for alias in node.names:
                    if alias.name.startswith("_") and node.module != name:
                        crossings.append(f"{path.relative_to(SRC)}: {node.module}.{alias.name}")
    assert not crossings, crossings


def test_internal_imports_sit_at_the_top_of_the_file():
    """Imports of our own modules inside functions hid the upward imports and the cycles
    the layers contract now forbids; only the entry points may defer one (``__main__``)."""
    inside = []
    for _, path, tree in _modules():
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "stationkeeper"
                ):
                    inside.append(f"{path.relative_to(SRC)}:{node.lineno} {node.module}")
    assert not inside, inside
