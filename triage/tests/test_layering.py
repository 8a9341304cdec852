"""Triage sits low: the domain apps use it, it uses none of them."""

import ast
from pathlib import Path

import triage

DOMAIN_APPS = {
    "accounts",
    "audit",
    "directory",
    "networks",
    "public",
    "records",
    "recruitment",
    "regions",
    "reports",
    "support",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_module_of_triage_outside_its_tests_imports_a_domain_app() -> None:
    root = Path(triage.__file__).parent
    sources = [path for path in root.rglob("*.py") if "tests" not in path.parts]

    offenders = {
        str(path.relative_to(root)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] in DOMAIN_APPS
        )
        for path in sources
    }

    assert len(sources) >= 10
    assert {path: names for path, names in offenders.items() if names} == {}
