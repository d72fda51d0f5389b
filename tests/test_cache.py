"""The cache keeps each unit's result until a file that unit read changes; it never changes a report, survives
corrupt or foreign entries, and is removed by ``iacfix clean``."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from iacfix.bot.cli import main
from iacfix.fixers import pool
from iacfix.fixers.cache import FOLDER, ProjectCache, clean
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.isolation import Limits

LOG_GROUP = 'resource "aws_cloudwatch_log_group" "{name}" {{\n  name = "/aws/lambda/{name}"\n}}\n'
TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          TABLE: !Ref Table
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: !GetAtt Table.Arn
"""
HANDLER = "import boto3\n\ndef handler(event, context):\n    boto3.resource('dynamodb').Table('t').{call}(Key={{}})\n"


def workspace() -> dict[str, bytes]:
    files = {f"stack{n}/main.tf": LOG_GROUP.format(name=f"api{n}").encode() for n in range(3)}
    files["service/template.yaml"] = TEMPLATE.encode()
    files["service/src/app.py"] = HANDLER.format(call="get_item").encode()
    return files


def run(root: Path, files: dict[str, bytes], *, fix: bool = False, config: EngineConfig | None = None):  # noqa: ANN201
    config = config or EngineConfig()
    cache = ProjectCache(root, config, files)
    return pool.analyse(config, files, Limits(), fix=fix, jobs=2, cache=cache), cache


def test_a_warm_run_analyses_nothing_and_reports_the_same(tmp_path: Path) -> None:
    files = workspace()
    cold, first = run(tmp_path, files)
    warm, second = run(tmp_path, files)
    assert (first.hits, first.misses) == (0, 4)
    assert (second.hits, second.misses) == (4, 0)
    assert warm == cold == Engine().scan(files)
    assert (tmp_path / FOLDER / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (tmp_path / FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_changed_file_invalidates_its_unit_and_the_units_that_read_it_only(tmp_path: Path) -> None:
    files = workspace()
    run(tmp_path, files)
    files["stack1/main.tf"] = LOG_GROUP.format(name="renamed").encode()
    report, cache = run(tmp_path, files)
    # The template's rules looked for its handler sources by going through every file of the workspace, so any
    # change may change its result; the other modules read nothing of stack1.
    assert sorted(cache.missed) == [("cloudformation", "service/template.yaml"), ("terraform", "stack1")]
    assert report == Engine().scan(files)
    assert "aws_cloudwatch_log_group.renamed" in {finding.subject for finding in report.found}


def test_a_handler_source_the_rules_read_is_part_of_its_units_key(tmp_path: Path) -> None:
    files = workspace()
    before, _ = run(tmp_path, files)
    files["service/src/app.py"] = HANDLER.format(call="delete_item").encode()
    after, cache = run(tmp_path, files)
    assert cache.misses >= 1  # the template's unit read the handler, so it is analysed again
    assert after == Engine().scan(files)
    [narrowed] = [f.message for f in after.found if f.code == "IAC002"]
    assert "DeleteItem" in narrowed and "DeleteItem" not in next(f.message for f in before.found if f.code == "IAC002")


def test_rule_options_are_part_of_the_key(tmp_path: Path) -> None:
    files = workspace()
    run(tmp_path, files)
    options = EngineConfig(options={"log-retention": {"retention_days": 30}})
    report, cache = run(tmp_path, files, config=options)
    assert cache.hits == 0
    assert report == Engine(options).scan(files)


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # cut short
    lambda text: "\0\1\2 not json",
    lambda text: json.dumps({"format": 1, "unit": ["terraform", "stack0"], "paths": "stack0/main.tf"}),
    lambda text: text.replace('"scanned":1', '"scanned":"one"'),
    lambda text: text.replace('"severity":"warning"', '"severity":{"__class__":"os.system"}'),
], ids=["truncated", "binary", "foreign", "wrong-type", "hostile"])
def test_a_corrupt_or_foreign_entry_is_a_miss_and_is_rewritten(tmp_path: Path, damage) -> None:
    files = workspace()
    cold, _ = run(tmp_path, files)
    entries = sorted((tmp_path / FOLDER).rglob("*.json"))
    assert len(entries) == 4
    for entry in entries:
        entry.write_text(damage(entry.read_text()))
    again, cache = run(tmp_path, files)
    assert again == cold
    assert cache.hits <= 4 and cache.misses >= 1
    _, repaired = run(tmp_path, files)
    assert (repaired.hits, repaired.misses) == (4, 0)


def test_fix_skips_the_units_the_cache_says_have_nothing_to_fix(tmp_path: Path, monkeypatch) -> None:
    import iacfix.fixers.hcl.document as hcl

    files = workspace()
    files["quiet/main.tf"] = b'variable "region" {\n  type = string\n}\n'
    run(tmp_path, files)
    parse = hcl.parse

    def refusing(path: str, text: str):  # noqa: ANN202 - the parser's signature
        if path == "quiet/main.tf":
            os.kill(os.getpid(), signal.SIGSEGV)  # parsing it again would show in the report as an error
        return parse(path, text)

    monkeypatch.setattr(hcl, "parse", refusing)  # the pool's processes are forked from this one
    fixed, _ = run(tmp_path, files, fix=True)
    monkeypatch.setattr(hcl, "parse", parse)
    assert fixed == Engine().fix(files)
    assert fixed.errors == [] and "retention_in_days" in fixed.files["stack0/main.tf"]


def test_the_command_line_keeps_the_cache_at_the_project_root_and_cleans_it(tmp_path: Path, capsys) -> None:
    (tmp_path / ".git").mkdir()
    module = tmp_path / "infra" / "logs"
    module.mkdir(parents=True)
    (module / "main.tf").write_text(LOG_GROUP.format(name="api"))
    cwd = Path.cwd()
    os.chdir(module)
    try:
        assert main(["scan", "--no-cache", "."]) == 1
        assert not (tmp_path / FOLDER).exists()
        uncached = capsys.readouterr().out
        assert main(["scan", "."]) == 1
        first = capsys.readouterr().out
        assert first == uncached
        assert (tmp_path / FOLDER / "CACHEDIR.TAG").is_file()
        assert main(["scan", "."]) == 1
        assert capsys.readouterr().out == first
        assert main(["clean"]) == 0
        assert not (tmp_path / FOLDER).exists()
    finally:
        os.chdir(cwd)


def test_clean_leaves_alone_a_folder_iacfix_did_not_make(tmp_path: Path) -> None:
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="CACHEDIR.TAG"):
        clean(tmp_path)
    assert (tmp_path / FOLDER / "notes.txt").exists()
