"""Results per unit kept on disk between runs, as ruff keeps its own: a unit whose inputs have not changed is not
parsed or checked again.

An entry is keyed by the iacfix version (and a fingerprint of its code, for development installs), the parser
libraries' versions, the rule selection and options, and the unit itself; it holds the content hash of every file
the unit's analysis read (its own files, and what its rules read of others: handler sources, files found
missing), and the result. An entry is used only when every one of those hashes still holds, so a changed file
invalidates exactly the units that read it. Entries are JSON, never pickles: a cache folder can come from a
repository, and nothing from a repository is executed. A corrupt or foreign entry is a miss, and is rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from iacfix.fixers.engine import EngineConfig
from iacfix.fixers.model import Applicability, Edit, FileError, Finding, Fix, Position, Severity, Skipped
from iacfix.fixers.units import Plan, Task, UnitResult

FOLDER = ".iacfix_cache"
FORMAT = 1
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by iacfix.\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")
PARSERS = ("hcl2", "lark", "libcst", "ruamel.yaml", "yaml", "policy_sentry")  # import names
PROJECT_FILES = ("Pulumi.yaml", "Pulumi.yml")


def project_root(start: Path) -> Path:
    """Where the cache lives: the nearest folder at or above ``start`` that holds ``.git`` or a cache already."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists() or (folder / FOLDER).is_dir():
            return folder
    return start


def clean(root: Path) -> Path | None:
    """Remove the cache under ``root``; the folder removed, or None when there was none. A folder of that name
    without the cache's tag is not iacfix's, and is left alone (ValueError)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return None
    if not (folder / "CACHEDIR.TAG").is_file():
        raise ValueError(f"{folder} has no CACHEDIR.TAG: not a cache iacfix made, so it is left alone")
    shutil.rmtree(folder)
    return folder


class ProjectCache:
    """The cache of one run: ``lookup`` before analysing a unit, ``store`` after."""

    def __init__(self, root: Path, config: EngineConfig, workspace: Mapping[str, str | bytes]) -> None:
        self.folder = root / FOLDER
        self.config = config
        self.workspace = workspace
        self._digests: dict[str, str] = {}
        self.hits = 0
        self.missed: list[tuple[str, str]] = []  # the units analysed again, and why is in their entries

    # ------------------------------------------------------------------------------------ keys
    @cached_property
    def namespace(self) -> Path:
        """The folder of this version, code and rule configuration."""
        from iacfix.fixers import __version__

        key = json.dumps({
            "code": _code_fingerprint(),
            "parsers": _parser_versions(),
            "select": self.config.select, "ignore": self.config.ignore,
            "options": self.config.options, "severity": {k: str(v) for k, v in self.config.severity.items()},
            "max_file_bytes": self.config.max_file_bytes,
            "paths": sorted(self.config.paths) if self.config.paths is not None else None,
            "unsafe": self.config.unsafe, "unsafe_rules": self.config.unsafe_rules,
            "only": sorted(self.config.only) if self.config.only is not None else None,
        }, sort_keys=True, default=repr)
        return self.folder / __version__ / _hash(key.encode())

    def digest(self, path: str) -> str | None:
        if path not in self._digests:
            data = self.workspace.get(path)
            if data is None:
                return None
            self._digests[path] = _hash(data.encode("utf-8") if isinstance(data, str) else data)
        return self._digests[path]

    def _everything(self, plan: Plan) -> str:
        return _hash("\n".join(f"{path}\0{self.digest(path)}" for path in plan.readable).encode())

    def _baseline(self, task: Task) -> str:
        """The hash of what the baseline holds for these units (None: no baseline)."""
        base = self.config.base
        if base is None:
            return "none"
        wanted = {unit.key[1] for unit in task.units}
        parts = sorted(
            f"{path}\0{_hash(data.encode('utf-8') if isinstance(data, str) else data)}"
            for path, data in base.items()
            if path in wanted or posixpath.dirname(path) in wanted or posixpath.basename(path) in PROJECT_FILES
        )
        return _hash("\n".join(parts).encode())

    def _file(self, task: Task) -> Path:
        [unit] = task.units
        return self.namespace / f"{_hash(json.dumps(unit.key).encode())}.json"

    # ------------------------------------------------------------------------------- lookups
    def lookup(self, plan: Plan, task: Task) -> UnitResult | None:
        if len(task.units) != 1:
            return None
        try:
            entry = json.loads(self._file(task).read_text(encoding="utf-8"))
            result = self._valid(plan, task, entry)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            result = None
        if result is None:
            self.missed.append(task.units[0].key)
        else:
            self.hits += 1
        return result

    @property
    def misses(self) -> int:
        return len(self.missed)

    def _valid(self, plan: Plan, task: Task, entry: dict[str, Any]) -> UnitResult | None:
        [unit] = task.units
        if entry["format"] != FORMAT or tuple(entry["unit"]) != unit.key or tuple(entry["paths"]) != unit.paths:
            return None
        readable = set(plan.readable)
        for path, digest in _mapping(entry["inputs"]).items():
            if (path not in readable) if digest is None else (path not in readable or self.digest(path) != digest):
                return None
        if entry["everything"] is not None and entry["everything"] != self._everything(plan):
            return None
        if entry["baseline"] is not None and entry["baseline"] != self._baseline(task):
            return None
        return _result(unit.key, entry["result"])

    def store(self, plan: Plan, result: UnitResult) -> None:
        """Keep a unit's result (what it found before any fix); a cache that cannot be written only costs time."""
        if len(result.keys) != 1:
            return
        unit = next(unit for unit in plan.units if unit.key == result.keys[0])
        task = Task((unit,), fix=False)
        reads = result.reads
        inputs: dict[str, str | None] = {path: None for path in sorted(reads.absent)}
        for path in sorted({*unit.paths, *reads.present}):
            inputs[path] = self.digest(path)
        entry = {
            "format": FORMAT,
            "unit": list(unit.key),
            "paths": list(unit.paths),
            "inputs": inputs,
            "everything": self._everything(plan) if reads.everything else None,
            "baseline": self._baseline(task) if reads.baseline else None,
            "result": _encode_result(result),
        }
        try:
            self._prepare()
            target = self._file(task)
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
            os.replace(partial, target)
        except OSError:
            pass

    def _prepare(self) -> None:
        if (self.folder / "CACHEDIR.TAG").is_file() and self.namespace.is_dir():
            return
        self.namespace.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text("# Made by iacfix: nothing here belongs in git.\n*\n")
        (self.folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG)


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _code_fingerprint() -> str:
    """Sizes and times of the engine's own files: a development install's edits are a new version."""
    import iacfix.fixers as package

    parts = []
    for folder in package.__path__:
        for directory, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                if name.endswith((".py", ".json", ".lark")):
                    info = os.stat(os.path.join(directory, name))
                    parts.append(f"{directory}/{name}\0{info.st_size}\0{info.st_mtime_ns}")
    return _hash("\n".join(parts).encode())


def _parser_versions() -> dict[str, str]:
    """Each parser's installed files, as the code fingerprint has ours: where its package is, with the size and
    time of its ``__init__`` (an upgrade rewrites it). Cheaper than reading the packages' metadata, whose import
    alone costs more than a warm scan's look-ups."""
    from importlib.util import find_spec

    found = {}
    for name in PARSERS:
        try:
            spec = find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            info = None
        found[name] = f"{origin}\0{info.st_size}\0{info.st_mtime_ns}" if info is not None else "absent"
    return found


# ---------------------------------------------------------------------------------------- JSON
def _encode_result(result: UnitResult) -> dict[str, Any]:
    return {
        "found": [_encode_finding(f) for f in result.found],
        "load_errors": [[e.path, e.line, e.column, e.reason] for e in result.load_errors],
        "check_errors": [[e.path, e.line, e.column, e.reason] for e in result.check_errors],
        "skipped": [[s.path, s.reason] for s in result.skipped],
        "scanned": result.scanned,
    }


def _encode_finding(finding: Finding) -> dict[str, Any]:
    fix = finding.fix
    return {
        "code": finding.code, "name": finding.name, "path": finding.path, "subject": finding.subject,
        "message": finding.message, "severity": finding.severity.value,
        "start": [finding.start.line, finding.start.column], "end": [finding.end.line, finding.end.column],
        "fix": None if fix is None else {
            "edits": [[e.start, e.end, e.text] for e in fix.edits], "applicability": fix.applicability.value,
            "description": fix.description, "added": list(fix.added)},
        "not_fixed_reason": finding.not_fixed_reason, "resource_line": finding.resource_line,
    }


def _result(key: tuple[str, str], data: dict[str, Any]) -> UnitResult:
    found = [_finding(item) for item in _list(data["found"])]
    return UnitResult(
        (key,), found=found, remaining=found,
        load_errors=[_error(item) for item in _list(data["load_errors"])],
        check_errors=[_error(item) for item in _list(data["check_errors"])],
        skipped=[Skipped(_str(path), _str(reason)) for path, reason in _list(data["skipped"])],
        scanned=_int(data["scanned"]),
    )


def _finding(data: dict[str, Any]) -> Finding:
    fix = data["fix"]
    return Finding(
        code=_str(data["code"]), name=_str(data["name"]), path=_str(data["path"]), subject=_str(data["subject"]),
        message=_str(data["message"]), severity=Severity(data["severity"]),
        start=Position(*map(_int, _list(data["start"], 2))), end=Position(*map(_int, _list(data["end"], 2))),
        fix=None if fix is None else Fix(
            tuple(Edit(_int(start), _int(end), _str(text)) for start, end, text in _list(fix["edits"])),
            Applicability(fix["applicability"]), _str(fix["description"]),
            tuple(_str(name) for name in _list(fix["added"]))),
        not_fixed_reason=_optional_str(data["not_fixed_reason"]),
        resource_line=None if data["resource_line"] is None else _int(data["resource_line"]),
    )


def _error(item: Any) -> FileError:
    path, line, column, reason = _list(item, 4)
    return FileError(_str(path), _int(line), _int(column), _str(reason))


def _list(value: Any, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise ValueError("not the list expected")
    return value


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("not the mapping expected")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("not an integer")
    return value
