"""The edit verbs for Pulumi programs: keyword arguments, ``Args`` objects or dicts, and new resource statements,
written in the program's own style (its quotes, its argument objects, one keyword per line as it does)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import libcst as cst

from iacfix.fixers.document import CannotFix, Changes, Node, Resource, Unit, pascal, snake
from iacfix.fixers.kinds import Kind, attribute_name
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.pulumi import expressions
from iacfix.fixers.pulumi.document import PulumiDocument, PulumiNode, PulumiResource
from iacfix.fixers.text import newline_of
from iacfix.fixers.values import Block, Copy, Join, Json, NewResource, Ref, Value

_Container = tuple[str, cst.Call | cst.Dict, tuple[str, ...]]  # ("call"|"dict", node, path of Args classes)


class PulumiChanges(Changes):
    document: PulumiDocument

    def __init__(self, document: PulumiDocument, unit: Unit | None = None) -> None:
        super().__init__(document)
        self.unit = unit or Unit([document])
        self.nl = newline_of(document.text)
        self.quote = document.quote
        self._imports: dict[str, Edit] = {}

    # -------------------------------------------------------------------------------- values
    def expression(self, value: Any, indent: str, context: tuple[str, str] | None = None) -> str:
        """Python for a neutral value; ``context`` is (module, Class path) naming the ``Args`` classes of blocks."""
        if isinstance(value, bool):
            return "True" if value else "False"
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, str):
            return expressions.python_string(value, self.quote)
        if isinstance(value, Ref):
            return self.reference(value)
        if isinstance(value, Copy):
            return value.node.text
        if isinstance(value, Json):
            return f"{self._json_module()}.dumps({self.expression(dict(value.document), indent)})"
        if isinstance(value, Join):
            return self.join(value)
        if isinstance(value, list):
            items = [self.expression(item, indent + self.unit_indent, context) for item in value]
            return "[" + ", ".join(items) + "]"
        if isinstance(value, Block):
            return self.block(value, indent, context)
        if isinstance(value, Mapping):
            entries = [f"{expressions.python_string(str(key), self.quote)}: {self.expression(item, indent)}"
                       for key, item in value.items()]
            return "{" + ", ".join(entries) + "}"
        raise TypeError(f"cannot write {value!r} in Python")

    @property
    def unit_indent(self) -> str:
        match = re.search(r"^([ \t]+)\S", self.document.text, re.MULTILINE)
        return match.group(1) if match else "    "

    def reference(self, value: Ref) -> str:
        target = value.resource
        variable = target.name
        if variable is None:
            raise CannotFix(f"{target.subject if isinstance(target, Resource) else target.kind.label} is not assigned "
                            "to a variable a reference could use")
        resource_type = target.kind.pulumi if isinstance(target, NewResource) else target.type
        return f"{variable}.{attribute_name(Language.PULUMI, resource_type or '', value.attribute)}"

    def join(self, value: Join) -> str:
        """``x.name.apply(lambda name: f"/aws/lambda/{name}")`` for one reference, ``Output.concat`` for more."""
        references = [part for part in value.parts if not isinstance(part, str)]
        if len(references) == 1 and isinstance(references[0], Ref):
            reference = self.reference(references[0])
            parameter = reference.rsplit(".", 1)[-1]
            body = "".join(_fstring_text(part) if isinstance(part, str) else "{" + parameter + "}"
                           for part in value.parts)
            quote = self.quote
            return f"{reference}.apply(lambda {parameter}: f{quote}{body.replace(quote, chr(92) + quote)}{quote})"
        pulumi, edits = self.document.pulumi_reference()
        for edit in edits:
            self._imports.setdefault("pulumi", edit)
        parts = [expressions.python_string(part, self.quote) if isinstance(part, str) else self.expression(part, "")
                 for part in value.parts]
        return f"{pulumi}.Output.concat({', '.join(parts)})"

    def block(self, value: Block, indent: str, context: tuple[str, str] | None) -> str:
        if context is None or not self.document.uses_args_objects:
            entries = {key: item for key, item in value.settings.items()}
            return "{" + ", ".join(
                f"{expressions.python_string(key, self.quote)}: {self.expression(item, indent)}"
                for key, item in entries.items()) + "}"
        module, owner = context
        rendered = []
        for key, item in value.settings.items():
            inner = (module, owner + pascal(key)) if isinstance(item, Block) else context
            rendered.append(f"{key}={self.expression(item, indent, inner)}")
        return f"{self._module(module)}.{owner}Args({', '.join(rendered)})"

    def _json_module(self) -> str:
        """How the program names the standard ``json`` module, importing it when it does not."""
        local = next((name for name, target in self.document.aliases.items() if target == "json"), None)
        if local is None:
            self._imports.setdefault("json", self.document.import_edit("import json"))
        return local or "json"

    def _module(self, module: str) -> str:
        local, edits = self.document.module_reference(module)
        for edit in edits:
            self._imports.setdefault(module, edit)
        return local

    # ------------------------------------------------------------------------------ settings
    def _descend(self, resource: Resource, path: list[str]) -> tuple[Any, list[str], Node | None]:
        assert isinstance(resource, PulumiResource)
        module, class_name = resource.type.split(".")
        container: _Container = ("call", resource.keyword_target, (module, class_name))  # type: ignore[assignment]
        node: PulumiNode | None = None
        for index, segment in enumerate(path):
            kind, holder, (module, owner) = container  # type: ignore[misc]
            if kind == "call":
                arg = resource.keywords.get(segment) if holder is resource.keyword_target and index == 0 \
                    else expressions.keywords_of(holder).get(segment)  # type: ignore[arg-type]
                value = arg.value if arg is not None else None
                if arg is not None:
                    node = PulumiNode(self.document, arg.value, argument=arg, holder=holder)
            else:
                element = expressions.dict_entries(holder).get(segment)  # type: ignore[arg-type]
                value = element.value if element is not None else None
                if element is not None:
                    node = PulumiNode(self.document, element.value, holder=holder, element=element)
            if value is None:
                return container, path[index:], None
            if index == len(path) - 1:
                return container, [], node
            owner = owner + pascal(segment)
            if isinstance(value, cst.Call) and not (expressions.dotted_name(value.func) or "").endswith("Args"):
                raise CannotFix(f"{resource.subject} sets {segment} with a call")
            if isinstance(value, cst.Call):
                container = ("call", value, (module, owner))  # type: ignore[assignment]
            elif isinstance(value, cst.Dict):
                container = ("dict", value, (module, owner))  # type: ignore[assignment]
            else:
                raise CannotFix(f"{resource.subject} sets {segment} through {self.document.source(value)[:40]}")
        raise AssertionError("unreachable")

    def _container_key(self, container: _Container) -> int:
        return id(container[1])  # the call or dict: _descend makes a new tuple around it each time

    def _insert(self, container: _Container, settings: dict[str, Any]) -> list[Edit]:
        kind, holder, context = container
        if kind == "call":
            assert isinstance(holder, cst.Call)
            return [self._add_keywords(holder, {
                key: self.expression(item, "", (context[0], context[1] + pascal(key))) for key, item in settings.items()
            })]
        assert isinstance(holder, cst.Dict)
        entries = {expressions.python_string(key, self.quote): self.expression(item, "") for key, item in settings.items()}
        return [self._add_entries(holder, entries)]

    def _add_keywords(self, call: cst.Call, rendered: dict[str, str]) -> Edit:
        """Keyword arguments after the call's last one (before ``opts=``), one per line or inline as written."""
        items = [f"{name}={value}" for name, value in rendered.items()]
        args = list(call.args)
        before = next((i for i, arg in enumerate(args) if arg.keyword is not None and arg.keyword.value == "opts"), None)
        return self._add_items(call, args, items, before)

    def _add_entries(self, node: cst.Dict, rendered: dict[str, str]) -> Edit:
        return self._add_items(node, list(node.elements), [f"{key}: {value}" for key, value in rendered.items()], None)

    def _add_items(self, owner: cst.CSTNode, items: list[Any], new: list[str], before: int | None) -> Edit:
        """New items in an argument list, dict or list, laid out as its items are (one per line, or inline)."""
        text = self.document.text
        start, end = self.document.span(owner)
        closing = text.rindex(")" if isinstance(owner, cst.Call) else "}" if isinstance(owner, cst.Dict) else "]",
                              start, end)
        if not items:
            return Edit(closing, closing, ", ".join(new))
        first_start = self.document.span(items[0])[0]
        multi_line = self.document.lines.position(first_start).line != self.document.lines.position(start).line
        if before is not None:
            at = self.document.span(items[before])[0]
            if multi_line:
                indent = self.document.lines.indentation(at)
                line = self.document.lines.line_start(at)
                return Edit(line, line, "".join(f"{indent}{item},{self.nl}" for item in new))
            return Edit(at, at, "".join(f"{item}, " for item in new))
        last = items[-1]
        last_end = self.document.span(last.value if isinstance(last, (cst.Arg, cst.Element, cst.DictElement))
                                      and not isinstance(last, cst.DictElement) else last)[1]
        has_comma = isinstance(getattr(last, "comma", None), cst.Comma)
        if multi_line:
            indent = self.document.lines.indentation(first_start)
            if has_comma:
                comma_end = text.index(",", last_end, closing) + 1
                after = self.document.lines.line_end(comma_end - 1)
                lines = "".join(f"{indent}{item},{self.nl}" for item in new)
                if text[after - 1 : after] != "\n":
                    return Edit(comma_end, comma_end, "".join(f"{self.nl}{indent}{item}," for item in new))
                return Edit(after, after, lines)
            return Edit(last_end, last_end, "".join(f",{self.nl}{indent}{item}" for item in new))
        return Edit(last_end, last_end, "".join(f", {item}" for item in new))

    def _render_in_place(self, node: Node, value: Value) -> str:
        return self.expression(value, self.document.lines.indentation(node.start))

    # -------------------------------------------------------------------------------- removal
    def _removal(self, resource: Resource, node: Node) -> list[Edit]:
        assert isinstance(node, PulumiNode)
        holder = node.holder
        if isinstance(holder, cst.Call) and node.argument is not None:
            return [rewrite(self.document, holder, holder.with_changes(args=without(holder.args, [node.argument])))]
        if isinstance(holder, cst.Dict) and node.element is not None:
            elements = without(holder.elements, [node.element])
            return [rewrite(self.document, holder, holder.with_changes(elements=elements))]
        raise CannotFix("only keyword arguments and dict entries can be removed")

    # ---------------------------------------------------------------------------------- lists
    def _append_item(self, node: Node, value: Value) -> Edit:
        assert isinstance(node, PulumiNode)
        expression = node.expression
        if not isinstance(expression, cst.List):
            raise CannotFix(f"{node.text[:40]} is not written as a list")
        return self._add_items(expression, list(expression.elements), [self.expression(value, "")], None)

    # ------------------------------------------------------------------------------- resources
    def _new_name(self, anchor: Resource, kind: Kind, role: str, noun: str | None) -> str:
        stem = anchor.name or snake(kind.stem)
        return self.free_name([f"{stem}_{snake(noun or role)}", f"{stem}_{snake(kind.stem)}"])

    def _name_in_use(self, name: str) -> bool:
        return name in self.document.assignments or name in self.document._collected.assignments or any(
            resource.name == name for resource in self.unit.resources())

    def _render_added(self, added: list[tuple[Resource, NewResource, dict[str, Any]]]) -> list[Edit]:
        edits: dict[int, list[str]] = {}
        result = []
        for anchor, new, settings in added:
            assert isinstance(anchor, PulumiResource)
            if new.used_by_owner:
                result.append(self._before(anchor, new, settings))
                continue
            edits.setdefault(anchor.statement_end, []).append(self._statement(anchor, new, settings))
        for at, statements in edits.items():
            following = self.document.text[self.document.lines.line_end(at) : self.document.lines.line_end(
                self.document.lines.line_end(at))]
            trailer = self.nl if following.strip() else ""
            result.append(Edit(at, at, "".join(self.nl + self.nl + text for text in statements) + trailer))
        return [*self._imports.values(), *result]

    def _statement(self, anchor: PulumiResource, new: NewResource, settings: dict[str, Any]) -> str:
        module, class_name = (new.kind.pulumi or "").split(".")
        local = self._module(module)
        indent = self.document.lines.indentation(anchor.statement_start)
        unit = self.unit_indent
        name = self._resource_name(anchor, new)
        arguments = [f"{key}={self.expression(item, indent + unit, (module, class_name + pascal(key)))}"
                     for key, item in sorted(settings.items())]  # alphabetical, as Pulumi's reference lists inputs
        options = [f"{indent}{unit}opts={self._waiting(new)}),"] if new.depends_on else []
        if anchor.args_call is not None and anchor.keyword_target is anchor.args_call:
            inner = [f"{indent}{unit}{unit}{argument}," for argument in arguments]
            lines = [f"{indent}{new.name} = {local}.{class_name}(", f"{indent}{unit}{name},",
                     f"{indent}{unit}{local}.{class_name}Args(", *inner, f"{indent}{unit}),", *options, f"{indent})"]
        else:
            lines = [f"{indent}{new.name} = {local}.{class_name}(", f"{indent}{unit}{name},",
                     *(f"{indent}{unit}{argument}," for argument in arguments), *options, f"{indent})"]
        return self.nl.join(lines)

    def _before(self, anchor: PulumiResource, new: NewResource, settings: dict[str, Any]) -> Edit:
        """The new statement above the anchor's, and above the comment lines that describe the anchor."""
        if any(isinstance(value, Ref) and value.resource is anchor for value in _leaves(settings)):
            raise CannotFix(f"{new.name} and {anchor.subject} would each need the other assigned first")
        lines = self.document.lines
        at = lines.line_start(anchor.statement_start)
        while at > 0 and lines.line_text(lines.position(at - 1).line).strip().startswith("#"):
            at = lines.line_start(at - 1)
        above = lines.line_text(lines.position(at - 1).line).strip() if at > 0 else ""
        return Edit(at, at, (self.nl if above else "") + self._statement(anchor, new, settings) + self.nl + self.nl)

    def _waiting(self, new: NewResource) -> str:
        """``pulumi.ResourceOptions(depends_on=[...]`` (closed by the caller) for what the new resource waits for."""
        pulumi, edits = self.document.pulumi_reference()
        for edit in edits:
            self._imports.setdefault("pulumi", edit)
        return f"{pulumi}.ResourceOptions(depends_on=[{', '.join(needed.name or '' for needed in new.depends_on)}]"

    def check_reachable(self, anchor: Resource, target: Resource) -> None:
        super().check_reachable(anchor, target)
        assert isinstance(anchor, PulumiResource) and isinstance(target, PulumiResource)
        if target.document is not self.document:
            raise CannotFix(f"{target.subject} is assigned in {target.document.path}, not in this file")
        if target.statement_start > anchor.statement_end:
            raise CannotFix(f"{target.subject} is assigned after {anchor.subject}")
        if target.enclosing and target.enclosing != anchor.enclosing:
            raise CannotFix(f"{target.subject} is assigned inside a block {anchor.subject} is not in")

    def _resource_name(self, anchor: PulumiResource, new: NewResource) -> str:
        """The anchor's resource name with the role appended: ``"api"`` -> ``"api-live"``, f-strings alike."""
        name = anchor.resource_name
        suffix = "-" + "-".join(re.split(r"[^A-Za-z0-9]+", new.role))
        if isinstance(name, cst.SimpleString) and "\\" not in name.value and "{" not in name.value:
            text = self.document.source(name)
            return text[:-len(name.quote)] + suffix + name.quote
        if isinstance(name, cst.FormattedString):
            text = self.document.source(name)
            return text[:-len(name.end)] + suffix + name.end
        if name is not None:
            return f"f{self.quote}{{{self.document.source(name)}}}{suffix}{self.quote}"
        raise CannotFix(f"{anchor.subject} has no resource name to derive one from")


def _leaves(value: Any) -> list[Any]:
    """Every value inside settings: the items of lists, mappings, blocks and joins."""
    if isinstance(value, Mapping):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, Block):
        return _leaves(value.settings)
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    if isinstance(value, Join):
        return list(value.parts)
    return [value]


def _fstring_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("{", "{{").replace("}", "}}")


_Item = TypeVar("_Item", cst.Arg, cst.BaseElement, cst.BaseDictElement)


def without(items: Sequence[_Item], dropped: Sequence[_Item]) -> list[_Item]:
    """``items`` without ``dropped``; the last one left takes the comma (and line break) of the last one."""
    gone = {id(item) for item in dropped}
    kept = [item for item in items if id(item) not in gone]
    if kept and id(items[-1]) in gone:
        kept[-1] = kept[-1].with_changes(comma=items[-1].comma)
    return kept


def rewrite(document: PulumiDocument, node: cst.CSTNode, replacement: cst.CSTNode) -> Edit:
    """One edit covering only the characters that change between a node and its replacement."""
    start, end = document.span(node)
    old = document.text[start:end]
    new = document.module.code_for_node(replacement)
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return Edit(start + prefix, end - suffix, new[prefix : len(new) - suffix])
