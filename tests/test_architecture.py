"""The code keeps its shape: only render/ imports python-pptx; every module has a docstring and
`from __future__ import annotations`; modules stay small."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "deckgen"
MODULES = sorted(SRC.rglob("*.py"))


def _runtime_imports(tree: ast.Module) -> list[str]:
    """Modules imported outside `if TYPE_CHECKING:` blocks."""
    out: list[str] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING":
                continue
            if isinstance(child, ast.Import):
                out.extend(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                out.append(child.module)
            walk(child)

    walk(tree)
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_shape(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    assert doc, "a module starts with a docstring of its job"
    assert any(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in tree.body[:3])
    if "render" not in path.relative_to(SRC).parts:
        assert not [m for m in _runtime_imports(tree) if m == "pptx" or m.startswith("pptx.")], \
            "only deckgen.render imports python-pptx"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 420
