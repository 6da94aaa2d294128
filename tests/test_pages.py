"""A screen is one place: each page (views/<page>.py) opens with ui.period.open_page, its permission
check first and the one ui.navigation offers it for; what only that page uses sits beside it in
views/<page>_parts/; ui/ holds only what several pages (or the router) share."""

import ast
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kinerja.access.roles import Actor, Role, acting_as
from kinerja.access.sharing import create_link
from tests.conftest import opened
from ui import keys
from ui.navigation import _PAGES

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.stem for p in (ROOT / "views").glob("*.py"))
REFUSED = "Anda tidak berwenang membuka halaman ini."


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """The modules of ui/ and views/ that ``path`` imports (``from ui import keys`` is ui.keys)."""
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    with_packages = {".".join(m.split(".")[:n]) for m in found for n in range(1, m.count(".") + 2)}
    return {m for m in with_packages if m in MODULES}  # importing a module imports its packages


MODULES = {
    _module(p): p
    for p in [*(ROOT / "ui").glob("*.py"), *(ROOT / "views").rglob("*.py"), ROOT / "app.py", ROOT / "serve.py"]
}
IMPORTS = {name: _imports(path) for name, path in MODULES.items()}


def _reached(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for found in IMPORTS[todo.pop()] - seen:
            seen.add(found)
            todo.append(found)
    return seen


def _users(module: str) -> set[str]:
    """The pages (by file name) and the router ('app') whose imports reach ``module``."""
    entries = {f"views.{page}": page for page in PAGES} | {"app": "app", "serve": "app"}
    return {owner for entry, owner in entries.items() if module in _reached(entry)}


def test_the_graph_sees_the_pages_and_their_parts():
    assert len(PAGES) == len(_PAGES) and set(PAGES) == set(_PAGES), "every page is in ui/navigation._PAGES"
    assert "views.dasbor_parts.screens" in _reached("views.dasbor")
    assert "ui.keys" in _reached("views.dasbor_parts.meeting")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_with_open_page_and_the_check_navigation_offers_it_for(page):
    """The first statement that calls anything is ``open_page(Action.X, …)``, X the action
    ui.navigation offers the page for: the check is visible in the page and comes before anything."""
    body = [n for n in _tree(ROOT / "views" / f"{page}.py").body if not isinstance(n, ast.Import | ast.ImportFrom)]
    first = next(n for n in body if any(isinstance(c, ast.Call) for c in ast.walk(n)))
    call = first.value if isinstance(first, ast.Assign | ast.Expr) else None
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "open_page", (
        f"views/{page}.py line {first.lineno}: a page's first call is open_page(Action…, title)"
    )
    action = call.args[0] if call.args else None
    assert isinstance(action, ast.Attribute) and isinstance(action.value, ast.Name) and action.value.id == "Action"
    assert action.attr == _PAGES[page][2].name, f"views/{page}.py checks {action.attr}, navigation offers it for"


def test_no_page_makes_its_own_opening():
    """open_page is the one opening: no page or page part checks, titles or requires a plan by itself."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno} {name}"
        for path in (ROOT / "views").rglob("*.py")
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call)
        and (name := ast.unparse(node.func)) in ("page_allows", "require_plan", "st.title")
    ]
    assert offenders == []


def test_no_ui_module_is_used_by_one_page_only():
    """A piece only one page uses sits beside that page (views/<page>_parts/)."""
    alone = {
        module: users
        for module in MODULES
        if module.startswith("ui.") and len(users := _users(module)) == 1 and users != {"app"}
    }
    assert alone == {}, "move these beside their page: views/<page>_parts/"


def test_a_pages_parts_are_its_own():
    """views/<page>_parts/ belongs to views/<page>.py: no other page and no ui/ module imports it, and
    the page reaches each of its modules."""
    parts = [p for p in (ROOT / "views").iterdir() if p.is_dir() and p.name.endswith("_parts")]
    assert {p.name for p in parts} >= {"dasbor_parts", "pohon_parts"}
    for folder in parts:
        page = folder.name.removesuffix("_parts")
        assert page in PAGES, f"views/{folder.name}: no views/{page}.py"
        for path in folder.glob("*.py"):
            module = _module(path)
            assert _users(module) == {page}, f"{module}: used by {_users(module)}, belongs to {page} alone"
            if path.stem != "__init__":
                assert module in _reached(f"views.{page}"), f"{module}: views/{page}.py does not use it"
    leaning = sorted(m for m in MODULES if m.startswith("ui.") and any(i.startswith("views.") for i in IMPORTS[m]))
    assert leaning == [], "ui/ is below the pages: it never imports views/"


@pytest.fixture
def page_alone(small_db_path, monkeypatch):
    """A page script run by itself, without the router: no session, as a crafted request would."""
    monkeypatch.setenv("KINERJA_DB", str(small_db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield lambda name: AppTest.from_file(str(ROOT / "views" / f"{name}.py"), default_timeout=60)
    st.cache_resource.clear()


def test_the_dasbor_refuses_before_it_shows_anything(page_alone):
    app = page_alone("dasbor").run()
    assert [e.value for e in app.error] == [REFUSED]
    assert not app.title and not app.expander and not app.get("plotly_chart")


def _link(db_path) -> str:
    with opened(db_path) as store, acting_as(Actor("kadis", Role.LEADER)):
        return create_link(store, "Rapat evaluasi", 2026, 2)


def test_a_read_only_link_opens_the_page_that_allows_one_and_no_other(page_alone, small_db_path):
    token = _link(small_db_path)
    dasbor = page_alone("dasbor")
    dasbor.query_params[keys.SHARE_TOKEN] = token
    dasbor.run()
    assert not dasbor.exception and not dasbor.error
    assert dasbor.title[0].value == "Dasbor Capaian" and "Rapat evaluasi" in dasbor.caption[0].value
    rekap = page_alone("rekap")
    rekap.query_params[keys.SHARE_TOKEN] = token
    rekap.run()
    assert [e.value for e in rekap.error] == [REFUSED] and not rekap.title
