"""Values written into a template read as if its author wrote them: short tags or long forms, as the file does."""

from __future__ import annotations

import pytest
import yaml

from iacfix.fixers.cfn.document import parse
from iacfix.fixers.text import apply_edits
from iacfix.fixers.values import Ref, join

LONG_FORM = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName:\n        Ref: X\n      Other: old\n"
SHORT_FORM = LONG_FORM.replace("TopicName:\n        Ref: X", "TopicName: !Ref X")


class _Loader(yaml.SafeLoader):
    """Reads short tags as the long forms they stand for, to compare meanings."""


for _tag, _name in (("!Ref", "Ref"), ("!GetAtt", "Fn::GetAtt"), ("!Sub", "Fn::Sub")):
    _Loader.add_constructor(_tag, lambda loader, node, name=_name: {
        name: loader.construct_scalar(node) if name != "Fn::GetAtt" else loader.construct_scalar(node).split(".")})


def _replaced(text: str, value) -> str:  # type: ignore[no-untyped-def]
    document = parse("t.yaml", text)
    resource = document.resources()[0]
    changes = document.changes()
    changes.replace(resource.get("Other"), value)
    return apply_edits(text, changes.edits())


@pytest.mark.parametrize("make, long_form, short_form, meaning", [
    (lambda b: Ref(b, "name"), "      Other:\n        Ref: B", "      Other: !Ref B", {"Ref": "B"}),
    (lambda b: Ref(b, "arn"), "      Other:\n        Fn::GetAtt:\n          - B\n          - Arn", "      Other: !GetAtt B.Arn",
     {"Fn::GetAtt": ["B", "Arn"]}),
    (lambda b: join(Ref(b, "name"), "-x"), "      Other:\n        Fn::Sub: ${B}-x", "      Other: !Sub ${B}-x",
     {"Fn::Sub": "${B}-x"}),
])
def test_an_intrinsic_replacing_a_value_follows_the_files_form(make, long_form, short_form, meaning) -> None:
    for text, written in ((LONG_FORM, long_form), (SHORT_FORM, short_form)):
        topic = text + "  B:\n    Type: AWS::Logs::LogGroup\n"
        document = parse("t.yaml", topic)
        value = make(document.resources()[1])
        fixed = _replaced(topic, value)
        assert written in fixed
        assert yaml.load(fixed, Loader=_Loader)["Resources"]["A"]["Properties"]["Other"] == meaning
