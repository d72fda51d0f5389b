"""Inserted Terraform attributes are laid out exactly as terraform fmt lays them out (hclfmt is the judge)."""

from __future__ import annotations

from pathlib import Path

import pytest

from iacfix.fixers.hcl.document import parse
from iacfix.fixers.text import apply_edits
from tests import oracles

CASES = {
    "longer_name_realigns_the_chain": (
        'resource "aws_cloudwatch_log_group" "a" {\n  name = "a"\n  kms_key_id = "k"\n}\n',
        'resource "aws_cloudwatch_log_group" "a" {\n  name              = "a"\n  kms_key_id        = "k"\n'
        '  retention_in_days = 14\n}\n',
    ),
    "trailing_comments_stay_aligned": (
        'resource "x" "a" {\n  name = "a" # one\n  id   = "b" # two\n}\n',
        'resource "x" "a" {\n  name              = "a" # one\n  id                = "b" # two\n  retention_in_days = 14\n}\n',
    ),
    "goes_before_tags_and_nested_blocks": (
        'resource "x" "a" {\n  name = "a"\n\n  tags = {\n    team = "x"\n  }\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
        'resource "x" "a" {\n  name              = "a"\n  retention_in_days = 14\n\n  tags = {\n    team = "x"\n  }\n\n'
        '  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
    ),
    "tags_first_gets_its_own_group": (
        'resource "x" "a" {\n  tags = var.tags\n}\n',
        'resource "x" "a" {\n  retention_in_days = 14\n\n  tags = var.tags\n}\n',
    ),
    "after_a_heredoc_the_chain_continues": (
        'resource "x" "a" {\n  policy = <<EOF\n{"a": 1}\nEOF\n}\n',
        'resource "x" "a" {\n  policy            = <<EOF\n{"a": 1}\nEOF\n  retention_in_days = 14\n}\n',
    ),
    "a_multi_line_value_ends_the_chain": (
        'resource "x" "a" {\n  name = "a"\n  policy = jsonencode({\n    a = 1\n  })\n}\n',
        'resource "x" "a" {\n  name = "a"\n  policy = jsonencode({\n    a = 1\n  })\n  retention_in_days = 14\n}\n',
    ),
    "an_empty_one_line_block_opens": (
        'resource "x" "a" {}\n',
        'resource "x" "a" {\n  retention_in_days = 14\n}\n',
    ),
    "nested_block_indentation": (
        'module "m" {\n  source = "./m"\n}\n\nresource "x" "a" {\n  setting {\n    name = "a"\n  }\n}\n',
        'module "m" {\n  source = "./m"\n}\n\nresource "x" "a" {\n  setting {\n    name              = "a"\n'
        '    retention_in_days = 14\n  }\n}\n',
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_insert_attribute_layout(name: str, tmp_path: Path) -> None:
    source, expected = CASES[name]
    document = parse("main.tf", source)
    resource = document.resources()[0]
    changes = document.changes()
    changes.set(resource, "setting.retention_in_days" if resource.get("setting") else "retention_in_days", 14)
    result = apply_edits(source, changes.edits())
    assert result == expected
    path = tmp_path / "main.tf"
    path.write_text(result)
    assert oracles.hclfmt(path) == []
