"""The rule base class and the registry that finds every rule under ``fixers/rules``."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from iacfix.fixers.model import Applicability, Edit, Finding, Fix, Language, Severity

if TYPE_CHECKING:
    from iacfix.fixers.document import Document

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "Options", "References")


@dataclass
class RuleContext:
    """What a rule may look at besides the document it checks: its options and the other files.

    ``module`` lists the documents that form one unit with the checked one: the ``.tf`` files of a
    Terraform module or the Python files of a Pulumi program (a template is a unit by itself).
    ``texts`` holds every file of the workspace, IaC or not, for rules that read handler sources.
    """

    options: dict[str, Any]
    module: list[Document] = field(default_factory=list)
    texts: Mapping[str, str] = field(default_factory=dict)


class Rule:
    """One documented failure: its metadata, its docs (the class docstring) and a check per language.

    Subclasses implement ``check_terraform``, ``check_cloudformation`` and/or ``check_pulumi`` for the
    languages they list, and return findings made with :meth:`finding`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    seeds: ClassVar[tuple[str, ...]] = ()
    languages: ClassVar[tuple[Language, ...]] = ()
    applicability: ClassVar[Applicability] = Applicability.SAFE
    options: ClassVar[dict[str, Any]] = {}

    def check(self, document: Document, context: RuleContext) -> Iterable[Finding]:
        if document.language not in self.languages:
            return ()
        return getattr(self, f"check_{document.language.value}")(document, context)

    def finding(
        self,
        document: Document,
        *,
        subject: str,
        message: str,
        start: int,
        end: int,
        edits: Iterable[Edit] | None = None,
        description: str = "",
        applicability: Applicability | None = None,
        not_fixed_reason: str | None = None,
        resource_start: int | None = None,
    ) -> Finding:
        """A finding at characters ``start:end`` of the document, with a fix when ``edits`` are given."""
        fix = None
        if edits is not None:
            fix = Fix(tuple(edits), applicability or self.applicability, description or self.title)
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
            fix=fix,
            not_fixed_reason=not_fixed_reason,
            resource_line=lines.position(resource_start).line if resource_start is not None else None,
        )

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


_REGISTERED: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: make a rule known to the engine by its code and its name."""
    _REGISTERED[rule.code] = rule
    return rule


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, ordered by code; imports each module of ``fixers.rules`` once."""
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
