"""GitHub's published OpenAPI description, used to judge every request the App sends and every answer the double gives.

The description is large (800 paths, 3 MB compressed), so it is parsed once per process and `$ref`s are resolved
only when an operation is first used, through a `referencing` registry that holds the whole document.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema.validators
import referencing
import referencing.jsonschema
from openapi_schema_validator import OAS30Validator, oas30_format_checker

SPEC_PATH = Path(__file__).resolve().parents[1] / "github" / "api.github.com.openapi.json.gz"
SPEC_URI = "urn:github-rest-api"
HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")
# Path parameters GitHub lets span several segments when they come last (a ref such as heads/feature/x, a file path).
MULTI_SEGMENT_PARAMETERS = {"path", "ref", "basehead", "branch"}


@functools.cache
def load_spec() -> dict[str, Any]:
    with gzip.open(SPEC_PATH, "rt", encoding="utf-8") as stream:
        return json.load(stream)


@functools.cache
def _registry() -> referencing.Registry:
    resource = referencing.Resource.from_contents(load_spec(), default_specification=referencing.jsonschema.DRAFT4)
    return referencing.Registry().with_resource(SPEC_URI, resource)


def _pointer(*parts: str) -> str:
    return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    """Follows a non-schema `$ref` (a shared parameter, response or request body) inside the document."""
    while "$ref" in node:
        target: Any = load_spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _nullable_enum(validator: Any, enums: Any, instance: Any, schema: dict[str, Any]) -> Any:
    """GitHub marks fields such as a check run's `conclusion` as a nullable enum and sends null for them; OpenAPI
    3.0 tools read `nullable` as allowing null there too, so null passes the enum of a nullable schema."""
    if instance is None and schema.get("nullable"):
        return
    yield from _ENUM(validator, enums, instance, schema)


def _one_of(validator: Any, subschemas: Any, instance: Any, schema: dict[str, Any]) -> Any:
    """A discriminator only applies to objects: GitHub's contents answer is a oneOf whose directory branch is an
    array, which the discriminating oneOf cannot read, so non-objects get plain JSON Schema oneOf."""
    plain = "discriminator" in schema and not isinstance(instance, dict)
    yield from (_PLAIN_ONE_OF if plain else _ONE_OF)(validator, subschemas, instance, schema)


_ENUM = OAS30Validator.VALIDATORS["enum"]
_ONE_OF = OAS30Validator.VALIDATORS["oneOf"]
_PLAIN_ONE_OF = jsonschema.validators.Draft4Validator.VALIDATORS["oneOf"]
GitHubSchemaValidator = jsonschema.validators.extend(OAS30Validator, {"enum": _nullable_enum, "oneOf": _one_of})


@functools.cache
def _validator(pointer: str) -> Any:
    """One validator per schema location: OpenAPI 3.0 semantics (`nullable`), formats such as date-time checked."""
    return GitHubSchemaValidator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=_registry(),
                                 format_checker=oas30_format_checker)


def schema_errors(pointer: str, instance: Any, limit: int = 5) -> list[str]:
    """Readable schema mismatches of `instance` against the schema at `pointer` in the description."""
    errors = sorted(_validator(pointer).iter_errors(instance), key=lambda error: [str(p) for p in error.absolute_path])
    return [f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {_describe(error)}" for error in errors[:limit]]


def _describe(error: Any) -> str:
    """The validator's message, or the rule broken when the message would quote a whole large instance."""
    if len(error.message) <= 240:
        return error.message
    return f"breaks {error.validator}={json.dumps(error.validator_value)[:120]}"


def component_properties(schema_name: str) -> list[str]:
    """The property names a component schema declares, to trim a full object to a narrower GitHub shape."""
    return list(load_spec()["components"]["schemas"][schema_name]["properties"])


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    schema: dict[str, Any]
    pointer: str


@dataclass
class Operation:
    """One (method, path template) of the description, with what is needed to check a request and its response."""

    operation_id: str
    method: str
    template: str
    regex: re.Pattern[str]
    specificity: tuple[int, ...]
    parameters: list[Parameter] = field(default_factory=list)
    body_pointer: str | None = None
    body_required: bool = False
    responses: dict[str, str | None] = field(default_factory=dict)

    def query_parameters(self) -> dict[str, Parameter]:
        return {parameter.name: parameter for parameter in self.parameters if parameter.location == "query"}

    def path_parameters(self) -> dict[str, Parameter]:
        return {parameter.name: parameter for parameter in self.parameters if parameter.location == "path"}


def _compile_template(template: str) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """A regex over the raw (still percent-encoded) path, and a sort key: fewer parameters, earlier literals win."""
    segments = template.strip("/").split("/")
    parts, specificity, greedy = [], [], 0
    for index, segment in enumerate(segments):
        names = re.findall(r"\{([^}]+)\}", segment)
        whole_parameter = len(names) == 1 and segment == f"{{{names[0]}}}"
        multi = index == len(segments) - 1 and whole_parameter and names[0] in MULTI_SEGMENT_PARAMETERS
        greedy = greedy or int(multi)
        specificity.append(1 if names else 0)
        pattern = re.escape(segment)
        for name in names:
            pattern = pattern.replace(re.escape(f"{{{name}}}"), "(.+)" if multi else "([^/]+?)", 1)
        parts.append(pattern)
    return re.compile("^/" + "/".join(parts) + "$"), (greedy, *specificity)


def _operation(template: str, method: str, item: dict[str, Any], path_parameters: list[Any]) -> Operation:
    definition = item[method]
    regex, specificity = _compile_template(template)
    operation = Operation(definition["operationId"], method.upper(), template, regex, specificity)
    merged: dict[tuple[str, str], Parameter] = {}
    for source, raw in (("path", path_parameters), (method, definition.get("parameters", []))):
        for index, reference in enumerate(raw):
            parameter = _deref(reference)
            if "$ref" in reference:
                pointer = reference["$ref"].removeprefix("#") + "/schema"
            else:
                base = ("paths", template) if source == "path" else ("paths", template, method)
                pointer = _pointer(*base, "parameters", str(index), "schema")
            merged[(parameter["name"], parameter["in"])] = Parameter(
                parameter["name"], parameter["in"], parameter.get("required", False), parameter.get("schema", {}),
                pointer)
    operation.parameters = list(merged.values())
    body = definition.get("requestBody")
    if body is not None:
        resolved = _deref(body)
        operation.body_required = resolved.get("required", False)
        if "application/json" in resolved.get("content", {}):
            base = body["$ref"].removeprefix("#") if "$ref" in body else _pointer("paths", template, method,
                                                                                   "requestBody")
            operation.body_pointer = base + _pointer("content", "application/json", "schema")
    for status, response in definition.get("responses", {}).items():
        resolved = _deref(response)
        if "application/json" in resolved.get("content", {}):
            base = response["$ref"].removeprefix("#") if "$ref" in response else _pointer(
                "paths", template, method, "responses", status)
            operation.responses[status] = base + _pointer("content", "application/json", "schema")
        else:
            operation.responses[status] = None
    return operation


class RouteTable:
    """Matches a request to the operation GitHub would serve, preferring literal segments over parameters."""

    def __init__(self) -> None:
        self._templates: dict[str, dict[str, Any]] = load_spec()["paths"]
        self._regexes = [(template, _compile_template(template)) for template in self._templates]
        self._operations: dict[tuple[str, str], Operation] = {}

    def match(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
        candidates = []
        for template, (regex, specificity) in self._regexes:
            found = regex.match(raw_path)
            if found and method.lower() in self._templates[template]:
                candidates.append((specificity, template, found))
        if not candidates:
            return None
        _, template, found = min(candidates, key=lambda candidate: candidate[0])
        operation = self.operation(method, template)
        names = re.findall(r"\{([^}]+)\}", template)
        values = {name: urllib.parse.unquote(value) for name, value in zip(names, found.groups(), strict=True)}
        return operation, values

    def operation(self, method: str, template: str) -> Operation:
        key = (method.upper(), template)
        if key not in self._operations:
            item = self._templates[template]
            self._operations[key] = _operation(template, method.lower(), item, item.get("parameters", []))
        return self._operations[key]


@functools.cache
def route_table() -> RouteTable:
    return RouteTable()


def _coerce(value: str, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "integer":
        return int(value) if re.fullmatch(r"-?\d+", value) else value
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            return value
    if kind == "boolean":
        return {"true": True, "false": False}.get(value, value)
    if kind == "array":
        return value.split(",")
    return value


def check_path_parameters(operation: Operation, values: dict[str, str]) -> list[str]:
    problems = []
    for name, parameter in operation.path_parameters().items():
        if name in values:
            for message in schema_errors(parameter.pointer, _coerce(values[name], parameter.schema)):
                problems.append(f"path parameter {name}: {message}")
    return problems


def check_query(operation: Operation, query: list[tuple[str, str]]) -> list[str]:
    """Unknown, missing or ill-typed query parameters, as GitHub's description defines them."""
    declared = operation.query_parameters()
    problems = []
    seen = set()
    for name, value in query:
        seen.add(name)
        parameter = declared.get(name)
        if parameter is None:
            problems.append(f"query parameter {name!r} is not defined for {operation.operation_id}")
            continue
        for message in schema_errors(parameter.pointer, _coerce(value, parameter.schema)):
            problems.append(f"query parameter {name}: {message}")
    for name, parameter in declared.items():
        if parameter.required and name not in seen:
            problems.append(f"required query parameter {name!r} is missing")
    return problems


def check_body(operation: Operation, body: Any, present: bool) -> list[str]:
    if not present:
        return ["request body is required"] if operation.body_required else []
    if operation.body_pointer is None:
        return [f"{operation.operation_id} takes no JSON request body"]
    return [f"request body {message}" for message in schema_errors(operation.body_pointer, body)]


def check_response(operation: Operation, status: int, body: Any) -> list[str]:
    """A documented status must carry its documented schema; 2xx statuses must be documented at all."""
    key = str(status) if str(status) in operation.responses else "default"
    if key not in operation.responses:
        if status < 400:
            return [f"status {status} is not documented for {operation.operation_id}"]
        return [] if isinstance(body, dict) and isinstance(body.get("message"), str) else [
            f"error status {status} without a message"]
    pointer = operation.responses[key]
    if pointer is None:
        return [] if body is None else [f"status {status} of {operation.operation_id} has no documented body"]
    return [f"response {status} {message}" for message in schema_errors(pointer, body)]
