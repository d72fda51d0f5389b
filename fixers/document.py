"""The vocabulary every language's document speaks: resources, their settings, and the edits a fix makes.

A rule asks the same questions of a Terraform module, a CloudFormation template and a Pulumi program:

- ``document.resources(kind)`` gives :class:`Resource` views with the same shape in every language: the type,
  the name references use, the subject a person reads, the span of the header, and ``get(setting)``;
- ``resource.get(setting)`` gives a :class:`Node`: its literal value, whether it is true, the references in it;
- ``document.changes()`` gives a :class:`Changes` whose verbs (``set``, ``replace``, ``remove``,
  ``add_resource_after``, ``add_to_list``) take language-neutral values (:mod:`iacfix.fixers.values`) and
  render them in the file's own style.

Each language package implements these for its parser; rules never touch a parser's tree or slice text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from iacfix.fixers.kinds import Kind, Setting, kind_of
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.names import UNKNOWN, Name, Symbol, Unknown, Wildcard
from iacfix.fixers.text import LineIndex
from iacfix.fixers.values import Block, NewResource, Ref, Value

_SUPPRESSION = re.compile(r"iacfix:\s*ignore\b([^\n]*)")
_RULE_WORD = re.compile(r"^(IAC\d{3}|[a-z0-9]+(?:-[a-z0-9]+)+)$", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^\s*(#|//|/\*|\*)")
_CRLF = re.compile(r"(?<!\r)\n")  # a line break written without the file's carriage return


class ParseFailure(Exception):
    """A file that does not parse; carries the position the parser blamed."""

    def __init__(self, reason: str, line: int = 1, column: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


class NotInfrastructure(Exception):
    """Raised by a parser when the file parses but turns out not to be infrastructure code."""


class CannotFix(Exception):
    """A verb cannot make the change in this document; the message says why, for the finding's reason."""


@dataclass(frozen=True)
class Reference:
    """A reference to another resource as the document writes it: its name and the attribute read.

    ``name`` is the key :meth:`Unit.resource` takes (``aws_sqs_queue.dlq``, ``Dlq``, ``dlq``); ``attribute``
    is the language's own (``arn``, ``Arn``; None for ``!Ref``); ``indexed`` when one of several instances is
    read (``aws_lambda_function.x[0].arn``).
    """

    name: str
    attribute: str | None = None
    indexed: bool = False


class Node:
    """One value in a document, whatever the language: a literal, a reference, a list, a mapping, a block."""

    document: Document
    start: int
    end: int
    within: Node | None = None  # the list this value is an item of (set by ``items()``)
    key_span: tuple[int, int] | None = None  # where the key it is written under is (a mapping key, an argument)
    inherited: bool = False  # read from defaults several resources share (SAM's Globals), not the resource itself

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]

    @property
    def header(self) -> tuple[int, int]:
        """Where a finding about this value points: the key it is written under, when it has one."""
        return self.key_span or (self.start, self.end)

    @property
    def literal(self) -> Any:
        """The plain value when the author wrote one (``"Active"``, ``14``, ``True``), else None."""
        return None

    def is_true(self) -> bool | None:
        """True/False for a literal boolean (``"true"`` included), None when the value is computed."""
        value = self.literal
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return None

    def get(self, path: str) -> Node | None:
        """A setting inside this value (a nested block, a mapping entry, an ``Args`` keyword), by dotted path."""
        return None

    def at(self, setting: Setting) -> Node | None:
        """The value a setting names inside this value, by this document's language's path for it."""
        path = setting.path(self.document.language)
        return self.get(path) if path else None

    def items(self) -> list[Node] | None:
        """The elements of a list, or None when the value is not written as a list."""
        return None

    def keys(self) -> list[str]:
        """The keys of a mapping or block, in the order written."""
        return []

    def entries(self) -> list[tuple[str, Node]]:
        """The keys and values of a mapping, in the order written (keys may hold dots: ``get`` would split them)."""
        return []

    def decoded(self) -> Node | None:
        """The structure a value encodes as JSON: the object given to ``jsonencode``, ``json.dumps`` or
        ``Output.json_dumps``, or the JSON document a string holds (a heredoc, a block scalar, a Python string,
        ``!Sub`` included); a mapping is its own structure. None when the value encodes nothing readable."""
        return None

    def file_read(self) -> tuple[str, Node | None] | None:
        """The workspace path of the file a value is read from (Terraform's ``file`` and ``templatefile``), with the
        variables it is rendered with; None for anything else."""
        return None

    def is_mapping(self) -> bool:
        """Whether the value is written as a mapping (an object, a YAML or JSON mapping, a dict), empty or not:
        its ``keys()`` are then all it has."""
        return False

    def reference(self) -> Reference | None:
        """The resource attribute this value is, as a whole; None for anything else."""
        return None

    def references(self) -> list[Reference]:
        """Every resource attribute this value mentions, anywhere inside it."""
        return []

    def name_value(self, unit: Unit) -> Name:
        """The text this value evaluates to, symbolically (see :mod:`iacfix.fixers.names`)."""
        return UNKNOWN

    def mentions(self, text: str) -> bool:
        """Whether a string literal equal to ``text`` appears anywhere inside the value (a branch, an argument)."""
        return False

    def input(self, unit: Unit) -> Input | None:
        """The unit's input this value is, as a whole: a Terraform variable, a CloudFormation parameter, a Pulumi
        name assigned once at the top of the program; None for anything else."""
        return None


@dataclass(frozen=True)
class Input:
    """A value the unit takes from outside or names once (``var.memory_size``, ``!Ref MemorySize``, ``MEMORY``),
    with its default as written (None when it has none): a fix must not assume the value callers pass."""

    name: str
    default: Node | None


class Resource:
    """One resource a document declares, in any language."""

    document: Document
    type: str  # the language's own type: aws_lambda_function, AWS::Lambda::Function, lambda_.Function
    name: str | None  # what references use: the address, the logical id, the variable (None: unassigned)
    subject: str  # what a person calls it in a message
    start: int
    end: int
    header: tuple[int, int]  # where findings about the resource point

    def is_a(self, kind: Kind) -> bool:
        return self.type in kind.types(self.document.language)

    @property
    def condition(self) -> str | None:
        """The condition under which the resource exists (a CloudFormation ``Condition``); None: always."""
        return None

    def path_of(self, setting: Setting | str) -> str | None:
        if isinstance(setting, str):
            return setting
        return setting.path(self.document.language, self.type)

    def get(self, setting: Setting | str) -> Node | None:
        """The value of a setting, or None when the resource does not set it (or the language has no such setting)."""
        path = self.path_of(setting)
        return self._lookup(path) if path else None

    def has(self, setting: Setting | str) -> bool:
        return self.get(setting) is not None

    def each(self, setting: Setting | str) -> list[Node] | None:
        """Every value of a setting that repeats: Terraform's repeated nested blocks, elsewhere the items of its
        list; [] when it is not set, None when they are computed (a ``dynamic`` block, an expression)."""
        node = self.get(setting)
        return [] if node is None else node.items()

    def keys(self) -> list[str]:
        """The settings the resource writes itself, in order (Globals and defaults not included)."""
        raise NotImplementedError

    def references(self) -> list[Reference]:
        """Every resource its settings mention, in the order written (``depends_on``/``DependsOn`` aside)."""
        return []

    def _lookup(self, path: str) -> Node | None:
        raise NotImplementedError

    @property
    def repeated(self) -> bool:
        """Whether one declaration makes several resources (``count``, ``for_each``, a loop)."""
        return False

    @property
    def line(self) -> int:
        return self.document.lines.position(self.start).line

    def real_name(self, unit: Unit) -> Name:
        """The name AWS knows it by, symbolically: its name setting evaluated, or the name AWS generates."""
        kind = kind_of(self.document.language, self.type)
        node = self.get(kind.name_setting) if kind is not None and kind.name_setting is not None else None
        if node is None:
            return self.generated_name()
        key = self.name or self.subject
        evaluated = unit.evaluate(key, lambda: node.name_value(unit))
        # What cannot be known of it is still one value wherever this name is read (a log group named after the
        # function by reference has the function's name, whatever it is): each unknown part becomes a symbol.
        return Name(tuple(Unknown(f"{key} (unknown part {index})") if isinstance(part, Wildcard) else part
                          for index, part in enumerate(evaluated.parts)))

    def generated_name(self) -> Name:
        """The name AWS (or the tool) gives it when none is set: one unknown value, the same wherever it is read."""
        return Name.of(Symbol(f"{self.name or self.subject} (generated name)"))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.subject}>"


@dataclass
class Document:
    """A parsed file. Subclasses add the language's tree and implement the vocabulary over it."""

    path: str
    text: str
    language: ClassVar[Language]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    # ------------------------------------------------------------------------------- vocabulary
    def resources(self, kind: Kind | None = None) -> list[Resource]:
        """The resources this file declares, of a kind or all, in the order written."""
        declared = self.declared
        return declared if kind is None else [r for r in declared if r.is_a(kind)]

    @property
    def declared(self) -> list[Resource]:
        raise NotImplementedError

    def providers(self, name: str) -> list[Resource]:
        """The configurations of a provider the file writes (Terraform's ``provider "aws" {}`` blocks), as views
        whose settings read and change like a resource's; other languages configure providers outside the code."""
        return []

    def changes(self) -> Changes:
        raise NotImplementedError

    def emptied(self, before: Document) -> list[str]:
        """The sections that held entries in ``before`` and hold nothing at all here (not even an empty mapping):
        fixes that each remove some entries can together remove them all."""
        return []

    @property
    def preprocessors(self) -> list[str]:
        """What rewrites the file before it deploys in ways the file does not show (a template's macros, a
        packaging tool's directives): such a tool may use, or add, anything. Transforms whose effect the vocabulary
        reads (SAM's, ``AWS::LanguageExtensions``) are not listed."""
        return []

    def section(self, name: str) -> Node | None:
        """A top-level section of the file that is not a resource (a template's ``Parameters``, ``Metadata``), or
        None when the language has no such thing or the file does not write it."""
        return None

    # ----------------------------------------------------------------------------- suppressions
    def suppressed_rules(self, line: int) -> set[str] | None:
        """Rules named by ``iacfix:ignore`` comments on ``line`` or the comment lines just above it.

        Returns None when there is no suppression, an empty set when every rule is suppressed.
        """
        named: set[str] = set()
        found = False
        candidates = [line]
        above = line - 1
        while above >= 1 and _COMMENT_LINE.match(self.lines.line_text(above)):
            candidates.append(above)
            above -= 1
        for number in candidates:
            for match in _SUPPRESSION.finditer(self.lines.line_text(number)):
                found = True
                words = re.split(r"[\s,]+", match.group(1).strip())
                rules = [word for word in words if word and _RULE_WORD.match(word)]
                if not rules:
                    return set()
                named.update(word.upper() if word.upper().startswith("IAC") else word for word in rules)
        return named if found else None

    def is_suppressed(self, code: str, name: str, lines: tuple[int, ...]) -> bool:
        for line in lines:
            rules = self.suppressed_rules(line)
            if rules is not None and (not rules or code in rules or name in rules):
                return True
        return False


@dataclass
class Unit:
    """The documents that deploy together: a Terraform module folder, one template, a Pulumi program."""

    documents: list[Document]
    _by_name: dict[str, Resource] | None = field(default=None, repr=False)
    _evaluating: set[str] = field(default_factory=set, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def resources(self, kind: Kind | None = None) -> Iterator[Resource]:
        for document in self.documents:
            yield from document.resources(kind)

    def resource(self, name: str | None) -> Resource | None:
        """The resource references call ``name`` (an address, a logical id, a variable)."""
        if name is None:
            return None
        if self._by_name is None:
            self._by_name = {}
            for resource in self.resources():
                if resource.name is not None:
                    self._by_name.setdefault(resource.name, resource)
        return self._by_name.get(name)

    def referenced(self, node: Node | None, kind: Kind | None = None) -> Resource | None:
        """The resource a value refers to as a whole (``aws_iam_role.x.arn``, ``!GetAtt Role.Arn``, ``role.arn``)."""
        reference = node.reference() if node is not None else None
        found = self.resource(reference.name) if reference is not None else None
        return found if found is not None and (kind is None or found.is_a(kind)) else None

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        """What ``build`` makes of the unit, made once: every document of a module is checked against the same
        module-wide facts (its dependency graph, say), which would otherwise be rebuilt for each file."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def evaluate(self, key: str, evaluation: Callable[[], Name]) -> Name:
        """Run a name evaluation unless the same one is already under way (a name built from itself)."""
        if key in self._evaluating:
            return UNKNOWN
        self._evaluating.add(key)
        try:
            return evaluation()
        finally:
            self._evaluating.discard(key)

    def name_read(self, name: str, attribute: str | None) -> Name | None:
        """The real name a reference reads when it reads a resource's name (``aws_lambda_function.x.function_name``,
        ``!Ref Table``, ``table.name``); None when it reads something else or an unknown resource."""
        resource = self.resource(name)
        if resource is None:
            return None
        language = resource.document.language
        kind = kind_of(language, resource.type)
        if kind is None or kind.name_setting is None or "name" not in kind.attributes:
            return None
        readable = {kind.attributes["name"].of(language)}
        if language is not Language.CLOUDFORMATION:
            readable.add("id")
        return resource.real_name(self) if attribute in readable else None

    def referring(self, resource: Resource, kind: Kind, setting: Setting) -> list[Resource]:
        """The resources of ``kind`` whose ``setting`` refers to ``resource``."""
        return [other for other in self.resources(kind) if any(
            reference.name == resource.name for reference in _references(other.get(setting)))]


def _references(node: Node | None) -> list[Reference]:
    return node.references() if node is not None else []


def deferred(verb: Callable[..., Any]) -> Callable[..., Any]:
    """A verb whose ``CannotFix`` waits for ``edits()``: a rule builds its fix step by step, and the first step
    that cannot be written makes the finding "not fixed" with that reason, never an error of the rule."""

    if getattr(verb, "deferred", False):
        return verb

    @functools.wraps(verb)
    def run(self: Changes, *arguments: Any, **keywords: Any) -> Any:
        if self._within:  # a verb inside another (a grant tries places): the outer one decides
            return verb(self, *arguments, **keywords)
        if self.failure is None:
            self._within = True
            try:
                return verb(self, *arguments, **keywords)
            except CannotFix as reason:
                self.failure = reason
            finally:
                self._within = False
        if verb.__name__ == "add_resource_after":  # a stand-in the rest of the plan can name
            return NewResource(arguments[1], "(not added)", arguments[0], keywords.get("role", ""))
        return None

    run.deferred = True  # type: ignore[attr-defined]
    return run


VERBS = ("set", "replace", "remove", "remove_items", "rename", "add_entry", "add_to_list", "add_resource_after",
         "attach_managed_policy", "wrap_in_list", "add_statement", "grant")


class Changes:
    """The edits of one fix, built with language-neutral verbs; :meth:`edits` renders them in the file's style.

    Settings added to the same block or mapping by several ``set`` calls are written together, so a fix can set
    ``a.b`` and ``a.c`` on a resource that has no ``a`` yet.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in VERBS:  # a language's own version of a verb defers its CannotFix as well
            if name in cls.__dict__:
                setattr(cls, name, deferred(cls.__dict__[name]))

    def __init__(self, document: Document, unit: Unit | None = None) -> None:
        self.document = document
        self.unit = unit if unit is not None else Unit([document])  # the documents whose names the fix must respect
        self._edits: list[Edit] = []
        self._pending: dict[int, tuple[Any, dict[str, Any]]] = {}  # container id -> (container, settings)
        self._added: list[tuple[Resource, NewResource, dict[str, Any]]] = []
        self._adopted: dict[int, Value] = {}  # id of an added resource -> the id AWS knows the existing one by
        self._removed: list[Node] = []
        self._embedded: list[Callable[[], list[Edit]]] = []  # JSON inside strings, written by edits()
        self._names: set[str] = set()
        self._real_names: list[tuple[Kind, Name, str]] = []  # what the resources added so far will be called
        self._written: list[Edit] = []
        self.descriptions: list[str] = []
        self.failure: CannotFix | None = None  # the first verb that could not be written
        self._within = False  # a verb is running (verbs it calls raise CannotFix to it)

    # ----------------------------------------------------------------------------------- verbs
    @deferred
    def set(self, resource: Resource, setting: Setting | str, value: Value) -> None:
        """Give a setting a value: replace it when present, otherwise add it (and the blocks around it)."""
        path = resource.path_of(setting)
        if not path:
            raise CannotFix(f"{resource.subject} has no such setting in {self.document.language.value}")
        value = localized(value, self.document.language, resource.type)
        container, rest, existing = self._descend(resource, path.split("."))
        if not rest:
            assert existing is not None
            self.replace(existing, value)
            return
        entry = self._pending.setdefault(self._container_key(container), (container, {}))[1]
        _merge(entry, nest(rest, value))

    @deferred
    def replace(self, node: Node, value: Value) -> None:
        """Write ``value`` where ``node`` is."""
        self._edits.append(Edit(node.start, node.end, self._render_in_place(node, value)))

    @deferred
    def remove(self, target: Resource | Node, setting: Setting | str | None = None) -> None:
        """Remove a setting with its comment lines and the blank line it would leave: ``remove(resource, setting)``,
        or ``remove(node)`` for what holds a value found through ``get`` or ``items``: its attribute, entry or
        keyword, or its place in a list. Several removals from one container are written together."""
        if isinstance(target, Resource):
            path = target.path_of(setting) if setting is not None else None
            node = target.get(path) if path else None
            if node is None:
                return
        else:
            node = target
        if node.within is not None:
            self.remove_items(node.within, [node])
        elif all((node.start, node.end) != (removed.start, removed.end) for removed in self._removed):
            self._removed.append(node)

    @deferred
    def remove_items(self, node: Node, items: Iterable[Node]) -> None:
        """Remove some items of a list as its author wrote it, with their separators; a list left empty goes with
        its setting, as ``remove(node)`` removes it. Items are matched by where they are written."""
        listed = node.items()
        if listed is None:
            raise CannotFix(f"{node.text[:40]} is not written as a list")
        gone = {(item.start, item.end) for item in items}
        keep = [(item.start, item.end) not in gone for item in listed]
        if not any(keep):
            self.remove(node)
        elif not all(keep):
            self._edits.extend(self._remove_items(node, keep))

    @deferred
    def rename(self, node: Node, key: str) -> None:
        """Write ``key`` as the key a value is written under (a mapping key, attribute, keyword argument), quoted
        as the old key was where the language allows both."""
        if node.key_span is None:
            raise CannotFix(f"{node.text[:40]} is not written under a key")
        start, end = node.key_span
        self._edits.append(Edit(start, end, self._render_key(self.document.text[start:end], key)))

    @deferred
    def add_entry(self, node: Node, key: str, value: Value) -> None:
        """Add ``key: value`` to a mapping (an object, a YAML or JSON mapping, a dict, JSON inside a string) as its
        last entry, laid out as its entries are."""
        from iacfix.fixers.embedded import JsonTextNode

        if isinstance(node, JsonTextNode):  # written by edits(), where CannotFix becomes a reason
            self._embedded.append(lambda: [node.insertion(key, value, self._interpolation(node))])
            return
        container = self._mapping(node)
        entry = self._pending.setdefault(id(container), (container, {}))[1]
        _merge(entry, {key: value})

    @deferred
    def add_to_list(self, node: Node, value: Value) -> None:
        """Append an item to a list as its items are written: one per line, inline, or hugging its brackets
        (``[{`` ... ``}, {`` ... ``}]``)."""
        from iacfix.fixers.embedded import JsonTextNode

        if isinstance(node, JsonTextNode):
            self._embedded.append(lambda: [node.appending(value, self._interpolation(node))])
            return
        self._edits.append(self._append_item(node, value))

    @deferred
    def wrap_in_list(self, node: Node, value: Value) -> None:
        """Make a value written alone the first item of a list whose second item is ``value``: ``x`` becomes
        ``[x, value]``, a mapping written over several lines ``[{`` ... ``}, {`` ... ``}]`` (a YAML block mapping
        becomes the first item of a block sequence). The value written stays as it was."""
        from iacfix.fixers.embedded import JsonTextNode

        if isinstance(node, JsonTextNode):
            self._embedded.append(lambda: node.wrapping(value, self._interpolation(node)))
            return
        self._edits.extend(self._wrap(node, value))

    @deferred
    def add_statement(self, policy: Node, statement: Mapping[str, Any]) -> None:
        """Add a statement (IAM's keys: ``Sid``, ``Effect``, ``Principal``, ``Action``, ``Resource``,
        ``Condition``) to the policy document a policy setting holds, in the document's own form: ``jsonencode``,
        heredoc JSON or an ``aws_iam_policy_document`` (``statement`` blocks with ``principals`` and ``condition``);
        a mapping in YAML or JSON; ``json.dumps``, ``Output.json_dumps``, JSON text or ``get_policy_document``. A
        single ``Statement`` becomes a list. When the document has a statement with the same Sid and Effect, that one
        is extended instead: its Action and Resource gain the values it lacks (so one statement can name every
        queue of a shared role). Raises CannotFix when the document is not written in a form that can take it."""
        from iacfix.fixers.iam.documents import add_statement

        add_statement(self, policy, statement)

    @deferred
    def grant(self, role: Resource, statement: Mapping[str, Any], *, beside: Resource | None = None,
              word: str = "grant") -> None:
        """Give a role the permissions of an Allow ``statement`` (with a stable Sid) in the role's own style: a
        statement added to (or merged, by Sid, into) one of its inline policies or of the role policies naming it;
        else a new role policy. ``beside`` is the resource the permissions are for: a new policy goes after it when
        the role is declared in another file, or when the policy must be declared after the names it uses
        (Python); ``word`` is what the permissions are for, in a new policy's names. A SAM function whose role SAM
        creates is granted through its ``Policies`` (a SAM policy template when one says the same)."""
        from iacfix.fixers.iam.grants import grant

        grant(self, role, statement, beside, word)

    def checkpoint(self) -> dict[str, Any]:
        """Where the fix stands, so that a verb tried and refused (``CannotFix``) leaves nothing behind."""
        state: dict[str, Any] = {name: value.copy() for name, value in vars(self).items()
                                 if isinstance(value, (list, dict, set))}
        state["_pending"] = {key: (container, dict(settings)) for key, (container, settings) in self._pending.items()}
        return state

    def rollback(self, checkpoint: dict[str, Any]) -> None:
        """Forget what was written since ``checkpoint``."""
        for name, value in checkpoint.items():
            setattr(self, name, value)

    @deferred
    def add_resource_after(
        self, anchor: Resource, kind: Kind, settings: Mapping[Setting | str, Any], *, role: str,
        noun: str | None = None, by_role: bool = False, adopt: Value | None = None,
        depends_on: Iterable[Resource] = (),
    ) -> NewResource:
        """Add a resource of ``kind`` right after ``anchor``, on its behalf.

        It carries the anchor's ``Condition``, ``count``/``for_each`` or enclosing block, and names free in the
        document made from the anchor's in the language's style: ``role`` is what the new resource is to its
        anchor (``logs``, ``live``: a Pulumi resource name ``"api-live"``, a Terraform label ``api_live`` when
        ``api`` is taken), ``noun`` what it is (``log group``: a logical id ``ApiLogGroup``, a variable
        ``api_log_group``; by default the kind's type name, and for Pulumi variables the role). ``by_role`` when
        the anchor gets several resources of the kind: each is then named with its role (``api_errors``,
        ``api_throttles``), never with the anchor's name alone. A setting the language does not have (its path is
        None) is left out: a rule gives each language's form of a setting whose shape differs between them.

        ``adopt`` is the id of a resource AWS has already created under that name (a function's log group once it
        has run): the new resource then takes it over (Terraform's ``import`` block, Pulumi's ``import_`` option)
        instead of failing to create it; CloudFormation cannot, and raises CannotFix.
        ``depends_on`` names resources it must be created after though no setting refers to them (``depends_on``,
        ``DependsOn``, ``ResourceOptions(depends_on=...)``); in Pulumi they must be assigned before the anchor's
        statement ends. A Pulumi resource the anchor's own settings read is declared before the anchor.
        """
        if self.document.language not in _languages(kind):
            raise CannotFix(f"{self.document.language.value} has no {kind.label}")
        real_name = settings.get(kind.name_setting) if kind.name_setting is not None else None
        what = f"the {noun or kind.label} it adds"
        if real_name is not None:
            holder = self.name_holder(kind, real_name)
            wanted = self.name_of(real_name)
            if holder is not None:
                raise CannotFix(f"{what} would be named {wanted}, a name {holder} may already have: AWS would "
                                "refuse to create it")
            self._real_names.append((kind, wanted, what))
        name = self._new_name(anchor, kind, role, noun, by_role)
        self._names.add(name)
        waits = tuple(depends_on)
        for needed in waits:
            self.check_reachable(anchor, needed)
        added = NewResource(kind, name, anchor, role, waits)
        self._added.append((anchor, added, self._resolved(kind, settings)))
        if adopt is not None:
            self._adopted[id(added)] = adopt
        return added

    def _resolved(self, kind: Kind, settings: Mapping[Setting | str, Any]) -> dict[str, Any]:
        """Settings keyed by this language's paths; a dotted path becomes nested blocks."""
        language = self.document.language
        resource_type = kind.created_as(language) or ""
        resolved: dict[str, Any] = {}
        for key, value in settings.items():
            path = key.path(language, resource_type) if isinstance(key, Setting) else key
            if path is not None:
                _merge(resolved, nest(path.split("."), localized(value, language, resource_type)))
        return resolved

    @deferred
    def attach_managed_policy(self, role: Resource, policy: str, *, word: str) -> None:
        """Attach the AWS managed policy ``policy`` (``AWSXRayDaemonWriteAccess``) to a role: an attachment resource
        after the role named with ``word`` (``xray``), or (CloudFormation) an entry of its ``ManagedPolicyArns``."""
        from iacfix.fixers.iam.permissions import ATTACHMENT_POLICY, ATTACHMENT_ROLE, POLICY_ATTACHMENT
        from iacfix.fixers.values import Ref

        self.add_resource_after(role, POLICY_ATTACHMENT, {
            ATTACHMENT_ROLE: Ref(role, "name"), ATTACHMENT_POLICY: f"arn:aws:iam::aws:policy/{policy}",
        }, role=word)
        self.describe(f"attach {policy} to {role.subject}")

    def include(self, edits: Iterable[Edit]) -> None:
        """Take edits a language package wrote with a writer of its own (a policy statement rewritten in place),
        as they are: they are neither merged with the verbs' edits nor realigned."""
        self._written.extend(edits)

    def describe(self, text: str) -> None:
        """Say what the fix does, for the fix's description (commit messages, ``--diff`` summaries)."""
        self.descriptions.append(text)

    @property
    def description(self) -> str:
        return "; ".join(self.descriptions)

    @property
    def added_names(self) -> list[str]:
        """The names, as references use them, of the resources this fix adds."""
        return [self._reference_name(new) for _, new, _ in self._added]

    def _reference_name(self, new: NewResource) -> str:
        return new.name

    def edits(self) -> list[Edit]:
        """Every edit of the fix, rendered; raises CannotFix when one of them cannot be written here."""
        if self.failure is not None:
            raise self.failure
        edits = list(self._edits) + self._removals(self._removed)
        for write in self._embedded:
            edits.extend(write())
        for container, settings in self._pending.values():
            edits.extend(self._insert(container, settings))
        edits = self._finish(edits)
        edits += self._render_added(self._added, edits) + self._written
        if "\r\n" not in self.document.text:
            return edits
        return [Edit(e.start, e.end, _CRLF.sub("\r\n", e.text)) for e in edits]

    def name_of(self, value: Value) -> Name:
        """The real name a setting's value gives, symbolically (what cannot be known is a wildcard)."""
        from iacfix.fixers.values import Copy, Join, Ref

        if isinstance(value, str):
            return Name.of(value)
        if isinstance(value, Join):
            return Name.of(*(self.name_of(part) for part in value.parts))
        if isinstance(value, Copy):
            return value.node.name_value(self.unit)
        if isinstance(value, Ref) and value.attribute == "name" and isinstance(value.resource, Resource):
            return value.resource.real_name(self.unit)
        return Name.of(None)

    def name_holder(self, kind: Kind, value: Value) -> str | None:
        """What may already be called what ``value`` names a new resource of ``kind`` (names are unique per type
        in an account and region, so creating it would fail), or None when the name is certainly free."""
        wanted = self.name_of(value)
        for existing in self.unit.resources(kind):
            taken = existing.real_name(self.unit)
            if taken.may_equal(wanted) and not self._named_for_another(taken, value):
                return existing.subject
        return next((what for added_kind, name, what in self._real_names
                     if added_kind == kind and name.may_equal(wanted)), None)

    def _named_for_another(self, taken: Name, value: Value) -> bool:
        """Whether ``taken`` is certainly what ``value``'s pattern gives another resource than the one it reads the
        name of (``/aws/lambda/<api's name>`` for ``/aws/lambda/<worker's name>``): the two resources' names differ,
        as names are unique per type, so the two names do too."""
        from iacfix.fixers.values import Join, Ref

        parts = value.parts if isinstance(value, Join) else (value,)
        named = [index for index, part in enumerate(parts) if isinstance(part, Ref)]
        if len(named) != 1:
            return False
        reference = parts[named[0]]
        assert isinstance(reference, Ref)
        own = reference.resource
        own_kind = kind_of(own.document.language, own.type) if isinstance(own, Resource) else None
        if reference.attribute != "name" or own_kind is None:
            return False
        for other in self.unit.resources(own_kind):
            if other is not own and taken.certainly_equals(Name.of(*(
                    other.real_name(self.unit) if index == named[0] else self.name_of(part)
                    for index, part in enumerate(parts)))):
                return True
        return False

    def taken(self, name: str) -> bool:
        """Whether a name is used by the document or by a resource this fix adds."""
        return name in self._names or self._name_in_use(name)

    def free_name(self, candidates: Iterable[str]) -> str:
        """The first candidate no resource uses; numbered copies of the last one after them."""
        listed = list(candidates)
        for name in listed:
            if not self.taken(name):
                return name
        stem = listed[-1]
        return next(f"{stem}{n}" for n in range(2, 1000) if not self.taken(f"{stem}{n}"))

    # ---------------------------------------------------------------------- language's part
    def _descend(self, resource: Resource, path: list[str]) -> tuple[Any, list[str], Node | None]:
        """The deepest existing container on ``path``, the segments below it, and the node when all exist."""
        raise NotImplementedError

    def _insert(self, container: Any, settings: dict[str, Any]) -> list[Edit]:
        raise NotImplementedError

    def _mapping(self, node: Node) -> Any:
        """The container ``_insert`` writes into for a mapping value; CannotFix when the value is not one."""
        raise CannotFix(f"{node.text[:40]} is not a mapping this language can extend")

    def _container_key(self, container: Any) -> int:
        """What makes two containers ``_descend`` returned the same one, so their settings are written together."""
        return id(container)

    def _render_in_place(self, node: Node, value: Value) -> str:
        raise NotImplementedError

    def _removal(self, resource: Resource | None, node: Node) -> list[Edit]:
        raise NotImplementedError

    def _remove_items(self, node: Node, keep: list[bool]) -> list[Edit]:
        """Edits removing the items of a list whose ``keep`` is False (at least one item stays)."""
        raise NotImplementedError

    def _removals(self, nodes: list[Node]) -> list[Edit]:
        """The edits removing several values; languages whose separators join neighbours remove them together."""
        return [edit for node in nodes for edit in self._removal(None, node)]

    def _append_item(self, node: Node, value: Value) -> Edit:
        raise NotImplementedError

    def _wrap(self, node: Node, value: Value) -> list[Edit]:
        """The edits making ``node`` the first item of a list with ``value`` after it."""
        raise CannotFix(f"{node.text[:40]} cannot be made a list here")

    def _interpolation(self, node: Node) -> Callable[[Any], str] | None:
        """How a string inside JSON text at ``node`` names a reference (``${aws_x.y.arn}``, ``${X.Arn}``); None when
        the language's strings cannot."""
        return None

    def _render_key(self, old: str, key: str) -> str:
        raise NotImplementedError

    def _new_name(self, anchor: Resource, kind: Kind, role: str, noun: str | None, by_role: bool = False) -> str:
        raise NotImplementedError

    def _name_in_use(self, name: str) -> bool:
        raise NotImplementedError

    def check_reachable(self, anchor: Resource, target: Resource) -> None:
        """Raise CannotFix when code added right after ``anchor`` cannot name ``target`` (a Pulumi variable assigned
        later, in another file, or inside a block the anchor is not in)."""
        if target.name is None:
            raise CannotFix(f"{target.subject} has no name a reference could use")

    def _render_added(self, added: list[tuple[Resource, NewResource, dict[str, Any]]],
                      rendered: list[Edit]) -> list[Edit]:
        """The added resources' code; ``rendered`` the fix's other edits (what refers to them, and where)."""
        raise NotImplementedError

    def _finish(self, edits: list[Edit]) -> list[Edit]:
        """Last touches over all edits (Terraform realigns the blocks they touch)."""
        return edits


def _languages(kind: Kind) -> set[Language]:
    return {language for language in Language if kind.types(language)}


def nest(segments: list[str], value: Any) -> dict[str, Any]:
    """``{a: Block({b: value})}`` for the path ``a.b``: a dotted path is written as nested blocks."""
    for segment in reversed(segments[1:]):
        value = Block({segment: value})
    return {segments[0]: value}


def localized(value: Any, language: Language, resource_type: str) -> Any:
    """A value whose blocks may be keyed by :class:`Setting`, with this language's paths instead (a dotted path
    becomes nested blocks); a setting the language does not have is left out of the block. Lists of blocks (repeated
    nested blocks) are localized item by item; plain dicts are data and keep their keys."""
    if isinstance(value, Block):
        settings: dict[str, Any] = {}
        for key, item in value.settings.items():
            path = key.path(language, resource_type) if isinstance(key, Setting) else key
            if path is not None:
                _merge(settings, nest(path.split("."), localized(item, language, resource_type)))
        return Block(settings)
    if isinstance(value, list):
        return [localized(item, language, resource_type) for item in value]
    return value


def _merge(into: dict[str, Any], more: Mapping[str, Any]) -> None:
    """Merge nested settings: two Blocks under the same key become one."""
    for key, value in more.items():
        current = into.get(key)
        if isinstance(current, Block) and isinstance(value, Block):
            merged = dict(current.settings)
            _merge(merged, value.settings)
            into[key] = Block(merged)
        else:
            into[key] = value


def ref(resource: Resource | NewResource, attribute: str) -> Ref:
    """``Ref(resource, attribute)``: read as "the resource's attribute" at the call site."""
    return Ref(resource, attribute)


def snake(words: str) -> str:
    """``log group`` / ``LogGroup`` / ``log-group`` -> ``log_group``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", words)
    return "_".join(part.lower() for part in re.split(r"[^A-Za-z0-9]+", spaced) if part)


def pascal(words: str) -> str:
    """``log group`` / ``log_group`` / ``log-group`` -> ``LogGroup``; CloudFormation logical ids are alphanumeric."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", words) if part)
