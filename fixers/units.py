"""A workspace split into units, the parts that deploy together and are analysed independently of each other.

A unit is a Terraform module folder's ``.tf`` files, a Pulumi program folder's Python files, or one
CloudFormation template. The engine, the process pool and the cache all work unit by unit; this module says
which files make up each unit, gives rules a view of every file's text that reads nothing until asked (and
records what was asked, for the cache), and puts unit results back together in the order a single run gives.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from iacfix.fixers.classify import classify
from iacfix.fixers.model import FileError, Finding, FixFailure, Language, Report, Skipped

if TYPE_CHECKING:
    from iacfix.fixers.baseline import Baseline
    from iacfix.fixers.document import Resource

MEGABYTE = 1024 * 1024
KILOBYTE = 1024
UTF8_BOM = "\ufeff"
# The largest file each parser reads: real Terraform files are tens of kilobytes, and python-hcl2's pure-Python
# parser takes seconds per hundred; YAML and JSON go through libyaml, Python through libcst's native parser.
LANGUAGE_LIMITS = {Language.TERRAFORM: 512 * KILOBYTE, Language.PULUMI: 1 * MEGABYTE}

PROJECT_FILES = ("Pulumi.yaml", "Pulumi.yml")

UnitKey = tuple[str, str]  # (language, module folder or template path)


def decode(path: str, data: str | bytes, max_bytes: int) -> str | FileError:
    """The file's text, or an error saying why it cannot be read as text.

    A UTF-8 byte-order mark is accepted and left out of the text (whoever writes the file back puts it
    back); UTF-16, other encodings and binary files are errors, in every language.
    """
    size = len(data)
    if size > max_bytes:
        return FileError(path, 1, 1, f"file is {size / MEGABYTE:.1f} MB; files over {max_bytes / MEGABYTE:.1f} MB are not scanned")
    if isinstance(data, str):
        return data.removeprefix(UTF8_BOM)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return FileError(path, 1, 1, "UTF-16 text; only UTF-8 is read (save the file as UTF-8)")
    if b"\0" in data:
        return FileError(path, 1, 1, "binary file, not text")
    try:
        return data.decode("utf-8").removeprefix(UTF8_BOM)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return FileError(path, line, 1, f"not valid UTF-8 (byte {error.start}); save the file as UTF-8")


def unit_key(language: Language, path: str) -> UnitKey:
    """A template is a unit alone; a Terraform module and a Pulumi program are their folder's files."""
    return language.value, path if language is Language.CLOUDFORMATION else posixpath.dirname(path)


@dataclass(frozen=True)
class UnitPlan:
    """One unit's files (sorted), with its size in bytes to balance work between processes."""

    key: UnitKey
    language: Language
    paths: tuple[str, ...]
    size: int


@dataclass
class Plan:
    """What classification decided before anything is parsed: the units, the files skipped or unreadable, and
    which files rules may read (every file that decodes, infrastructure or not)."""

    units: list[UnitPlan]
    readable: list[str]  # sorted
    skipped: list[Skipped]
    errors: list[FileError]

    def unit_of(self, path: str) -> UnitPlan | None:
        return next((unit for unit in self.units if path in unit.paths), None)


def make_plan(workspace: Mapping[str, str | bytes], max_file_bytes: int,
              progress: Callable[[str], None] | None = None) -> Plan:
    """Decode and classify every file once; ``progress`` hears of each file settled here (the others are
    reported when a unit's analysis loads them)."""
    paths = set(workspace)
    members: dict[UnitKey, list[str]] = {}
    languages: dict[UnitKey, Language] = {}
    sizes: dict[UnitKey, int] = {}
    plan = Plan([], [], [], [])
    for path in sorted(workspace):
        data = workspace[path]
        text = decode(path, data, max_file_bytes)
        classification = classify(path, text if isinstance(text, str) else "", paths)
        if isinstance(text, str):
            plan.readable.append(path)
        if classification.language is None or isinstance(text, FileError):
            if classification.language is None:
                plan.skipped.append(Skipped(path, classification.reason))
            else:
                plan.errors.append(text)  # type: ignore[arg-type]
            if progress is not None:
                progress(path)
            continue
        limit = min(LANGUAGE_LIMITS.get(classification.language, max_file_bytes), max_file_bytes)
        if len(text) > limit:
            plan.errors.append(FileError(path, 1, 1, f"{classification.language.value} file of "
                                         f"{len(text) // KILOBYTE} KB; files over {limit // KILOBYTE} KB are "
                                         "not analysed (split it)"))
            if progress is not None:
                progress(path)
            continue
        key = unit_key(classification.language, path)
        members.setdefault(key, []).append(path)
        languages[key] = classification.language
        sizes[key] = sizes.get(key, 0) + len(data)
    plan.units = sorted((UnitPlan(key, languages[key], tuple(found), sizes[key]) for key, found in members.items()),
                        key=lambda unit: unit.paths[0])
    return plan


class WorkspaceTexts(Mapping[str, str]):
    """Every readable file's text, decoded only when a rule reads it, in path order (a single run's order)."""

    def __init__(self, workspace: Mapping[str, str | bytes], readable: list[str], max_file_bytes: int) -> None:
        self._workspace = workspace
        self._readable = readable
        self._members = frozenset(readable)
        self._max = max_file_bytes
        self._decoded: dict[str, str] = {}  # what was read, kept while this view lives (one analysis)

    def __getitem__(self, path: str) -> str:
        text = self._decoded.get(path)
        if text is not None:
            return text
        if path not in self._members:
            raise KeyError(path)
        text = decode(path, self._workspace[path], self._max)
        if isinstance(text, FileError):  # changed since it was classified: as if it could not be read
            raise KeyError(path)
        self._decoded[path] = text
        return text

    def __contains__(self, path: object) -> bool:
        return path in self._members

    def __iter__(self) -> Iterator[str]:
        return iter(self._readable)

    def __len__(self) -> int:
        return len(self._readable)

    def without(self, excluded: frozenset[str]) -> WorkspaceTexts:
        return WorkspaceTexts(self._workspace, [p for p in self._readable if p not in excluded], self._max)


class TextsOverlay(Mapping[str, str]):
    """Texts with some files replaced (the fixed ones), over a base that stays as it was."""

    def __init__(self, base: Mapping[str, str], changed: dict[str, str] | None = None) -> None:
        self.base = base
        self.changed = changed if changed is not None else {}

    def __getitem__(self, path: str) -> str:
        return self.changed[path] if path in self.changed else self.base[path]

    def __setitem__(self, path: str, text: str) -> None:
        self.changed[path] = text

    def __contains__(self, path: object) -> bool:
        return path in self.changed or path in self.base

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


@dataclass
class Reads:
    """What a unit's analysis read of the workspace: paths read (or asked about and found missing), and whether it
    went through every file (then any change anywhere may change its result)."""

    present: set[str] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)
    everything: bool = False
    baseline: bool = False  # whether a rule asked what existed before the change


class RecordingBaseline:
    """The baseline as rules see it (None: nothing is known), noting that they asked."""

    def __init__(self, baseline: Baseline | None, reads: Reads) -> None:
        self.baseline = baseline
        self.reads = reads

    def existed(self, resource: Resource) -> bool:
        self.reads.baseline = True
        return self.baseline is not None and self.baseline.existed(resource)


class RecordingTexts(Mapping[str, str]):
    """A texts mapping that records what is read through it, for the cache's keys."""

    def __init__(self, texts: Mapping[str, str], reads: Reads) -> None:
        self._texts = texts
        self.reads = reads

    def __getitem__(self, path: str) -> str:
        try:
            text = self._texts[path]
        except KeyError:
            self.reads.absent.add(path)
            raise
        self.reads.present.add(path)
        return text

    def __setitem__(self, path: str, text: str) -> None:
        self._texts[path] = text  # type: ignore[index] - a fix writes through to the overlay below

    def __contains__(self, path: object) -> bool:
        found = path in self._texts
        if isinstance(path, str):
            (self.reads.present if found else self.reads.absent).add(path)
        return found

    def __iter__(self) -> Iterator[str]:
        self.reads.everything = True
        return iter(self._texts)

    def __len__(self) -> int:
        self.reads.everything = True
        return len(self._texts)


@dataclass
class UnitResult:
    """One unit's (or a group of units') analysis. ``fixed`` and ``failures`` carry the pass they happened in,
    so that results from separate processes merge into the order one process gives."""

    keys: tuple[UnitKey, ...]
    found: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    load_errors: list[FileError] = field(default_factory=list)
    check_errors: list[FileError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    scanned: int = 0
    fixed: list[tuple[int, Finding]] = field(default_factory=list)
    failures: list[tuple[int, FixFailure]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    edited: dict[tuple[str, str, str], tuple[tuple[int, int], ...]] = field(default_factory=dict)
    reads: Reads = field(default_factory=Reads)


@dataclass(frozen=True)
class Task:
    """Units to analyse together: fixing them, or checking them again with ``changed``, the new texts of files
    fixed by other units (which is all a unit that fixes nothing itself would see of them in a single run)."""

    units: tuple[UnitPlan, ...]
    fix: bool
    changed: Mapping[str, str] | None = None


def settle(plan: Plan, results: list[UnitResult], run: Callable[[list[Task]], list[UnitResult]],
           applies: Callable[[Finding], bool]) -> list[UnitResult]:
    """Fix results made apart, made the same as one run over the whole workspace would make them.

    A unit whose rules read a file that another unit's fix changed (a handler source of a template that is also
    a Pulumi program's file, or anything at all for a rule that read every file) is checked again with the new
    text; if that gives it something new to fix, or it fixed something itself, it is fixed again together with
    the units whose files it read. ``run`` analyses tasks (in this process or in a pool).
    """
    while True:
        changed = {path: (index, text) for index, result in enumerate(results) for path, text in result.files.items()}
        readers: dict[int, set[int]] = {}
        for index, result in enumerate(results):
            read = changed.keys() if result.reads.everything else result.reads.present | result.reads.absent
            owners = {changed[path][0] for path in read if path in changed} - {index}
            if owners:
                readers[index] = owners
        if not readers:
            return results
        texts = {path: text for path, (_, text) in changed.items()}
        quiet = [index for index in readers if not results[index].fixed and not results[index].failures]
        tasks = [Task(_units(plan, results[index]), fix=False, changed=texts) for index in quiet]
        joint = [index for index in readers if index not in quiet]
        for index, again in zip(quiet, run(tasks), strict=True):
            before = {f.identity for f in results[index].remaining if applies(f)}
            if {f.identity for f in again.found if applies(f)} <= before:
                results[index].remaining = again.found
                readers.pop(index)
            else:
                joint.append(index)
        groups = _joined({index: readers[index] for index in joint})
        if not groups:
            return results
        tasks = [Task(tuple(unit for index in group for unit in _units(plan, results[index])), fix=True)
                 for group in groups]
        merged = {index for group in groups for index in group}
        results = [result for index, result in enumerate(results) if index not in merged] + run(tasks)


def _units(plan: Plan, result: UnitResult) -> tuple[UnitPlan, ...]:
    by_key = {unit.key: unit for unit in plan.units}
    return tuple(by_key[key] for key in result.keys)


def _joined(edges: dict[int, set[int]]) -> list[list[int]]:
    """The connected groups of results that read each other's changed files."""
    parent: dict[int, int] = {}

    def root(index: int) -> int:
        parent.setdefault(index, index)
        while parent[index] != index:
            index = parent[index]
        return index

    for index, owners in edges.items():
        for owner in owners:
            parent[root(owner)] = root(index)
    groups: dict[int, list[int]] = {}
    for index in parent:
        groups.setdefault(root(index), []).append(index)
    return [sorted(group) for group in groups.values() if len(group) > 1]


def finding_order(finding: Finding) -> tuple[str, int, int, str]:
    return finding.path, finding.start.line, finding.start.column, finding.code


def merge(plan: Plan, results: list[UnitResult], extra_errors: list[FileError] = ()) -> Report:
    """One report from unit results, in exactly the order a single pass over the whole workspace gives."""
    load_errors = sorted([*plan.errors, *(e for r in results for e in r.load_errors)], key=lambda e: e.path)
    check_errors = sorted((e for r in results for e in r.check_errors), key=lambda e: e.path)
    fixed = sorted((item for r in results for item in r.fixed), key=lambda item: (item[0], item[1].path))
    failures = sorted((item for r in results for item in r.failures), key=lambda item: (item[0], item[1].finding.path))
    files = {path: text for r in results for path, text in r.files.items()}
    return Report(
        remaining=sorted((f for r in results for f in r.remaining), key=finding_order),
        found=sorted((f for r in results for f in r.found), key=finding_order),
        errors=[*extra_errors, *load_errors, *check_errors],
        skipped=sorted([*plan.skipped, *(s for r in results for s in r.skipped)], key=lambda s: s.path),
        fixed=[finding for _, finding in fixed],
        failures=[failure for _, failure in failures],
        files={path: files[path] for path in sorted(files)},
        scanned=sum(r.scanned for r in results),
        edited={identity: spans for r in results for identity, spans in r.edited.items()},
    )
