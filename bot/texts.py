"""Everything a person reads from the App is rendered from ``templates/github`` (wording changes without code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from iacfix import templates


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(templates.__file__).parent / "github"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return environment


def render(name: str, **values: Any) -> str:
    return _environment().get_template(name).render(**values).strip() + "\n"
