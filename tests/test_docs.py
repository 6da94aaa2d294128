"""Docs that cannot drift: every command, option and setting of the command line is in the README, and
every page, ui/ module and kinerja module is where the README's Layout and docs/ARCHITECTURE.md say."""

import argparse
import re
from pathlib import Path

import pytest

from kinerja.__main__ import _parser
from kinerja.storage.settings import OFFICE_DEFAULTS, YEAR_DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(_parser()))
TOP_OPTIONS = {o for a in COMMANDS[0][1]._actions for o in a.option_strings}


def _usage_lines(path: tuple[str, ...]) -> list[str]:
    """The README's lines with a code span that runs the command: `import-plan FILE …` in the table, or
    `python -m kinerja form renja …` in a section."""
    usage = re.compile(r"^(?:\S*python -m kinerja (?:\[?--db \S+ )?)?" + re.escape(" ".join(path)) + r"(?=\s|$)")
    return [line for line in README.splitlines() if any(usage.match(s.strip()) for s in CODE_SPAN.findall(line))]


def _named(option: str, text: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", text) is not None


def test_the_walk_finds_the_commands_and_their_options():
    paths = {" ".join(path) for path, _ in COMMANDS}
    assert {"import-plan", "settings set", "form manual-iku", "user passwd", "lke"} <= paths
    assert "--db" in TOP_OPTIONS


@pytest.mark.parametrize("path, parser", COMMANDS[1:], ids=[" ".join(p) for p, _ in COMMANDS[1:]])
def test_every_command_and_its_options_are_in_the_readme(path, parser):
    lines = _usage_lines(path)
    assert lines, f"README: no `{' '.join(path)} …` (add it to the Command line table)"
    text = "\n".join(lines)
    for action in parser._actions:
        options = [o for o in action.option_strings if o not in TOP_OPTIONS and o not in ("-h", "--help")]
        if options:
            assert any(_named(o, text) for o in options), f"README: `{' '.join(path)}` does not show {options[-1]}"


def test_the_common_options_are_in_the_readme():
    usage = [s for s in CODE_SPAN.findall(README) if s.startswith("python -m kinerja [")]
    assert usage, "README: the general usage line `python -m kinerja [--db PATH] COMMAND`"
    for option in TOP_OPTIONS - {"-h", "--help"}:
        assert any(_named(option, s) for s in usage), f"README: the usage line does not show {option}"


def _keys_in_rows(belongs_to: str) -> set[str]:
    """The keys of the README's "Decided per key" table whose row says they belong to ``belongs_to``."""
    keys = set()
    for line in README.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 3 and cells[1] == belongs_to:
            keys |= set(CODE_SPAN.findall(cells[0]))
    return keys


def test_every_setting_is_in_the_readme_with_what_it_belongs_to():
    assert set(YEAR_DEFAULTS) <= _keys_in_rows("years"), "README › Settings belong to years: a year's key is missing"
    assert set(OFFICE_DEFAULTS) <= _keys_in_rows("the deployment"), "README: a deployment's key is missing"
    settable = set(YEAR_DEFAULTS) | set(OFFICE_DEFAULTS) - {"demo_loaded"}
    for key in settable:
        assert f"settings set {key}" in README, f"README › Configuration: how to set {key}"


def _layout() -> str:
    return README.split("## Layout", 1)[1].split("\n## ", 1)[0]


def test_the_readme_layout_names_every_page_and_ui_module():
    layout = _layout()
    for folder in ("views", "ui"):
        for path in (ROOT / folder).glob("*.py"):
            if path.stem != "__init__":
                assert _named(path.stem, layout), f"README › Layout: {folder}/{path.name} is not listed"


def test_the_docs_name_every_pages_parts():
    """A page's own modules (views/<page>_parts/) are in the README's Layout and in ARCHITECTURE's
    row of that page."""
    layout = _layout()
    for folder in sorted((ROOT / "views").glob("*_parts")):
        page = folder.name.removesuffix("_parts")
        row = next((line for line in ARCHITECTURE.splitlines() if f"`views/{page}.py`" in line), "")
        for path in folder.glob("*.py"):
            if path.stem != "__init__":
                assert _named(path.stem, layout), f"README › Layout: views/{folder.name}/{path.name} is not listed"
                assert f"`{path.stem}`" in row, f"docs/ARCHITECTURE.md: the row of views/{page}.py, {path.stem}"


def test_the_architecture_names_every_page_and_module_in_its_package():
    for path in (ROOT / "views").glob("*.py"):
        assert f"`views/{path.name}`" in ARCHITECTURE, f"docs/ARCHITECTURE.md: the page views/{path.name}"
    for package in sorted(p for p in (ROOT / "kinerja").iterdir() if (p / "__init__.py").exists()):
        row = next((line for line in ARCHITECTURE.splitlines() if line.startswith(f"| `kinerja/{package.name}/`")), "")
        assert row, f"docs/ARCHITECTURE.md: no row for kinerja/{package.name}/"
        for module in package.glob("*.py"):
            if module.stem != "__init__":
                assert f"`{module.stem}`" in row, f"docs/ARCHITECTURE.md: kinerja/{package.name}/{module.name}"


def test_the_tests_mirror_the_packages():
    """tests/<package>/test_<module>.py tests kinerja/<package>/<module>.py (docs/ARCHITECTURE.md › Tests)."""
    packages = [p for p in (ROOT / "kinerja").iterdir() if (p / "__init__.py").exists()]
    assert {p.name for p in packages} <= {p.name for p in (ROOT / "tests").iterdir() if p.is_dir()}, (
        "a package untested"
    )
    for package in packages:
        for test in (ROOT / "tests" / package.name).glob("test_*.py"):
            module = package / f"{test.stem.removeprefix('test_')}.py"
            assert module.exists(), f"tests/{package.name}/{test.name}: no kinerja/{package.name}/{module.name}"
    assert "## Tests" in ARCHITECTURE
