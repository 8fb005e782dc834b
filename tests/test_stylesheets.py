"""The project's own stylesheets are well formed: a stray or missing brace is no error to a browser, which silently
drops the rules after it (a "}" left after an @media block once dropped the webinar header's spacing)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

STYLESHEETS = sorted(path for folder in ("overrides", "hooks") for path in (ROOT / folder).rglob("*.css"))
# Comments and quoted strings: their braces are not the stylesheet's.
_NOT_STRUCTURE = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.S)


def brace_problems(text: str) -> list[str]:
    """Where the braces of a stylesheet do not balance: a "}" with no block open, or blocks left open."""
    depth, problems = 0, []
    for line_number, line in enumerate(_NOT_STRUCTURE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
                                       .splitlines(), 1):
        for character in line:
            if character in "{}":
                depth += 1 if character == "{" else -1
                if depth < 0:
                    problems.append(f"line {line_number}: a '}}' closes no block")
                    depth = 0
    if depth:
        problems.append(f"{depth} block(s) left open at the end")
    return problems


@pytest.mark.parametrize("text, expected", [
    ("a { b: c; }\n@media x { a { b: c; } }\n", []),
    ("a { content: '}'; } /* } */\n", []),
    ("@media x {\n  a { b: c; }\n}\n}\n.d { e: f; }\n", ["line 4: a '}' closes no block"]),
    ("@media x {\n  a { b: c; }\n", ["1 block(s) left open at the end"]),
])
def test_brace_problems_are_found(text, expected):
    assert brace_problems(text) == expected


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_stylesheet_balances_its_braces(path):
    assert not brace_problems(path.read_text(encoding="utf-8")), path


def test_the_stylesheets_are_found():
    assert any(path.name == "hub.css" for path in STYLESHEETS), STYLESHEETS
