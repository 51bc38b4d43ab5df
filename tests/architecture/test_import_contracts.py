"""The import direction (adapters → composition → domains → foundations; nothing imports app)
is a contract that import-linter checks on the real tree and that a wrong import breaks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["root_packages"])


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python packages and pyproject.toml, copied so a test can add a wrong import."""
    tree = tmp_path_factory.mktemp("tree")
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    for package in _packages():
        shutil.copytree(
            ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return tree


def test_every_top_level_package_is_under_contract() -> None:
    # GIVEN the folders of the repository that are Python packages
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests"}
    # THEN each one is a root package of the contracts (a new package cannot escape them)
    assert packages == set(_packages())


def test_the_repository_keeps_its_import_contracts(tree_copy: Path) -> None:
    result = _lint(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "wrong_import"),
    [
        ("complaints/intake.py", "import app.i18n"),  # a domain importing the UI
        ("operations/db.py", "import complaints.status"),  # the foundation importing a domain
        ("ingest/landing/run.py", "import sample_data"),  # production importing sample data
    ],
)
def test_a_wrong_import_breaks_the_contract(
    tree_copy: Path, tmp_path: Path, module: str, wrong_import: str
) -> None:
    # GIVEN a copy of the tree in which one module gets a wrong import
    tree = tmp_path / "tree"
    shutil.copytree(tree_copy, tree)
    target = tree / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{wrong_import}  # noqa\n")
    # WHEN the contracts are checked THEN they fail and name the import
    result = _lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
