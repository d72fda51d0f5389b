"""HCL syntax errors in a person's words: the token as it is written (`}`, not ``RBRACE``), and what could follow.

Lark names tokens after the grammar's terminals (``RBRACE``, ``$END``, ``STRING_CHARS``); a person reading
"unexpected RBRACE" has to know the grammar. Terminals that match fixed text are shown as that text, taken
from the grammar itself; the few that match patterns get a name here.
"""

from __future__ import annotations

from functools import cache

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

END = "$END"
# Terminals matched by a pattern, named as a person would; anything else falls back to its fixed text.
PATTERN_NAMES = {
    END: "the end of the file",
    "NL_OR_COMMENT": "a new line",
    "NAME": "a name",
    "STRING_CHARS": "text",
    "TEMPLATE_STRING": "a string",
    "INT_LITERAL": "a number",
    "FLOAT_LITERAL": "a number",
    "HEREDOC_TEMPLATE": "a heredoc (<<EOT)",
    "HEREDOC_TEMPLATE_TRIM": "a heredoc (<<-EOT)",
    "ESCAPED_INTERPOLATION": "an escaped interpolation ($${)",
    "ESCAPED_DIRECTIVE": "an escaped directive (%%{)",
    "EQ": "`=`",
    "COLON": "`:`",
}
MOST_EXPECTED = 4  # past this many, the list says less than the position does
SHOWN_TEXT = 20


@cache
def _fixed_texts() -> dict[str, str]:
    """Terminal name -> the text it matches, for the terminals of python-hcl2's grammar that match fixed text."""
    from iacfix.fixers.hcl.parser import parser

    return {terminal.name: terminal.pattern.value for terminal in parser().terminals if terminal.pattern.type == "str"}


def token_name(terminal: str) -> str:
    """How a person reads a terminal of the grammar: `}` for RBRACE, "the end of the file" for $END."""
    if terminal in PATTERN_NAMES:
        return PATTERN_NAMES[terminal]
    text = _fixed_texts().get(terminal)
    if text is not None:
        return f"`{text}`"
    return terminal.lower().replace("_", " ")


def _written(text: str) -> str:
    """The start of what was written where the parser stopped, up to the first space, as the reader sees it."""
    word = text.strip().split(maxsplit=1)[0] if text.strip() else ""
    return f"`{word[:SHOWN_TEXT]}`" if word else ""


def _expected(names: set[str] | frozenset[str] | None) -> str:
    described = sorted({token_name(name) for name in names or ()})
    if not described or len(described) > MOST_EXPECTED:
        return ""
    listed = described[0] if len(described) == 1 else ", ".join(described[:-1]) + " or " + described[-1]
    return f", expected {listed}"


def describe(error: UnexpectedInput) -> str:
    """One line saying what the parser met and, when that is short, what it expected instead."""
    if isinstance(error, UnexpectedToken):
        token = error.token
        if token.type == END:
            found = "end of file"
        elif token.type in _fixed_texts():
            found = token_name(token.type)
        else:
            found = _written(str(token)) or token_name(token.type)
        return f"unexpected {found}{_expected(error.accepts or error.expected)}"
    if isinstance(error, UnexpectedCharacters):
        return f"unexpected character `{error.char}`{_expected(error.allowed)}"
    if isinstance(error, UnexpectedEOF):
        expected = {getattr(terminal, "name", terminal) for terminal in error.expected or ()}
        return f"unexpected end of file{_expected(expected)}"
    return str(error).strip().splitlines()[0]
