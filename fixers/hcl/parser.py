"""python-hcl2's grammar, with what Terraform accepts and the grammar does not: a heredoc's closing marker
followed by spaces (HashiCorp's parser takes ``EOF  `` as the end of ``<<EOF``).

The grammar and the post-lexer are python-hcl2's own, read from the installed package; only the two heredoc
terminals are widened. Lark caches the built parser, keyed by the grammar's text.

Positions are not propagated while parsing: that is Lark's most expensive option, about half of a parse, and
most nodes are never asked where they are. Every terminal of this grammar is named and none is filtered out,
so a node's first and last tokens are still in the tree, and :func:`span` reads from them the positions Lark
would have propagated (``tests/test_hcl_parser.py`` holds the two to equality on every file of the corpus).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Tree

_CLOSING_MARKERS = ("(?P=heredoc)", "(?P=heredoc_trim)")


def _package_file(name: str) -> Path:
    """A file of the installed python-hcl2 package, found without importing it: the package's ``__init__``
    loads its whole API (transformer, reconstructor, deserializer), and a scan needs none of it."""
    spec = importlib.util.find_spec("hcl2")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("python-hcl2 is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def grammar() -> str:
    """python-hcl2's grammar, with the heredoc closing markers widened."""
    text = _package_file("hcl2.lark").read_text(encoding="utf-8")
    for marker in _CLOSING_MARKERS:
        text = text.replace(f"{marker}\\r?\\n/", f"{marker}[ \\t]*\\r?\\n/")
    return text


def _post_lexer() -> Any:
    """python-hcl2's post-lexer (newlines before a binary operator belong to the operator), its module loaded by
    itself; where that is not possible, through the package."""
    module_spec = importlib.util.spec_from_file_location("iacfix_hcl2_postlexer", _package_file("postlexer.py"))
    try:
        if module_spec is None or module_spec.loader is None:
            raise ImportError("python-hcl2's post-lexer has no loader")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    except (ImportError, OSError):
        from hcl2 import postlexer as module
    return module.PostLexer()


@cache
def parser() -> Lark:
    """The parser, built once per process (from Lark's cache, after the first run)."""
    return Lark(grammar(), parser="lalr", cache=True, propagate_positions=False, postlex=_post_lexer())


def warm() -> None:
    """Build the parser now (a process about to fork children builds it once for all of them)."""
    parser()


def parse_tree(text: str) -> Tree:
    """The Lark tree of a Terraform file (a newline is appended, as python-hcl2 does: Lark has no end-of-file)."""
    return parser().parse(text + "\n")


def span(node: Tree | Token) -> tuple[int, int]:
    """Where a node starts and ends in the text: from its first token's start to its last token's end."""
    if isinstance(node, Token):
        return node.start_pos, node.end_pos  # type: ignore[return-value]
    first, last = _edge_token(node, last=False), _edge_token(node, last=True)
    if first is None or last is None:
        raise ValueError(f"an empty {node.data!r} has no position")
    return first.start_pos, last.end_pos  # type: ignore[return-value]


def _edge_token(node: Tree, *, last: bool) -> Token | None:
    """The first (or last) token under a node: down the first (last) children, which nearly always ends on a token;
    where it ends on a placeholder or an empty subtree, the whole node is searched."""
    end = -1 if last else 0
    current: Tree | Token | None = node
    while isinstance(current, Tree) and current.children:
        current = current.children[end]
    return current if isinstance(current, Token) else _search(node, last=last)


def _search(node: Tree, *, last: bool) -> Token | None:
    """The first (or last) token under a node, depth first, past subtrees and placeholders without tokens."""
    stack: list[Tree | Token | None] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Token):
            return current
        if isinstance(current, Tree):
            stack.extend(current.children if last else reversed(current.children))
    return None
