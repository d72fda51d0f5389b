"""Checks a composed template once before anything reads it: duplicate keys and alias bombs are errors.

YAML lets a key appear twice (the last one wins, silently), and CloudFormation and cfn-lint reject it: a fix
written into the shadowed first copy would change nothing that deploys. Aliases share one node, so a template
of a few hundred bytes can stand for billions of nodes; every walk here and elsewhere visits a node once per
identity, and a template with more alias uses than any real template has is refused outright.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.document import ParseFailure

MAX_ALIAS_USES = 1000
MAX_EXPANDED_NODES = 200_000  # the largest real templates have a few tens of thousands of nodes


def check_structure(text: str, root: Node) -> None:
    """Raise ParseFailure for a duplicate key or too many alias uses; each node is visited once."""
    seen: set[int] = set()
    reused = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            reused += 1
            if reused > MAX_ALIAS_USES:
                raise ParseFailure(f"the template uses YAML aliases more than {MAX_ALIAS_USES} times; "
                                   "it is not read", 1, 1)
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            keys: dict[str, ScalarNode] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys and not key.value.startswith("<<"):
                        line, column = key.start_mark.line + 1, key.start_mark.column + 1
                        first = keys[key.value].start_mark.line + 1
                        raise ParseFailure(f"duplicate key {key.value!r} (first at line {first})", line, column)
                    keys[key.value] = key
                else:
                    stack.append(key)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    if reused:
        expanded = _expanded_size(root)
        if expanded > MAX_EXPANDED_NODES:
            raise ParseFailure(f"the template's YAML aliases expand to {expanded:,} nodes (more than "
                               f"{MAX_EXPANDED_NODES:,}); it is not read", 1, 1)


def _expanded_size(root: Node) -> int:
    """How many nodes the template would have with every alias written out, counted once per node identity."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = ([part for pair in node.value for part in pair] if isinstance(node, MappingNode)
                    else list(node.value) if isinstance(node, SequenceNode) else [])
        if children_done or not children:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]
