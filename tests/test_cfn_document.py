"""Values written into a template read as if its author wrote them: short tags or long forms, as the file does."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from iacfix.fixers.cfn.document import parse
from iacfix.fixers.cfn.render import GetAtt, Ref, Sub
from iacfix.fixers.text import apply_edits

LONG_FORM = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName:\n        Ref: X\n      Other: old\n"
SHORT_FORM = LONG_FORM.replace("TopicName:\n        Ref: X", "TopicName: !Ref X")


@pytest.mark.parametrize("value, long_form, short_form, meaning", [
    (Ref("B"), "{Ref: B}", "!Ref B", {"Ref": "B"}),
    (GetAtt("B", "Arn"), "{'Fn::GetAtt': [B, Arn]}", "!GetAtt B.Arn", {"Fn::GetAtt": ["B", "Arn"]}),
    (Sub("${B}-x"), "{'Fn::Sub': \"${B}-x\"}", "!Sub \"${B}-x\"", {"Fn::Sub": "${B}-x"}),
])
def test_an_intrinsic_replacing_a_value_follows_the_files_form(value, long_form, short_form, meaning) -> None:
    for text, written in ((LONG_FORM, long_form), (SHORT_FORM, short_form)):
        document = parse("t.yaml", text)
        fixed = apply_edits(text, [document.replace_node(document.resources["A"].property("Other"), value)])
        assert fixed.splitlines()[-1] == f"      Other: {written}"
        if text is LONG_FORM:
            assert YAML(typ="safe").load(fixed)["Resources"]["A"]["Properties"]["Other"] == meaning
