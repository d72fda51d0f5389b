"""The command line against a hostile file system and hostile file contents: every bad path is one error
line, everything else is still scanned and fixed, files are written back as they were, line numbers are
Git's, and nothing from a file name reaches the terminal raw."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.hostile_inputs import NESTED_BRACKETS
from tests.test_cli import ANSI, CLEAN, LOG_GROUP, iacfix

AS_ROOT = os.geteuid() == 0
BOM = b"\xef\xbb\xbf"
TEMPLATE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n"
PROGRAM = ('import pulumi_aws as aws\n\nlogs = aws.cloudwatch.LogGroup("logs", name="/app")\n')


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "logs.tf").write_text(LOG_GROUP)
    return tmp_path


def errors(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """``error PATH:LINE:COL: REASON`` lines, by path."""
    found = {}
    for line in result.stdout.splitlines():
        if line.startswith("error "):
            location, _, reason = line[len("error "):].partition(": ")
            found[location.split(":")[0]] = reason
    return found


def assert_rest_fixed(tree: Path, result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (tree / "infra" / "logs.tf").read_text() == CLEAN


@pytest.mark.parametrize("name, make, reason", [
    ("broken.tf", lambda p: p.symlink_to("nowhere.tf"), "broken symbolic link"),
    ("loop.tf", lambda p: p.symlink_to(p.name), "symbolic link loop"),
    ("fifo.tf", lambda p: os.mkfifo(p), "not a regular file"),
    ("zero.tf", lambda p: p.symlink_to("/dev/zero"), "not a regular file"),
])
def test_a_path_that_is_no_readable_file_is_one_error_and_the_rest_is_fixed(tree: Path, name, make, reason) -> None:
    make(tree / "infra" / name)
    result = iacfix("fix", "infra", cwd=tree)
    assert errors(result) == {f"infra/{name}": reason}
    assert_rest_fixed(tree, result)


@pytest.mark.skipif(AS_ROOT, reason="root reads and writes whatever the permissions say")
def test_unreadable_files_and_folders_and_read_only_folders_are_errors() -> None:
    tree = Path(tempfile.mkdtemp(prefix="iacfix-permissions-"))
    try:
        tree.chmod(0o777)
        (tree / "infra").mkdir()
        (tree / "infra" / "logs.tf").write_text(LOG_GROUP)
        secret = tree / "infra" / "secret.tf"
        secret.write_text(LOG_GROUP)
        secret.chmod(0)
        (tree / "infra" / "locked").mkdir(mode=0)
        frozen = tree / "infra" / "frozen"
        frozen.mkdir()
        (frozen / "logs.tf").write_text(LOG_GROUP)
        frozen.chmod(0o555)
        result = iacfix("fix", "infra", cwd=tree)
        found = errors(result)
        assert found["infra/secret.tf"] == "permission denied"
        assert "folder not read" in found["infra/locked"]
        assert "fixed but not written" in found["infra/frozen/logs.tf"]
        assert (frozen / "logs.tf").read_text() == LOG_GROUP
        assert_rest_fixed(tree, result)
    finally:
        for path in (tree / "infra" / "locked", tree / "infra" / "frozen"):
            if path.exists():
                path.chmod(0o755)
        shutil.rmtree(tree)


@pytest.mark.parametrize("name, content, reason", [
    ("latin1.yaml", TEMPLATE.replace("Logs:", "Logs: # café").encode("latin-1"), "not valid UTF-8"),
    ("utf16.yaml", TEMPLATE.encode("utf-16"), "UTF-16"),
    ("program/__main__.py", PROGRAM.encode("utf-16"), "UTF-16"),
    ("latin1.py", ("import pulumi\n# café\n" + PROGRAM).encode("latin-1"), "not valid UTF-8"),
    ("binary.json", b'{"AWSTemplateFormatVersion": "2010-09-09"}\0\1\2', "binary file"),
    ("huge.yaml", (TEMPLATE + "# padding\n" * 300_000).encode(), "file is 2.9 MB"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "")
def test_cloudformation_and_pulumi_that_cannot_be_read_are_errors_not_skips(tree: Path, name, content, reason) -> None:
    path = tree / "infra" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (tree / "infra" / "Pulumi.yaml").write_text("name: infra\nruntime: python\n")
    path.write_bytes(content)
    result = iacfix("fix", "infra", cwd=tree)
    assert reason in errors(result)[f"infra/{name}"]
    assert path.read_bytes() == content
    assert_rest_fixed(tree, result)


@pytest.mark.parametrize("name, content, fixed", [
    ("logs.tf", LOG_GROUP, "retention_in_days"),
    ("template.yaml", TEMPLATE, "RetentionInDays"),
    ("__main__.py", PROGRAM, "retention_in_days"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "")
def test_a_utf8_byte_order_mark_is_accepted_and_kept_in_every_language(tmp_path: Path, name, content, fixed) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    path = tmp_path / name
    path.write_bytes(BOM + content.encode())
    result = iacfix("fix", name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    data = path.read_bytes()
    assert data.startswith(BOM) and not data.startswith(BOM * 2) and fixed in data.decode("utf-8-sig")


def test_writing_keeps_symlinks_modes_and_hard_links(tree: Path) -> None:
    infra = tree / "infra"
    (infra / "real").mkdir()
    (infra / "real" / "target.tf").write_text(LOG_GROUP.replace("audit", "inner"))
    (infra / "inside.tf").symlink_to("real/target.tf")
    (tree / "outside.tf").write_text(LOG_GROUP.replace("audit", "outer"))
    (infra / "outside.tf").symlink_to("../outside.tf")
    (infra / "logs.tf").chmod(0o751)
    (infra / "twin.tf").write_text(LOG_GROUP.replace("audit", "twin"))
    os.link(infra / "twin.tf", tree / "twin-link.tf")
    result = iacfix("fix", "infra", cwd=tree)
    assert (infra / "inside.tf").is_symlink() and "retention_in_days" in (infra / "real" / "target.tf").read_text()
    assert (infra / "outside.tf").is_symlink() and "retention" not in (tree / "outside.tf").read_text()
    assert "outside" in errors(result)["infra/outside.tf"]
    assert stat.S_IMODE((infra / "logs.tf").stat().st_mode) == 0o751
    assert (infra / "twin.tf").stat().st_ino == (tree / "twin-link.tf").stat().st_ino
    assert "retention_in_days" in (tree / "twin-link.tf").read_text() and "hard links" in result.stderr
    assert not list(tree.rglob("*.iacfix")), "no temporary file is left behind"
    assert_rest_fixed(tree, result)


def test_a_python_file_that_crashes_libcst_is_an_error_and_the_rest_is_fixed(tree: Path) -> None:
    (tree / "infra" / "Pulumi.yaml").write_text("name: infra\nruntime: python\n")
    (tree / "infra" / "__main__.py").write_text(NESTED_BRACKETS)
    result = iacfix("fix", "infra", cwd=tree)
    assert "nested more than 200 deep" in errors(result)["infra/__main__.py"]
    assert_rest_fixed(tree, result)


def test_line_numbers_and_diffs_count_newlines_only_as_git_does(tmp_path: Path) -> None:
    """A form feed and a Unicode line separator inside a line do not move the finding or break the diff."""
    text = '# a form feed \f and a separator \u2028 in a comment\n' + LOG_GROUP
    (tmp_path / "logs.tf").write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    scan = iacfix("scan", "logs.tf", cwd=tmp_path)
    assert "logs.tf:2:1: IAC003" in scan.stdout
    diff = iacfix("fix", "--diff", "logs.tf", cwd=tmp_path)
    assert diff.returncode == 1 and "@@ -1,4 +1,5 @@" in diff.stdout
    (tmp_path / "change.diff").write_text(diff.stdout)
    subprocess.run(["git", "apply", "change.diff"], cwd=tmp_path, check=True)
    assert iacfix("scan", "logs.tf", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "styled"])
def test_terminal_escapes_in_names_never_reach_the_terminal(tmp_path: Path, colour: bool) -> None:
    name = "evil\x1b]0;owned\x07\x1b[2J.tf"
    (tmp_path / name).write_text(LOG_GROUP.replace('"audit"', '"au\\u001b[31mdit"'))
    for command in (("scan", "."), ("fix", ".")):
        result = iacfix(*command, cwd=tmp_path, colour=colour)
        output = ANSI.sub("", result.stdout + result.stderr)  # the styles iacfix itself asked for
        assert ANSI.search(result.stdout) if colour else "\x1b[" not in result.stdout
        assert "\x1b" not in output and "\x07" not in output
        assert "evil\\x1b]0;owned\\x07" in output


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "styled"])
def test_names_and_markup_from_the_files_are_printed_as_written(tmp_path: Path, colour: bool) -> None:
    """A resource named ``:smile:`` or ``[bold]`` in a file named likewise: rich's emoji codes and markup stay text."""
    (tmp_path / ":smile:[red]x.tf").write_text(
        'resource "aws_cloudwatch_log_group" "smile" {\n  name = "/app/:thumbs_up:[bold]"\n}\n')
    for command in (("scan", "."), ("fix", ".")):
        result = iacfix(*command, cwd=tmp_path, colour=colour)
        output = ANSI.sub("", result.stdout + result.stderr)
        assert ":smile:[red]x.tf" in output, output
        assert "\N{SMILING FACE WITH SMILING EYES}" not in output and "\N{THUMBS UP SIGN}" not in output
