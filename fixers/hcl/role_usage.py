"""What a Terraform function does with its role, where only Terraform can say: the Python sources it is packaged
from (``data.archive_file``, reached directly or through locals), whose boto3 calls are the actions it needs."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from iacfix.fixers.document import Node, Resource, Unit
from iacfix.fixers.hcl.document import HclDocument, HclNode
from iacfix.fixers.names import Name, Symbol

ARCHIVE = "data.archive_file"
# Where Terraform evaluates these, the module folder is the path the files of the workspace are relative to.
MODULE_PATHS = frozenset({"path.module", "path.root", "path.cwd"})


def declared(unit: Unit, name: str) -> Resource | None:
    """A resource or data source of the module by address (the unit's lookup knows resources only)."""
    return next((r for document in unit.documents for r in document.declared if r.name == name), None)


def local(unit: Unit, name: str) -> HclNode | None:
    """The value of ``local.<name>``."""
    for document in unit.documents:
        if isinstance(document, HclDocument):
            for block in document.blocks:
                attribute = block.attributes.get(name) if block.type == "locals" else None
                if attribute is not None:
                    return HclNode(document, attribute.value_start, attribute.value_end, expression=attribute.value)
    return None


def archive_of(node: Node | None, unit: Unit, depth: int = 0) -> Resource | None:
    """The ``data.archive_file`` a value reads, following locals."""
    for reference in node.references() if node is not None and depth < 8 else []:
        if reference.name.startswith(ARCHIVE + "."):
            return declared(unit, reference.name)
        if reference.name.startswith("local."):
            found = archive_of(local(unit, reference.name.removeprefix("local.")), unit, depth + 1)
            if found is not None:
                return found
    return None


def handler_sources(function: Resource, unit: Unit, texts: Mapping[str, str]) -> list[str] | None:
    """The Python sources packaged for a function; None when they are unknown."""
    runtime = function.get("runtime")
    if runtime is None or not str(runtime.literal or "").startswith("python"):
        return None
    archive = archive_of(function.get("filename"), unit)
    if archive is None:
        return None
    folder = posixpath.dirname(function.document.path)
    for setting, many in (("source_file", False), ("source_dir", True)):
        node = archive.get(setting)
        if node is None:
            continue
        path = _path(node.name_value(unit), folder)
        if path is None:
            return None
        if not many:
            return [texts[path]] if path in texts else None
        prefix = "" if path in ("", ".") else path.rstrip("/") + "/"
        sources = [text for name, text in texts.items() if name.startswith(prefix) and name.endswith(".py")]
        return sources or None
    return None


def _path(name: Name, folder: str) -> str | None:
    """A path as the workspace names it: module paths are the module's folder; anything unknown is None."""
    text = ""
    for part in name.parts:
        if isinstance(part, str):
            text += part
        elif isinstance(part, Symbol) and part.key in MODULE_PATHS:
            text += "."
        else:
            return None
    if not text or text.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(folder, text))
