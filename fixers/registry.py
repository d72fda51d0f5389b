"""The rule base class, rule options, and the registry that finds every rule under ``fixers/rules``."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from iacfix.fixers.model import Applicability, Finding, Fix, Language, Severity

if TYPE_CHECKING:
    from iacfix.fixers.baseline import Baseline
    from iacfix.fixers.document import Changes, Document, Node, Resource, Unit

# The sections of every rule's docstring. Its examples are not among them: `iacfix rules CODE` shows them from the
# rule's fixtures (`iacfix.fixers.examples`), so they are tested and never drift from what the fix writes.
DOC_SECTIONS = ("What it does", "Why is this bad?", "What the fix does", "Fix safety", "Options", "References")


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


class OptionError(ValueError):
    """Options that a rule does not have, or values of the wrong type; the message says which and why."""


@dataclass
class RuleContext:
    """What a rule may look at besides the document it checks.

    ``unit`` holds the documents that deploy together with the checked one (the ``.tf`` files of a module, the
    Python files of a program, the template itself); ``texts`` every file of the workspace, IaC or not, for
    rules that read handler sources; ``options`` the rule's options, validated.
    """

    options: Any
    unit: Unit = field(default=None)  # type: ignore[assignment]
    texts: Mapping[str, str] = field(default_factory=dict)
    baseline: Baseline | None = None

    def __post_init__(self) -> None:
        if self.unit is None:
            from iacfix.fixers.document import Unit

            self.unit = Unit([])

    def existed(self, resource: Resource) -> bool:
        """Whether the resource was there before the change being fixed (it may be deployed already)."""
        return self.baseline is not None and self.baseline.existed(resource)

    @property
    def module(self) -> list[Document]:
        return self.unit.documents

    def changes(self, document: Document) -> Changes:
        """A new set of edits for ``document``, knowing the names the rest of the unit already uses."""
        return document.changes(self.unit)  # type: ignore[call-arg]


class Rule:
    """One documented failure: its metadata, its docs (the class docstring), its options and its check.

    A rule implements ``check(document, context)`` once over the vocabulary, or ``check_<language>`` per
    language where the languages differ in kind. Findings are made with :meth:`finding`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    seeds: ClassVar[tuple[str, ...]] = ()
    languages: ClassVar[tuple[Language, ...]] = ()
    applicability: ClassVar[Applicability] = Applicability.SAFE
    Options: ClassVar[type] = NoOptions
    options: ClassVar[dict[str, Any]] = {}  # the options' defaults, derived from Options

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if dataclasses.is_dataclass(cls.Options):
            cls.options = {f.name: f.default for f in dataclasses.fields(cls.Options)}

    def __init__(self, severity: Severity | None = None) -> None:
        self.severity = severity or type(self).severity  # type: ignore[misc]

    def check(self, document: Document, context: RuleContext) -> Iterable[Finding]:
        if document.language not in self.languages:
            return ()
        return getattr(self, f"check_{document.language.value}")(document, context)

    # ---------------------------------------------------------------------------- findings
    def finding(
        self,
        where: Resource | Node | Document,
        message: str,
        *,
        subject: str | None = None,
        fix: Changes | None = None,
        not_fixed_reason: str | None = None,
        applicability: Applicability | None = None,
        resource: Resource | None = None,
        span: tuple[int, int] | None = None,
    ) -> Finding:
        """A finding about a resource (pointing at its header), a value, or a span of a document.

        ``fix`` holds the edits; when one of them cannot be written (``CannotFix``) the finding is reported with
        that reason instead. A display-only fix (a suggestion never applied) comes with the reason it is not
        applied. ``resource`` is where an inline suppression for a value's finding is looked for.
        """
        from iacfix.fixers.document import CannotFix, Document, Node, Resource

        if isinstance(where, Resource):
            document, resource = where.document, resource or where
            start, end = span or where.header
        elif isinstance(where, Node):
            document = where.document
            start, end = span or (where.start, where.end)
        else:
            assert isinstance(where, Document) and span is not None
            document, (start, end) = where, span
        if subject is None:
            if resource is None:
                raise ValueError("a finding needs a subject")
            subject = resource.subject
        made = None
        # A display-only fix is shown beside the reason it is not applied; any other fix replaces the reason.
        if fix is not None and (not_fixed_reason is None or applicability is Applicability.DISPLAY_ONLY):
            try:
                edits = tuple(fix.edits())
            except CannotFix as reason:
                not_fixed_reason = not_fixed_reason or str(reason)
            else:
                kind = applicability or self.applicability
                made = Fix(edits, kind, fix.description or self.title, tuple(fix.added_names))
        lines = document.lines
        return Finding(
            code=self.code,
            name=self.name,
            path=document.path,
            subject=subject,
            message=message,
            severity=self.severity,
            start=lines.position(start),
            end=lines.position(end),
            fix=made,
            not_fixed_reason=not_fixed_reason,
            resource_line=lines.position(resource.start).line if resource is not None else None,
        )

    # -------------------------------------------------------------------------------- docs
    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split on its ``## Heading`` lines."""
        sections: dict[str, str] = {}
        for match in re.finditer(r"^## ([^\n]+)\n(.*?)(?=^## |\Z)", cls.docs(), re.MULTILINE | re.DOTALL):
            sections[match.group(1).strip()] = match.group(2).strip()
        return sections

    @classmethod
    def summary(cls) -> str:
        return cls.docs().split("\n\n", 1)[0]

    # ------------------------------------------------------------------------------ options
    @classmethod
    def parse_options(cls, given: Mapping[str, Any] | None) -> Any:
        """The rule's options from raw values (config file, ``--option``): unknown names and wrong types raise
        OptionError. Nothing is imported when no option is given."""
        if not given:
            return cls.Options()
        from pydantic import TypeAdapter, ValidationError

        known = {f.name for f in dataclasses.fields(cls.Options)} if dataclasses.is_dataclass(cls.Options) else set()
        unknown = sorted(set(given) - known)
        if unknown:
            offered = ", ".join(sorted(known)) or "none"
            raise OptionError(f"{cls.name} has no option {', '.join(unknown)} (its options: {offered})")
        try:
            return TypeAdapter(cls.Options).validate_python(dict(given))
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}" for problem in error.errors()
            )
            raise OptionError(f"{cls.name}: {problems}") from None


_REGISTERED: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: make a rule known to the engine by its code and its name."""
    _REGISTERED[rule.code] = rule
    return rule


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, ordered by code; imports each module (or package) of ``fixers.rules`` once."""
    import iacfix.fixers.rules as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return tuple(sorted(_REGISTERED.values(), key=lambda rule: rule.code))


class UnknownRule(KeyError):
    pass


def resolve(selector: str) -> type[Rule]:
    """A rule by code (``IAC003``) or name (``log-retention``), case-insensitively."""
    wanted = selector.strip().lower()
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.name.lower()):
            return rule
    raise UnknownRule(selector)


def iter_rules(selectors: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> Iterator[type[Rule]]:
    chosen = {resolve(s).code for s in selectors} if selectors is not None else None
    ignored = {resolve(s).code for s in ignore}
    for rule in all_rules():
        if (chosen is None or rule.code in chosen) and rule.code not in ignored:
            yield rule


def options_for(rule: type[Rule], options: Mapping[str, Mapping[str, Any]]) -> Any:
    """A rule's validated options from a mapping keyed by rule code or name (both are accepted)."""
    merged: dict[str, Any] = {}
    for key, values in options.items():
        try:
            if resolve(key) is rule:
                merged.update(values)
        except UnknownRule:
            continue
    return rule.parse_options(merged)
