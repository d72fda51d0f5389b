"""The values that flow through the engine: edits, fixes, findings and errors.

They are plain data so that the command line, the GitHub App and the tests can all read them without
knowing which rule or language produced them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; maps onto SARIF levels and check-run annotation levels."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Applicability(StrEnum):
    """Whether a fix may be applied without being asked (as ruff's fixes do).

    A display-only fix is never applied: it is shown (a suggestion in the App, a diff in the command line) for
    a person to adapt, such as a narrowed policy whose resources had to be guessed.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Language(StrEnum):
    TERRAFORM = "terraform"
    CLOUDFORMATION = "cloudformation"
    PULUMI = "pulumi"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace the characters ``start:end`` of a file's original text with ``text``.

    An insertion has ``start == end``. Offsets are character offsets into the original text, so every
    byte outside ``start:end`` is untouched by construction.
    """

    start: int
    end: int
    text: str

    def overlaps(self, other: Edit) -> bool:
        """Edits that touch or share characters conflict: applying both could misplace one of them."""
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class Fix:
    """The edits that resolve one finding, in one file, with the reason it is safe or not."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    description: str
    added: tuple[str, ...] = ()  # names of the resources the fix adds (verification expects exactly these)

    def overlaps(self, other: Fix) -> bool:
        return any(mine.overlaps(theirs) for mine in self.edits for theirs in other.edits)


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Finding:
    """One occurrence of a rule's failure in one file.

    ``subject`` names what the finding is about in terms that survive edits (a resource address,
    a logical id), so the engine can tell after a fix whether the same finding is still there.
    """

    code: str
    name: str
    path: str
    subject: str
    message: str
    severity: Severity
    start: Position
    end: Position
    fix: Fix | None = None
    not_fixed_reason: str | None = None
    resource_line: int | None = None  # where the resource is declared, for inline suppressions

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.code, self.path, self.subject)

    @property
    def fixable(self) -> bool:
        """Whether the fix can be applied (a display-only fix is shown, never applied)."""
        return self.fix is not None and self.fix.applicability is not Applicability.DISPLAY_ONLY


@dataclass(frozen=True)
class FileError:
    """A file that could not be read or parsed; it is reported and left untouched."""

    path: str
    line: int
    column: int
    reason: str


@dataclass(frozen=True)
class Skipped:
    """A file the engine does not handle, with the reason (shown by ``--verbose``)."""

    path: str
    reason: str


@dataclass
class FixFailure:
    """A fix the engine computed but did not write, because verification rejected it."""

    finding: Finding
    reason: str


@dataclass
class Report:
    """Everything one run of the engine found, fixed and could not handle.

    ``found`` is what the files held when the run started; ``remaining`` what they hold when it ends (the same
    list for a scan; after a fix, what was not fixed).
    """

    remaining: list[Finding] = field(default_factory=list)
    found: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    failures: list[FixFailure] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # path -> new text, only files that changed
    scanned: int = 0
    # Where each fixed finding's edits lie in the file as it was before any fix, edit by edit (character spans;
    # an insertion is an empty one): a fix made in a later pass has edits on the intermediate text.
    edited: dict[tuple[str, str, str], tuple[tuple[int, int], ...]] = field(default_factory=dict)

    @property
    def origins(self) -> dict[tuple[str, str, str], tuple[int, int]]:
        """The span of the original text each fix's edits cover, first to last: where a suggestion goes."""
        return {identity: (min(start for start, _ in spans), max(end for _, end in spans))
                for identity, spans in self.edited.items()}
