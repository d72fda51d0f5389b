"""The edit verbs for Pulumi programs: keyword arguments, ``Args`` objects or dicts, and new resource statements,
written in the program's own style (its quotes, its argument objects, one keyword per line as it does)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import libcst as cst

from iacfix.fixers.document import CannotFix, Changes, Node, Resource, Unit, pascal
from iacfix.fixers.kinds import attribute_name
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.pulumi import expressions
from iacfix.fixers.pulumi.added import AddedResources
from iacfix.fixers.pulumi.document import PulumiDocument, PulumiNode, PulumiResource
from iacfix.fixers.text import newline_of
from iacfix.fixers.values import Block, Copy, Join, Json, JsonDocument, NewResource, Ref, Value

_Container = tuple[str, cst.Call | cst.Dict, tuple[str, ...]]  # ("call"|"dict", node, path of Args classes)
WIDTH = 100  # the line length black and most programs keep to: longer new code goes one item a line


class PulumiChanges(AddedResources, Changes):
    document: PulumiDocument

    def __init__(self, document: PulumiDocument, unit: Unit | None = None) -> None:
        super().__init__(document, unit)
        self.nl = newline_of(document.text)
        self.quote = document.quote
        self._imports: dict[str, Edit] = {}

    # -------------------------------------------------------------------------------- values
    def expression(self, value: Any, indent: str | None, context: tuple[str, str] | None = None,
                   args_objects: bool | None = None) -> str:
        """Python for a neutral value; ``context`` is (module, Class path) naming the ``Args`` classes of blocks,
        written as ``Args`` objects or dicts as the program does (``args_objects`` decides instead, when given).
        ``indent`` is the indentation of the line the value starts on; None keeps it on that line, however long."""
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
        inner = None if indent is None else indent + self.unit_indent
        if isinstance(value, list):
            items = [self.expression(item, inner, _item_context(context), args_objects) for item in value]
            return self._laid_out("[", items, "]", indent)
        if isinstance(value, JsonDocument):
            return f"{self.pulumi_name()}.Output.json_dumps({self.expression(dict(value.value), indent)})"
        if isinstance(value, Block):
            return self.block(value, indent, context, args_objects)
        if isinstance(value, Mapping):
            entries = [f"{expressions.python_string(str(key), self.quote)}: {self.expression(item, inner)}"
                       for key, item in value.items()]
            return self._laid_out("{", entries, "}", indent)
        raise TypeError(f"cannot write {value!r} in Python")

    def _laid_out(self, opening: str, items: list[str], closing: str, indent: str | None) -> str:
        """Items on one line when it fits in 100 columns, otherwise one per line with trailing commas (as black
        writes them); ``indent`` is the indentation of the line the value starts on (None: one line)."""
        one_line = opening + ", ".join(items) + closing
        if indent is None or len(indent) + len(one_line) <= WIDTH and "\n" not in one_line:
            return one_line
        inner = indent + self.unit_indent
        return opening + "\n" + "".join(f"{inner}{item},\n" for item in items) + indent + closing

    @property
    def unit_indent(self) -> str:
        """The program's indentation step (read once per document: it walks the whole tree)."""
        return self.document.indent_step

    def reference(self, value: Ref) -> str:
        target = value.resource
        variable = target.name
        if isinstance(target, Resource) and target.document is not self.document:
            raise CannotFix(f"{target.subject} is declared in {target.document.path}, which this file cannot refer to")
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
        pulumi = self.pulumi_name()
        parts = [expressions.python_string(part, self.quote) if isinstance(part, str) else self.expression(part, None)
                 for part in value.parts]
        return f"{pulumi}.Output.concat({', '.join(parts)})"

    def block(self, value: Block, indent: str | None, context: tuple[str, str] | None,
              args_objects: bool | None = None) -> str:
        inner = None if indent is None else indent + self.unit_indent
        if context is None or not (self.document.uses_args_objects if args_objects is None else args_objects):
            entries = [f"{expressions.python_string(key, self.quote)}: {self.expression(item, inner)}"
                       for key, item in value.settings.items()]
            return self._laid_out("{", entries, "}", indent)
        module, owner = context
        rendered = []
        for key, item in value.settings.items():
            nested = (module, owner + pascal(key)) if isinstance(item, (Block, list)) else context
            rendered.append(f"{key}={self.expression(item, inner, nested, args_objects)}")
        return self._laid_out(f"{self._module(module)}.{owner}Args(", rendered, ")", indent)

    def _json_module(self) -> str:
        """How the program names the standard ``json`` module, importing it when it does not."""
        local = next((name for name, target in self.document.aliases.items() if target == "json"), None)
        if local is None:
            self._imports.setdefault("json", self.document.import_edit("import json"))
        return local or "json"

    def pulumi_name(self) -> str:
        """How the program names the ``pulumi`` package; ``import pulumi`` is added with the fix when it has none."""
        pulumi, edits = self.document.pulumi_reference()
        for edit in edits:
            self._imports.setdefault("pulumi", edit)
        return pulumi

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
            indent = self._item_indent(holder, list(holder.args))
            return [self._add_keywords(holder, {
                key: self.expression(item, indent, (context[0], context[1] + pascal(key)))
                for key, item in settings.items()
            })]
        assert isinstance(holder, cst.Dict)
        indent = self._item_indent(holder, list(holder.elements))
        entries = {expressions.python_string(key, self.quote): self.expression(item, indent)
                   for key, item in settings.items()}
        return [self._add_entries(holder, entries)]

    def _item_indent(self, owner: cst.CSTNode, items: list[Any]) -> str | None:
        """The indentation of the lines new items of a call, dict or list start on; None when its items are
        written on one line, where new ones stay."""
        start = self.document.span(owner)[0]
        if items and self.document.lines.position(self.document.span(items[0])[0]).line != \
                self.document.lines.position(start).line:
            return self.document.lines.indentation(self.document.span(items[0])[0])
        return None if items else self.document.lines.indentation(start)

    def _mapping(self, node: Node) -> Any:
        value = node.resolved() if isinstance(node, PulumiNode) else None
        if not isinstance(value, cst.Dict):
            return super()._mapping(node)
        return ("dict", value, ("", ""))

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
            if multi_line or not self.document.text[self.document.lines.line_start(at) : at].strip():
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
    def _removal(self, resource: Resource | None, node: Node) -> list[Edit]:
        return self._removals([node])

    def _removals(self, nodes: list[Node]) -> list[Edit]:
        """Keywords and dict entries removed together: one rewrite per outermost call or dict holding them, so that
        removals in the same call, or in an ``Args`` object inside it, do not overlap."""
        holders: dict[int, cst.Call | cst.Dict] = {}
        dropped: dict[int, list[cst.CSTNode]] = {}
        for node in nodes:
            assert isinstance(node, PulumiNode)
            holder = node.holder
            item = node.argument if isinstance(holder, cst.Call) else node.element if isinstance(holder, cst.Dict) else None
            if holder is None or item is None:
                raise CannotFix("only keyword arguments and dict entries can be removed")
            holders[id(holder)] = holder
            dropped.setdefault(id(holder), []).append(item)
        spans = {key: self.document.span(holder) for key, holder in holders.items()}
        outermost = [key for key, (start, end) in spans.items() if not any(
            other != key and spans[other][0] <= start and end <= spans[other][1] for other in spans)]
        return [rewrite(self.document, holders[key], holders[key].visit(_Dropping(dropped))) for key in outermost]

    def _render_key(self, old: str, key: str) -> str:
        if old[:1] in ("'", '"'):
            return expressions.python_string(key, old[0])
        if not key.isidentifier():
            raise CannotFix(f"{key} cannot be a keyword argument")
        return key
    def _remove_items(self, node: Node, keep: list[bool]) -> list[Edit]:
        assert isinstance(node, PulumiNode)
        value = node.expression
        if not isinstance(value, cst.List):
            raise CannotFix(f"{node.text[:40]} is not written as a list here")
        items = [element for element in value.elements if isinstance(element, cst.Element)]
        dropped = [element for element, kept in zip(items, keep, strict=True) if not kept]
        return [rewrite(self.document, value, value.with_changes(elements=without(value.elements, dropped)))]

    # ---------------------------------------------------------------------------------- lists
    def _append_item(self, node: Node, value: Value) -> Edit:
        assert isinstance(node, PulumiNode)
        expression = node.expression
        if not isinstance(expression, cst.List):
            raise CannotFix(f"{node.text[:40]} is not written as a list")
        return self._list_item(expression, value)

    def add_list_item(self, listed: cst.List, value: Any, context: tuple[str, str], args_objects: bool) -> None:
        """``add_to_list`` for a list whose blocks are ``context``'s ``Args`` objects (``args_objects``) or dicts, as
        its other items are, whatever the rest of the program does."""
        self._edits.append(self._list_item(listed, value, context, args_objects))

    def _list_item(self, listed: cst.List, value: Any, context: tuple[str, str] | None = None,
                   args_objects: bool | None = None) -> Edit:
        """``value`` as the list's last item, laid out as its items are: one per line, inline, or hugging the
        brackets (``[{`` ... ``}, {`` ... ``}]``); ``context`` and ``args_objects`` say how blocks are written."""
        elements = list(listed.elements)
        start, end = self.document.span(listed)
        lines = self.document.lines
        if elements and "\n" in self.document.text[start:end] and \
                lines.line_start(self.document.span(elements[0])[0]) <= start:
            last = self.document.span(elements[-1].value)[1]
            rendered = self.expression(value, lines.indentation(last - 1), context, args_objects)
            return Edit(last, last, f", {rendered}")
        indent = self._item_indent(listed, elements)
        rendered = self.expression(value, indent, context, args_objects)
        if elements and indent is None and len(lines.line_text(lines.position(end).line).rstrip()) + len(rendered) + 2 \
                > WIDTH:  # a one-line list the item would make too long: it opens on that line, as [{...}, {
            last = self.document.span(elements[-1].value)[1]
            return Edit(last, last, f", {self.expression(value, lines.indentation(last - 1), context, args_objects)}")
        return self._add_items(listed, elements, [rendered], None)

    def _options(self, new: NewResource) -> list[str]:
        """``opts=pulumi.ResourceOptions(...)`` for a new resource: the existing one it takes over (``import_``), what
        it waits for (``depends_on``); as lines of the resource's call (never inside its ``Args`` object)."""
        parts = []
        if id(new) in self._adopted:
            adopted = self._adopted[id(new)]
            if not isinstance(adopted, str):
                raise CannotFix(f"the {new.kind.label} to take over has a name known only when the program runs")
            parts.append(f"import_={self.expression(adopted, None)}")
        if new.depends_on:
            parts.append(f"depends_on=[{', '.join(needed.name or '' for needed in new.depends_on)}]")
        if not parts:
            return []
        pulumi, edits = self.document.pulumi_reference()
        for edit in edits:
            self._imports.setdefault("pulumi", edit)
        indent = self.document.lines.indentation(new.owner.statement_start) if isinstance(new.owner, PulumiResource) \
            else ""
        return [f"{indent}{self.unit_indent}opts={pulumi}.ResourceOptions({', '.join(parts)}),"]

    def check_reachable(self, anchor: Resource, target: Resource) -> None:
        super().check_reachable(anchor, target)
        assert isinstance(anchor, PulumiResource) and isinstance(target, PulumiResource)
        if target.document is not self.document:
            raise CannotFix(f"{target.subject} is assigned in {target.document.path}, not in this file")
        if target.statement_start > anchor.statement_end:
            raise CannotFix(f"{target.subject} is assigned after {anchor.subject}")
        if target.enclosing and target.enclosing != anchor.enclosing:
            raise CannotFix(f"{target.subject} is assigned inside a block {anchor.subject} is not in")

    def _wrap(self, node: Node, value: Value) -> list[Edit]:
        assert isinstance(node, PulumiNode)
        spread = "\n" in node.text
        rendered = self.expression(value, self.document.lines.indentation(node.end - 1) if spread else None)
        return [Edit(node.start, node.start, "["), Edit(node.end, node.end, f", {rendered}]")]

def _item_context(context: tuple[str, str] | None) -> tuple[str, str] | None:
    """The ``Args`` class of a list's items: pulumi_aws names it after the singular (``rules`` holds
    ``...RuleArgs``, ``policies`` holds ``...PolicyArgs``)."""
    if context is None:
        return None
    module, owner = context
    if owner.endswith("ies"):
        return module, owner[:-3] + "y"
    return module, owner[:-1] if owner.endswith("s") else owner


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


class _Dropping(cst.CSTTransformer):
    """Removes the given keyword arguments and dict entries (keyed by their holder's identity) from a subtree."""

    def __init__(self, dropped: dict[int, list[cst.CSTNode]]) -> None:
        self.dropped = dropped

    def _kept(self, original: Sequence[Any], updated: Sequence[Any], holder: cst.CSTNode) -> list[Any] | None:
        gone = {id(item) for item in self.dropped.get(id(holder), ())}
        if not gone:
            return None
        return without(updated, [new for old, new in zip(original, updated, strict=True) if id(old) in gone])

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        kept = self._kept(original_node.args, updated_node.args, original_node)
        return updated_node if kept is None else updated_node.with_changes(args=kept)

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict) -> cst.Dict:
        kept = self._kept(original_node.elements, updated_node.elements, original_node)
        return updated_node if kept is None else updated_node.with_changes(elements=kept)


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
