"""What a job found on one head: the pull request's files read from GitHub and the engine's report on them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from iacfix.bot import metrics
from iacfix.bot.context import JobContext
from iacfix.bot.workspace import changed_iac_files, read_base, read_workspace
from iacfix.fixers.engine import UTF8_BOM, Engine, EngineConfig
from iacfix.fixers.isolation import analyse_isolated
from iacfix.fixers.model import FileError, Finding, Report


@dataclass
class Analysis:
    """The inputs of one head and the engine's report of fixing them."""

    head_sha: str
    tree_sha: str
    branch: str
    originals: dict[str, str]
    changed: list[str]
    patches: dict[str, str | None]
    fix: Report
    rules: list[str]
    modes: dict[str, str] = field(default_factory=dict)
    boms: set[str] = field(default_factory=set)  # changed files that start with a UTF-8 byte-order mark

    @property
    def findings(self) -> list[Finding]:
        """What the head has, before any fix: what the check run reports."""
        return self.fix.found

    @property
    def errors(self) -> list[FileError]:
        return self.fix.errors

    @property
    def fixed_files(self) -> dict[str, str]:
        """The new texts of the changed files, each with the byte-order mark it had."""
        return {path: (UTF8_BOM if path in self.boms else "") + text
                for path, text in self.fix.files.items() if path in self.changed}


def analyse(context: JobContext, config: EngineConfig) -> tuple[Analysis, dict[str, Any]]:
    """Read the head's changed infrastructure files (and their neighbours) and fix them; also the head commit."""
    client, pull = context.client, context.pull
    head_sha = context.head_sha
    head_commit = client.commit(head_sha)
    changed = changed_iac_files(client.pull_files(pull["number"]), context.config)
    workspace = read_workspace(client, head_commit["tree"]["sha"], changed)
    base_tree = client.commit(pull["base"]["sha"])["tree"]["sha"] if workspace.changed else None
    base = read_base(client, base_tree, workspace) if base_tree else {}
    config = replace(config, paths=frozenset(workspace.changed), base=base)
    engine = Engine(config)  # here only to name the rules it runs: the analysis runs in a child process
    report = analyse_isolated(config, workspace.files, context.limits) if workspace.changed else Report()
    originals = {path: workspace.files[path].decode("utf-8", errors="replace") for path in workspace.changed}
    boms = {path for path, text in originals.items() if text.startswith(UTF8_BOM)}
    analysis = Analysis(
        head_sha=head_sha, tree_sha=workspace.tree_sha, branch=pull["head"]["ref"], originals=originals,
        changed=workspace.changed, patches=workspace.patches, fix=report, rules=[rule.code for rule in engine.rules],
        modes=workspace.modes, boms=boms,
    )
    for finding in analysis.findings:
        metrics.findings.labels(finding.code).inc()
    return analysis, head_commit
