"""Renders new template fragments in the file's own style: YAML block style or JSON, intrinsics short or long."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ref:
    target: str


@dataclass(frozen=True)
class GetAtt:
    resource: str
    attribute: str


@dataclass(frozen=True)
class Sub:
    template: str


@dataclass(frozen=True)
class Style:
    """How a template is written, detected from the file so inserted code matches it."""

    json: bool = False
    indent: int = 2  # spaces per nesting level
    sequence_offset: int = 2  # YAML: dash indentation under its key (0 = flush with the key)
    short_tags: bool = True  # YAML: !Ref rather than Ref:
    quote: str = '"'
    inline_intrinsics: bool = False  # JSON: {"Ref": "X"} on one line, as the file writes them
    tabs: bool = False  # JSON indented with tabs

    @property
    def unit(self) -> str:
        """One level of indentation."""
        return "\t" if self.tabs else " " * self.indent


_PLAIN = re.compile(r"^[A-Za-z0-9_/.$][A-Za-z0-9_ ./:${}@-]*$")
_AMBIGUOUS = re.compile(r"^(?:true|false|yes|no|on|off|null|~|y|n|[-+]?[0-9][0-9_.eE+-]*)$", re.IGNORECASE)


def _long_form(value: Any) -> Any:
    if isinstance(value, Ref):
        return {"Ref": value.target}
    if isinstance(value, GetAtt):
        return {"Fn::GetAtt": [value.resource, value.attribute]}
    if isinstance(value, Sub):
        return {"Fn::Sub": value.template}
    if isinstance(value, dict):
        return {key: _long_form(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_long_form(item) for item in value]
    return value


def yaml_scalar(value: Any, style: Style) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, Ref):
        return f"!Ref {value.target}"
    if isinstance(value, GetAtt):
        return f"!GetAtt {value.resource}.{value.attribute}"
    if isinstance(value, Sub):
        return f"!Sub {yaml_scalar(value.template, style)}"
    text = str(value)
    if _PLAIN.match(text) and not _AMBIGUOUS.match(text) and ": " not in text and not text.endswith(":"):
        return text
    if style.quote == "'" or "\\" in text or '"' in text:
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text)


def _is_scalar(value: Any, style: Style) -> bool:
    if isinstance(value, (Ref, GetAtt, Sub)):
        return style.short_tags
    return not isinstance(value, (dict, list)) or not value


def yaml_lines(value: dict[str, Any] | list[Any], indent: int, style: Style) -> list[str]:
    """Block-style YAML lines for a mapping or sequence whose first line starts at column ``indent``."""
    if not style.short_tags:
        value = _long_form(value)
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if _is_scalar(item, style):
                empty = "{}" if isinstance(item, dict) else "[]"
                lines.append(f"{pad}{key}: {empty if isinstance(item, (dict, list)) else yaml_scalar(item, style)}")
            elif isinstance(item, list):
                lines.append(f"{pad}{key}:")
                lines += yaml_lines(item, indent + style.sequence_offset, style)
            else:
                lines.append(f"{pad}{key}:")
                lines += yaml_lines(item, indent + style.indent, style)
        return lines
    for item in value:
        if _is_scalar(item, style):
            lines.append(f"{pad}- {yaml_scalar(item, style)}")
            continue
        nested = yaml_lines(item, indent + 2, style)
        lines.append(f"{pad}- {nested[0].lstrip()}")
        lines += nested[1:]
    return lines


def json_text(value: Any, indent: int | str, style: Style) -> str:
    """JSON for ``value`` whose first line continues a line indented by ``indent`` (spaces, or the indentation
    itself); intrinsic functions stay on one line where the file writes them so."""
    return _json(_long_form(value), indent if isinstance(indent, str) else " " * indent, style)


def _json(value: Any, indent: str, style: Style) -> str:
    if style.inline_intrinsics and _is_intrinsic(value) or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False)
    inner = indent + style.unit
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {_json(item, inner, style)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return "[\n" + ",\n".join(f"{inner}{_json(item, inner, style)}" for item in value) + "\n" + indent + "]"


def _is_intrinsic(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("Ref", "Condition") or (
        isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith("Fn::"))
