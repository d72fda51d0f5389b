"""The ``iacfix`` command: scan and fix local files, list rules, and run the GitHub App.

Start-up is kept lean on purpose: ``scan`` and ``fix`` import only the engine (no web framework, no GitHub
client), and rich is imported only when output goes to a person.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from iacfix.bot.files import Collected, NotWritten, collect_files, describe, write_back
from iacfix.bot.terminal import printable, printable_report
from iacfix.fixers.classify import CLOUDFORMATION_SUFFIXES
from iacfix.fixers.collector import collect_rarely

SKIPPED_FOLDERS = {".git", ".terraform", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", "cdk.out"}
CANDIDATE_SUFFIXES = (".tf", ".tf.json", ".py", *CLOUDFORMATION_SUFFIXES)
PROJECT_FILES = ("Pulumi.yaml", "Pulumi.yml")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
MAX_FILE_BYTES = 2 * 1024 * 1024  # the engine's own limit: nothing larger is ever read in full


class UsageError(Exception):
    pass


def collect(paths: Sequence[str], limit: int = MAX_FILE_BYTES) -> Collected:
    """Read every candidate file under the given paths, keyed by the path as the user would write it.

    A path that cannot be read is an error for that path (``Collected.errors``); the others are still read.
    """
    try:
        collected = collect_files(paths, _wanted, SKIPPED_FOLDERS, limit)
    except FileNotFoundError as error:
        raise UsageError(f"{error.args[0]}: no such file or directory") from None
    for given in paths:
        _add_project_files_above(Path(given), collected.files)
    return collected


def _wanted(name: str) -> bool:
    return name.lower().endswith(CANDIDATE_SUFFIXES) or name in PROJECT_FILES


def _add_project_files_above(root: Path, workspace: dict[str, bytes]) -> None:
    """Pulumi.yaml files in the folders above a given path, so its programs are recognised."""
    folder = root if root.is_dir() else root.parent
    for parent in [folder, *folder.parents]:
        for name in PROJECT_FILES:
            candidate = parent / name
            if candidate.is_file():
                workspace.setdefault(candidate.as_posix(), b"")


def write_atomically(path: Path, text: str, tree: Path | None = None, original: bytes = b"") -> str | None:
    """Write through a temporary file, flushed, and a rename, so a file is never left half-written.

    The file keeps its mode, owner, group, byte-order mark and links (see ``files.write_back``); returns a
    note for the user when there is something to say.
    """
    return write_back(path, text, tree or path.parent, original)


def _analyse(arguments: argparse.Namespace, engine, collected: Collected, fix: bool):  # noqa: ANN001, ANN202
    """Scan or fix in child processes, unit by unit on every core, so a file that crashes a parser or hangs is
    one error, not the end; units the cache says are unchanged are not analysed again."""
    from iacfix.fixers.isolation import Limits, analyse_isolated
    from iacfix.fixers.model import FileError

    # Each child's budget grows with the files it is given: a minute, plus 5 s a file (twice that in wall time).
    limits = Limits(cpu_seconds=60, wall_seconds=120, per_file_seconds=5, memory_bytes=4096 * 1024 * 1024)
    cache = None
    if not arguments.no_cache:
        from iacfix.fixers.cache import ProjectCache, project_root

        cache = ProjectCache(project_root(Path.cwd()), engine.config, collected.files)
    bar, progress = _progress(arguments, len(collected.files))
    try:
        report = analyse_isolated(engine.config, collected.files, limits, fix=fix, progress=progress,
                                  jobs=arguments.jobs, cache=cache)
    finally:
        if bar is not None:
            bar.stop()
    report.errors[:0] = [FileError(path, 1, 1, reason) for path, reason in sorted(collected.errors.items())]
    return printable_report(report)


def _engine(arguments: argparse.Namespace, workspace: dict[str, bytes] | None = None):  # noqa: ANN202 - lazy import
    from iacfix.fixers.engine import Engine
    from iacfix.fixers.registry import OptionError, UnknownRule

    options: dict[str, dict[str, object]] = {}
    for item in arguments.option or ():
        key, _, value = item.partition("=")
        rule, _, name = key.partition(".")
        if not name or not value:
            raise UsageError(f"--option takes RULE.NAME=VALUE, not {item!r}")
        options.setdefault(rule, {})[name] = _option_value(value)
    try:
        config = _configured(arguments, options)
        return Engine(replace(
            config,
            base=baseline(workspace, getattr(arguments, "base", None)) if workspace is not None else None,
        ))
    except UnknownRule as error:
        raise UsageError(f"unknown rule {error.args[0]!r}: see `iacfix rules`") from None
    except OptionError as error:
        raise UsageError(f"--option: {error}") from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"takes a number of processes of 1 or more, not {text!r}")
    return value


def _local_config(arguments: argparse.Namespace):  # noqa: ANN202 - lazy import
    """The repository configuration for this run, read once (``--config``, the one found, or ``--isolated``)."""
    from iacfix.bot.local_config import ConfigError, load_local_config

    if getattr(arguments, "local_config", None) is None:
        try:
            arguments.local_config = load_local_config(arguments.paths, arguments.config, arguments.isolated)
        except ConfigError as error:
            raise UsageError(str(error)) from None
    return arguments.local_config


def _configured(arguments: argparse.Namespace, options: dict[str, dict[str, object]]):  # noqa: ANN202
    """The engine's configuration: the repository's file, with the command line's choices on top."""
    from iacfix.bot.local_config import cli_engine_config

    return cli_engine_config(_local_config(arguments), arguments, options)


def collect_configured(arguments: argparse.Namespace) -> Collected:
    """The files under the given paths, less those the repository configuration's ``paths`` leave out."""
    from iacfix.bot.local_config import configured_paths

    collected = collect(arguments.paths)
    for path in configured_paths(_local_config(arguments), collected.files):
        if Path(path).name not in PROJECT_FILES:  # Pulumi.yaml stays: it says which folders are programs
            del collected.files[path]
    return collected


def _option_value(text: str) -> object:
    """An option's value as YAML reads it (``30`` a number, ``true`` a boolean), as in the repository config."""
    import yaml

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value if isinstance(value, (int, float, bool, str, list)) else text


def baseline(workspace: dict[str, bytes], revision: str | None) -> dict[str, bytes] | None:
    """The workspace's files at a git revision: ``--base REF``, or ``HEAD`` inside a git repository (a resource
    already committed may be deployed). None outside git with no ``--base``: everything counts as new."""
    import subprocess

    paths = sorted(workspace)
    if not paths:
        return None
    probe = subprocess.run(["git", "-C", str(Path(paths[0]).resolve().parent), "rev-parse", "--show-toplevel"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        if revision is not None:
            raise UsageError("--base needs the files to be in a git repository")
        return None
    root = Path(probe.stdout.strip())
    revision = revision or "HEAD"
    check = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        if revision == "HEAD":
            return {}  # a repository without commits: nothing existed
        raise UsageError(f"--base {revision}: no such revision")
    relative: dict[str, str] = {}
    for path in paths:
        try:
            relative[path] = Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            continue
    # One git process reads every file: ``cat-file --batch`` answers "<sha> <type> <size>" then the bytes.
    request = "".join(f"{revision}:{name}\n" for name in relative.values())
    answer = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input=request.encode(),
                            capture_output=True).stdout
    files: dict[str, bytes] = {}
    offset = 0
    for path in relative:
        header_end = answer.index(b"\n", offset)
        header = answer[offset:header_end].split()
        offset = header_end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            files[path] = answer[offset : offset + size]
            offset += size + 1
    return files


def _progress(arguments: argparse.Namespace, count: int):  # noqa: ANN202
    """A progress bar on a terminal when there are many files; otherwise nothing."""
    if arguments.format != "text" or count < 50 or not sys.stderr.isatty():
        return None, None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("scanning", total=count)
    bar.start()
    return bar, lambda _path: bar.advance(task)


def command_scan(arguments: argparse.Namespace) -> int:
    from iacfix.fixers.reporting import render_report

    collected = collect_configured(arguments)
    engine = _engine(arguments)
    report = _analyse(arguments, engine, collected, fix=False)
    render_report(report, arguments.format, sys.stdout, verbose=arguments.verbose, engine=engine)
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.remaining else EXIT_CLEAN


def command_fix(arguments: argparse.Namespace) -> int:
    from iacfix.fixers.model import FileError

    if not arguments.paths and not arguments.external:
        raise UsageError("fix needs a PATH, or --from REPORT")
    from iacfix.fixers.reporting import render_fixes
    from iacfix.fixers.text import unified_diff

    from_run = _read_from(arguments) if arguments.external else None
    collected = collect_configured(arguments)
    engine = _engine(arguments, collected.files)
    if from_run is not None:
        engine = _narrow_to_report(arguments, from_run, engine, collected)
    report = _analyse(arguments, engine, collected, fix=True)
    if from_run is not None:  # what is left of the report's findings, not everything the rules would find
        report.remaining = [f for f in report.remaining if f.identity in (engine.config.only or ())]
    if arguments.diff:
        for path, text in sorted(report.files.items()):
            diff = unified_diff(path, collected.files[path].decode("utf-8").removeprefix("\ufeff"), text)
            sys.stdout.write(printable(diff, keep="\n\t") if sys.stdout.isatty() else diff)
        sys.stdout.flush()
    else:
        for path, text in sorted(report.files.items()):
            try:
                note = write_atomically(Path(path), text, collected.roots.get(path), collected.files[path])
            except (OSError, NotWritten) as error:
                reason = describe(error) if isinstance(error, OSError) else str(error)
                report.errors.append(FileError(printable(path), 1, 1, f"fixed but not written: {reason}"))
                continue
            if note:
                print(printable(f"{path}: {note}"), file=sys.stderr)
    render_fixes(report, sys.stderr if arguments.diff else sys.stdout, wrote=not arguments.diff,
                 verbose=arguments.verbose, engine=engine, originals=collected.files)
    if from_run is not None:
        return _report_from(arguments, from_run, engine, report)
    if report.errors:
        return EXIT_ERROR
    if report.remaining or (arguments.diff and report.files):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def command_clean(arguments: argparse.Namespace) -> int:
    from iacfix.fixers.cache import clean, project_root

    try:
        removed = clean(project_root(Path.cwd()))
    except (ValueError, OSError) as error:
        raise UsageError(str(error)) from None
    print(f"removed {removed}" if removed is not None else "no cache to remove")
    return EXIT_CLEAN


def _read_from(arguments: argparse.Namespace):  # noqa: ANN202 - lazy import
    """``--from REPORT``: the other scanner's findings; its files are the paths when none are given."""
    from iacfix.bot.fix_from import FromError, read_from

    try:
        return read_from(arguments)
    except FromError as error:
        raise UsageError(str(error)) from None


def _narrow_to_report(arguments: argparse.Namespace, run, engine, collected: Collected):  # noqa: ANN001, ANN202
    """Scan with the rules that answer the report's checks, then fix only the findings the report names."""
    from iacfix.bot.fix_from import narrowed, scan_engine

    scanner = scan_engine(run, engine)
    scan = _analyse(arguments, scanner, collected, fix=False)
    return narrowed(run, scanner, collected.files, scan)


def _report_from(arguments: argparse.Namespace, run, engine, report) -> int:  # noqa: ANN001
    """The report's findings by outcome; exit 0 only when every one of them was fixed."""
    from iacfix.bot.fix_from import outcomes
    from iacfix.fixers.external import Outcome
    from iacfix.fixers.reporting import render_external

    resolutions = outcomes(run, engine, report)
    render_external(resolutions, sys.stderr if arguments.diff else sys.stdout, wrote=not arguments.diff)
    if report.errors:
        return EXIT_ERROR
    return EXIT_CLEAN if all(r.outcome is Outcome.FIXED for r in resolutions) else EXIT_FINDINGS


def command_rules(arguments: argparse.Namespace) -> int:
    from iacfix.fixers.registry import UnknownRule, all_rules, resolve
    from iacfix.fixers.reporting import render_rule, render_rules

    if arguments.code:
        try:
            rule = resolve(arguments.code)
        except UnknownRule:
            raise UsageError(f"unknown rule {arguments.code!r}: see `iacfix rules`") from None
        render_rule(rule, sys.stdout, examples=rule_examples(rule.code))
    else:
        render_rules(all_rules(), sys.stdout)
    return EXIT_CLEAN


RULE_LANGUAGES = {"terraform": "Terraform", "cloudformation": "CloudFormation", "pulumi": "Pulumi"}


def rule_examples(code: str) -> str:
    """A rule's examples as Markdown: per language, its simplest fixed case from the fixtures, as a diff of the
    whole file (``-`` the lines the fix removes, ``+`` those it writes), which a terminal and a page both show."""
    from iacfix.fixers.examples import representative

    chosen = representative(code)
    parts = []
    for language, label in RULE_LANGUAGES.items():
        example = chosen.get(language)
        if example is None or example.after is None:
            continue
        parts.append(f"### {label}\n")
        for path in sorted(set(example.before) | set(example.after)):
            before, after = example.before.get(path, ""), example.after.get(path, "")
            if before != after:
                parts.append(f"`{path}`{'' if path in example.before else ' (new)'}:\n\n{_diff_block(before, after)}")
    return "## Example\n\n" + "\n".join(parts) if parts else ""


def _diff_block(before: str, after: str) -> str:
    """A fenced ``diff`` block of the whole file, its fence longer than any run of backticks in it."""
    import difflib
    import re

    a, b = before.splitlines(), after.splitlines()
    lines = list(difflib.unified_diff(a, b, lineterm="", n=max(len(a), len(b))))[3:]  # no file or hunk headers
    text = "\n".join(lines)
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", text))])
    return f"{fence}diff\n{text}\n{fence}\n"


def command_serve(arguments: argparse.Namespace) -> int:
    from iacfix.bot.server import serve

    try:
        serve(arguments.host, arguments.port, arguments.workers)
    except RuntimeError as error:  # missing configuration: say what to set, no traceback
        raise UsageError(str(error)) from None
    return EXIT_CLEAN


def command_worker(arguments: argparse.Namespace) -> int:
    from iacfix.bot.server import run_worker

    try:
        run_worker(arguments.workers)
    except RuntimeError as error:
        raise UsageError(str(error)) from None
    return EXIT_CLEAN


def command_register(arguments: argparse.Namespace) -> int:
    from iacfix.bot.register import RegistrationError, register

    try:
        register(Path(arguments.env_file), arguments.port, webhook_url=arguments.webhook_url,
                 github_url=arguments.github_url, api_url=arguments.api_url, organization=arguments.org,
                 open_browser=not arguments.no_browser)
    except RegistrationError as error:
        raise UsageError(str(error)) from None
    return EXIT_CLEAN


def parser() -> argparse.ArgumentParser:
    from iacfix.fixers import __version__

    main = argparse.ArgumentParser(prog="iacfix", description="Find and fix documented failures in Terraform, CloudFormation and Pulumi code.")
    main.add_argument("--version", action="version", version=f"iacfix {__version__}")
    commands = main.add_subparsers(dest="command", required=True)

    def rule_options(sub: argparse.ArgumentParser, paths: str = "+") -> None:
        sub.add_argument("paths", nargs=paths, metavar="PATH", help="files or folders")
        sub.add_argument("--rule", action="append", metavar="CODE|NAME", help="only these rules (repeatable)")
        sub.add_argument("--ignore", action="append", metavar="CODE|NAME", help="skip these rules (repeatable)")
        sub.add_argument("--option", action="append", metavar="RULE.NAME=VALUE", help="a rule option, e.g. log-retention.retention_days=30")
        sub.add_argument("-v", "--verbose", action="store_true", help="also say which files were skipped and why")
        sub.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                         help="processes to analyse with (default: one per core; small trees use one)")
        sub.add_argument("--no-cache", action="store_true",
                         help="analyse every unit again, without reading or writing .iacfix_cache/")
        sub.add_argument("--config", metavar="FILE", help="the repository configuration to use (default: the nearest "
                         ".github/iacfix.yml at or above the paths, up to the repository's root)")
        sub.add_argument("--isolated", action="store_true", help="read no configuration file")

    scan = commands.add_parser("scan", help="report findings")
    rule_options(scan)
    scan.add_argument("--format", choices=("text", "json", "sarif", "github", "gitlab", "junit"), default="text",
                      help="text, json, sarif (code scanning), github (workflow annotations), gitlab (Code Quality), "
                           "junit (XML test report)")
    scan.set_defaults(handler=command_scan)

    fix = commands.add_parser("fix", help="fix findings in place")
    rule_options(fix, paths="*")
    fix.add_argument("--from", dest="external", metavar="REPORT",
                     help="fix the findings of another scanner's report (checkov or cfn-lint JSON, SARIF) and say "
                          "what became of each; without PATH, the files it names")
    fix.add_argument("--diff", action="store_true", help="print a unified diff and write nothing")
    fix.add_argument("--unsafe", action="store_true", help="also apply fixes that may change runtime behaviour")
    fix.add_argument("--base", metavar="REF", help="the git revision before the change being fixed (default: HEAD in "
                     "a git repository); resources that existed there may be deployed, and what AWS created for "
                     "them is taken over instead of added")
    fix.set_defaults(handler=command_fix, format="text")

    clean = commands.add_parser("clean", help="remove the cache (.iacfix_cache/ at the project root)")
    clean.set_defaults(handler=command_clean)

    rules = commands.add_parser("rules", help="list the rules, or show one rule's docs")
    rules.add_argument("code", nargs="?", metavar="CODE|NAME")
    rules.set_defaults(handler=command_rules)

    serve = commands.add_parser("serve", help="run the GitHub App: webhook server and queue consumers")
    serve.add_argument("--host", default=os.environ.get("IACFIX_HOST", "127.0.0.1"),
                       help="address to listen on, 0.0.0.0 for every interface (default: %(default)s, from IACFIX_HOST)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("IACFIX_PORT", "8000")),
                       help="port to listen on (default: %(default)s, from IACFIX_PORT)")
    serve.add_argument("--workers", type=int, default=None,
                       help="consumer threads in this process, 0 for web only (default: IACFIX_WORKERS, else 2)")
    serve.set_defaults(handler=command_serve)

    worker = commands.add_parser("worker", help="run queue consumers only (they share IACFIX_REDIS_URL)")
    worker.add_argument("--workers", type=int, default=int(os.environ.get("IACFIX_WORKERS", "2")),
                        help="consumer threads (default: %(default)s, from IACFIX_WORKERS)")
    worker.set_defaults(handler=command_worker)

    register = commands.add_parser("register", help="create the GitHub App from app.yml (manifest flow)")
    register.add_argument("--env-file", default=".env", help="where the credentials are written (default: %(default)s)")
    register.add_argument("--port", type=int, default=3000, help="local port of the registration page (default: %(default)s)")
    register.add_argument("--webhook-url", help="where GitHub delivers webhooks, e.g. https://iacfix.example.com/webhook")
    register.add_argument("--github-url", default="https://github.com", help="GitHub Enterprise Server: https://HOST (default: %(default)s)")
    register.add_argument("--api-url", help="API base URL (default: derived from --github-url)")
    register.add_argument("--org", help="create the App in this organization instead of your account")
    register.add_argument("--no-browser", action="store_true", help="print the page's address instead of opening it")
    register.set_defaults(handler=command_register)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    if arguments.handler in (command_scan, command_fix):  # short-lived: the App's processes keep the defaults
        collect_rarely()
    try:
        return arguments.handler(arguments)
    except UsageError as error:
        print(f"iacfix: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
