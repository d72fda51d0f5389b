"""IAC004 dependson-cycle: explicit dependencies that close a cycle, or that repeat what a reference says."""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from iacfix.fixers.document import Document
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.references import (
    Declared,
    DependencyGraph,
    Entry,
    Reference,
    closes_cycle,
    dependency_graph,
)
from iacfix.fixers.registry import Rule, RuleContext, register

if TYPE_CHECKING:  # networkx is imported only when a cycle is there to break
    import networkx as nx

# How many candidate sets of entries the exact search may try per cycle before giving up.
SEARCH_BUDGET = 20_000
ARROW = " → "
Position = Any  # where an object is declared, anything sortable: an offset, or (file, offset)


@dataclass
class Cycle:
    """A strongly connected group of objects, one cycle through it, and the entries whose removal breaks it."""

    members: list[str]  # in declaration order
    path: list[str]  # one cycle, its first object repeated at the end
    removal: list[Entry] | None
    reason: str | None = None  # why there is no removal

    def spell(self, name: Callable[[str], str]) -> str:
        """``A → B → A``, naming the other objects of the group when the cycle shown does not pass them."""
        others = [name(member) for member in self.members if member not in self.path]
        spelled = ARROW.join(name(node) for node in self.path)
        return f"{spelled} (also through {', '.join(others)})" if others else spelled


@dataclass
class Redundant:
    """The entries (one, or the same one written twice) of one object on another that it already references."""

    entries: list[Entry]
    reference: Reference


def analyse(
    declared: dict[str, Position], references: Iterable[Reference], entries: Iterable[Entry]
) -> tuple[list[Cycle], list[Redundant]]:
    """Cycles among the declared objects and how to break each, and entries a reference already implies.

    ``declared`` maps each object to a sortable position: the order in which the author declared them.
    """
    references = list(references)
    entries = list(entries)
    cycles = _cycles(declared, references, entries) if closes_cycle(declared, [*references, *entries]) else []
    ordering = {(r.source, r.target): r for r in references if r.implies_order}
    implied: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        if (entry.source, entry.target) in ordering:
            implied[entry.source, entry.target].append(entry)
    return cycles, [Redundant(group, ordering[pair]) for pair, group in implied.items()]


def _cycles(declared: dict[str, Position], references: list[Reference], entries: list[Entry]) -> list[Cycle]:
    """Each strongly connected group of objects, and how to break it."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(declared)
    for reference in references:
        if reference.source in declared and reference.target in declared:
            graph.add_edge(reference.source, reference.target)
            graph.edges[reference.source, reference.target].setdefault("references", []).append(reference)
    for entry in entries:
        if entry.source in declared and entry.target in declared:
            graph.add_edge(entry.source, entry.target)
            graph.edges[entry.source, entry.target].setdefault("entries", []).append(entry)
    cycles = []
    for component in nx.strongly_connected_components(graph):
        first = min(component, key=declared.__getitem__)
        if len(component) > 1 or graph.has_edge(first, first):
            cycles.append(_break(graph.subgraph(component), declared))
    cycles.sort(key=lambda cycle: declared[cycle.members[0]])
    return cycles


def _break(component: nx.DiGraph, declared: dict[str, Position]) -> Cycle:
    import networkx as nx

    members = sorted(component, key=declared.__getitem__)
    removable = [edge for edge, data in component.edges.items() if "references" not in data]
    removable.sort(key=lambda edge: (declared[edge[0]], declared[edge[1]]))
    left = nx.restricted_view(component, [], removable)
    if not nx.is_directed_acyclic_graph(left):
        path = _spell(left, members)
        return Cycle(members, path, None, "no explicit dependency takes part in this cycle: every edge is a "
                     "reference, so one of them must be restructured by hand")
    chosen = _fewest(component, removable, declared)
    if chosen is None:
        return Cycle(members, _spell(component, members), None, f"more than {SEARCH_BUDGET} ways to choose the "
                     "dependencies to remove; choose which ones the deployment does not need by hand")
    first = chosen[0]
    path = [first[0], *nx.shortest_path(component, first[1], first[0])]
    removal = [entry for edge in chosen for entry in component.edges[edge]["entries"]]
    return Cycle(members, path, removal)


def _spell(graph: nx.DiGraph, members: list[str]) -> list[str]:
    import networkx as nx

    for start in members:
        try:
            edges = nx.find_cycle(graph, start)
        except nx.NetworkXNoCycle:
            continue
        return [edges[0][0], *(edge[1] for edge in edges)]
    return members


def _fewest(
    component: nx.DiGraph, removable: list[tuple[str, str]], declared: dict[str, Position]
) -> list[tuple[str, str]] | None:
    """The fewest removable edges whose removal leaves no cycle, by exhaustive search in growing sizes.

    Among equally small sets it prefers edges pointing forward (to an object declared later: authors
    declare what a resource needs before it, so a forward dependency is the likelier mistake), then
    fewer entries, then the earliest in the file.
    """
    import networkx as nx

    budget = SEARCH_BUDGET
    for size in range(1, len(removable) + 1):
        budget -= math.comb(len(removable), size)
        if budget < 0:
            return None
        valid = [
            combo for combo in combinations(removable, size)
            if nx.is_directed_acyclic_graph(nx.restricted_view(component, [], combo))
        ]
        if valid:
            def preference(combo: tuple[tuple[str, str], ...]) -> tuple[int, int, list[Position]]:
                backward = sum(1 for source, target in combo if declared[target] < declared[source])
                entries = sum(len(component.edges[edge]["entries"]) for edge in combo)
                return backward, entries, [declared[source] for source, _ in combo]

            return list(min(valid, key=preference))
    return None


@register
class DependsOnCycle(Rule):
    """Explicit dependencies that close a dependency cycle, or that only repeat what a reference implies.

    ## What it does
    Builds the graph of what orders the resources of a CloudFormation template, a Terraform module or a
    Pulumi program: references (`Ref`, `Fn::GetAtt`, `Fn::Sub` strings and variable maps, in both tag and
    long form and inside `Fn::If`; `aws_x.y.attr`, `data.` sources, module inputs and locals; outputs passed
    as inputs, also inside lambdas) and explicit dependencies (`DependsOn`, `depends_on`,
    `ResourceOptions(depends_on=...)`). It reports every cycle, spelled out (`TapApiKey → TapUsagePlan →
    TapApiKey`), and every explicit dependency on a resource that the same resource already references, as
    cfn-lint's W3005 does.

    SAM templates are read as SAM expands them: what a function's `Events`, `DeploymentPreference`,
    `FunctionUrlConfig` or `ProvisionedConcurrencyConfig` name is used by the resources SAM generates beside the
    function (a permission, an event source mapping, a subscription, an alias, a deployment group), which depend on
    the function, so it is no edge from the function; `Policies` count only when SAM generates the function's
    role; `Globals` count for every function they apply to; an S3 event makes the bucket wait for the function.

    ## Why is this bad?
    A template or configuration with a dependency cycle cannot be deployed at all: CloudFormation rejects it
    with "Circular dependency between resources", Terraform with "Cycle:", and a Pulumi program waits
    forever. Reviews keep finding cycles made by a `DependsOn` added "to be safe" in both directions, as with
    an API key and its usage plan that each waited for the other. Redundant entries are how such cycles
    start: they hide which dependency is real.

    ## What the fix does
    The fix removes the fewest explicit entries that break every cycle (an exact search; among equally small
    choices it removes entries pointing to a resource declared further down). A list left with one entry
    stays a list as written (block or flow); an emptied `DependsOn` or `depends_on` goes with its key, and an
    emptied `ResourceOptions()` with its `opts=`.

    ## Fix safety
    Safe: a template with a cycle cannot deploy, so removing an entry of the cycle loses nothing that worked,
    and a redundant entry orders nothing its reference does not. A cycle made of references only is
    reported with the cycle spelled out and not fixed. A reference inside an `Fn::If` branch, in `Metadata`
    or `lifecycle`, inside a Pulumi lambda or f-string, or from a Terraform module call or data source takes
    part in cycles but never makes an entry redundant, since it may not order the resources the same way; nor
    does reading a Pulumi component's output. Reading a Terraform module's output is left out of the graph
    (which inputs an output needs is not known without the module's source), so no cycle is claimed through
    it. A cycle whose smallest set of entries cannot be found within 20,000 tries is reported, not fixed.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
    - https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on
    - https://www.pulumi.com/docs/iac/concepts/options/dependson/
    - https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md (E3004, W3005)
    """

    code = "IAC004"
    name = "dependson-cycle"
    title = "Explicit dependencies must not close a cycle or repeat a reference"
    severity = Severity.ERROR
    seeds = ("seed 001 §3a", "seed 001 §3d")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    # What a cycle stops, in each language's words.
    CONSEQUENCE = {
        Language.CLOUDFORMATION: "the template cannot be deployed",
        Language.TERRAFORM: "Terraform cannot plan this module",
        Language.PULUMI: "the program can never finish registering these resources",
    }

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        graph = dependency_graph(document, context.unit)
        own = [entry for entry in graph.entries if entry.node.document is document]
        if not own and not graph.may_have_cycle():
            return
        positions = {name: declared.position for name, declared in graph.objects.items()}
        cycles, redundant = analyse(positions, graph.references, graph.entries)
        for cycle in cycles:
            found = self._cycle(document, context, graph, cycle)
            if found is not None:
                yield found
        for item in redundant:
            if item.entries[0].node.document is document:
                yield self._redundant(document, context, graph, item)

    def _cycle(self, document: Document, context: RuleContext, graph: DependencyGraph, cycle: Cycle) -> Finding | None:
        """Reported with the file whose entries break it (the first object's file when none can), once."""
        here = [entry for entry in cycle.removal or [] if entry.node.document is document]
        anchor = graph.objects[here[0].source if here else cycle.members[0]]
        if (cycle.removal is not None and not here) or anchor.document is not document:
            return None
        name = graph.display
        message = f"dependency cycle {cycle.spell(name)}: {self.CONSEQUENCE[document.language]}"
        subject = "cycle " + " ".join(sorted(name(member) for member in cycle.members))
        if cycle.removal is None:
            return self._at(anchor, message, subject=subject, not_fixed_reason=cycle.reason)
        removing = _listing(here, graph)
        changes = context.changes(document)
        graph.remove(changes, here)
        changes.describe(f"remove {removing}")
        return self._at(anchor, f"{message}; remove {removing}", subject=subject, fix=changes)

    def _at(self, declared: Declared, message: str, **details: Any) -> Finding:
        where = declared.resource or declared.document
        return self.finding(where, message, span=declared.header, resource=declared.resource, **details)

    def _redundant(self, document: Document, context: RuleContext, graph: DependencyGraph, item: Redundant) -> Finding:
        """Redundant entries do not stop a deployment: they are warnings, cycles are errors."""
        entry = item.entries[0]
        source, target = graph.display(entry.source), graph.display(entry.target)
        changes = context.changes(document)
        graph.remove(changes, item.entries)
        changes.describe(f"remove the redundant {target} from the {graph.word} of {source}")
        found = self.finding(
            entry.node, f"redundant {graph.word} {target} of {source}: {item.reference.where} already orders them",
            subject=f"{source} {graph.word} {target}", fix=changes, resource=graph.objects[entry.source].resource,
        )
        return dataclasses.replace(found, severity=Severity.WARNING)


def _listing(entries: Iterable[Entry], graph: DependencyGraph) -> str:
    """The entries to remove, grouped by the object that declares them."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.source].append(entry)
    return "; ".join(
        f"{', '.join(graph.display(entry.target) for entry in group)} from the {graph.word} of {graph.display(source)}"
        for source, group in grouped.items()
    )
