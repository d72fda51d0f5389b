"""Code snippets that fixes insert, rendered from ``templates/snippets`` so they change without code changes."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2


@cache
def _environment() -> jinja2.Environment:
    """Built on first use: scanning never needs it, only fixing does."""
    import jinja2

    from iacfix import templates

    folder = Path(templates.__file__).parent / "snippets"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


def render(name: str, **values: Any) -> str:
    """Render ``templates/snippets/<name>`` with ``values``; the result has no trailing newline."""
    return _environment().get_template(name).render(**values).rstrip("\n")
