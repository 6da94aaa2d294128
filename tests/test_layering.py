"""kinerja/ is the product's logic and never imports streamlit: pages arrange, kinerja decides."""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_module_of_kinerja_imports_streamlit():
    offenders = []
    for path in (ROOT / "kinerja").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def test_importing_every_module_of_kinerja_loads_no_streamlit():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "kinerja").rglob("*.py")
        if p.stem != "__main__"
    )
    assert "kinerja.collection.checking" in modules, "the sub-packages are walked"
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('streamlit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"


def test_views_stay_thin():
    for path in (ROOT / "views").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 130, f"{path.name}: move logic into kinerja/"


def test_every_package_says_what_it_holds_and_its_modules_sit_in_one():
    packages = [p for p in (ROOT / "kinerja").iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert {p.name for p in packages} >= {
        "domain",
        "planning",
        "collection",
        "workflow",
        "access",
        "reporting",
        "storage",
    }
    for package in packages:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) <= 3, f"{package.name}/__init__.py: say in two lines what it holds"
    loose = sorted(p.name for p in (ROOT / "kinerja").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "demo.py"], "every other module sits in its package"


def test_pages_and_ui_hold_no_sql():
    """The same question on a page and on the command line is one function in kinerja."""
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("views", "ui")
        for path in (ROOT / folder).rglob("*.py")  # views/<page>_parts/ too
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b|\.(rows|df|scalar|execute)\(", line)
    ]
    assert offenders == []


def test_packages_import_only_the_layers_below_them():
    """pyproject.toml's layers contract (import-linter), also run by `make lint`: a cycle fails."""
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_contract_lists_no_exception():
    """No import is let through: a package that needs one from above it moves the code instead."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert all("ignore_imports" not in c for c in contracts["contracts"])


def test_domain_holds_rules_and_runs_no_sql():
    """kinerja/domain/ computes over plain values and arrays; reading the store is storage's."""
    offenders = []
    for path in (ROOT / "kinerja" / "domain").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: SQL" for _ in re.finditer(r"\bSELECT\b[^\n]*\bFROM\b", text)]
        for node in ast.walk(ast.parse(text)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in ("duckdb", "kinerja") and not n.startswith("kinerja.domain")
            ]
    assert offenders == []
