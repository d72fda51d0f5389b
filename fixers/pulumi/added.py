"""New resources in a Pulumi program: their variables and resource names made from their anchor's, and where
their statements go. A program runs top to bottom, so a resource is declared before the first statement that reads
its variable (above the anchor when the anchor reads it, above an earlier policy that names it) and after what its own
settings name; one that would have to leave its anchor's ``if`` or loop to get there is refused."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import libcst as cst

from iacfix.fixers.document import CannotFix, Resource, pascal, snake
from iacfix.fixers.kinds import Kind
from iacfix.fixers.model import Edit
from iacfix.fixers.pulumi.document import PulumiResource
from iacfix.fixers.values import NewResource

if TYPE_CHECKING:
    from iacfix.fixers.pulumi.changes import PulumiChanges

    _Base = PulumiChanges
else:
    _Base = object


class AddedResources(_Base):
    """The part of :class:`PulumiChanges` that writes the resources a fix adds."""

    def _new_name(self, anchor: Resource, kind: Kind, role: str, noun: str | None, by_role: bool = False) -> str:
        stem = anchor.name or snake(kind.stem)
        return self.free_name([f"{stem}_{snake(noun or role)}", f"{stem}_{snake(kind.stem)}"])

    def _name_in_use(self, name: str) -> bool:
        return name in self.document.assignments or name in self.document._collected.assignments or any(
            resource.name == name for resource in self.unit.resources())

    def _render_added(self, added: list[tuple[Resource, NewResource, dict[str, Any]]],
                      rendered: list[Edit]) -> list[Edit]:
        placed: list[tuple[bool, int, NewResource, str]] = []  # (above a statement?, offset, resource, its code)
        for anchor, new, settings in added:
            assert isinstance(anchor, PulumiResource)
            above = self._first_reader(anchor, new, rendered)
            statement = self._statement(anchor, new, settings)
            if above is not None and anchor.name and re.search(rf"\b{re.escape(anchor.name)}\.", statement):
                raise CannotFix(f"{anchor.subject} and the {new.kind.label} added for it each need the other")
            self._declared_before(new, settings, above if above is not None else anchor.statement_end)
            placed.append((above is not None, anchor.statement_end if above is None else above, new, statement))
        for reader in list(placed):  # a resource another added one reads is declared just before that one
            for read in [item for item in placed if item is not reader and item[1] > reader[1]]:
                if re.search(rf"\b{re.escape(read[2].name)}\.", reader[3]):
                    placed.remove(read)
                    placed.insert(placed.index(reader), (reader[0], reader[1], read[2], read[3]))
                    self._declared_before(read[2], dict(next(s for _, n, s in added if n is read[2])), reader[1])
        groups: dict[tuple[bool, int], list[str]] = {}
        for above, at, _, statement in placed:
            groups.setdefault((above, at), []).append(statement)
        result = []
        for (above, at), statements in groups.items():
            if above:
                before = self.document.text[self.document.lines.line_start(max(at - 1, 0)) : at]
                spacer = self.nl if at > 0 and before.strip() else ""  # a blank line after the code above
                result.append(Edit(at, at, spacer + "".join(text + self.nl + self.nl for text in statements)))
                continue
            following = self.document.text[self.document.lines.line_end(at) : self.document.lines.line_end(
                self.document.lines.line_end(at))]
            trailer = self.nl if following.strip() else ""
            result.append(Edit(at, at, "".join(self.nl + self.nl + text for text in statements) + trailer))
        return [*self._imports.values(), *result]

    def _first_reader(self, anchor: PulumiResource, new: NewResource, rendered: list[Edit]) -> int | None:
        """Where the new resource must be declared when the fix makes the anchor's statement, or one before it,
        read its variable (Python needs it first): above the first such statement and its comment lines. None
        when only what follows the anchor reads it."""
        used = re.compile(rf"\b{re.escape(new.name)}\.")
        readers = [edit.start for edit in rendered if used.search(edit.text) and edit.start <= anchor.statement_end]
        if not readers:
            return None
        first = min(readers)
        if first >= anchor.statement_start:
            return self._above(anchor.statement_start)
        if anchor.enclosing:
            raise CannotFix(f"{new.name} would have to be declared before {anchor.subject}'s block, where it cannot "
                            f"carry its {anchor.enclosing[-1]}")
        top = next(start for start, end in (self.document.span(s) for s in self.document.module.body)
                   if start <= first < end)
        return self._above(top)

    def _declared_before(self, new: NewResource, settings: dict[str, Any], at: int) -> None:
        """Refuse a new resource moved up above a resource its own settings name."""
        from iacfix.fixers.iam.documents import references

        for reference in references(settings):
            target = reference.resource
            if isinstance(target, PulumiResource) and target.statement_start >= at and target.document is self.document:
                raise CannotFix(f"{new.name} would have to be declared before {target.subject}, which it names")

    def _above(self, start: int) -> int:
        """The start of the line holding ``start``, above the comment lines that describe its statement."""
        lines = self.document.lines
        at = lines.line_start(start)
        while at > 0 and lines.line_text(lines.position(at - 1).line).strip().startswith("#"):
            at = lines.line_start(at - 1)
        return at

    def _statement(self, anchor: PulumiResource, new: NewResource, settings: dict[str, Any]) -> str:
        module, class_name = (new.kind.pulumi or "").split(".")
        local = self._module(module)
        indent = self.document.lines.indentation(anchor.statement_start)
        unit = self.unit_indent
        name = self._resource_name(anchor, new)
        in_args = anchor.args_call is not None and anchor.keyword_target is anchor.args_call
        depth = indent + unit + (unit if in_args else "")
        arguments = [f"{key}={self.expression(item, depth, (module, class_name + pascal(key)))}"
                     for key, item in sorted(settings.items())]  # alphabetical, as Pulumi's reference lists inputs
        options = self._options(new)
        if in_args:
            inner = [f"{indent}{unit}{unit}{argument}," for argument in arguments]
            lines = [f"{indent}{new.name} = {local}.{class_name}(", f"{indent}{unit}{name},",
                     f"{indent}{unit}{local}.{class_name}Args(", *inner, f"{indent}{unit}),", *options, f"{indent})"]
        else:
            lines = [f"{indent}{new.name} = {local}.{class_name}(", f"{indent}{unit}{name},",
                     *(f"{indent}{unit}{argument}," for argument in arguments), *options, f"{indent})"]
        return self.nl.join(lines)

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


