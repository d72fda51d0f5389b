"""IAC009 lambda-memory-rightsize: Lambda memory sized far above (or below) what functions need."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from iacfix.fixers.document import Document, Node, Resource
from iacfix.fixers.kinds import LAMBDA_FUNCTION, MEMORY_SIZE
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register

LAMBDA_MEMORY = (128, 10240)  # the memory sizes Lambda accepts, in MB
DEFAULT_MEMORY = 128  # what Lambda gives a function that sets none


@register
class LambdaMemoryRightsize(Rule):
    """Lambda functions given far more memory than a function normally needs, or less than the configured minimum.

    ## What it does
    Finds Lambda functions whose memory is at or above `max_mb` (3008 MB by default), SAM's `Globals` included,
    and, when `min_mb` is configured, functions below it (a function that sets no memory gets Lambda's 128 MB).
    Memory taken from a Terraform variable, a CloudFormation parameter or a Pulumi constant is judged by its
    default and reported without a fix.

    ## Why is this bad?
    Lambda bills memory for every millisecond a function runs, whatever it actually uses: a function given
    3008 MB that peaks at 500 MB costs three times what 1024 MB would, on every invocation. Too little memory is
    the opposite failure: Lambda gives CPU in proportion to memory, so an undersized function runs slowly and
    times out under load.

    ## What the fix does
    The memory size becomes `target_mb` (1024 MB by default): Terraform `memory_size = 1024`;
    CloudFormation: `MemorySize: 1024` (in SAM's `Globals` when the value comes from there); Pulumi:
    `memory_size=1024`.

    ## Fix safety
    Unsafe, offered as a suggestion unless asked for: memory also sets the function's CPU share, so a
    CPU-bound function may run longer, and one that really needs the memory fails. Check the peak memory the
    function reports (`Max Memory Used` in its logs) before applying. Not fixed: memory from a variable,
    parameter or constant (callers may pass another value: change it where it is chosen).

    ## Options
    - `max_mb` (default 3008): memory at or above this is reduced.
    - `target_mb` (default 1024): what it is reduced to; below `max_mb`.
    - `min_mb` (default none): memory below this (or unset) is raised to it; at most `target_mb`.
    All three are sizes Lambda accepts, 128 to 10240 MB.

    ## References
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
    - https://docs.aws.amazon.com/lambda/latest/operatorguide/computing-power.html
    """

    code = "IAC009"
    name = "lambda-memory-rightsize"
    title = "Lambda memory must be sized to what the function needs"
    severity = Severity.WARNING
    seeds = ("seed 004 §4", "seed 002 §1")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        max_mb: int = 3008
        target_mb: int = 1024
        min_mb: int | None = None

        def __post_init__(self) -> None:
            low, high = LAMBDA_MEMORY
            sizes = [self.max_mb, self.target_mb] + ([self.min_mb] if self.min_mb is not None else [])
            if any(not low <= size <= high for size in sizes):
                raise ValueError(f"Lambda memory sizes are {low} to {high} MB")
            if self.target_mb >= self.max_mb:
                raise ValueError("target_mb must be below max_mb")
            if self.min_mb is not None and self.min_mb > self.target_mb:
                raise ValueError("min_mb must be at most target_mb")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        options = context.options
        shared: dict[tuple[int, int], list[Resource]] = {}  # a Globals value, and the functions taking it
        for function in document.resources(LAMBDA_FUNCTION):
            node = function.get(MEMORY_SIZE)
            size = DEFAULT_MEMORY if node is None else megabytes(node.literal)
            if node is not None and size is None:
                yield from self.from_input(function, node, context)
            elif node is not None and node.inherited:
                shared.setdefault((node.start, node.end), []).append(function)
            elif size is not None and (wanted := resized(size, options)) is not None:
                changes = context.changes(document)
                changes.set(function, MEMORY_SIZE, wanted)
                changes.describe(f"set the memory of {function.subject} to {wanted} MB")
                written = f"has {size} MB of memory" if node is not None else \
                    f"sets no memory, so Lambda gives it {size} MB"
                yield self.finding(node or function, f"Lambda function {function.subject} {written}"
                                   f"{reason(size, options)}", subject=f"{function.subject}:memory",
                                   resource=function, fix=changes)
        for functions in shared.values():
            node = functions[0].get(MEMORY_SIZE)
            assert node is not None
            size = megabytes(node.literal)
            wanted = resized(size, options) if size is not None else None
            if wanted is None:
                continue
            changes = context.changes(document)
            changes.replace(node, wanted)
            changes.describe(f"set the memory in Globals to {wanted} MB")
            names = ", ".join(function.subject for function in functions)
            yield self.finding(node, f"SAM Globals give {names} {size} MB of memory{reason(size, options)}",
                               subject="Globals:memory", fix=changes)

    def from_input(self, function: Resource, node: Node, context: RuleContext) -> Iterator[Finding]:
        """Memory from a variable, parameter or constant: judged by its default, left to its author."""
        source = node.input(context.unit)
        size = megabytes(source.default.literal) if source is not None and source.default is not None else None
        if source is None or size is None or resized(size, context.options) is None:
            return
        yield self.finding(node, f"Lambda function {function.subject} has {size} MB of memory"
                           f"{reason(size, context.options)}",
                           subject=f"{function.subject}:memory", resource=function,
                           not_fixed_reason=f"its memory comes from {source.name} (default {size} MB); change it "
                                            "where the value is chosen")


def megabytes(value: Any) -> int | None:
    """A memory size written as a number or numeric text; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def resized(size: int, options: Any) -> int | None:
    """The memory a function of ``size`` MB should have, or None when its size is within bounds."""
    if size >= options.max_mb:
        return options.target_mb
    if options.min_mb is not None and size < options.min_mb:
        return options.min_mb
    return None


def reason(size: int, options: Any) -> str:
    """Why ``size`` MB is wrong, following the size in the message: what it costs, or what it risks."""
    if size >= options.max_mb:
        return (f", at or above {options.max_mb} MB: every millisecond is billed at {size / options.target_mb:.1f}× "
                f"the price of {options.target_mb} MB, whatever the function uses")
    return (f", below the {options.min_mb} MB minimum: Lambda gives CPU in proportion to memory, so it runs slowly "
            "and may time out")
