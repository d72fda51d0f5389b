"""IAC016 cfn-unused-parameter: template parameters that nothing in the template uses."""

from __future__ import annotations

from collections.abc import Iterator

from iacfix.fixers.document import Changes, Document, Node
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register

# Where a template can use a parameter: every section but the parameters themselves (a Metadata interface names
# them as plain strings, which is not a use).
USING_SECTIONS = ("Resources", "Outputs", "Conditions", "Rules", "Globals", "Metadata", "Mappings")
INTERFACE = "AWS::CloudFormation::Interface"
INCLUDE = "AWS::Include"  # Fn::Transform's snippets from S3, which the template does not show


@register
class CfnUnusedParameter(Rule):
    """CloudFormation parameters that nothing in the template uses.

    ## What it does
    Finds template parameters that no `Ref`, `Fn::Sub` (its string or its variable map), condition, rule
    (`Fn::ValueOf` included), output, SAM `Globals` section or resource uses. CloudFormation only: Terraform
    variables and Pulumi configuration are read by code, not declared by a template.

    ## Why is this bad?
    Every deployment must still supply an unused parameter (or accept its default), so pipelines, console forms
    and stack policies carry values that change nothing; a reviewer reading the parameter list believes the stack
    can be tuned in ways it cannot, and cfn-lint warns about each one (W2001). Such parameters are usually left
    behind by an edit that removed their last use.

    ## What the fix does
    The unused parameter is removed.
    The parameter goes with the comment lines right above it and its entries in the `AWS::CloudFormation::Interface`
    metadata (its label, and its place in a parameter group; a group left empty goes too). When it is the last
    parameter, the `Parameters` section goes.

    ## Fix safety
    Unsafe: a pipeline, a parent stack or a saved parameter file that still passes the parameter makes the next
    deployment fail ("Parameters: [LogLevel] do not exist in the template"); remove it there too. Templates with a
    transform other than SAM's or `AWS::LanguageExtensions`, or with a packaging tool's directives (Rain's
    `!Rain::Embed`, `!Rain::Module`), are not checked: the macro or the embedded file may read any parameter.
    Found but not fixed: a template that includes snippets with `Fn::Transform: {Name: AWS::Include}`, which may
    use it.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
    - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-cloudformation-interface.html
    - https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md
    """

    code = "IAC016"
    name = "cfn-unused-parameter"
    title = "Template parameters must be used"
    severity = Severity.WARNING
    seeds = ("seed 001 §3c", "seed 003 §9")
    languages = (Language.CLOUDFORMATION,)
    applicability = Applicability.UNSAFE

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        parameters = document.section("Parameters")
        names = parameters.keys() if parameters is not None else []
        if parameters is None or not names or document.preprocessors:
            return
        sections = [node for section in USING_SECTIONS if (node := document.section(section)) is not None]
        used = {reference.name for node in sections for reference in node.references()}
        included = any(node.mentions(INCLUDE) for node in sections)
        for name in names:
            if name in used:
                continue
            parameter = parameters.get(name)
            assert parameter is not None
            message = f"parameter {name} is declared but nothing in the template uses it"
            if included:
                yield self.finding(parameter, message, subject=f"Parameters.{name}", span=parameter.header,
                                   not_fixed_reason=f"the template includes snippets ({INCLUDE}) that may use it")
                continue
            changes = context.changes(document)
            changes.remove(parameters if len(names) == 1 else parameter)
            _forget_in_interface(document, changes, name)
            changes.describe(f"remove the unused parameter {name}")
            yield self.finding(parameter, message, subject=f"Parameters.{name}", span=parameter.header, fix=changes)


def _forget_in_interface(document: Document, changes: Changes, name: str) -> None:
    """Remove a parameter from the console interface: its label, and its place in a group (an emptied group, and
    then emptied containers up to the ``Metadata`` section, go too)."""
    metadata = document.section("Metadata")
    interface = metadata.get(INTERFACE) if metadata is not None else None
    if metadata is None or interface is None:
        return
    doomed: list[Node] = []
    labels = interface.get("ParameterLabels")
    if labels is not None and labels.get(name) is not None:
        doomed.append(labels if labels.keys() == [name] else labels.get(name))  # type: ignore[arg-type]
    groups = interface.get("ParameterGroups")
    emptied = []
    for group in (groups.items() or []) if groups is not None else []:
        listed = group.get("Parameters")
        items = listed.items() if listed is not None else None
        named = [item for item in items or [] if item.literal == name]
        if not named:
            continue
        if len(items or []) == len(named):
            emptied.append(group)
        else:
            doomed.extend(named)
    if groups is not None and emptied:
        doomed.extend([groups] if len(emptied) == len(groups.items() or []) else emptied)
    keys = set(interface.keys())
    gone = {"ParameterLabels"} if labels is not None and labels in doomed else set()
    gone |= {"ParameterGroups"} if groups is not None and groups in doomed else set()
    if gone and gone >= keys:
        doomed = [metadata if set(metadata.keys()) == {INTERFACE} else interface]
    for node in doomed:
        changes.remove(node)
