"""Refuses Python whose nesting would crash libcst's native parser, before libcst sees it.

libcst parses recursively in native code: about 1,500 nested brackets, or a few thousand nested lambdas or
unary operators, overflow its stack and kill the whole process, which no ``except`` can catch. CPython
itself refuses far less (200 nested brackets, 100 levels of indentation), so no program Python can run is
refused here. Tokenizing is linear and cheap next to parsing.
"""

from __future__ import annotations

import io
import tokenize

from iacfix.fixers.document import ParseFailure

MAX_BRACKETS = 200  # CPython's own limit ("too many nested parentheses")
MAX_INDENTATION = 100  # CPython's own limit ("too many levels of indentation")
MAX_PREFIX_CHAIN = 500  # unary operators, `not`, `await`, `lambda` and `**` nested in one expression
_OPENING, _CLOSING = set("([{"), set(")]}")
_PREFIX_WORDS = {"not", "await", "lambda"}
_UNARY = {"-", "+", "~"}
_OPERAND_END = {tokenize.NAME, tokenize.NUMBER, tokenize.STRING}


def check_nesting(text: str) -> None:
    """Raise ParseFailure, naming the line, when the text nests deeper than Python allows."""
    brackets = indentation = chain = 0
    previous: tokenize.TokenInfo | None = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, value, (line, column) = token.type, token.string, token.start
            if kind == tokenize.INDENT:
                indentation += 1
                if indentation > MAX_INDENTATION:
                    raise ParseFailure(f"more than {MAX_INDENTATION} levels of indentation (Python allows "
                                       f"{MAX_INDENTATION})", line, column + 1)
            elif kind == tokenize.DEDENT:
                indentation -= 1
            elif kind in (tokenize.NEWLINE, tokenize.ENDMARKER):
                chain = 0
            elif kind == tokenize.OP and value in _OPENING:
                brackets += 1
                if brackets > MAX_BRACKETS:
                    raise ParseFailure(f"brackets nested more than {MAX_BRACKETS} deep (Python allows "
                                       f"{MAX_BRACKETS})", line, column + 1)
            elif kind == tokenize.OP and value in _CLOSING:
                brackets = max(0, brackets - 1)
            elif _is_prefix(token, previous):
                chain += 1
                if chain > MAX_PREFIX_CHAIN:
                    raise ParseFailure(f"an expression nested more than {MAX_PREFIX_CHAIN} operators deep",
                                       line, column + 1)
            elif kind == tokenize.OP and value not in (":", ","):
                chain = 0  # a binary operator ends the chain: `-1 - -1` chains, it does not nest
            previous = token
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return  # not Python at all: libcst says where, with its own message


def _is_prefix(token: tokenize.TokenInfo, previous: tokenize.TokenInfo | None) -> bool:
    """Whether the token opens a nested expression to its right: these nest, they do not chain."""
    if token.type == tokenize.NAME:
        return token.string in _PREFIX_WORDS
    if token.type != tokenize.OP:
        return False
    if token.string == "**":
        return True
    if token.string not in _UNARY:
        return False
    after_operand = previous is not None and (previous.type in _OPERAND_END or previous.string in _CLOSING)
    return not after_operand or (previous is not None and previous.string in _PREFIX_WORDS)
