"""The quick check and pydantic agree: what the quick check builds, pydantic builds alike; what pydantic refuses,
the quick check leaves to it."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from deckgen.outline import typed
from deckgen.outline.load import parse_yaml
from deckgen.outline.model import Outline, Role
from deckgen.outline.validate import _prepare
from deckgen.theme.model import Theme, builtin_themes

EXAMPLE = Path(__file__).parents[1] / "src" / "deckgen" / "examples" / "outline.yaml"

# Every key of the format, every slide kind, nested bullets, aliases, numbers written as text.
KITCHEN = """\
deck:
  title: 标题
  subtitle: 副标题
  presenter: 张三
  date: 2026年12月
  language: zh-CN
  markup: markdown
  template_roles: {content: 内容页, title: "1"}
  notes: 开场白。
opening:
  - title: 开篇
    kind: statement
    notes: 同志们。
sections:
  - title: 一、第一部分
    label: 一
    bullets: [甲, [乙, [丙]], 丁]
    notes: 正文。
    subsections:
      - title: （一）小节
        layout: bullets
        bullets: [要点一, 要点二]
        points:
          - title: 一要图表
            chart: {type: column, categories: [2024, 2025], series: [{name: 增速, values: [5.2, "1,234.5"]}], unit: "%"}
            alt: 增速图
          - title: 二要表格
            table: {header: [项目, 数值], rows: [[甲, "1"], [乙, "2"]]}
          - title: 三要引文
            quote: {text: 高质量发展是首要任务, source: 报告}
          - title: 四要数字
            numbers: [{value: 74.4万亿元, label: 总量}, {value: 5.2%, label: 增速}]
          - title: 五要比较
            compare: {left: {title: 左, bullets: [a]}, right: {title: 右}}
          - title: 六要代码
            code: "print(1)"
          - title: 七要图片
            image: pic.png
            kind: image
closing:
  - title: 谢谢
    kind: closing
"""

WRONG = [None, 3, 2.5, True, "", "x" * 2100, "content", [], ["a"], [["a"]], {}, {"z": 1}, -1.0]


def _data(text: str) -> Any:
    loaded = parse_yaml(text, "outline.yaml")
    return _prepare(loaded.data, (), [], loaded)


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _places(item, path + (i,))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        node = node[step]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


_DELETE = object()


def _mutations(data: Any) -> Iterator[Any]:
    """`data` broken (or changed) in one place each: a value replaced by one of another type or size, a key
    removed, an unknown key added."""
    for path in _places(data):
        if not path:
            continue
        for wrong in WRONG:
            yield _set(data, path, wrong)
        yield _set(data, path, _DELETE)
    for path in _places(data):
        node = data
        for step in path:
            node = node[step]
        if isinstance(node, dict):
            yield _set(data, path + ("colour",), "red") if path else {**data, "colour": "red"}


def _snapshot(obj: Any) -> str:
    """Everything an instance holds, types included (30 is not 30.0), private attributes too."""
    if hasattr(obj, "__dataclass_fields__"):
        return f"{type(obj).__name__}({', '.join(f'{k}={_snapshot(v)}' for k, v in vars(obj).items())})"
    if isinstance(obj, (list, tuple)):
        return f"{type(obj).__name__}[{', '.join(_snapshot(v) for v in obj)}]"
    if isinstance(obj, dict):
        return "{" + ", ".join(f"{k!r}: {_snapshot(v)}" for k, v in obj.items()) + "}"
    return f"{type(obj).__name__}:{obj!r}"


def _agree(cls: type, data: Any) -> bool:
    """Whether the quick check built `data` (True) or left it to pydantic (False); fails when the two differ."""
    from pydantic import ValidationError

    fast = typed.quick(cls, data)
    try:
        slow = typed.slow(cls, data)
    except ValidationError:
        assert fast is None, f"the quick check accepted what pydantic refuses: {data!r}"
        return False
    if fast is not None:
        assert _snapshot(fast) == _snapshot(slow)
    return fast is not None


class DescribeQuickCheck:
    def it_builds_the_shipped_outline_and_every_kind_as_pydantic_does(self) -> None:
        for text in (EXAMPLE.read_text(encoding="utf-8"), KITCHEN):
            assert _agree(Outline, _data(text)), "the quick check should build a valid outline itself"
        node = typed.quick(Outline, _data(KITCHEN)).sections[0]
        assert node.bullets == ["甲", "乙", "丙", "丁"] and node.bullet_levels == (0, 1, 2, 0)
        assert node.subsections[0].layout is Role.CONTENT

    def it_leaves_every_broken_outline_to_pydantic(self) -> None:
        data = _data(KITCHEN)
        built = sum(_agree(Outline, broken) for broken in _mutations(data))
        assert built > 100  # many changes are still valid outlines (another text, an empty optional list)

    def it_builds_the_built_in_themes_and_leaves_broken_ones_to_pydantic(self) -> None:
        for path in builtin_themes().values():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data.pop("extends", None)
            data.setdefault("name", path.stem)
            assert _agree(Theme, data), path.stem
        party = yaml.safe_load(builtin_themes()["party"].read_text(encoding="utf-8"))
        party.setdefault("name", "party")
        for broken in _mutations(party):
            _agree(Theme, broken)

    def it_takes_only_exact_types_and_leaves_coercion_to_pydantic(self) -> None:
        party = yaml.safe_load(builtin_themes()["party"].read_text(encoding="utf-8"))
        party.setdefault("name", "party")
        party["sizes"]["title"]["max"] = "40"  # pydantic reads the text as a number in a theme
        assert typed.quick(Theme, party) is None
        assert typed.slow(Theme, party).sizes.title.max == 40.0

    def it_copies_with_private_attributes(self) -> None:
        node = typed.quick(Outline, _data(KITCHEN)).sections[0]
        assert node.replace(notes="").bullet_levels == (0, 1, 2, 0)


@pytest.mark.parametrize("command", ["build", "outline"])
def test_a_valid_outline_does_not_import_pydantic(tmp_path: Path, command: str) -> None:
    source = EXAMPLE if command == "build" else EXAMPLE.with_name("lecture.txt")
    out_file = str(tmp_path / ("out.pptx" if command == "build" else "out.yaml"))
    code = ("import sys\nfrom deckgen.cli import main\n"
            f"try:\n    main([{command!r}, {str(source)!r}, '-o', {out_file!r}])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert out.strip().splitlines()[-1] == "False"
