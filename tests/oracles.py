"""Independent tools that must agree a fix worked: hclfmt, checkov, cfn-lint and Pulumi's mocks.

Each is installed by ``.ci/run`` (hclfmt under ``.tools/hclfmt``, checkov in its own virtualenv under
``.tools/checkov-venv`` because it pins a fork of python-hcl2). A test that needs a missing tool fails,
except where the environment variable IACFIX_ALLOW_MISSING_ORACLES=1 lets it skip on a developer machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools"
CORPUS = ROOT.parent / "shared" / "corpus"


def _tool(path: Path, name: str) -> str:
    found = str(path) if path.exists() else shutil.which(name)
    if found:
        return found
    if os.environ.get("IACFIX_ALLOW_MISSING_ORACLES") == "1":
        pytest.skip(f"{name} is not installed (run .ci/run)")
    raise AssertionError(f"{name} is not installed: run .ci/run, which installs every oracle")


def hclfmt(path: Path) -> list[str]:
    """Problems HashiCorp's own parser and formatter find in a .tf file (empty when it is canonical)."""
    binary = _tool(TOOLS / "hclfmt", "hclfmt")
    problems = []
    for flag in ("-check", "-require-no-change"):
        result = subprocess.run([binary, flag, str(path)], capture_output=True, text=True)
        if result.returncode != 0:
            problems.append(f"hclfmt {flag}: {result.stderr.strip() or result.stdout.strip()}")
    return problems


def checkov(path: Path, framework: str, checks: list[str]) -> dict[str, list[str]]:
    """Failed checkov checks per check id, each with the resource it failed on."""
    binary = _tool(TOOLS / "checkov-venv" / "bin" / "checkov", "checkov")
    target = ["-d", str(path)] if path.is_dir() else ["-f", str(path)]
    result = subprocess.run(
        [binary, *target, "--framework", framework, "--check", ",".join(checks), "-o", "json", "--quiet", "--compact"],
        capture_output=True, text=True,
    )
    reports = json.loads(result.stdout or "[]")
    failed: dict[str, list[str]] = {}
    for report in reports if isinstance(reports, list) else [reports]:
        if not isinstance(report, dict):
            continue
        for check in report.get("results", {}).get("failed_checks", []):
            failed.setdefault(check["check_id"], []).append(check["resource"])
    return failed


def cfn_lint(path: Path) -> set[str]:
    """cfn-lint's errors (E codes) for a template, as ``code:message`` strings."""
    binary = _tool(Path(sys.executable).parent / "cfn-lint", "cfn-lint")
    result = subprocess.run([binary, "--format", "json", str(path)], capture_output=True, text=True)
    matches = json.loads(result.stdout or "[]")
    return {f"{m['Rule']['Id']}:{m['Message']}" for m in matches if m["Rule"]["Id"].startswith("E")}


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

@pulumi.runtime.test
def settle():
    return pulumi.Output.from_input(1).apply(lambda _: None)

import asyncio
loop = asyncio.get_event_loop()
loop.run_until_complete(asyncio.sleep(0.5))
print("PULUMI-RESOURCES:" + json.dumps(resources, default=str))
"""


def pulumi_resources(program: Path, main: str = "__main__.py") -> list[dict]:
    """Run a Pulumi program under Pulumi's mocks (no cloud, no CLI) and list the resources it registers."""
    pytest.importorskip("pulumi_aws") if os.environ.get("IACFIX_ALLOW_MISSING_ORACLES") == "1" else None
    result = subprocess.run(
        [sys.executable, "-c", PULUMI_RUNNER, str(program), str(program / main)],
        capture_output=True, text=True, cwd=program, timeout=600,
        env={**os.environ, "PULUMI_CONFIG": json.dumps({"aws:region": "us-east-1"})},
    )
    for line in result.stdout.splitlines():
        if line.startswith("PULUMI-RESOURCES:"):
            return json.loads(line.removeprefix("PULUMI-RESOURCES:"))
    raise AssertionError(f"the Pulumi program did not run under mocks:\n{result.stderr[-3000:]}")


def cfn_lint_many(paths: list[Path]) -> dict[str, set[str]]:
    """cfn-lint's errors for many templates in one run (its start-up dominates per-file runs)."""
    binary = _tool(Path(sys.executable).parent / "cfn-lint", "cfn-lint")
    errors: dict[str, set[str]] = {str(path): set() for path in paths}
    for start in range(0, len(paths), 100):
        chunk = [str(path) for path in paths[start : start + 100]]
        result = subprocess.run([binary, "--format", "json", *chunk], capture_output=True, text=True)
        for match in json.loads(result.stdout or "[]"):
            if match["Rule"]["Id"].startswith("E"):
                errors.setdefault(match["Filename"], set()).add(f"{match['Rule']['Id']}:{match['Message']}")
    return errors


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
