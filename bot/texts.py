"""Everything a person reads from the App is rendered from ``templates/github`` (wording changes without code).

Long texts (check-run summary, review, reply, commit message) are templates of their own; short ones (a
check-run title, what a delivery did, why a ``/fix`` was refused) are macros in ``phrases.md.j2``, called by
name through ``phrase``. Counted nouns go through ``plural`` everywhere, templates included.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from iacfix import templates

IRREGULAR_PLURALS = {"fix": "fixes", "was": "were", "is": "are"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 fix``, ``2 fixes``, ``0 findings``: the count and the noun in the form the count needs."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {many or IRREGULAR_PLURALS.get(noun, noun + 's')}"


def _cell(text: object) -> str:
    """A value inside one Markdown table cell: a pipe or a line break would end the cell or the row."""
    return str(text).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(templates.__file__).parent / "github"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters["cell"] = _cell
    environment.filters["plural"] = plural
    return environment


def render(name: str, **values: Any) -> str:
    """A whole text from its template, ending with one newline."""
    return _environment().get_template(name).render(**values).strip() + "\n"


def phrase(name: str, **values: Any) -> str:
    """A short text: the macro ``name`` of ``phrases.md.j2``, on one line without surrounding space."""
    macro = getattr(_environment().get_template("phrases.md.j2").module, name)
    return str(macro(**values)).strip()
