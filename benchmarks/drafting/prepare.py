"""Rebuild the benchmark lectures from local clones of their public repositories (see sources.yaml)."""
from __future__ import annotations

import argparse
import csv
import io
import subprocess
from pathlib import Path

import yaml

HERE = Path(__file__).parent
DEFAULT_CORPUS = Path("/work/corpus/lectures")
TITLES = {"eisenhower": "Farewell Address", "carter": "Crisis of Confidence"}


def _show(clone: Path, commit: str, path: str) -> str:
    out = subprocess.run(["git", "-C", str(clone), "show", f"{commit}:{path}"], capture_output=True, check=True)
    return out.stdout.decode("utf-8-sig")


def _report(csv_text: str) -> str:
    """The report's lines from its title line to the line before `相关报道：`, without source, date and photo lines."""
    text = next(csv.DictReader(io.StringIO(csv_text)))["full_text"]
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.endswith("政府工作报告"))
    end = next((i for i, line in enumerate(lines) if line.startswith("相关报道")), len(lines))
    keep = [line for line in lines[start:end]
            if line and not line.startswith(("来源：", "时间：")) and not line.endswith("摄")]
    return "\n".join(keep) + "\n"


def prepare(name: str, source: dict, clone: Path) -> str:
    raw = _show(clone, source["commit"], source["path"])
    if source["path"].endswith(".csv"):
        return _report(raw)
    return f"{TITLES[name]}\n\n{raw.strip()}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("clones", type=Path, help="folder holding one clone per repository, named owner+name")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    sources = yaml.safe_load((HERE / "sources.yaml").read_text(encoding="utf-8"))
    args.corpus.mkdir(parents=True, exist_ok=True)
    for name, source in sources.items():
        clone = args.clones / source["repository"].replace("/", "+")
        if (clone / "repo").exists():
            clone = clone / "repo"
        text = prepare(name, source, clone)
        (args.corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        print(f"{name}: {len(text)} characters")


if __name__ == "__main__":
    main()
