"""The removal verbs on their own, in the three languages: ``remove(node)`` and ``remove_items(node, items)``."""

from __future__ import annotations

import pytest

from iacfix.fixers.document import CannotFix, Document
from iacfix.fixers.engine import parse_document
from iacfix.fixers.model import Language
from iacfix.fixers.text import apply_edits


def removed(document: Document, verb) -> str:  # type: ignore[no-untyped-def]
    changes = document.changes()
    verb(changes)
    return apply_edits(document.text, changes.edits())


TERRAFORM = """resource "aws_sns_topic" "done" {
  name = "done"
  # waits for the queues
  depends_on = [
    aws_sqs_queue.jobs,
    aws_sqs_queue.retries,
  ]
}
"""


def test_terraform_items_go_with_their_separators_and_the_block_is_realigned() -> None:
    document = parse_document(Language.TERRAFORM, "main.tf", TERRAFORM)
    [topic] = document.resources()
    node = topic.get("depends_on")
    first = node.items()[0]
    assert removed(document, lambda c: c.remove_items(node, [first])) == TERRAFORM.replace(
        "    aws_sqs_queue.jobs,\n", "")
    expected = 'resource "aws_sns_topic" "done" {\n  name = "done"\n}\n'
    assert removed(document, lambda c: c.remove_items(node, node.items())) == expected
    assert removed(document, lambda c: c.remove(node)) == expected


def test_terraform_one_line_list_in_a_crlf_file() -> None:
    text = 'resource "aws_sns_topic" "done" {\r\n  depends_on = [aws_sqs_queue.a, aws_sqs_queue.b]\r\n}\r\n'
    document = parse_document(Language.TERRAFORM, "main.tf", text)
    node = document.resources()[0].get("depends_on")
    assert removed(document, lambda c: c.remove_items(node, node.items()[1:])) == text.replace(", aws_sqs_queue.b", "")


YAML = """Resources:
  Topic:
    Type: AWS::SNS::Topic
    DependsOn:
      - Jobs
      - Retries
  Alarm:
    Type: AWS::CloudWatch::Alarm
    DependsOn: [Jobs, Retries]
  Jobs:
    Type: AWS::SQS::Queue
  Retries:
    Type: AWS::SQS::Queue
"""


@pytest.mark.parametrize(("logical_id", "kept"), [("Topic", "    DependsOn:\n      - Retries\n"),
                                                  ("Alarm", "    DependsOn: [Retries]\n")])
def test_yaml_block_and_flow_items(logical_id: str, kept: str) -> None:
    document = parse_document(Language.CLOUDFORMATION, "t.yaml", YAML)
    resource = document.by_logical_id[logical_id]
    node = resource.attribute("DependsOn")
    text = removed(document, lambda c: c.remove_items(node, node.items()[:1]))
    assert kept in text and text.count("Jobs") == YAML.count("Jobs") - 1
    emptied = removed(document, lambda c: c.remove_items(node, node.items()))
    assert emptied.count("DependsOn") == 1 and "Type: AWS::SQS::Queue" in emptied


JSON = """{
  "Resources": {
    "Topic": {"Type": "AWS::SNS::Topic", "DependsOn": ["Jobs", "Retries"]},
    "Jobs": {"Type": "AWS::SQS::Queue", "DependsOn": "Retries"},
    "Retries": {"Type": "AWS::SQS::Queue"}
  }
}
"""


def test_json_items_and_a_scalar_entry() -> None:
    import json

    document = parse_document(Language.CLOUDFORMATION, "t.json", JSON)
    topic = document.by_logical_id["Topic"].attribute("DependsOn")
    text = removed(document, lambda c: c.remove_items(topic, topic.items()[1:]))
    assert json.loads(text)["Resources"]["Topic"]["DependsOn"] == ["Jobs"]
    scalar = document.by_logical_id["Jobs"].attribute("DependsOn")
    text = removed(document, lambda c: c.remove(scalar))
    assert json.loads(text)["Resources"]["Jobs"] == {"Type": "AWS::SQS::Queue"}
    with pytest.raises(CannotFix):
        removed(document, lambda c: c.remove_items(scalar, [scalar]))


PULUMI = """import pulumi
import pulumi_aws as aws

jobs = aws.sqs.Queue('jobs')
retries = aws.sqs.Queue('retries')
topic = aws.sns.Topic(
    'done',
    opts=pulumi.ResourceOptions(
        depends_on=[
            jobs,
            retries,
        ],
        protect=True,
    ),
)
"""


def test_pulumi_items_and_keywords() -> None:
    document = parse_document(Language.PULUMI, "__main__.py", PULUMI)
    topic = document.resources()[-1]
    node = topic.get("opts.depends_on")
    assert removed(document, lambda c: c.remove_items(node, node.items()[1:])) == PULUMI.replace(
        "            retries,\n", "")
    assert removed(document, lambda c: c.remove_items(node, node.items())) == PULUMI.replace(
        "        depends_on=[\n            jobs,\n            retries,\n        ],\n", "")
