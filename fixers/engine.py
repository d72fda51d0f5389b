"""Runs rules over a workspace of files, applies their fixes, verifies them and reports.

The engine is the only place that turns findings into new file texts. Every fix is checked before
it is accepted (the file parses again, the finding is gone, nothing new appeared) and fixing repeats
until nothing changes, so a fixed workspace is stable under a second run.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from iacfix.fixers.baseline import Baseline
from iacfix.fixers.document import Document, NotInfrastructure, ParseFailure, Unit
from iacfix.fixers.model import (
    Applicability,
    Edit,
    FileError,
    Finding,
    FixFailure,
    Language,
    Report,
    Severity,
    Skipped,
)
from iacfix.fixers.registry import Rule, RuleContext, iter_rules, options_for, resolve
from iacfix.fixers.text import OverlappingEdits, apply_edits
from iacfix.fixers.units import (
    LANGUAGE_LIMITS,
    MEGABYTE,
    PROJECT_FILES,
    UTF8_BOM,
    Plan,
    Reads,
    RecordingBaseline,
    RecordingTexts,
    Task,
    TextsOverlay,
    UnitPlan,
    UnitResult,
    WorkspaceTexts,
    decode,
    finding_order,
    make_plan,
    merge,
    settle,
)

# The reading of files lives in units.py; the engine still offers it to the modules that import it from here.
__all__ = ["LANGUAGE_LIMITS", "MEGABYTE", "UTF8_BOM", "Engine", "EngineConfig", "Loaded", "decode", "parse_document"]


@dataclass
class EngineConfig:
    """Which rules run, with which options, and whether unsafe fixes may be applied."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # by rule code or name; validated
    severity: dict[str, Severity] = field(default_factory=dict)  # by rule code or name
    unsafe: bool = False
    unsafe_rules: tuple[str, ...] = ()
    max_file_bytes: int = 2 * MEGABYTE
    max_passes: int = 25
    # Only documents at these paths are checked (the others are still read as context): a pull request's files.
    paths: frozenset[str] | None = None
    # Only findings with these identities are fixed: one review suggestion asked for by a ``/fix`` reply.
    only: frozenset[tuple[str, str, str]] | None = None
    # The files as they were before the change (a pull request's base): resources declared there may be deployed.
    base: Mapping[str, str | bytes] | None = None


def parse_document(language: Language, path: str, text: str) -> Document:
    """Parse with the language's own package (imported only when a file of that language appears)."""
    if language is Language.TERRAFORM:
        from iacfix.fixers.hcl.document import parse
    elif language is Language.CLOUDFORMATION:
        from iacfix.fixers.cfn.document import parse
    else:
        from iacfix.fixers.pulumi.document import parse
    return parse(path, text)


@dataclass
class Loaded:
    """A workspace after classification and parsing."""

    documents: dict[str, Document]
    texts: Mapping[str, str]
    errors: list[FileError]
    skipped: list[Skipped]


def _ignore(_path: str) -> None:
    return None


class Engine:
    """Runs rules over workspaces. ``rules`` are the rule instances to run; by default the registry's, chosen
    by the configuration's ``select``/``ignore``. Options are validated here (OptionError names the problem).

    A workspace is analysed unit by unit (:mod:`iacfix.fixers.units`): a unit's documents are parsed, checked
    and, when fixing, fixed together, then released. ``watch`` hears of each file as it is parsed or checked,
    so a process that dies can be blamed on the file it was working on.
    """

    def __init__(self, config: EngineConfig | None = None, rules: list[Rule] | None = None) -> None:
        self.config = config or EngineConfig()
        if rules is not None:
            self.rules = rules
        chosen = self.config
        if chosen.select is not None or chosen.ignore or chosen.options or chosen.severity:
            self._options  # noqa: B018 - a rule or option that does not exist is an error now, before any work
        self._unsafe_codes = {resolve(selector).code for selector in self.config.unsafe_rules}
        self._baseline = RecordingBaseline(None, Reads())
        self._base_folders: dict[str, list[str]] | None = None
        self.watch: Callable[[str], None] = _ignore

    @cached_property
    def rules(self) -> list[Rule]:
        """The rules to run, imported when first needed: a scan whose every unit the cache answers needs none."""
        severities = {resolve(key).code: value for key, value in self.config.severity.items()}
        return [rule(severities.get(rule.code)) for rule in iter_rules(self.config.select, self.config.ignore)]

    @cached_property
    def _options(self) -> dict[str, Any]:
        return {rule.code: options_for(type(rule), self.config.options) for rule in self.rules}

    # ----------------------------------------------------------------------------------- loading
    def load(self, workspace: Mapping[str, str | bytes], progress: Callable[[str], None] | None = None) -> Loaded:
        """Decode, classify and parse every file once; ``progress`` is told each path as it is done."""
        plan = make_plan(workspace, self.config.max_file_bytes, progress)
        result = UnitResult(())
        documents = self.parse_units(workspace, plan.units, result, progress)
        return Loaded(documents, self.texts(workspace, plan), sorted([*plan.errors, *result.load_errors],
                      key=lambda error: error.path), sorted([*plan.skipped, *result.skipped], key=lambda s: s.path))

    def texts(self, workspace: Mapping[str, str | bytes], plan: Plan) -> WorkspaceTexts:
        """What rules may read: every file of the workspace that decodes, infrastructure or not."""
        return WorkspaceTexts(workspace, plan.readable, self.config.max_file_bytes)

    def parse_units(self, workspace: Mapping[str, str | bytes], units: Iterable[UnitPlan], result: UnitResult,
                    progress: Callable[[str], None] | None = None,
                    excluded: frozenset[str] = frozenset()) -> dict[str, Document]:
        """The documents of the units, in path order; files that do not parse are errors or skips of ``result``."""
        documents: dict[str, Document] = {}
        languages = {path: unit.language for unit in units for path in unit.paths if path not in excluded}
        for path, language in sorted(languages.items()):
            if progress is not None:
                progress(path)
            text = decode(path, workspace[path], self.config.max_file_bytes)
            if isinstance(text, FileError):  # changed since it was classified
                result.load_errors.append(text)
                continue
            self.watch(path)
            try:
                documents[path] = parse_document(language, path, text)
            except NotInfrastructure as reason:
                result.skipped.append(Skipped(path, str(reason)))
            except ParseFailure as failure:
                result.load_errors.append(FileError(path, failure.line, failure.column, failure.reason))
            except RecursionError:
                result.load_errors.append(FileError(path, 1, 1, "file is nested too deeply to parse"))
        result.scanned += len(documents)
        return documents

    # ---------------------------------------------------------------------------------- scanning
    def scan(self, workspace: Mapping[str, str | bytes], progress: Callable[[str], None] | None = None) -> Report:
        return self.run(workspace, fix=False, progress=progress)

    def fix(self, workspace: Mapping[str, str | bytes], progress: Callable[[str], None] | None = None) -> Report:
        return self.run(workspace, fix=True, progress=progress)

    def run(self, workspace: Mapping[str, str | bytes], *, fix: bool,
            progress: Callable[[str], None] | None = None) -> Report:
        """Scan or fix in this process, one unit after the other."""
        plan = make_plan(workspace, self.config.max_file_bytes, progress)
        texts = self.texts(workspace, plan)
        results = [self.analyse(workspace, texts, [unit], fix=fix, progress=progress) for unit in plan.units]
        if fix:
            results = settle(plan, results, lambda tasks: [self.perform(workspace, texts, task) for task in tasks],
                             self.applies)
        return merge(plan, results)

    def perform(self, workspace: Mapping[str, str | bytes], texts: Mapping[str, str], task: Task,
                excluded: frozenset[str] = frozenset(), progress: Callable[[str], None] | None = None) -> UnitResult:
        """One task of :func:`iacfix.fixers.units.settle` (or of a pool)."""
        if task.changed is not None:
            texts = TextsOverlay(texts, dict(task.changed))
        return self.analyse(workspace, texts, list(task.units), fix=task.fix, progress=progress, excluded=excluded)

    def analyse(self, workspace: Mapping[str, str | bytes], texts: Mapping[str, str], units: list[UnitPlan], *,
                fix: bool, progress: Callable[[str], None] | None = None,
                excluded: frozenset[str] = frozenset()) -> UnitResult:
        """Parse, check and (when ``fix``) fix units that are analysed together; their documents are released
        when this returns. What the rules read of ``texts`` is recorded in the result."""
        result = UnitResult(tuple(unit.key for unit in units))
        self._baseline = RecordingBaseline(self._baseline_of(units), result.reads)
        documents = self.parse_units(workspace, units, result, progress, excluded)
        recorded = RecordingTexts(texts, result.reads)
        result.found, result.check_errors = self._check_all(documents, recorded)
        result.remaining = result.found
        if fix and any(self.applies(finding) for finding in result.found):
            self._fix_documents(documents, TextsOverlay(texts), result)
        return result

    def _baseline_of(self, units: list[UnitPlan]) -> Baseline | None:
        """What the base held for these units only (each unit is analysed alone, so only its own base files
        are parsed), with every Pulumi project file, which decides how Python files are classified."""
        base = self.config.base
        if base is None:
            return None
        if self._base_folders is None:
            self._base_folders = {}
            for path in base:
                self._base_folders.setdefault(posixpath.dirname(path), []).append(path)
        wanted: list[str] = []
        for unit in units:
            folder = unit.key[1]
            wanted.extend([folder] if unit.language is Language.CLOUDFORMATION else self._base_folders.get(folder, []))
        wanted.extend(path for path in base if posixpath.basename(path) in PROJECT_FILES)
        return Baseline({path: base[path] for path in wanted if path in base})

    def _unit_of(self, document: Document, documents: Mapping[str, Document]) -> Unit:
        """The documents that deploy with this one: its folder's files of the same language (a template alone)."""
        key = _unit_key(document)
        return Unit([other for other in documents.values() if _unit_key(other) == key])

    def _check(
        self, document: Document, documents: Mapping[str, Document], texts: Mapping[str, str],
        unit: Unit | None = None,
    ) -> tuple[list[Finding], list[FileError]]:
        findings: list[Finding] = []
        errors: list[FileError] = []
        unit = unit if unit is not None else self._unit_of(document, documents)
        self.watch(document.path)
        for rule in self.rules:
            if document.language not in rule.languages:
                continue
            context = RuleContext(options=self._options[rule.code], unit=unit, texts=texts, baseline=self._baseline)
            try:
                for finding in rule.check(document, context):
                    lines = (finding.start.line,) + ((finding.resource_line,) if finding.resource_line else ())
                    if not document.is_suppressed(rule.code, rule.name, lines):
                        findings.append(finding)
            except Exception as error:  # a rule's bug must not lose the other files' results
                errors.append(FileError(document.path, 1, 1, f"{rule.code} could not check this file: {error!r}"))
        return findings, errors

    def _check_all(
        self, documents: Mapping[str, Document], texts: Mapping[str, str]
    ) -> tuple[list[Finding], list[FileError]]:
        findings: list[Finding] = []
        errors: list[FileError] = []
        units: dict[tuple[Language, str], Unit] = {}  # one per module or program: what it derives is shared
        for document in documents.values():
            if self.config.paths is not None and document.path not in self.config.paths:
                continue
            key = _unit_key(document)
            if key not in units:
                units[key] = self._unit_of(document, documents)
            found, failed = self._check(document, documents, texts, units[key])
            findings.extend(found)
            errors.extend(failed)
        findings.sort(key=finding_order)
        return findings, errors

    # ----------------------------------------------------------------------------------- fixing
    def applies(self, finding: Finding) -> bool:
        """Whether the finding's fix is applied, given its applicability and the configuration."""
        if not finding.fixable or (self.config.only is not None and finding.identity not in self.config.only):
            return False
        return (
            finding.fix.applicability is Applicability.SAFE
            or self.config.unsafe
            or finding.code in self._unsafe_codes
        )

    def _fix_documents(self, documents: dict[str, Document], texts: TextsOverlay, result: UnitResult) -> None:
        """Fix until nothing changes: each pass applies every applicable fix it can, file by file, verified; a
        batch that fails is retried fix by fix. ``result`` gets what was fixed, refused and left."""
        originals = dict(documents)
        recorded = RecordingTexts(texts, result.reads)
        findings = result.found
        report = Report()
        history: dict[str, list[list[Edit]]] = defaultdict(list)  # per file, the edits of each pass, in order
        rejected: set[tuple[str, str, str]] = set()
        for number in range(self.config.max_passes):
            candidates = [f for f in findings if self.applies(f) and f.identity not in rejected]
            if not candidates:
                break
            progressed = False
            by_path: dict[str, list[Finding]] = defaultdict(list)
            for finding in candidates:
                by_path[finding.path].append(finding)
            for path, pending in by_path.items():
                batch = _without_overlaps(pending)
                if self._apply_verified(path, batch, documents, recorded, report, history[path]):
                    progressed = True
                    continue
                # Something in the batch failed: try each fix alone so one bad fix does not block the rest. Once
                # one is applied the text has changed, and the others' edits no longer fit it: they are computed
                # again, on the new text, in the next pass.
                for finding in batch if len(batch) > 1 else ():
                    if self._apply_verified(path, [finding], documents, recorded, report, history[path]):
                        progressed = True
                        break
                    rejected.add(finding.identity)
                if len(batch) == 1:
                    rejected.add(batch[0].identity)
            result.fixed.extend((number, f) for f in report.fixed[len(result.fixed):])
            result.failures.extend((number, f) for f in report.failures[len(result.failures):])
            findings, _ = self._check_all(documents, recorded)
            if not progressed:
                break
        result.remaining = findings
        result.edited = report.edited
        result.files = {path: document.text for path, document in documents.items()
                        if document.text != originals[path].text}

    def _apply_verified(
        self,
        path: str,
        batch: list[Finding],
        documents: dict[str, Document],
        texts: MutableMapping[str, str],
        report: Report,
        history: list[list[Edit]],
    ) -> bool:
        """Apply the batch's fixes to one file and keep the result only if it verifies."""
        document = documents[path]
        edits = [edit for finding in batch for edit in finding.fix.edits]  # type: ignore[union-attr]
        try:
            new_text = apply_edits(document.text, edits)
        except OverlappingEdits as error:
            return self._reject(batch, f"its edits overlap: {error}", report)
        try:
            new_document = parse_document(document.language, path, new_text)
        except (ParseFailure, NotInfrastructure) as error:
            return self._reject(batch, f"the fixed file would not parse: {error}", report)
        before, _ = self._check(document, documents, texts)
        trial = {**documents, path: new_document}
        after, errors = self._check(new_document, trial, TextsOverlay(texts, {path: new_text}))
        remaining = {finding.identity for finding in after}
        still_there = [finding for finding in batch if finding.identity in remaining]
        if still_there:
            return self._reject(batch, "the finding was still there after the fix", report)
        unexpected = _resources_changed(document, new_document, batch)
        if unexpected:
            return self._reject(batch, unexpected, report)
        emptied = new_document.emptied(document)
        if emptied:
            return self._reject(batch, f"the fixed file would leave {', '.join(emptied)} with nothing, not even an "
                                       "empty mapping", report)
        existed = {finding.identity for finding in before}
        # A new finding that the engine will itself fix in the next pass (a DependsOn made redundant by the
        # reference a narrowed policy adds) is a follow-up, not a failure; any other new finding is.
        introduced = [f for f in after if f.identity not in existed and not self.applies(f)]
        if introduced or errors:
            what = ", ".join(sorted(f"{f.code} on {f.subject}" for f in introduced)) or errors[0].reason
            return self._reject(batch, f"the fix would introduce a new finding: {what}", report)
        documents[path] = new_document
        texts[path] = new_text
        report.fixed.extend(batch)
        for finding in batch:
            report.edited[finding.identity] = tuple(_original_span((edit.start, edit.end), history)
                                                    for edit in finding.fix.edits)  # type: ignore[union-attr]
        history.append(sorted(edits))
        return True

    @staticmethod
    def _reject(batch: list[Finding], reason: str, report: Report) -> bool:
        """Record why a single fix was dropped (a failed batch is retried fix by fix)."""
        if len(batch) == 1:
            report.failures.append(FixFailure(batch[0], reason))
        return False


def _unit_key(document: Document) -> tuple[Language, str]:
    """What a document's unit is known by: its template, or its language and folder."""
    alone = document.language is Language.CLOUDFORMATION
    return document.language, document.path if alone else posixpath.dirname(document.path)


def _original_span(span: tuple[int, int], history: list[list[Edit]]) -> tuple[int, int]:
    """Where a span of the text after every pass in ``history`` lies in the text before the first."""
    for earlier in reversed(history):
        span = (_original_offset(span[0], earlier, start=True), _original_offset(span[1], earlier, start=False))
    return span


def _original_offset(offset: int, edits: list[Edit], *, start: bool) -> int:
    """Where an offset of the text after ``edits`` lies in the text before them (inside new text: its edit)."""
    delta = 0
    for edit in edits:
        new_start = edit.start + delta
        new_end = new_start + len(edit.text)
        if offset < new_start:
            break
        if offset <= new_end:
            return edit.start if start else edit.end
        delta += len(edit.text) - (edit.end - edit.start)
    return offset - delta


def _without_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """The findings whose fixes can be applied together; the others wait for the next pass."""
    chosen: list[Finding] = []
    for finding in findings:
        if all(not finding.fix.overlaps(other.fix) for other in chosen):  # type: ignore[union-attr]
            chosen.append(finding)
    return chosen


def _resources_changed(before: Document, after: Document, batch: list[Finding]) -> str | None:
    """Why the fixed file does not declare the same resources plus exactly the ones the fixes add, or None."""
    names_before = [r.name for r in before.resources() if r.name is not None]
    names_after = [r.name for r in after.resources() if r.name is not None]
    added = [name for finding in batch for name in finding.fix.added]  # type: ignore[union-attr]
    if sorted(names_after) == sorted(names_before + added):
        return None
    lost = sorted(set(names_before) - set(names_after))
    unexpected = sorted(set(names_after) - set(names_before) - set(added))
    twice = sorted({name for name in names_after if names_after.count(name) > 1})
    parts = [f"{label} {', '.join(names)}" for label, names in (
        ("it would lose", lost), ("it would add", unexpected), ("it would declare twice", twice)) if names]
    return "the fixed file's resources are not the ones expected: " + ("; ".join(parts) or "the count differs")
