"""Measures whether the engine's fixes would still deploy, over corpora of real code written by others.

    python bench/deploy_safety.py [PATH ...] [--verbose] [--json]

Runs ``iacfix fix --unsafe`` (in process, nothing written) over the given folders (default: ``tests/corpus/``),
then judges the fixed texts with independent oracles and prints, per language and in total:

1. added resources whose real name collides with one that exists (names evaluated symbolically: parameters'
   defaults, variables' defaults, locals, ``!Sub``/``Fn::Join``/``format()``/f-strings; unknown parts are
   wildcards), certain and possible separately;
2. new cfn-lint errors (E codes) and new W1001 warnings after the fix (cfn-lint run once over the files before
   and once over the files after, not file by file);
3. IAC004 cycles that cfn-lint, which expands SAM first, does not confirm with an E3004;
4. valid files the engine rejects as unreadable although cfn-lint, HashiCorp's HCL parser (``hclfmt -check``) or
   Python's own parser reads them;
5. files a second ``fix --unsafe`` run still changes;
6. lines changed outside the resources (blocks, statements) the fixes touched or added, less the lines
   ``terraform fmt`` would change in the original anyway; inside them, re-quoting and realignment unlike
   ``terraform fmt``; and lines the fix moved from one resource into another.

``--verbose`` lists every offending case; ``--json`` prints the counts and cases for a test to read. The exit
status is 0 whatever the counts: this measures, it does not gate. Nothing is cached on disk.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import difflib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from iacfix.bot.cli import collect
from iacfix.fixers.classify import classify
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.model import Report

ROOT = Path(__file__).resolve().parent.parent
HCLFMT = ROOT / ".tools" / "hclfmt"
LANGUAGES = ("cloudformation", "terraform", "pulumi")
CHECKS = {
    "collision-certain": "1. added resource's name certainly collides",
    "collision-possible": "1. added resource's name possibly collides",
    "cfn-lint-error": "2. new cfn-lint error (E)",
    "cfn-lint-w1001": "2. new cfn-lint W1001",
    "false-cycle": "3. IAC004 cycle without cfn-lint E3004",
    "valid-file-rejected": "4. valid file rejected",
    "not-idempotent": "5. second fix --unsafe changes the file",
    "bytes-outside-fix": "6. files with bytes changed beyond the fix",
}


@dataclass
class Case:
    check: str
    language: str
    path: str
    rule: str
    reason: str


@dataclass
class Outcome:
    cases: list[Case] = field(default_factory=list)
    info: dict[str, int] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)  # what could not be judged, and why

    def note(self, label: str, detail: str) -> None:
        self.info[label] += 1
        self.notes.append(f"[{label}] {detail}")

    def add(self, check: str, language: str, path: str, rule: str, reason: str) -> None:
        self.cases.append(Case(check, language, path, rule, reason))


# ================================================================ symbolic names
# A name is a tuple of parts: literal strings, Sym("x") (one unknown value, equal only to itself) and ANY.
@dataclass(frozen=True)
class Sym:
    name: str
    generated: bool = False  # a name the platform makes up for one resource: unique, equal to nothing else


ANY = Sym("*")


def name_of(*parts: object) -> tuple:
    """Flatten and merge adjacent literals, so equal names have equal tuples."""
    merged: list = []
    for part in parts:
        for piece in part if isinstance(part, tuple) else (part,):
            if isinstance(piece, str) and merged and isinstance(merged[-1], str):
                merged[-1] += piece
            elif piece != "":
                merged.append(piece)
    return tuple(merged)


def certainly_equal(a: tuple, b: tuple) -> bool:
    return ANY not in a and ANY not in b and a == b


def possibly_equal(a: tuple, b: tuple) -> bool:
    """Whether some values of the unknown parts make the names equal (glob against glob)."""
    def items(name: tuple) -> list:
        return [ch for part in name for ch in (part if isinstance(part, str) else (part if part.generated else ANY,))]

    x, y = items(a), items(b)
    if len(x) + len(y) > 600:  # beyond what the recursion below should walk: only exact equality counts
        return x == y
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        if (i, j) not in memo:
            if i == len(x) or j == len(y):
                rest = x[i:] + y[j:]
                memo[i, j] = all(item is ANY for item in rest)
            elif x[i] is ANY:
                memo[i, j] = match(i + 1, j) or match(i, j + 1)
            elif y[j] is ANY:
                memo[i, j] = match(i, j + 1) or match(i + 1, j)
            else:
                memo[i, j] = x[i] == y[j] and match(i + 1, j + 1)
        return memo[i, j]

    return match(0, 0)


def spelled(name: tuple) -> str:
    return "".join(p if isinstance(p, str) else ("*" if p is ANY else "${" + p.name + "}") for p in name)


@dataclass
class Named:
    """A resource whose name is set, as the collision check sees it."""

    key: str
    kind: str
    scope: tuple  # names only collide within the same scope (an alias within its function)
    name: tuple


def collisions(added: list[Named], everything: list[Named]) -> Iterable[tuple[str, Named, Named]]:
    added_keys = {named.key for named in added}
    for new in added:
        for other in everything:
            if other.key == new.key or other.kind != new.kind:
                continue
            if other.key in added_keys and other.key < new.key:
                continue  # two added resources: one case, not two
            if certainly_equal(new.scope, other.scope) and certainly_equal(new.name, other.name):
                yield "collision-certain", new, other
            elif possibly_equal(new.scope, other.scope) and possibly_equal(new.name, other.name):
                yield "collision-possible", new, other


# ---------------------------------------------------------------- CloudFormation names
# Types whose Ref is their physical name (so ``!Sub /aws/lambda/${Fn}`` reads the function's name).
REF_IS_NAME = {"AWS::Lambda::Function", "AWS::Serverless::Function", "AWS::Logs::LogGroup", "AWS::DynamoDB::Table",
               "AWS::Serverless::SimpleTable", "AWS::S3::Bucket", "AWS::IAM::Role", "AWS::Kinesis::Stream"}
NAME_PROPERTY = {"AWS::Serverless::Function": "FunctionName", "AWS::Serverless::SimpleTable": "TableName",
                 "AWS::Serverless::StateMachine": "Name", "AWS::Serverless::Api": "Name",
                 "AWS::Serverless::HttpApi": "Name", "AWS::IAM::Policy": None}
SCOPE_PROPERTY = {"AWS::Lambda::Alias": "FunctionName"}
_SUB = re.compile(r"\$\{([^}]*)\}")


def cfn_name_property(kind: str, properties: Mapping) -> str | None:
    if kind in NAME_PROPERTY:
        return NAME_PROPERTY[kind]
    last = kind.rsplit("::", 1)[-1]
    return next((p for p in (f"{last}Name", "Name") if p in properties), None)


class CfnNames:
    """Evaluates names in one template: parameters' defaults, resources' names, pseudo parameters as symbols."""

    def __init__(self, template: Mapping) -> None:
        self.parameters = template.get("Parameters") if isinstance(template.get("Parameters"), dict) else {}
        resources, mappings = template.get("Resources"), template.get("Mappings")
        self.resources = resources if isinstance(resources, dict) else {}
        self.mappings = mappings if isinstance(mappings, dict) else {}

    def named(self) -> list[Named]:
        found = []
        for key, body in self.resources.items():
            if not isinstance(body, dict) or not isinstance(body.get("Properties"), dict):
                continue
            kind, properties = str(body.get("Type")), body["Properties"]
            prop = cfn_name_property(kind, properties)
            if prop is None or prop not in properties:
                continue
            scope_prop = SCOPE_PROPERTY.get(kind)
            scope = self.value(properties[scope_prop]) if scope_prop and scope_prop in properties else ()
            found.append(Named(str(key), kind, scope, self.value(properties[prop])))
        return found

    def value(self, node: object, depth: int = 0) -> tuple:
        if depth > 8:
            return (ANY,)
        if isinstance(node, bool):
            return (str(node).lower(),)
        if isinstance(node, (str, int, float)):
            return (str(node),)
        if isinstance(node, dict) and len(node) == 1:
            (function, argument), = node.items()
            if function == "Ref" and isinstance(argument, str):
                return self.ref(argument, depth)
            if function == "Fn::Sub":
                return self.sub(argument, depth)
            if function == "Fn::Join" and isinstance(argument, list) and len(argument) == 2 \
                    and isinstance(argument[0], str) and isinstance(argument[1], list):
                pieces: list = []
                for index, item in enumerate(argument[1]):
                    pieces += [argument[0]] * bool(index) + [self.value(item, depth + 1)]
                return name_of(*pieces)
            if function == "Fn::FindInMap" and isinstance(argument, list) and len(argument) == 3:
                keys = [self.value(item, depth + 1) for item in argument]
                if all(len(key) == 1 and isinstance(key[0], str) for key in keys):
                    found = self.mappings.get(keys[0][0], {})
                    found = found.get(keys[1][0], {}) if isinstance(found, dict) else {}
                    if isinstance(found, dict) and keys[2][0] in found:
                        return self.value(found[keys[2][0]], depth + 1)
            if function == "Fn::GetAtt":
                target = ".".join(argument) if isinstance(argument, list) else str(argument)
                return self.get_att(target, depth)
        return (ANY,)

    def ref(self, target: str, depth: int) -> tuple:
        if target.startswith("AWS::"):
            return (Sym(target),)
        if target in self.parameters:
            default = self.parameters[target].get("Default") if isinstance(self.parameters[target], dict) else None
            return self.value(default, depth + 1) if default is not None else (Sym(target),)
        body = self.resources.get(target)
        if isinstance(body, dict) and body.get("Type") in REF_IS_NAME and isinstance(body.get("Properties"), dict):
            prop = cfn_name_property(str(body["Type"]), body["Properties"])
            if prop and prop in body["Properties"]:
                return self.value(body["Properties"][prop], depth + 1)
        return (Sym(target, generated=target in self.resources),)

    def get_att(self, target: str, depth: int) -> tuple:
        """A resource's name attribute (``Queue.QueueName``) is its written name, or one the platform makes up
        for that resource alone; other attributes are unknown."""
        resource, _, attribute = target.partition(".")
        body = self.resources.get(resource)
        if not attribute.endswith("Name") or not isinstance(body, dict):
            return (Sym(target),)
        properties = body.get("Properties") if isinstance(body.get("Properties"), dict) else {}
        written = properties.get(attribute)
        return self.value(written, depth + 1) if written is not None else (Sym(target, generated=True),)

    def sub(self, argument: object, depth: int) -> tuple:
        variables: Mapping = {}
        if isinstance(argument, list) and argument:
            variables = argument[1] if len(argument) > 1 and isinstance(argument[1], dict) else {}
            argument = argument[0]
        if not isinstance(argument, str):
            return (ANY,)
        pieces: list = []
        cursor = 0
        for match in _SUB.finditer(argument):
            pieces.append(argument[cursor:match.start()])
            cursor = match.end()
            inner = match.group(1).strip()
            if inner.startswith("!"):
                pieces.append("${" + inner[1:] + "}")
            elif inner in variables:
                pieces.append(self.value(variables[inner], depth + 1))
            elif "." in inner and not inner.startswith("AWS::"):
                pieces.append(self.get_att(inner, depth))
            else:
                pieces.append(self.ref(inner, depth))
        pieces.append(argument[cursor:])
        return name_of(*pieces)


# ---------------------------------------------------------------- Terraform names
TF_NAME_ATTRIBUTE = {"aws_lambda_function": "function_name", "aws_lambda_alias": "name"}
TF_SCOPE_ATTRIBUTE = {"aws_lambda_alias": "function_name"}
_TF_REFERENCE = re.compile(r"^[A-Za-z_][\w-]*(\[[^\]]*\])?(\.[A-Za-z_][\w-]*(\[[^\]]*\])?)*$")


def strip_quotes(label: str) -> str:
    return label[1:-1] if len(label) >= 2 and label[0] == label[-1] == '"' else label


def split_template(text: str) -> list:
    """A Terraform template string as literal pieces and ``("expr", source)`` interpolations."""
    pieces: list = []
    literal, i = "", 0
    while i < len(text):
        if text.startswith(("$${", "%%{"), i):
            literal, i = literal + text[i + 1:i + 3], i + 3
        elif text.startswith(("${", "%{"), i):
            depth, j, quoted = 1, i + 2, False
            while j < len(text) and depth:
                char = text[j]
                if quoted:
                    j += char == "\\"
                    quoted = char != '"'
                else:
                    quoted = char == '"'
                    depth += {"{": 1, "}": -1}.get(char, 0)
                j += 1
            pieces += [literal, ("expr" if text[i] == "$" else "directive", text[i + 2:j - 1].strip())]
            literal, i = "", j
        else:
            literal, i = literal + text[i], i + 1
    return [*pieces, literal]


def split_arguments(text: str) -> list[str]:
    arguments, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(text):
        if quoted:
            quoted = not (char == '"' and text[index - 1] != "\\")
        elif char == '"':
            quoted = True
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            arguments.append(text[start:index].strip())
            start = index + 1
    return [*arguments, text[start:].strip()] if text.strip() else arguments


class TfNames:
    """Evaluates names in one module (a folder): variables' defaults, locals and resources' attributes."""

    def __init__(self, trees: Iterable[Mapping]) -> None:
        self.variables: dict = {}
        self.locals: dict = {}
        self.resources: dict[str, dict] = {}
        self.modules: dict[str, dict] = {}
        for tree in trees:
            for block in tree.get("variable", ()):
                for label, body in block.items():
                    self.variables[strip_quotes(label)] = body
            for block in tree.get("locals", ()):
                self.locals.update({k: v for k, v in block.items() if not k.startswith("__")})
            for block in tree.get("resource", ()):
                for kind, named in block.items():
                    for label, body in named.items():
                        self.resources[f"{strip_quotes(kind)}.{strip_quotes(label)}"] = body
            for block in tree.get("module", ()):
                for label, body in block.items():
                    self.modules[strip_quotes(label)] = body

    def named(self) -> list[Named]:
        found = []
        for address, body in self.resources.items():
            kind = address.split(".", 1)[0]
            attribute = TF_NAME_ATTRIBUTE.get(kind, "name")
            if attribute in body or "name_prefix" in body:
                name = self.value(body[attribute]) if attribute in body else name_of(self.value(body["name_prefix"]), ANY)
                scope_attribute = TF_SCOPE_ATTRIBUTE.get(kind)
                scope = self.value(body[scope_attribute]) if scope_attribute in body else ()
                found.append(Named(address, kind, scope, name))
        for label, body in self.modules.items():  # log groups made by a log-group module
            source = str(body.get("source", ""))
            if re.search(r"log[-_]group", source) and ("name" in body or "name_prefix" in body):
                name = self.value(body["name"]) if "name" in body else name_of(self.value(body["name_prefix"]), ANY)
                found.append(Named(f"module.{label}", "aws_cloudwatch_log_group", (), name))
        return found

    def value(self, raw: object, depth: int = 0) -> tuple:
        if depth > 8 or raw is None:
            return (ANY,)
        if isinstance(raw, bool):
            return (str(raw).lower(),)
        if isinstance(raw, (int, float)):
            return (str(raw),)
        if not isinstance(raw, str):
            return (ANY,)
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            return self.template(raw[1:-1], depth)
        if raw.startswith("${") and raw.endswith("}"):
            return self.expression(raw[2:-1].strip(), depth)
        return (ANY,)

    def template(self, text: str, depth: int) -> tuple:
        pieces = []
        for piece in split_template(text):
            if isinstance(piece, str):
                pieces.append(piece)
            else:
                pieces.append(self.expression(piece[1], depth + 1) if piece[0] == "expr" else (ANY,))
        return name_of(*pieces)

    def expression(self, expr: str, depth: int) -> tuple:
        if depth > 8:
            return (ANY,)
        if len(expr) >= 2 and expr[0] == expr[-1] == '"':
            return self.template(expr[1:-1], depth + 1)
        if re.search(r"\b(count\.index|each\.(key|value))\b|\belement\(", expr):
            return (ANY,)
        match = re.fullmatch(r"var\.([\w-]+)", expr)
        if match:
            body = self.variables.get(match.group(1), {})
            return self.value(body["default"], depth + 1) if "default" in body else (Sym(expr),)
        match = re.fullmatch(r"local\.([\w-]+)", expr)
        if match:
            return self.value(self.locals[match.group(1)], depth + 1) if match.group(1) in self.locals else (Sym(expr),)
        match = re.fullmatch(r"format\((.*)\)", expr, re.DOTALL)
        if match:
            return self.format(split_arguments(match.group(1)), depth)
        match = re.fullmatch(r"([a-z][\w]*\.[\w-]+)(?:\[[^\]]*\])?\.([\w-]+)", expr)
        if match and not expr.startswith(("var.", "local.", "data.", "module.", "path.", "terraform.")):
            body = self.resources.get(match.group(1), {})
            attribute = match.group(2)
            if attribute in body:
                return self.value(body[attribute], depth + 1)
        return (Sym(expr),) if _TF_REFERENCE.match(expr) else (ANY,)

    def format(self, arguments: list[str], depth: int) -> tuple:
        if not arguments:
            return (ANY,)
        spec = self.expression(arguments[0], depth + 1)
        if len(spec) != 1 or not isinstance(spec[0], str):
            return (ANY,)
        values = iter(arguments[1:])
        pieces: list = []
        for index, chunk in enumerate(re.split(r"%[-+# 0-9.]*[a-zA-Z%]", spec[0])):
            if index:
                following = next(values, None)
                pieces.append(self.expression(following, depth + 1) if following is not None else (ANY,))
            pieces.append(chunk)
        return name_of(*pieces)


# ---------------------------------------------------------------- Pulumi names
class PulumiNames:
    """Evaluates ``name=`` arguments of resource constructors in one program, following simple assignments."""

    def __init__(self, modules: Iterable[ast.Module]) -> None:
        self.assignments: dict[str, ast.expr] = {}
        self.calls: list[tuple[str, ast.Call]] = []  # (variable or "", call)
        for module in modules:
            for node in ast.walk(module):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    self.assignments[node.targets[0].id] = node.value
                    if isinstance(node.value, ast.Call) and _resource_call(node.value):
                        self.calls.append((node.targets[0].id, node.value))
                elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and _resource_call(node.value):
                    self.calls.append(("", node.value))

    def named(self) -> list[Named]:
        found = []
        for variable, call in self.calls:
            kind = ".".join(ast.unparse(call.func).split(".")[-2:])
            keywords = {k.arg: k.value for k in call.keywords if k.arg}
            if "name" in keywords:
                scope = self.value(keywords["function_name"]) if kind.endswith("Alias") and "function_name" in keywords else ()
                key = f"{kind}({ast.unparse(call.args[0]) if call.args else variable})"
                found.append(Named(key, kind, scope, self.value(keywords["name"])))
        return found

    def value(self, node: ast.expr, depth: int = 0, bound: Mapping[str, tuple] | None = None) -> tuple:
        bound = bound or {}
        if depth > 8:
            return (ANY,)
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, int)):
            return (str(node.value),)
        if isinstance(node, ast.JoinedStr):
            return name_of(*(self.value(v.value if isinstance(v, ast.FormattedValue) else v, depth + 1, bound)
                             for v in node.values))
        if isinstance(node, ast.Name):
            if node.id in bound:
                return bound[node.id]
            assigned = self.assignments.get(node.id)
            if assigned is not None and not (isinstance(assigned, ast.Call) and _resource_call(assigned)):
                return self.value(assigned, depth + 1, bound)
            return (Sym(node.id),)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr == "name":
            assigned = self.assignments.get(node.value.id)
            if isinstance(assigned, ast.Call) and _resource_call(assigned):
                keywords = {k.arg: k.value for k in assigned.keywords if k.arg}
                if "name" in keywords:
                    return self.value(keywords["name"], depth + 1, bound)
                return (Sym(ast.unparse(node), generated=True),)  # auto-named with a random suffix
            return (Sym(ast.unparse(node)),)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            if method == "apply" and node.args and isinstance(node.args[0], ast.Lambda):
                function = node.args[0]
                parameters = [a.arg for a in function.args.args]
                if len(parameters) == 1:
                    inner = self.value(node.func.value, depth + 1, bound)
                    return self.value(function.body, depth + 1, {**bound, parameters[0]: inner})
            if method == "concat":
                return name_of(*(self.value(a, depth + 1, bound) for a in node.args))
            if method == "format" and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                chunks = re.split(r"\{[^}]*\}", node.args[0].value)
                values = [self.value(a, depth + 1, bound) for a in node.args[1:]]
                pieces = [chunks[0]]
                for index, chunk in enumerate(chunks[1:]):
                    pieces += [values[index] if index < len(values) else (ANY,), chunk]
                return name_of(*pieces)
        return (ANY,)


def _resource_call(call: ast.Call) -> bool:
    """``aws.cloudwatch.LogGroup(...)``, ``lambda_.Function(...)``: a class of a pulumi_aws module."""
    dotted = ast.unparse(call.func).split(".")
    return len(dotted) >= 2 and dotted[-1][:1].isupper() and dotted[-2][:1].islower() and dotted[-2] not in ("pulumi",)


# ================================================================ resource spans
@dataclass
class Unit:
    """A resource, block or statement: its key and its 0-based first and last line."""

    key: str
    start: int
    end: int
    children: list[Unit] = field(default_factory=list)


@dataclass
class Layout:
    units: list[Unit]
    lo: int  # the lines the units share (a CloudFormation Resources section, a whole file)
    hi: int

    def starts(self) -> dict[str, int]:
        found, stack = {}, list(self.units)
        while stack:
            unit = stack.pop()
            found[unit.key] = unit.start
            stack.extend(unit.children)
        return found

    def keys(self) -> set[str]:
        return set(self.starts())

    def owners(self, lines: list[str], comment: Callable[[str], bool]) -> list[str | None]:
        """The unit each line belongs to: leading comments go with the unit below, trailing lines with the one above."""
        owner: list[str | None] = [None] * len(lines)

        def assign(units: list[Unit], lo: int, hi: int) -> None:
            starts, previous_end = [], lo - 1
            for unit in units:
                start = unit.start
                while start - 1 > previous_end and comment(lines[start - 1]):
                    start -= 1
                starts.append(start)
                previous_end = unit.end
            for index, unit in enumerate(units):
                stop = starts[index + 1] - 1 if index + 1 < len(units) else hi
                for line in range(starts[index], min(stop, len(lines) - 1) + 1):
                    owner[line] = unit.key
                assign(unit.children, unit.start + 1, unit.end)

        assign(sorted(self.units, key=lambda u: u.start), self.lo, self.hi)
        return owner


def _slides_onto(lines: list[str], start: int, end: int, wanted: set[int]) -> bool:
    """Whether removing ``lines[start:end]`` is the same as removing an equal run of lines that lies in ``wanted``
    (a diff may show a removal at any of the places where the lines around it repeat)."""
    low, high = start, end
    while low > 0 and lines[low - 1] == lines[high - 1]:
        low, high = low - 1, high - 1
    while True:
        if all(i in wanted for i in range(low, high)):
            return True
        if high >= len(lines) or lines[low] != lines[high]:
            return False
        low, high = low + 1, high + 1


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith(("#", "//", "/*", "*"))


def compose_yaml(text: str) -> object | None:
    """PyYAML's node tree (what cfn-lint reads with): positions, tags kept, duplicate keys kept."""
    import yaml

    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def plain(node: object) -> object:
    """A composed YAML node as plain data, short tags as their long intrinsic form (``!Sub x`` -> ``{Fn::Sub: x}``)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        value: object = {str(plain(k)): plain(v) for k, v in node.value}
    elif isinstance(node, yaml.SequenceNode):
        value = [plain(item) for item in node.value]
    else:
        value = getattr(node, "value", None)
    tag = str(getattr(node, "tag", ""))
    if tag.startswith("!") and len(tag) > 1:
        name = tag[1:]
        return {name if name in ("Ref", "Condition") else f"Fn::{name}": value}
    return value


def cfn_layout(root: object, lines: list[str]) -> Layout | None:
    """Resources' spans, read from the composed tree."""
    import yaml

    entries = root.value if isinstance(root, yaml.MappingNode) else []
    section = next(((k, v) for k, v in entries if getattr(k, "value", None) == "Resources"), None)
    if section is None or not isinstance(section[1], yaml.MappingNode) or not section[1].value:
        return None
    following = [k.start_mark.line for k, _ in entries if k.start_mark.line > section[0].start_mark.line]
    hi = min(following, default=len(lines)) - 1
    keys = sorted((k for k, _ in section[1].value), key=lambda k: k.start_mark.line)
    units = []
    for index, key in enumerate(keys):
        end = keys[index + 1].start_mark.line - 1 if index + 1 < len(keys) else hi
        while end > key.start_mark.line and (not lines[end].strip() or _is_comment(lines[end])):
            end -= 1
        units.append(Unit(str(key.value), key.start_mark.line, end))
    return Layout(units, section[0].start_mark.line + 1, hi)


def tf_layout(tree: object, text: str) -> Layout:
    """Top-level blocks' spans from python-hcl2's Lark tree."""
    units, seen = [], Counter()
    for block in tree.children[0].children:
        if getattr(block, "data", None) != "block":
            continue
        labels = [strip_quotes(text[c.meta.start_pos:c.meta.end_pos]) for c in block.children
                  if getattr(c, "data", None) in ("identifier", "string")]
        kind, rest = labels[0], labels[1:]
        key = ".".join(rest) if kind == "resource" else ".".join([kind, *rest])
        if kind not in ("resource", "data", "module", "variable", "output"):
            seen[key] += 1
            key = f"{key}#{seen[key]}"
        units.append(Unit(key, block.meta.line - 1, block.meta.end_line - 1))
    return Layout(units, 0, len(text.splitlines()) - 1)


def py_layout(module: ast.Module, lines: list[str]) -> Layout:
    seen: Counter = Counter()

    def key(statement: ast.stmt) -> str:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            return ast.unparse(statement.targets[0])
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return f"def {statement.name}"
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) and _resource_call(statement.value):
            call = statement.value
            return f"{ast.unparse(call.func)}({ast.unparse(call.args[0]) if call.args else ''})"
        header = getattr(statement, "test", None) or getattr(statement, "iter", None)
        text = ast.unparse(header) if header is not None else ast.dump(statement)
        seen[text] += 1
        return f"{type(statement).__name__}:{text}#{seen[text]}"

    def units(body: list[ast.stmt]) -> list[Unit]:
        found = []
        for statement in body:
            start = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))]) - 1
            inner = [s for name in ("body", "orelse", "finalbody") for s in getattr(statement, name, ())
                     if isinstance(s, ast.stmt)]
            found.append(Unit(key(statement), start, statement.end_lineno - 1, units(inner)))
        return found

    return Layout(units(module.body), 0, len(lines) - 1)


# ================================================================ oracles
def hclfmt(text: str) -> str | None:
    """The text as ``terraform fmt`` writes it (HashiCorp's hclwrite, through hclfmt), or None when it fails."""
    if not HCLFMT.exists():
        return None
    done = subprocess.run([str(HCLFMT)], input=text, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def hcl_accepts(path: str) -> bool:
    return subprocess.run([str(HCLFMT), "-check", path], capture_output=True).returncode == 0


def changed_lines(old: list[str], new: list[str]) -> set[int]:
    """Indices of ``old`` lines that do not survive unchanged into ``new``."""
    kept = set()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            kept.update(range(i1, i2))
    return set(range(len(old))) - kept


class CfnLint:
    """cfn-lint over many files at once (``jobs`` processes, in the background); results as comparable keys."""

    def __init__(self, files: Mapping[str, str], workdir: Path, jobs: int = 1) -> None:
        self.names = {str(Path(f).resolve()): label for label, f in files.items()}
        self.messages: dict[tuple[str, str, str], str] = {}
        executable = shutil.which("cfn-lint")
        if executable is None and files:
            raise SystemExit("cfn-lint is not installed: pip install cfn-lint")
        everything = sorted(self.names)
        self.processes: list[tuple[subprocess.Popen, Path]] = []
        for chunk in (everything[index::jobs] for index in range(jobs)):
            if chunk:  # output goes to a file in the scratch folder, so a full pipe never stalls the process
                handle, name = tempfile.mkstemp(prefix="cfn-lint-", suffix=".json", dir=workdir)
                output = Path(name)
                with os.fdopen(handle, "w") as stream:
                    process = subprocess.Popen([executable, "--format", "json", "--", *chunk], cwd=workdir,
                                               stdout=stream, stderr=subprocess.DEVNULL)
                self.processes.append((process, output))

    def results(self) -> dict[str, Counter]:
        found: dict[str, Counter] = defaultdict(Counter)
        for process, output in self.processes:
            process.wait()
            try:
                matches = json.loads(output.read_text() or "[]")
            except json.JSONDecodeError:
                raise SystemExit(f"cfn-lint failed (exit status {process.returncode})") from None
            for match in matches:
                label = self.names.get(str(Path(match.get("Filename") or "").resolve()))
                path = "/".join(str(p) for p in (match.get("Location", {}).get("Path") or ()))
                # A message may list the template's resources, so it changes with any added one: the rule and the
                # place identify a match, the message only where there is no place.
                message = "" if path else re.sub(r"\b(line|column) \d+", r"\1 N", match["Message"])
                found[label][(match["Rule"]["Id"], path, message)] += 1
                self.messages[label, match["Rule"]["Id"], path] = match["Message"]
        return found


# ================================================================ the checks
def language_of(path: str, texts: Mapping[str, str]) -> str | None:
    found = classify(path, texts.get(path, ""), texts.keys()).language
    return found.value if found is not None else None


def subject_key(subject: str) -> list[str]:
    """The resources a finding is about: ``Fn:log-group`` -> Fn, ``cycle A B`` -> A, B, ``x depends_on y`` -> x."""
    if subject.startswith("cycle "):
        return subject.split()[1:]
    return [subject.split(" ", 1)[0].split(":", 1)[0]]


def _parse(judge: Judge, kind: str, text: str) -> object | None:
    import hcl2

    if kind == "yaml":
        return compose_yaml(text)
    if kind == "template":
        root = judge.parsed("yaml", text)
        return plain(root) if root is not None else None
    if kind == "python":
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError):
            return None
    if kind == "hcl":
        try:
            return hcl2.parses_to_tree(text)
        except Exception:  # python-hcl2 raises Lark's and its own errors
            return None
    tree = judge.parsed("hcl", text)
    try:
        return hcl2.serialize(hcl2.transform(tree)) if tree is not None else None
    except Exception:
        return None


class Judge:
    """Holds one run's texts and reports; each check adds its cases to the outcome."""

    def __init__(self, texts: dict[str, str], first: Report, second: Report, outcome: Outcome) -> None:
        self.before, self.first, self.second, self.outcome = texts, first, second, outcome
        self.after = {**texts, **first.files}
        self.fixed_codes: dict[str, set[str]] = defaultdict(set)
        for finding in first.fixed:
            self.fixed_codes[finding.path].add(finding.code)
        self._parsed: dict[tuple[str, str], object] = {}
        self._languages: dict[str, str] = {}
        self.folders: dict[tuple[str, str], list[str]] = defaultdict(list)  # a Terraform module, a Pulumi program
        for path in texts:
            self.folders[posixpath.dirname(path), self.language(path)].append(path)

    def rules(self, path: str, about: str = "") -> str:
        """The rules whose fixes in the file name ``about`` (a resource), else every rule that fixed the file."""
        named = {f.code for f in self.first.fixed if f.path == path and about and f.fix
                 and re.search(rf"(?<![\w.]){re.escape(about)}(?![\w])", f"{f.subject} {f.fix.description}")}
        return ",".join(sorted(named or self.fixed_codes[path])) or "-"

    def language(self, path: str) -> str:
        if path not in self._languages:
            self._languages[path] = language_of(path, self.before) or "unknown"
        return self._languages[path]

    # ------------------------------------------------------------ parsed forms, kept in memory for the run
    def parsed(self, kind: str, text: str) -> object | None:
        """Each text parsed once per kind: ``yaml``, ``template``, ``hcl`` (Lark tree), ``hcl-data``, ``python``."""
        if (kind, text) not in self._parsed:
            self._parsed[kind, text] = _parse(self, kind, text)
        return self._parsed[kind, text]

    def text(self, path: str, side: str) -> str:
        return (self.before if side == "before" else self.after)[path]

    def module(self, path: str) -> list[str]:
        return self.folders[posixpath.dirname(path), self.language(path)]

    # ------------------------------------------------------------ 1. name collisions
    def names(self, path: str, language: str, side: str) -> list[Named] | None:
        if language == "cloudformation":
            template = self.parsed("template", self.text(path, side))
            return CfnNames(template).named() if isinstance(template, dict) else None
        kind = "hcl-data" if language == "terraform" else "python"
        trees = [self.parsed(kind, self.text(p, side)) for p in self.module(path)]
        parsed = [tree for tree in trees if tree is not None]
        return TfNames(parsed).named() if language == "terraform" else PulumiNames(parsed).named()  # type: ignore[arg-type]

    def check_collisions(self) -> None:
        done: set[tuple[str, str]] = set()
        for path in sorted(self.first.files):
            language = self.language(path)
            group = path if language == "cloudformation" else posixpath.dirname(path)
            if (language, group) in done:
                continue
            done.add((language, group))
            before, after = self.names(path, language, "before"), self.names(path, language, "after")
            if before is None or after is None:
                continue
            existing = {named.key for named in before}
            for check, new, other in collisions([n for n in after if n.key not in existing], after):
                self.outcome.add(check, language, path, self.rules(path, new.key.rsplit(".", 1)[-1]),
                                 f"added {new.key} named {spelled(new.name)!r}, as {other.key} ({spelled(other.name)!r})")

    # ------------------------------------------------------------ 2. and 3. cfn-lint
    def check_cfn_lint(self, before: Mapping[str, Counter], after: Mapping[str, Counter],
                       messages: Mapping[tuple[str, str, str], str]) -> None:
        for path in sorted(p for p in self.first.files if self.language(p) == "cloudformation"):
            new = after.get(path, Counter()) - before.get(path, Counter())
            unreadable = [key for key in before.get(path, Counter()) if key[0] == "E0000"]
            if unreadable:  # cfn-lint could not read the input (duplicate keys...): what it finds after is not new
                if not any(key[0] == "E0000" for key in after.get(path, Counter())):
                    self.outcome.add("cfn-lint-error", "cloudformation", path, self.rules(path),
                                     f"fixed a file cfn-lint rejects ({unreadable[0][2][:120]}); the fixed file reads")
                continue
            for (rule, where, message), count in sorted(new.items()):
                check = "cfn-lint-w1001" if rule == "W1001" else "cfn-lint-error" if rule.startswith("E") else None
                text = message or messages.get((path, rule, where), "")
                for _ in range(count if check else 0):
                    about = where.split("/")[1] if where.startswith("Resources/") else ""
                    self.outcome.add(check, "cloudformation", path, self.rules(path, about), f"{rule} {where}: {text[:160]}")
        for finding in self.first.found:
            if finding.code != "IAC004" or not finding.subject.startswith("cycle "):
                continue
            rules = {rule for rule, _, _ in before.get(finding.path, Counter())}
            if self.language(finding.path) != "cloudformation":
                self.outcome.note("IAC004 cycles in Terraform and Pulumi (no oracle to confirm them)",
                                  f"{finding.path}: {finding.message[:160]}")
            elif "E0000" in rules:
                self.outcome.note("IAC004 cycles in files cfn-lint cannot read", f"{finding.path}: {finding.message[:160]}")
            elif "E3004" not in rules:
                self.outcome.add("false-cycle", "cloudformation", finding.path, "IAC004",
                                 f"{finding.message[:160]} (cfn-lint: {', '.join(sorted(rules)) or 'nothing'})")

    # ------------------------------------------------------------ 4. valid files rejected
    def check_rejected(self, linted: Mapping[str, Counter]) -> None:
        for error in self.first.errors:
            if re.match(r"IAC\d{3} could not check", error.reason):
                self.outcome.note("rule crashed on a file", f"{error.path}: {error.reason[:160]}")
                continue
            language = self.language(error.path)
            if language == "cloudformation":
                valid = not any(rule == "E0000" for rule, _, _ in linted.get(error.path, Counter()))
            elif language == "terraform":
                if not HCLFMT.exists():
                    self.outcome.note("not judged: hclfmt missing", f"{error.path} (build it: tools/build-hclfmt.sh)")
                    continue
                valid = hcl_accepts(error.path)
            else:
                valid = self.parsed("python", self.before[error.path]) is not None
            if valid:
                self.outcome.add("valid-file-rejected", language, error.path, "-",
                                 f"line {error.line}: {error.reason[:160]}")

    # ------------------------------------------------------------ 5. idempotence
    def check_idempotent(self) -> None:
        codes: dict[str, set[str]] = defaultdict(set)
        for finding in self.second.fixed:
            codes[finding.path].add(f"{finding.code} {finding.subject}")
        for path in sorted(self.second.files):
            self.outcome.add("not-idempotent", self.language(path), path, self.rules(path),
                             "second run fixed " + "; ".join(sorted(codes[path])))

    # ------------------------------------------------------------ 6. bytes outside the fix
    def layout(self, path: str, language: str, side: str, lines: list[str]) -> Layout | None:
        text = self.text(path, side)
        if language == "cloudformation":
            root = self.parsed("yaml", text)
            return cfn_layout(root, lines) if root is not None else None
        tree = self.parsed("hcl" if language == "terraform" else "python", text)
        if tree is None:
            return None
        return tf_layout(tree, text) if language == "terraform" else py_layout(tree, lines)  # type: ignore[arg-type]

    def check_outside(self) -> None:
        for path in sorted(self.first.files):
            language = self.language(path)
            old, new = self.before[path].splitlines(), self.after[path].splitlines()
            layouts = self.layout(path, language, "before", old), self.layout(path, language, "after", new)
            if None in layouts:
                side = "before" if layouts[0] is None else "after"
                self.outcome.note("fixed files whose spans could not be read", f"{path} ({side} the fix)")
                continue
            reasons = self.outside(path, language, old, new, *layouts)  # type: ignore[arg-type]
            if reasons:
                more = f" (+{len(reasons) - 3} more)" if len(reasons) > 3 else ""
                self.outcome.add("bytes-outside-fix", language, path, self.rules(path), "; ".join(reasons[:3]) + more)

    def outside(self, path: str, language: str, old: list[str], new: list[str], before: Layout, after: Layout) -> list[str]:
        touched = {key for f in self.first.fixed if f.path == path for key in subject_key(f.subject)}
        owner_old, owner_new = before.owners(old, _is_comment), after.owners(new, _is_comment)
        # The lines each fix's own edits cover in the original (a role a grant extends, a parameter removed, a
        # Globals value): what changed there is the fix; their resources are fixed ones too.
        credited = self.edited_lines(path)
        touched |= {owner_old[i] for i in credited if i < len(owner_old) and owner_old[i] is not None}
        if "IAC001" in self.fixed_codes[path]:  # the alias fix also edits what the subject refers to
            subject_text = " ".join(line for line, key in zip(old, owner_old, strict=True) if key in touched)
            touched |= {key for key in before.starts() if re.search(rf"\b{re.escape(key)}\b", subject_text)}
        added = after.keys() - before.keys()
        formatted_anyway: set[int] = set()
        formatted_after: set[int] = set(range(len(new)))
        if language == "terraform":
            fmt_old, fmt_new = hclfmt(self.before[path]), hclfmt(self.after[path])
            formatted_anyway = changed_lines(old, fmt_old.splitlines()) if fmt_old is not None else set()
            formatted_after -= changed_lines(new, fmt_new.splitlines()) if fmt_new is not None else set()
        reasons = []

        def where(key: str | None) -> str:
            return f"in {key}" if key else "outside any resource"

        starts = before.starts()

        def indent(line: str) -> int:
            return len(line) - len(line.lstrip())

        def in_body(i: int) -> bool:
            """A line indented under its resource's first line belongs to it (a section comment does not)."""
            key = owner_old[i]
            return key is not None and indent(old[i]) > indent(old[starts[key]])

        opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    # Comments only: a closing brace matched to another brace is the diff's choice, not a move.
                    if _is_comment(old[i]) and owner_new[j] in added and owner_old[i] != owner_new[j] and in_body(i):
                        reasons.append(f"line {i + 1} moved from {owner_old[i]} into added {owner_new[j]}")
                continue
            if tag == "delete" and _slides_onto(old, i1, i2, credited):
                continue  # the diff's choice among equal lines (``Type: String`` twice): the fix removed the others
            if tag == "insert" and _slides_onto(new, j1, j2, {j for j, key in enumerate(owner_new)
                                                              if key in added or not new[j].strip()}):
                continue  # likewise for lines written: a ``}`` the diff took from the block added after it
            for i in range(i1, i2):
                if owner_old[i] not in touched and i not in formatted_anyway and i not in credited:
                    reasons.append(f"line {i + 1} changed {where(owner_old[i])}, not fixed")
            paired = dict(zip(range(j1, j2), range(i1, i2), strict=True)) if i2 - i1 == j2 - j1 else {}
            beside_edit = any(i in credited for i in range(i1 - 1, max(i2, i1 + 1)))
            for j in range(j1, j2):
                i = paired.get(j)
                if not new[j].strip() or (i is not None and i in formatted_anyway):
                    continue
                if owner_new[j] is None and beside_edit:
                    continue  # written outside any resource where a fix's edit is (a parameter, Globals)
                if owner_new[j] not in touched | added:
                    reasons.append(f"new line {j + 1} written {where(owner_new[j])}")
                elif i is not None:
                    reasons += self.inside(language, old[i], new[j], i, j in formatted_after)
        return reasons

    def edited_lines(self, path: str) -> set[int]:
        """The original lines (0-based) the fixes of the file edited, from the engine's record of each edit."""
        text = self.before[path]
        starts = [0]
        for line in text.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        lines: set[int] = set()
        for finding in self.first.fixed:
            for start, end in self.first.edited.get(finding.identity, ()) if finding.path == path else ():
                first = bisect.bisect_right(starts, start) - 1
                last = bisect.bisect_right(starts, max(start, end - 1)) - 1
                if start == end and start == starts[first] and first > 0:
                    first -= 1  # lines written between two lines: the one above is where they go
                lines.update(range(first, last + 1))
        return lines

    @staticmethod
    def inside(language: str, old: str, new: str, index: int, formatted: bool) -> list[str]:
        """Within a fixed resource: quotes and alignment the fix had no reason to change."""
        if old == new:
            return []
        if language == "terraform":
            if old.split() == new.split() and not formatted:
                return [f"line {index + 1} re-indented unlike terraform fmt"]
            return []
        if re.sub(r"['\"]", "", old) == re.sub(r"['\"]", "", new):
            return [f"line {index + 1} quotes changed"]
        if "'" in old and '"' not in old and '"' in new and "'" not in new:
            return [f"line {index + 1} rewritten without the author's quotes"]
        return []


# ================================================================ running and reporting
def run(paths: list[str], progress: Callable[[str], None]) -> tuple[Outcome, dict[str, object]]:
    started = time.perf_counter()
    workspace = collect(paths).files
    texts = {path: data.decode("utf-8", "replace") for path, data in workspace.items()}
    engine = Engine(EngineConfig(unsafe=True))
    progress(f"fixing {len(workspace)} files")
    first = engine.fix(workspace)
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="deploy-safety-") as scratch:
        # cfn-lint runs in the background while the engine runs again: first over every fixed template (and the
        # originals that checks 3 and 4 ask about), then over the originals of the fixed templates in which it
        # found anything that could be new.
        fixed = sorted(p for p in first.files if language_of(p, texts) == "cloudformation")
        asked = {f.path for f in first.found if f.code == "IAC004" and f.subject.startswith("cycle ")}
        asked |= {e.path for e in first.errors}
        asked = {p for p in asked if language_of(p, texts) == "cloudformation"}
        rewritten = {}
        for index, path in enumerate(fixed):
            target = Path(scratch, str(index), posixpath.basename(path))
            target.parent.mkdir(parents=True)
            target.write_text(first.files[path], encoding="utf-8")
            rewritten[path] = str(target)
        progress(f"cfn-lint over {len(rewritten)} fixed templates and {len(asked)} others, in the background")
        lint_after = CfnLint(rewritten, Path(scratch), jobs=2)
        lint_asked = CfnLint({p: p for p in sorted(asked)}, Path(scratch))
        again = {path: first.files.get(path, texts[path]) for path in _modules_of(first.files, texts)}
        progress(f"fixing the {len(first.files)} fixed files again (with their modules: {len(again)} files)")
        second = engine.fix(again)
        judge = Judge(texts, first, second, outcome)
        progress("comparing names and spans")
        judge.check_collisions()
        judge.check_idempotent()
        judge.check_outside()
        linted_after = lint_after.results()
        suspects = sorted(p for p, found in linted_after.items()
                          if p not in asked and any(k[0].startswith("E") or k[0] == "W1001" for k in found))
        progress(f"cfn-lint over the originals of the {len(suspects)} fixed templates with errors")
        linted_before = {**CfnLint({p: p for p in suspects}, Path(scratch), jobs=2).results(), **lint_asked.results()}
        judge.check_cfn_lint(linted_before, linted_after, lint_after.messages)
        judge.check_rejected(linted_before)
    outcome.info["fixes applied"] = len(first.fixed)
    outcome.info["fixes rejected by verification"] = len(first.failures)
    summary = {
        "paths": paths,
        "files": Counter(language_of(p, texts) or "other" for p in texts),
        "fixed files": Counter(language_of(p, texts) for p in first.files),
        "fixes": Counter(f"{f.code} {f.fix.applicability}" for f in first.fixed if f.fix),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return outcome, summary


def _modules_of(files: Iterable[str], texts: Mapping[str, str]) -> list[str]:
    """The fixed files with the other files of their Terraform module or Pulumi program (a fix reads them)."""
    chosen = set(files)
    folders = {(posixpath.dirname(p), language_of(p, texts)) for p in chosen}
    folders = {(folder, language) for folder, language in folders if language != "cloudformation"}
    for path in texts:
        if (posixpath.dirname(path), language_of(path, texts)) in folders or posixpath.basename(path) in ("Pulumi.yaml", "Pulumi.yml"):
            chosen.add(path)
    return sorted(chosen)


def counts(outcome: Outcome) -> dict[str, dict[str, int]]:
    table = {check: dict.fromkeys((*LANGUAGES, "total"), 0) for check in CHECKS}
    for case in outcome.cases:
        row = table[case.check]
        row[case.language] = row.get(case.language, 0) + 1
        row["total"] += 1
    return table


def render(outcome: Outcome, summary: Mapping, verbose: bool) -> str:
    out = [f"deploy safety over {', '.join(summary['paths'])}: "
           + ", ".join(f"{n} {language}" for language, n in sorted(summary["files"].items())) + " files",
           "fixed files: " + ", ".join(f"{n} {language}" for language, n in sorted(summary["fixed files"].items()))
           + "; fixes: " + ", ".join(f"{n} {kind}" for kind, n in sorted(summary["fixes"].items())), ""]
    if verbose:
        for case in sorted(outcome.cases, key=lambda c: (c.check, c.path)):
            out.append(f"[{case.check}] {case.path}: {case.rule}: {case.reason}")
        out += [*outcome.notes, ""]
    header = f"{'':<45}" + "".join(f"{name:>15}" for name in (*LANGUAGES, "total"))
    out.append(header)
    for check, row in counts(outcome).items():
        out.append(f"{CHECKS[check]:<45}" + "".join(f"{row.get(k, 0):>15}" for k in (*LANGUAGES, "total")))
    out.append("")
    out += [f"{label}: {n}" for label, n in sorted(outcome.info.items())]
    out.append(f"took {summary['seconds']} s")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="corpus folders or files (default: tests/corpus/)")
    parser.add_argument("--verbose", action="store_true", help="list every offending case")
    parser.add_argument("--json", action="store_true", help="print counts and cases as JSON")
    arguments = parser.parse_args(argv)
    paths = arguments.paths or [os.path.relpath(ROOT / "tests" / "corpus")]
    quiet = arguments.json

    def progress(message: str) -> None:
        if not quiet:
            print(f"... {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)

    outcome, summary = run(paths, progress)
    if arguments.json:
        print(json.dumps({"summary": summary, "counts": counts(outcome), "info": dict(outcome.info),
                          "cases": [asdict(case) for case in outcome.cases], "notes": outcome.notes},
                         indent=2, default=str))
    else:
        print(render(outcome, summary, arguments.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
