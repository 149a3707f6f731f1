"""The code keeps its shape: stage folders with one job each and rules about who imports whom; no import
cycles; only cli/ prints; every module has a docstring and `from __future__ import annotations`; modules
stay small; at most four loose modules at the top of the package."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "deckgen"
MODULES = sorted(SRC.rglob("*.py"))
FOLDERS = ("cli", "build", "outline", "theme", "plan", "text", "render", "package", "extract", "present", "pull",
           "examples")
MAX_LINES = 420


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {_name(p): p for p in MODULES}


def _imports(tree: ast.Module, module: str, *, type_checking: bool) -> list[str]:
    """Modules imported anywhere in `tree` (inside functions too); with `type_checking`, also those under
    `if TYPE_CHECKING:`. `from deckgen.x import y` counts as importing `deckgen.x.y` when that is a module."""
    out: list[str] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING" and not type_checking:
                continue
            if isinstance(child, ast.Import):
                out.extend(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                base = child.module
                if child.level:  # relative import
                    package = module.split(".")[: len(module.split(".")) - child.level + (1 if NAMES.get(module, Path()).name == "__init__.py" else 0)]
                    base = ".".join(package + ([child.module] if child.module else []))
                subs = [f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in NAMES]
                out.extend(subs or [base])
            walk(child)

    walk(tree)
    return out


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FOLDERS else ""


TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in NAMES.items()}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_shape(path: Path) -> None:
    tree = TREES[_name(path)]
    doc = ast.get_docstring(tree)
    assert doc, "a module starts with a docstring of its job"
    assert any(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in tree.body[:3])
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
    assert path.stem not in ("inspect", "types", "typing", "io", "zipfile", "string", "copy", "token"), \
        "a module does not shadow one of Python's own"


def test_at_most_four_loose_modules() -> None:
    loose = sorted(p.name for p in SRC.glob("*.py"))
    assert len(loose) <= 4, loose
    assert {p.name for p in SRC.iterdir() if p.is_dir() and not p.name.startswith("__")} <= set(FOLDERS)


# (folder, forbidden import prefixes, also in TYPE_CHECKING blocks)
RULES = [
    ("plan", ("pptx", "deckgen.render", "deckgen.build", "deckgen.cli", "deckgen.package", "deckgen.present",
              "deckgen.extract"), True),
    ("text", ("pptx", "deckgen.render", "deckgen.plan", "deckgen.build", "deckgen.cli", "deckgen.package",
              "deckgen.present", "deckgen.extract", "deckgen.outline", "deckgen.theme"), True),
    ("outline", ("pptx", "deckgen.render", "deckgen.plan", "deckgen.build", "deckgen.cli", "deckgen.present",
                 "deckgen.extract"), True),
    ("theme", ("pptx", "deckgen.render", "deckgen.plan", "deckgen.build", "deckgen.cli", "deckgen.present",
               "deckgen.extract"), True),
    ("package", ("pptx", "deckgen.render", "deckgen.plan", "deckgen.build", "deckgen.cli", "deckgen.extract"), True),
    ("extract", ("pptx", "deckgen.render", "deckgen.plan", "deckgen.build", "deckgen.cli"), True),
    ("present", ("pptx", "deckgen.render", "deckgen.cli"), False),
    ("build", ("deckgen.cli",), True),
    ("pull", ("pptx", "deckgen.render", "deckgen.build", "deckgen.cli", "deckgen.extract"), True),
]


@pytest.mark.parametrize("folder, forbidden, strict", RULES, ids=[r[0] for r in RULES])
def test_folder_imports(folder: str, forbidden: tuple[str, ...], strict: bool) -> None:
    found = []
    for name, tree in TREES.items():
        if _folder(name) != folder:
            continue
        for imported in _imports(tree, name, type_checking=strict):
            if any(imported == f or imported.startswith(f + ".") for f in forbidden):
                found.append(f"{name} imports {imported}")
    assert found == []


def test_only_render_imports_python_pptx() -> None:
    found = [f"{name} imports {m}" for name, tree in TREES.items() if _folder(name) != "render"
             for m in _imports(tree, name, type_checking=False) if m == "pptx" or m.startswith("pptx.")]
    assert found == []


def test_no_import_cycles() -> None:
    graph = {name: {m for m in _imports(tree, name, type_checking=False) if m in NAMES and m != name}
             for name, tree in TREES.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    # a package's __init__ importing its own modules is how Python packages work, not a cycle of jobs
    real = [c for c in cycles if not any(a.startswith(b + ".") or b.startswith(a + ".") for a, b in zip(c, c[1:]))]
    assert real == []


PRINTERS = {("click", "echo"), ("click", "secho"), ("sys.stdout", "write"), ("sys.stderr", "write")}


def test_only_cli_prints() -> None:
    found = []
    for name, tree in TREES.items():
        if _folder(name) == "cli" or name == "deckgen.errors":  # click shows its exceptions through `show()`
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name) and f.id == "print":
                    found.append(f"{name}:{node.lineno} print()")
                elif isinstance(f, ast.Attribute) and (ast.unparse(f.value), f.attr) in PRINTERS:
                    found.append(f"{name}:{node.lineno} {ast.unparse(f)}()")
            elif isinstance(node, ast.Attribute) and ast.unparse(node) == "click.echo":
                found.append(f"{name}:{node.lineno} click.echo")
    assert found == []
