"""IAC023 stepfunctions-task-retry: Lambda tasks of a state machine must retry Lambda's transient errors."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping

from iacfix.fixers.document import Document, Node, Reference, Resource, Unit
from iacfix.fixers.embedded import Host, decode
from iacfix.fixers.kinds import (
    DEFINITION,
    DEFINITION_FILE,
    DEFINITION_STRING,
    DEFINITION_SUBSTITUTIONS,
    LAMBDA_ALIAS,
    LAMBDA_FUNCTION,
    LAMBDA_VERSION,
    STATE_MACHINE,
)
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register

LAMBDA_ERRORS = ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                 "Lambda.TooManyRequestsException"]
RETRY = [{"ErrorEquals": LAMBDA_ERRORS, "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2}]
LAMBDA_RESOURCE = re.compile(r"^arn:[^:]+:(states:::lambda:invoke|lambda:[^:]*:[^:]*:function:)")
PLACEHOLDER = re.compile(r"^\$\{([A-Za-z0-9_.-]+)\}$")
NESTED = ("Iterator", "ItemProcessor")  # where Map states keep their own states


@register
class StepfunctionsTaskRetry(Rule):
    """Step Functions tasks that invoke Lambda without retrying its transient errors.

    ## What it does
    Finds `Task` states that invoke a Lambda function (`arn:aws:states:::lambda:invoke`, a function's ARN, or a
    reference to a function of the module, template or program) and have no `Retry`, in definitions written
    inline: Terraform `jsonencode({...})` and heredoc JSON, CloudFormation `Definition` mappings and
    `DefinitionString` JSON (`!Sub` included), SAM's `Definition`, and Pulumi `json.dumps`/`Output.json_dumps`
    or JSON strings, inside `.apply` too. States inside `Parallel` branches and `Map` iterators count. A
    definition read from a file (`templatefile`, `file`, SAM's `DefinitionUri`) is reported without a fix.
    Other task types are not touched.

    ## Why is this bad?
    Lambda throttles under bursts and occasionally fails with service errors that succeed on a second try. A
    task without `Retry` turns each of them into a failed execution: the order, payment or file it was
    processing stops halfway, and someone has to find it and run it again.

    ## What the fix does
    Each Lambda task state without one gets a `Retry` on Lambda's transient errors (`Lambda.ServiceException`,
    `Lambda.AWSLambdaException`, `Lambda.SdkClientException`, `Lambda.TooManyRequestsException`): 6 attempts, 2
    seconds apart, backoff rate 2.
    The same `Retry` is written in the definition's own form: a YAML mapping, JSON laid out as the states
    around it, a Python dict. Only the states that change are touched; every other byte of the definition stays.

    ## Fix safety
    Unsafe, offered as a suggestion unless asked for: a retried task runs its function again, so a function
    that is not idempotent (it charges a card, sends a message) may do its work twice. Not fixed: definitions
    read from files, JSON written as an escaped string, and tasks whose JSON string cannot take the new text.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
    - https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
    """

    code = "IAC023"
    name = "stepfunctions-task-retry"
    title = "Step Functions Lambda tasks must retry transient errors"
    severity = Severity.WARNING
    seeds = ("seed 002 §4",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        for machine in document.resources(STATE_MACHINE):
            written = machine.get(DEFINITION) or machine.get(DEFINITION_STRING)
            definition = written.decoded() if written is not None else None
            placeholders, reason = machine.get(DEFINITION_SUBSTITUTIONS), None
            if definition is None:
                definition, placeholders, reason = read_file(machine, written, document, context.texts)
            states = definition.get("States") if definition is not None else None
            for path, state in lambda_tasks(states, context.unit, placeholders) if states is not None else ():
                message = (f"Lambda task {path} of state machine {machine.subject} has no Retry: a throttle or a transient Lambda "
                           "error fails the whole execution")
                subject = f"{machine.subject}:{path}"
                if reason is not None:
                    yield self.finding(written or machine, message, subject=subject, resource=machine,
                                       not_fixed_reason=reason)
                    continue
                changes = context.changes(document)
                changes.add_entry(state, "Retry", RETRY)
                changes.describe(f"retry Lambda's transient errors in {path} of {machine.subject}")
                yield self.finding(state, message, subject=subject, resource=machine, fix=changes)


def lambda_tasks(states: Node, unit: Unit, placeholders: Node | None, prefix: str = "") -> Iterator[tuple[str, Node]]:
    """The Lambda tasks without Retry among ``states`` and the states nested in their branches and iterators."""
    for name, state in states.entries():
        kind = state.get("Type")
        if kind is not None and kind.literal == "Task" and state.get("Retry") is None \
                and invokes_lambda(state.get("Resource"), unit, placeholders):
            yield prefix + name, state
        branches = state.get("Branches")
        inner = [branch.get("States") for branch in (branches.items() or [])] if branches is not None else []
        inner += [state.get(f"{key}.States") for key in NESTED]
        for nested in inner:
            if nested is not None:
                yield from lambda_tasks(nested, unit, placeholders, f"{prefix}{name}/")


def invokes_lambda(resource: Node | None, unit: Unit, placeholders: Node | None) -> bool:
    """Whether a task's Resource is Lambda: its integration, a function ARN, or a function of the unit."""
    if resource is None:
        return False
    text = resource.literal
    reference = resource.reference()
    if isinstance(text, str) and LAMBDA_RESOURCE.match(text):
        return True
    match = PLACEHOLDER.match(text) if isinstance(text, str) else None
    if match is not None and placeholders is not None:
        substituted = dict(placeholders.entries()).get(match.group(1))
        reference = substituted.reference() if substituted is not None else None
    target = unit.resource(reference.name) if reference is not None else None
    return target is not None and any(target.is_a(kind) for kind in (LAMBDA_FUNCTION, LAMBDA_ALIAS, LAMBDA_VERSION))


def read_file(machine: Resource, written: Node | None, document: Document,
              texts: Mapping[str, str]) -> tuple[Node | None, Node | None, str | None]:
    """A definition kept in a file of the workspace: its JSON, what its placeholders stand for, and why the fix
    is not made here."""
    read = written.file_read() if written is not None else None
    uri = machine.get(DEFINITION_FILE)
    if read is None and uri is not None and isinstance(uri.literal, str):
        read = (posixpath.normpath(posixpath.join(posixpath.dirname(document.path), uri.literal)),
                machine.get(DEFINITION_SUBSTITUTIONS))
    text = texts.get(read[0]) if read is not None else None
    if read is None or not isinstance(text, str):
        return None, None, None
    anchor = written or uri or machine
    parsed = decode(document, anchor.start, anchor.end, Host(_no_reference, None), decoded=text)
    return parsed, read[1], f"the definition is read from {read[0]}; add the Retry there"


def _no_reference(text: str, at: int) -> Reference | None:
    return None

