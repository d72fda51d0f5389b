"""What a Pulumi function does with its role, where only Python can say: the sources of its code (``FileArchive``
and ``FileAsset`` paths, ``StringAsset`` text, inside an ``AssetArchive`` or not, followed through names assigned
once), whose boto3 calls are the actions it needs."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping

import libcst as cst

from iacfix.fixers.document import Resource, Unit
from iacfix.fixers.pulumi import expressions
from iacfix.fixers.pulumi.document import PulumiDocument, PulumiNode

MAX_ASSIGNMENTS = 8  # names followed from the code argument to the assets


def handler_sources(function: Resource, unit: Unit, texts: Mapping[str, str]) -> list[str] | None:
    """The Python sources of a function's code; None when they are unknown."""
    document = function.document
    assert isinstance(document, PulumiDocument)
    runtime = function.get("runtime")
    code = function.get("code")
    if not isinstance(runtime, PulumiNode) or not isinstance(code, PulumiNode):
        return None
    if "python" not in document.source(_resolved(document, runtime.expression)).lower():
        return None
    folder = posixpath.dirname(document.path)
    sources: list[str] = []
    for asset in _calls(document, code.expression):
        kind = (expressions.qualified(document.aliases, asset.func) or "").rsplit(".", 1)[-1]
        if kind == "AssetArchive":
            continue
        argument = _argument(document, asset)
        if argument is None:
            return None
        if kind == "StringAsset":
            sources.append(argument)
            continue
        path = posixpath.normpath(posixpath.join(folder, argument))
        if kind == "FileAsset" and path.endswith(".py") and path in texts:
            sources.append(texts[path])
        elif kind == "FileArchive" and not path.endswith((".zip", ".jar")):
            prefix = "" if path in ("", ".") else path + "/"
            found = [text for name, text in texts.items() if name.startswith(prefix) and name.endswith(".py")]
            if not found:
                return None
            sources.extend(found)
        else:
            return None
    return sources or None


def _resolved(document: PulumiDocument, node: cst.BaseExpression) -> cst.BaseExpression:
    """A name assigned once at the top of the module stands for its value."""
    for _ in range(MAX_ASSIGNMENTS):
        if not isinstance(node, cst.Name) or node.value not in document.assignments:
            break
        node = document.assignments[node.value]
    return node


def _argument(document: PulumiDocument, asset: cst.Call) -> str | None:
    return expressions.string_of(_resolved(document, asset.args[0].value)) if asset.args else None


def _calls(document: PulumiDocument, root: cst.BaseExpression) -> Iterator[cst.Call]:
    """The ``pulumi`` asset calls of the code argument, names assigned once followed, each node once."""
    stack: list[cst.CSTNode] = [_resolved(document, root)]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, cst.Name):
            resolved = _resolved(document, current)
            if resolved is not current:
                stack.append(resolved)
            continue
        if isinstance(current, cst.Call) and (expressions.qualified(document.aliases, current.func) or "").startswith(
                "pulumi."):
            yield current
        stack.extend(current.children)
