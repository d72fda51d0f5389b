"""Everything a person reads from the App is rendered from ``templates/github`` (wording changes without code).

Long texts (check-run summary, review, reply, commit message) are templates of their own; short ones (a
check-run title, what a delivery did, why a ``/fix`` was refused) are macros in ``phrases.md.j2``, called by
name through ``phrase``. Counted nouns go through ``plural`` everywhere, templates included.

Every value a template prints is escaped for where it goes unless it is the App's own text (``Trusted``):
file names, resource names, messages and error texts come from a pull request, and must not mention people,
render links or HTML, open or close code blocks, forge the App's markers, or add lines to a commit message.
Markdown templates (``*.md.j2``) escape Markdown; plain-text ones (``*.txt.j2``) keep each value on its line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from iacfix import templates

IRREGULAR_PLURALS = {"fix": "fixes", "was": "were", "is": "are"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029]+")
# What lets text in a pull request act in Markdown: HTML and entities, links and images, code spans, table
# cells, escapes. Emphasis (* and _) only changes how a word looks, and `foo_bar` must read as written.
_MARKDOWN = re.compile(r"([\\`\[\]<>|&])")
_ZERO_WIDTH = "\u200b"
_AUTOLINK = re.compile(r"(?i)(:)(//)|(www)(\.)|(@)|(#)(?=\d)")


class Trusted(str):
    """The App's own text (or text already escaped for its place): printed as it is."""


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 fix``, ``2 fixes``, ``0 findings``: the count and the noun in the form the count needs."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {many or IRREGULAR_PLURALS.get(noun, noun + 's')}"


def one_line(text: object) -> str:
    """A value on one line without control characters: nothing it holds can start a new line."""
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", str(text)))


def markdown(text: object) -> str:
    """Text shown literally in Markdown: no HTML, links, mentions, issue references or code spans."""
    escaped = _MARKDOWN.sub(r"\\\1", one_line(text))
    return _AUTOLINK.sub(lambda m: _ZERO_WIDTH.join(g for g in m.groups() if g) + (
        _ZERO_WIDTH if m.group(5) or m.group(6) else ""), escaped)


def code(text: object, table: bool = False) -> Trusted:
    """An inline code span holding ``text`` literally, whatever backticks it holds (CommonMark's rule)."""
    value = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    ticks = "`" * (longest + 1)
    padded = f" {value} " if value.startswith("`") or value.endswith("`") or not value.strip() else value
    if table:  # GitHub splits table cells on a pipe even inside code
        padded = padded.replace("|", "\\|")
    return Trusted(f"{ticks}{padded}{ticks}")


def fenced(text: str, info: str = "") -> Trusted:
    """A fenced code block longer than any run of backticks inside, so no line of the text can close it."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Trusted(f"{fence}{info}\n{_CONTROL.sub('', text)}\n{fence}")


def _finalize(escape: Any) -> Any:
    def finalize(value: Any) -> Any:
        if isinstance(value, Trusted) or not isinstance(value, str):
            return value
        return escape(value)

    return finalize


def _cell(text: object) -> Trusted:
    """A value inside one Markdown table cell: escaped, and a pipe cannot end the cell."""
    return Trusted(text if isinstance(text, Trusted) else markdown(text))


@cache
def _environment(kind: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(templates.__file__).parent / "github"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=_finalize(markdown if kind == "markdown" else one_line),
    )
    environment.filters.update(cell=_cell, plural=plural, code=code, fenced=fenced)
    return environment


def _kind(name: str) -> str:
    return "text" if name.endswith(".txt.j2") else "markdown"


def render(name: str, **values: Any) -> str:
    """A whole text from its template, ending with one newline."""
    return _environment(_kind(name)).get_template(name).render(**values).strip() + "\n"


def phrase(name: str, plain: bool = False, **values: Any) -> Trusted:
    """A short text: the macro ``name`` of ``phrases.md.j2``, on one line without surrounding space.

    ``plain=True`` renders it for a plain-text field (an annotation's details, a title).
    """
    environment = _environment("text" if plain else "markdown")
    macro = getattr(environment.get_template("phrases.md.j2").module, name)
    return Trusted(str(macro(**values)).strip())
