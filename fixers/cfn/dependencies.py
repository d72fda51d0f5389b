"""What orders the resources of a template: references (Ref, GetAtt, Sub) and explicit ``DependsOn`` entries.

CloudFormation creates a resource only after every resource it refers to, wherever the reference sits in its
declaration, and after every resource named in its ``DependsOn``. A reference inside an ``Fn::If`` branch or in
``Metadata`` takes part in that ordering, but is not relied on to replace an explicit entry: the branch may not
be taken, and ``Metadata`` is not part of the resource's configuration.

SAM templates are read as SAM expands them (:mod:`iacfix.fixers.cfn.serverless`): what a function's ``Events``,
``DeploymentPreference`` or ``FunctionUrlConfig`` name is used by the resources SAM generates beside the
function, which depend on the function and on what they name; that is no edge from the function.

Walks visit each YAML node once per identity (and branch), however many aliases share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.cfn import serverless
from iacfix.fixers.cfn.document import CfnDocument, CfnNode
from iacfix.fixers.cfn.expressions import intrinsic, referenced_resources
from iacfix.fixers.document import Changes
from iacfix.fixers.references import Declared, DependencyGraph, Entry, Reference

# Resource attributes that are not resolved as values (DependsOn is read on its own).
_UNRESOLVED_ATTRIBUTES = frozenset({"Type", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy"})
# Attributes whose references order creation but are not configuration an explicit entry could stand for.
_DESCRIPTIVE_ATTRIBUTES = frozenset({"Metadata"})
_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")
_TAG_NAMES = {"Ref": "!Ref", "Fn::GetAtt": "!GetAtt", "Fn::Sub": "!Sub"}

_Found = tuple[str, str, list[str], bool]  # target, function, path, inside an Fn::If branch


class TemplateGraph(DependencyGraph):
    def __init__(self, document: CfnDocument) -> None:
        super().__init__(word="DependsOn")
        self.template = document

    def remove(self, changes: Changes, entries: list[Entry]) -> None:
        for source in dict.fromkeys(entry.source for entry in entries):
            node = self.template.by_logical_id[source].attribute("DependsOn")
            if node is None:
                continue
            if node.items() is None:
                changes.remove(node)
            else:
                changes.remove_items(node, [entry.node for entry in entries if entry.source == source])


def template_graph(document: CfnDocument) -> TemplateGraph:
    graph = TemplateGraph(document)
    for logical_id, resource in document.by_logical_id.items():
        graph.declare(Declared(logical_id, logical_id, document, resource.key.start_mark.index, resource.header,
                               resource))
    graph.references = list(_references(document, graph))
    graph.entries = list(_entries(document))
    return graph


def _references(document: CfnDocument, graph: TemplateGraph) -> Iterator[Reference]:
    """Every reference from one resource to another, through any intrinsic in any resolved attribute."""
    sam = serverless.is_sam(document)
    for logical_id, resource in document.by_logical_id.items():
        for key, value in resource.node.value:
            if not isinstance(key, ScalarNode) or key.value in _UNRESOLVED_ATTRIBUTES:
                continue
            if sam and key.value in serverless.GENERATED_ATTRIBUTES:
                continue
            if sam and key.value == "Properties" and isinstance(value, MappingNode):
                for path, setting in serverless.own_properties(document, resource):
                    yield from _found(document, graph, logical_id, setting, ["Properties", *path], True)
                continue
            yield from _found(document, graph, logical_id, value, [str(key.value)],
                              key.value not in _DESCRIPTIVE_ATTRIBUTES)
        if sam:
            for path, setting in serverless.inherited_properties(document, resource):
                yield from _found(document, graph, logical_id, setting, path, True)
    if sam:
        for source, target, where in serverless.generated_references(document):
            if source in graph.objects and target in graph.objects:
                yield Reference(source, target, False, where)


def _found(document: CfnDocument, graph: TemplateGraph, source: str, node: Node, path: list[str],
           configures: bool) -> Iterator[Reference]:
    for name, function, where, conditional in _walk(node, path):
        target = serverless.referenced_object(document, name) if name not in graph.objects else name
        if target in graph.objects:
            yield Reference(source, target, configures and not conditional,
                            f"the {_display(document, function)} at {'/'.join(where)}")


def _display(document: CfnDocument, function: str) -> str:
    if document.style.json or not document.style.short_tags:
        return function
    return _TAG_NAMES.get(function, function)


def _walk(root: Node, path: list[str]) -> list[_Found]:
    """Each reference below ``root`` in reading order: Ref and GetAtt in either form, Sub strings and their
    variable maps. A node shared by aliases is walked once (once more inside an ``Fn::If`` branch)."""
    found: list[_Found] = []
    seen: set[tuple[int, bool]] = set()
    stack: list[tuple[Node, list[str], bool]] = [(root, path, False)]
    while stack:
        node, where, conditional = stack.pop()
        if (id(node), conditional) in seen:
            continue
        seen.add((id(node), conditional))
        call = intrinsic(node)
        if call is not None and call.function in ("Ref", "Fn::GetAtt"):
            found += [(target, call.function, where, conditional) for target, _ in referenced_resources(node)]
            continue
        children: list[tuple[Node, list[str], bool]] = []
        if call is not None and call.function == "Fn::Sub":
            argument = call.argument
            template = argument.value[0] if isinstance(argument, SequenceNode) and argument.value else argument
            variables = argument.value[1] if isinstance(argument, SequenceNode) and len(argument.value) > 1 else None
            local = {str(k.value) for k, _ in variables.value} if isinstance(variables, MappingNode) else set()
            if isinstance(template, ScalarNode):
                for variable in _SUB_VARIABLE.findall(str(template.value)):
                    name = variable.split(".", 1)[0].strip()
                    if name not in local and "::" not in name:
                        found.append((name, "Fn::Sub", where, conditional))
            if isinstance(variables, MappingNode):
                children = [(value, [*where, str(key.value)], conditional) for key, value in variables.value]
        elif call is not None and call.function == "Fn::If":
            branches = call.argument.value[1:] if isinstance(call.argument, SequenceNode) else []
            children = [(branch, where, True) for branch in branches]
        elif isinstance(node, MappingNode):
            children = [(value, [*where, str(key.value) if isinstance(key, ScalarNode) else "?"], conditional)
                        for key, value in node.value]
        elif isinstance(node, SequenceNode):
            children = [(item, [*where, str(index)], conditional) for index, item in enumerate(node.value)]
        stack.extend(reversed(children))
    return found


def _entries(document: CfnDocument) -> Iterator[Entry]:
    """Every ``DependsOn`` entry of every resource, in the order they are written."""
    for logical_id, resource in document.by_logical_id.items():
        node = resource.attribute("DependsOn")
        if node is None:
            continue
        items = node.node.value if isinstance(node.node, SequenceNode) else [node.node]
        for item in items:
            if isinstance(item, ScalarNode) and not str(item.tag).startswith("!"):
                entry_node = node if item is node.node else CfnNode(document, item)
                yield Entry(logical_id, str(item.value), entry_node)
