"""Can lark-cython drive python-hcl2's grammar and post-lexer, with the same trees, faster?

    pip install lark-cython && python bench/lark_cython_check.py [--corpus tests/corpus] [--repeat 5]

lark-cython replaces Lark's lexer and LALR loop; out of the box it cannot run python-hcl2's post-lexer (its lexer
thread asks the lexer for ``make_lexer_state``, which Lark's post-lexer connector does not have, and it pulls
tokens one at a time where the post-lexer is a generator). A small lexer thread here bridges the two. Every
Terraform file of the corpus is then parsed by both parsers, the trees compared (rule names, token types and
values, and every position: line, column, offsets, of every token), and the parse times compared
as the best of several rounds in this one process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lark import Lark, Token, Tree
from lark.parser_frontends import PostLexConnector

ROOT = Path(__file__).resolve().parent.parent
POSITIONS = ("line", "column", "end_line", "end_column", "start_pos", "end_pos")


class PostLexThread:
    """A lexer thread for lark-cython's parser that runs a post-lexer: tokens are pulled from the post-lexer's
    generator, which reads the parser's state (shared, so the contextual lexer sees it) lazily as Lark's does."""

    def __init__(self, lexer: PostLexConnector, state: object) -> None:
        self.lexer, self.state, self.stream = lexer, state, None

    @classmethod
    def from_text(cls, lexer: PostLexConnector, text: str) -> PostLexThread:
        inner = lexer.lexer if isinstance(lexer, PostLexConnector) else lexer
        return cls(lexer, inner.make_lexer_state(text))

    def next_token(self, parser_state: object) -> object:
        if self.stream is None:
            self.stream = self.lexer.lex(self.state, parser_state)
        try:
            return next(self.stream)
        except StopIteration:
            raise EOFError from None

    def lex(self, parser_state: object) -> object:
        return self.lexer.lex(self.state, parser_state)


def shape(node: object) -> tuple:
    """A tree as plain values: what two parsers must agree on. A node's position is its first and last tokens'
    (see ``iacfix.fixers.hcl.parser``), so the tokens' positions settle the nodes' too."""
    if isinstance(node, Tree):
        return (str(node.data), tuple(shape(child) for child in node.children))
    if node is None:
        return (None,)
    return (node.type, str(node.value), tuple(getattr(node, key, None) for key in POSITIONS))


def best(parser: Lark, texts: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            parser.parse(text)
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    options.add_argument("--repeat", type=int, default=5)
    arguments = options.parse_args()
    try:
        import lark_cython
    except ImportError:
        print("lark-cython is not installed: pip install lark-cython")
        return 1
    sys.path.insert(0, str(ROOT))
    from hcl2.postlexer import PostLexer

    from iacfix.fixers.hcl.parser import parser

    lark = parser()
    grammar = lark.source_grammar
    cython = Lark(grammar, parser="lalr", propagate_positions=False, postlex=PostLexer(),
                  _plugins={**lark_cython.plugins, "LexerThread": PostLexThread})
    files = sorted((arguments.corpus / "terraform").rglob("*.tf"))
    texts = [path.read_text(encoding="utf-8") + "\n" for path in files]
    different = []
    leaf_types = set()
    for path, text in zip(files, texts, strict=True):
        ours, theirs = lark.parse(text), cython.parse(text)
        if shape(ours) != shape(theirs):
            different.append(path)
        leaf = theirs
        while isinstance(leaf, Tree) and leaf.children:
            leaf = leaf.children[0]
        leaf_types.add(f"{type(leaf).__module__}.{type(leaf).__name__}")
    print(f"lark-cython {lark_cython.__version__}: {len(files)} Terraform files, {len(different)} with a different "
          f"tree or position" + (f" (first: {different[0]})" if different else ""))
    print(f"token objects in lark-cython's trees: {', '.join(sorted(leaf_types))} "
          f"(a str subclass: {issubclass(lark_cython.Token, str)}; the document model expects {Token.__module__}"
          f".Token, a str subclass)")
    lark_time, cython_time = best(lark, texts, arguments.repeat), best(cython, texts, arguments.repeat)
    print(f"parse time, best of {arguments.repeat}: Lark {lark_time:.3f} s CPU, lark-cython {cython_time:.3f} s CPU "
          f"({lark_time / cython_time:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
