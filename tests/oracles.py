"""Independent tools that must agree a fix worked: hclfmt, checkov, cfn-lint and Pulumi's mocks.

Each is installed by ``.ci/run`` (hclfmt under ``.tools/hclfmt``, built by ``tools/build-hclfmt.sh``; checkov in
its own virtualenv under ``.tools/checkov-venv``, because it pins a fork of python-hcl2). A test that needs a
missing tool fails, except where the environment variable IACFIX_ALLOW_MISSING_ORACLES=1 lets it skip on a
developer machine.

An oracle that did not run says nothing, and "nothing" reads as "no problem": a tool replaced by ``/bin/false``,
a crash, or output in a format we no longer parse would let every test pass. So every call checks that the tool
gave a verdict: each run also judges a control file it must flag, and a run whose control is not flagged (or whose
output is not the tool's report) fails the test that made it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools"


class OracleDidNotRun(AssertionError):
    """The tool gave no verdict: it is missing, crashed, or did not flag the control it must flag."""


def _tool(path: Path, name: str) -> str:
    found = str(path) if path.exists() else shutil.which(name)
    if found:
        return found
    if os.environ.get("IACFIX_ALLOW_MISSING_ORACLES") == "1":
        pytest.skip(f"{name} is not installed (run .ci/run)")
    raise AssertionError(f"{name} is not installed: run .ci/run, which installs every oracle")


@contextmanager
def _controls(files: dict[str, str]) -> Iterator[Path]:
    """A temporary folder holding control files, named so no test's file can be mistaken for one."""
    with tempfile.TemporaryDirectory(prefix="iacfix-oracle-control-") as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text)
        yield Path(folder)


# ------------------------------------------------------------------------------------------------- hclfmt
HCL_MISALIGNED = 'resource "aws_sqs_queue" "control" {\n  name = "control"\n  delay_seconds = 0\n}\n'
HCL_BROKEN = 'resource "aws_sqs_queue" "control" {\n  name = \n'


def _hclfmt_problem(binary: str, flag: str, path: Path) -> str | None:
    result = subprocess.run([binary, flag, str(path)], capture_output=True, text=True)
    if result.returncode == 0:
        return None
    return f"hclfmt {flag}: {result.stderr.strip() or result.stdout.strip()}"


def hclfmt(path: Path) -> list[str]:
    """Problems HashiCorp's own parser and formatter find in a .tf file (empty when it is canonical)."""
    binary = _tool(TOOLS / "hclfmt", "hclfmt")
    with _controls({"misaligned.tf": HCL_MISALIGNED, "broken.tf": HCL_BROKEN}) as control:
        if _hclfmt_problem(binary, "-check", control / "broken.tf") is None:
            raise OracleDidNotRun(f"{binary} -check accepted a file with a syntax error")
        if _hclfmt_problem(binary, "-require-no-change", control / "misaligned.tf") is None:
            raise OracleDidNotRun(f"{binary} -require-no-change accepted a misaligned file")
    return [problem for flag in ("-check", "-require-no-change") if (problem := _hclfmt_problem(binary, flag, path))]


# ------------------------------------------------------------------------------------------------ checkov
# CKV_AWS_66 (a log group without retention) exists for both frameworks: the control fails it.
CHECKOV_CONTROL_CHECK = "CKV_AWS_66"
CHECKOV_CONTROLS = {
    "terraform": ("control.tf", 'resource "aws_cloudwatch_log_group" "iacfix_control" {\n  name = "/control"\n}\n'),
    "cloudformation": ("control.yaml", "Resources:\n  IacfixControl:\n    Type: AWS::Logs::LogGroup\n"
                                       "    Properties:\n      LogGroupName: /control\n"),
}


def _json_documents(text: str) -> list[Any]:
    """checkov prints one JSON document per framework run, not always as one array."""
    decoder, documents, position = json.JSONDecoder(), [], 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        document, position = decoder.raw_decode(text, position)
        documents.extend(document if isinstance(document, list) else [document])
    return documents


def checkov(path: Path, framework: str, checks: list[str]) -> dict[str, list[str]]:
    """Failed checkov checks per check id, each with the resource it failed on."""
    binary = _tool(TOOLS / "checkov-venv" / "bin" / "checkov", "checkov")
    control_name, control_text = CHECKOV_CONTROLS[framework]
    with tempfile.TemporaryDirectory(prefix="iacfix-checkov-") as scratch:
        # One run over a copy of the target beside the control, so one verdict covers both.
        root = Path(scratch)
        target = root / "target" / (path.name if path.is_file() else "")
        if path.is_dir():
            shutil.copytree(path, target)
        else:
            target.parent.mkdir(parents=True)
            shutil.copy2(path, target)
        control = root / "control" / control_name
        control.parent.mkdir()
        control.write_text(control_text)
        result = subprocess.run(
            [binary, "-d", str(root), "--framework", framework, "--check", ",".join({*checks, CHECKOV_CONTROL_CHECK}),
             "-o", "json", "--quiet", "--compact", "--skip-download"],
            capture_output=True, text=True,
        )
        try:
            reports = [report for report in _json_documents(result.stdout) if isinstance(report, dict)]
        except ValueError:
            reports = []
        if not reports or not all("summary" in report for report in reports):
            raise OracleDidNotRun(f"checkov gave no report (exit {result.returncode}):\n{result.stderr[-2000:]}")
        failed: dict[str, list[str]] = {}
        control_flagged = False
        for report in reports:
            for check in report.get("results", {}).get("failed_checks", []):
                if Path(check["file_abs_path"]).resolve() == control.resolve():
                    control_flagged |= check["check_id"] == CHECKOV_CONTROL_CHECK
                elif check["check_id"] in checks:
                    failed.setdefault(check["check_id"], []).append(check["resource"])
    if not control_flagged:
        raise OracleDidNotRun(f"checkov did not fail {CHECKOV_CONTROL_CHECK} on its control {control_name}")
    return failed


# ----------------------------------------------------------------------------------------------- cfn-lint
# An unknown property is an error in every cfn-lint release; the SAM control is one only the SAM transform
# catches (cfn-lint 1.54 and later no longer transform SAM templates: see pyproject.toml).
CFN_CONTROLS = {
    "control.yaml": "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      IacfixNoSuchProperty: 1\n",
    "control-sam.yaml": (
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Function:\n    Type: AWS::Serverless::Function\n"
        "    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n"
        "      InlineCode: 'def handler(event, context): pass'\n      AutoPublishAlias: 'no spaces allowed'\n"
    ),
}
CFN_CONTROL_ERRORS = {"control.yaml": "E3002", "control-sam.yaml": "E0001"}


def _cfn_lint_run(binary: str, paths: list[str], control: Path) -> dict[str, set[str]]:
    """One cfn-lint run over ``paths`` and the controls: its errors per file, the controls' checked and dropped."""
    controls = [str(control / name) for name in CFN_CONTROLS]
    result = subprocess.run([binary, "--format", "json", *paths, *controls], capture_output=True, text=True)
    try:
        matches = json.loads(result.stdout)
    except ValueError:
        matches = None
    # cfn-lint's exit code is a bit mask of the levels it found (2 error, 4 warning, 8 informational).
    if not isinstance(matches, list) or result.returncode & ~0b1110:
        raise OracleDidNotRun(f"cfn-lint gave no report (exit {result.returncode}):\n{result.stderr[-2000:]}")
    errors: dict[str, set[str]] = {}
    for match in matches:
        if match["Rule"]["Id"].startswith("E"):
            errors.setdefault(match["Filename"], set()).add(f"{match['Rule']['Id']}:{match['Message']}")
    for name, code in CFN_CONTROL_ERRORS.items():
        found = errors.pop(str(control / name), set())
        if not any(error.startswith(code + ":") for error in found):
            raise OracleDidNotRun(f"cfn-lint did not report {code} on its control {name} (it found {sorted(found)})")
    return errors


def cfn_lint(path: Path) -> set[str]:
    """cfn-lint's errors (E codes) for a template, as ``code:message`` strings."""
    return cfn_lint_many([path])[str(path)]


def cfn_lint_many(paths: list[Path]) -> dict[str, set[str]]:
    """cfn-lint's errors for many templates in one run (its start-up dominates per-file runs)."""
    binary = _tool(Path(sys.executable).parent / "cfn-lint", "cfn-lint")
    errors: dict[str, set[str]] = {str(path): set() for path in paths}
    with _controls(CFN_CONTROLS) as control:
        for start in range(0, len(paths), 100):
            chunk = [str(path) for path in paths[start : start + 100]]
            for filename, found in _cfn_lint_run(binary, chunk, control).items():
                errors.setdefault(filename, set()).update(found)
    return errors


# ------------------------------------------------------------------------------------------ Pulumi's mocks
PULUMI_RUNNER = r"""
import json, runpy, sys
import pulumi

resources = []

class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        outputs = dict(args.inputs)
        outputs.setdefault("name", args.name)
        outputs.setdefault("arn", f"arn:aws:mock:us-east-1:123456789012:{args.typ}/{args.name}")
        outputs.setdefault("version", "1")
        resources.append({"type": args.typ, "name": args.name, "inputs": args.inputs})
        return [args.name + "_id", outputs]

    def call(self, args):
        if args.token == "aws:iam/getPolicyDocument:getPolicyDocument":
            return {"json": json.dumps({"Version": "2012-10-17", "Statement": args.args.get("statements", [])})}
        return {}

pulumi.runtime.set_mocks(Mocks(), project="oracle", stack="test", preview=False)
sys.path.insert(0, sys.argv[1])
runpy.run_path(sys.argv[2], run_name="__main__")

import asyncio, time

async def quiet(seconds, stalled):
    # Every registration is a task talking to the mocks: wait until none is left, or until nothing has moved for
    # `stalled` seconds (resources waiting on each other in a cycle never register: the rest has by then).
    deadline = time.monotonic() + seconds
    await asyncio.sleep(0.05)
    seen, since = None, time.monotonic()
    while time.monotonic() < deadline:
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
        if not pending:
            return
        if (len(pending), len(resources)) != seen:
            seen, since = (len(pending), len(resources)), time.monotonic()
        elif time.monotonic() - since > stalled:
            return
        await asyncio.sleep(0.05)

asyncio.get_event_loop().run_until_complete(quiet(120, 5))
print("PULUMI-RESOURCES:" + json.dumps(resources, default=str))
"""


def pulumi_resources(program: Path, main: str = "__main__.py") -> list[dict]:
    """Run a Pulumi program under Pulumi's mocks (no cloud, no CLI) and list the resources it registers.

    The verdict is the runner's own last line, printed only after the program ran to its end.
    """
    if os.environ.get("IACFIX_ALLOW_MISSING_ORACLES") == "1":
        pytest.importorskip("pulumi_aws")
    result = subprocess.run(
        [sys.executable, "-c", PULUMI_RUNNER, str(program), str(program / main)],
        capture_output=True, text=True, cwd=program, timeout=600,
        env={**os.environ, "PULUMI_CONFIG": json.dumps({"aws:region": "us-east-1"})},
    )
    for line in result.stdout.splitlines():
        if line.startswith("PULUMI-RESOURCES:"):
            return json.loads(line.removeprefix("PULUMI-RESOURCES:"))
    raise OracleDidNotRun(f"the Pulumi program did not run under mocks:\n{result.stderr[-3000:]}")


def checkov_failures(root: Path, frameworks: tuple[str, ...]) -> set[tuple[str, str, str]]:
    """Every check checkov fails under a folder, in one run of all its checks: (file relative to ``root``,
    resource, check id). A folder per case keeps Terraform modules apart."""
    binary = _tool(TOOLS / "checkov-venv" / "bin" / "checkov", "checkov")
    result = subprocess.run(
        [binary, "-d", str(root), "--framework", *frameworks, "-o", "json", "--quiet", "--compact", "--skip-download"],
        capture_output=True, text=True,
    )
    reports = json.loads(result.stdout or "[]")
    failed: set[tuple[str, str, str]] = set()
    for report in reports if isinstance(reports, list) else [reports]:
        for check in report.get("results", {}).get("failed_checks", []) if isinstance(report, dict) else ():
            failed.add((check["file_path"].lstrip("/"), check["resource"], check["check_id"]))
    return failed


# Runs every program in the sub-folders of its folder in one process; each resource's name is prefixed with its
# program's folder (``folder~name``) so that the resources of programs run together can be told apart.
TAGGED_BATCH_MAIN = """
import os, runpy, sys
import pulumi

root = os.path.dirname(os.path.abspath(__file__))
current = [""]
register = pulumi.Resource.__init__

def tagged(self, t, name, *args, **kwargs):
    return register(self, t, current[0] + "~" + name, *args, **kwargs)

pulumi.Resource.__init__ = tagged
for name in sorted(os.listdir(root)):
    folder = os.path.join(root, name)
    if os.path.isfile(os.path.join(folder, "__main__.py")):
        current[0] = name
        os.chdir(folder)
        sys.path.insert(0, folder)
        runpy.run_path(os.path.join(folder, "__main__.py"), run_name="__main__")
        sys.path.remove(folder)
os.chdir(root)
"""


def pulumi_programs(root: Path, programs: dict[str, dict[str, str]]) -> dict[str, list[dict]]:
    """The resources each program registers under Pulumi's mocks (program folder -> resources), all in one run."""
    for folder, files in programs.items():
        for name, text in files.items():
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    (root / "__main__.py").write_text(TAGGED_BATCH_MAIN)
    registered: dict[str, list[dict]] = {folder: [] for folder in programs}
    for resource in pulumi_resources(root):
        folder, _, name = resource["name"].partition("~")
        registered.setdefault(folder, []).append({**resource, "name": name})
    return registered


TERRAFORM_RENDERER = r"""
import json, logging, os, sys
logging.disable(logging.CRITICAL)
from checkov.terraform.graph_builder.local_graph import TerraformLocalGraph
from checkov.terraform.tf_parser import TFParser

root, resource_type, attribute = sys.argv[1:4]
values = {}
for folder in sorted(os.listdir(root)):
    module, _ = TFParser().parse_hcl_module(os.path.join(root, folder), "terraform")
    graph = TerraformLocalGraph(module)
    graph.build_graph(render_variables=True)
    for vertex in graph.vertices:
        if vertex.block_type == "resource" and vertex.name.startswith(resource_type + "."):
            value = vertex.attributes.get(attribute)
            values.setdefault(folder, {})[vertex.name] = value[0] if isinstance(value, list) and len(value) == 1 else value
print("TERRAFORM-VALUES:" + json.dumps(values, default=str))
"""


def terraform_values(root: Path, resource_type: str, attribute: str) -> dict[str, dict[str, object]]:
    """An attribute of every resource of a type, as checkov's Terraform graph evaluates it (``jsonencode`` and
    heredoc JSON become data), per module folder under ``root``, in one run."""
    binary = _tool(TOOLS / "checkov-venv" / "bin" / "python", "python")
    result = subprocess.run([binary, "-c", TERRAFORM_RENDERER, str(root), resource_type, attribute],
                            capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if line.startswith("TERRAFORM-VALUES:"):
            return json.loads(line.removeprefix("TERRAFORM-VALUES:"))
    raise AssertionError(f"checkov's Terraform graph did not render:\n{result.stderr[-3000:]}")
