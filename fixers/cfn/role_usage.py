"""What a CloudFormation function does with its role, where only CloudFormation can say: the resources SAM's
events read for it, and its Python sources (inline ``ZipFile``/``InlineCode``, or the files under ``CodeUri``,
``Globals`` included), whose boto3 calls are the actions it needs."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from yaml.nodes import MappingNode

from iacfix.fixers.cfn.document import CfnDocument, CfnNode, CfnResource, get, scalar
from iacfix.fixers.document import Resource, Unit

# SAM event types whose source Lambda reads with the function's role, and the property naming it.
READ_EVENTS = {"SQS": "Queue", "Kinesis": "Stream", "DynamoDB": "Stream"}


def event_sources(function: Resource, unit: Unit) -> list[Resource]:
    """The queues and streams a SAM function's events read."""
    assert isinstance(function, CfnResource)
    events = function.property("Events")
    found: list[Resource] = []
    for _, event in events.value if isinstance(events, MappingNode) else ():
        source = get(get(event, "Properties"), READ_EVENTS.get(scalar(get(event, "Type")) or "", ""))
        for reference in CfnNode(function.document, source).references() if source is not None else []:
            resource = unit.resource(reference.name)
            if resource is not None:
                found.append(resource)
    return found


def handler_sources(function: Resource, unit: Unit, texts: Mapping[str, str]) -> list[str] | None:
    """The Python sources of a function; None when they are unknown."""
    runtime = function.get("Runtime")
    if runtime is None or not str(runtime.literal or "").startswith("python"):
        return None
    inline = function.get("Code.ZipFile") or function.get("InlineCode")
    if inline is not None:
        return [inline.literal] if isinstance(inline.literal, str) else None
    code_uri = function.get("CodeUri")
    location = code_uri.literal if code_uri is not None else None
    if not isinstance(location, str) or "://" in location:
        return None
    document = function.document
    assert isinstance(document, CfnDocument)
    folder = posixpath.normpath(posixpath.join(posixpath.dirname(document.path), location))
    prefix = "" if folder in ("", ".") else folder + "/"
    sources = [text for path, text in texts.items() if path.startswith(prefix) and path.endswith(".py")]
    return sources or None
