"""The Terraform parser skips Lark's position propagation and reads positions from tokens instead: every node's
span must be exactly what Lark would have propagated, on every Terraform file the tests hold."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hcl2.postlexer import PostLexer
from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from iacfix.fixers.hcl.parser import grammar, parse_tree, span

TESTS = Path(__file__).resolve().parent
FILES = sorted(path for path in TESTS.rglob("*.tf") if ".venv" not in path.parts)


@cache
def propagating() -> Lark:
    """The same grammar with Lark's own position propagation."""
    return Lark(grammar(), parser="lalr", cache=True, propagate_positions=True, postlex=PostLexer())


def shape(node: Tree | Token | None) -> object:
    if isinstance(node, Tree):
        return str(node.data), tuple(shape(child) for child in node.children)
    if isinstance(node, Token):
        return node.type, str(node), node.start_pos, node.end_pos
    return node


def test_every_node_is_where_lark_would_put_it() -> None:
    assert len(FILES) > 900, "the corpus is not where the test expects it"
    compared = nodes = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            expected = propagating().parse(text + "\n")
        except LarkError:
            with pytest.raises(LarkError):
                parse_tree(text)
            continue
        tree = parse_tree(text)
        assert shape(tree) == shape(expected), path
        for ours, theirs in zip(tree.iter_subtrees(), expected.iter_subtrees(), strict=True):
            nodes += 1
            if theirs.meta.empty:
                with pytest.raises(ValueError):
                    span(ours)
            else:
                assert span(ours) == (theirs.meta.start_pos, theirs.meta.end_pos), (path, ours.data)
        compared += 1
    assert compared > 900 and nodes > 100_000


def test_the_parser_keeps_every_token() -> None:
    """Positions are read from the first and last tokens, so no rule of the grammar may leave a token it
    matched out of the tree (Lark does that to anonymous literals and ``_``-named terminals)."""
    rules = propagating().rules
    filtered = {f"{rule.origin.name}: {symbol.name}" for rule in rules for symbol in rule.expansion
                if symbol.is_term and symbol.filter_out}
    assert len(rules) > 100 and filtered == set()


def test_parsing_imports_no_more_of_python_hcl2_than_its_post_lexer() -> None:
    """The package's ``__init__`` loads its whole API; a parse needs the grammar file and the post-lexer only."""
    probe = ("import sys; from iacfix.fixers.hcl.parser import parse_tree; tree = parse_tree('a = 1\\n  + 2\\n'); "
             "print(tree.find_data('binary_operator').__next__().children[0].type, "
             "sorted(name for name in sys.modules if name.split('.')[0] == 'hcl2'))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert run.stdout.split() == ["PLUS", "[]"]  # the post-lexer ran: the newline went with the operator
