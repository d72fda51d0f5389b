"""python-hcl2's grammar, with what Terraform accepts and the grammar does not: a heredoc's closing marker
followed by spaces (HashiCorp's parser takes ``EOF  `` as the end of ``<<EOF``).

The grammar and the post-lexer are python-hcl2's own, read from the installed package; only the two heredoc
terminals are widened. Lark caches the built parser, keyed by the grammar's text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lark import Lark, Tree

_CLOSING_MARKERS = ("(?P=heredoc)", "(?P=heredoc_trim)")


@cache
def _parser() -> Lark:
    import hcl2
    from hcl2.postlexer import PostLexer

    grammar = (Path(hcl2.__file__).parent / "hcl2.lark").read_text(encoding="utf-8")
    for marker in _CLOSING_MARKERS:
        grammar = grammar.replace(f"{marker}\\r?\\n/", f"{marker}[ \\t]*\\r?\\n/")
    return Lark(grammar, parser="lalr", cache=True, propagate_positions=True, postlex=PostLexer())


def warm() -> None:
    """Build the parser now (a process about to fork children builds it once for all of them)."""
    _parser()


def parse_tree(text: str) -> Tree:
    """The Lark tree of a Terraform file (a newline is appended, as python-hcl2 does: Lark has no end-of-file)."""
    return _parser().parse(text + "\n")
