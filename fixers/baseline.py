"""What existed before the change being fixed, so new resources can be told from deployed ones.

AWS creates some resources by itself (Lambda makes ``/aws/lambda/<name>`` the first time a function runs): a fix
may add such a resource from code only for a function the change itself adds; for one that already existed, the
resource must be adopted. The baseline is the workspace as it was at the change's base (a pull request's base, a
git revision); without one, every resource counts as new.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from functools import cached_property

from iacfix.fixers.classify import classify
from iacfix.fixers.document import Document, NotInfrastructure, ParseFailure, Resource
from iacfix.fixers.model import Language


class Baseline:
    """The files as they were before the change; None: nothing is known, everything is new."""

    def __init__(self, files: Mapping[str, str | bytes] | None = None) -> None:
        self.files = files

    @property
    def known(self) -> bool:
        return self.files is not None

    def existed(self, resource: Resource) -> bool:
        """Whether the resource (by the name references use) was declared in the base version of its unit."""
        if self.files is None or resource.name is None:
            return False
        document = resource.document
        return resource.name in self._names.get(self._unit_key(document.language, document.path), set())

    @staticmethod
    def _unit_key(language: Language, path: str) -> tuple[Language, str]:
        return language, path if language is Language.CLOUDFORMATION else posixpath.dirname(path)

    @cached_property
    def _names(self) -> dict[tuple[Language, str], set[str]]:
        from iacfix.fixers.engine import parse_document

        names: dict[tuple[Language, str], set[str]] = {}
        paths = set(self.files or {})
        for path, data in (self.files or {}).items():
            text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
            language = classify(path, text, paths).language
            if language is None:
                continue
            try:
                document: Document = parse_document(language, path, text)
            except (ParseFailure, NotInfrastructure, RecursionError):
                continue
            declared = names.setdefault(self._unit_key(language, path), set())
            declared.update(r.name for r in document.resources() if r.name is not None)
        return names
