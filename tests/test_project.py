"""Project-level promises: CI runs the README's test command; versions agree."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import entdeploy

ROOT = Path(__file__).parents[1]


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_the_readme_gives_two_set_up_commands():
    main_job, tests = readme_commands()

    assert main_job.endswith("entdeploy summary")
    assert tests.endswith("-m pytest")


def test_ci_runs_the_readme_test_command():
    _, tests = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")

    assert tests in ci.splitlines()


def test_the_changelog_follows_keep_a_changelog():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")

    assert "## [Unreleased]" in changelog
    assert "### Data" in changelog


def test_version_is_single_sourced():
    version_file = (ROOT / "src" / "entdeploy" / "_version.py").read_text(
        encoding="utf-8"
    )

    assert f'__version__ = "{entdeploy.__version__}"' in version_file
    assert re.fullmatch(r"\d+\.\d+\.\d+", entdeploy.__version__)


def readme_console_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.+?)```", readme, flags=re.DOTALL)
    return [
        line.removeprefix("$ ").split("  #")[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.startswith("$ ")
    ]


def test_the_readme_cli_examples_run(capsys, monkeypatch, tmp_path):
    from entdeploy.cli import main  # noqa: PLC0415 - only this test needs it

    monkeypatch.chdir(tmp_path)
    commands = readme_console_commands()

    assert 4 == len(commands)
    for command in commands:
        argv = shlex.split(command)
        assert "entdeploy" == argv[0]
        assert 0 == main(argv[1:]), command
    assert "Côte-d'Or (21)" in capsys.readouterr().out
    assert (
        (tmp_path / "ent-2025.html")
        .read_text(encoding="utf-8")
        .startswith("<!DOCTYPE html>")
    )


def test_the_data_edition_is_the_latest_packaged_one():
    assert "2025" == entdeploy.__data_edition__
    assert entdeploy.__data_edition__ == entdeploy.editions()[-1].id
    assert entdeploy.__data_edition__ == entdeploy.load().edition.id


def test_the_architecture_page_names_every_module_and_no_other():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = re.search(r"```text\nsrc/entdeploy/\n(.*?)```", page, re.DOTALL)
    assert tree is not None
    documented: set[str] = set()
    folder = ""
    for line in tree.group(1).splitlines():
        name = line.lstrip("│├└─ ").split()[0]
        nested = line.startswith(("│ ", "    "))
        if name.endswith("/"):
            folder = name
            continue
        if name.endswith(".py"):
            documented.add(folder + name if nested else name)

    package = ROOT / "src" / "entdeploy"
    modules = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path.name != "__init__.py" or path.parent == package
    }

    assert modules == documented


def test_every_image_the_docs_show_is_in_the_repository():
    shown = [
        (page.name, target)
        for page in (ROOT / "docs").glob("*.md")
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text("utf-8"))
    ]

    assert ("tutorial.md", "images/colleges-by-academic-region.png") in shown
    assert [] == [item for item in shown if not (ROOT / "docs" / item[1]).is_file()]


def _module_level_imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports at module level.

    Imports inside functions (the Dataset facade's lazy imports) and under
    ``if TYPE_CHECKING:`` are not module-level: they cannot form a cycle.
    """
    import ast  # noqa: PLC0415 - only this test needs it

    package = ROOT / "src" / "entdeploy"
    names = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        here = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            statements = (
                [*node.body, *node.orelse] if isinstance(node, ast.If) else [node]
            )
            for statement in statements:
                if isinstance(statement, ast.ImportFrom):
                    parts = here.split(".")
                    base = (
                        parts[: len(parts) - statement.level + 1]
                        if statement.level
                        else []
                    )
                    target = ".".join(
                        [*base, *(statement.module or "").split(".")]
                    ).strip(".")
                    found |= {f"{target}.{a.name}" for a in statement.names} | {target}
        graph[name] = (found & set(names)) - {name}
    return graph


def test_no_module_level_import_cycle():
    graph = _module_level_imports()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name not in done:
            for imported in graph[name]:
                visit(imported, (*path, name))
            done.add(name)

    for name in graph:
        visit(name, ())
    assert "entdeploy._dataset" in graph["entdeploy"]


def test_no_hidden_state_on_frozen_classes():
    sources = (ROOT / "src" / "entdeploy").rglob("*.py")

    assert [] == [
        p.name for p in sources if "object.__setattr__" in p.read_text("utf-8")
    ]
