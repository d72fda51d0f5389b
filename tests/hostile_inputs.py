"""Hostile files shared by the hostile-input tests: each is small, real, and known to hurt a parser."""

from __future__ import annotations

# libcst's native parser overflows its stack on this (about 6 KB): the process dies with SIGSEGV.
NESTED_BRACKETS = "import pulumi\n\nvalue = " + "(" * 1500 + "1" + ")" * 1500 + "\n"


def alias_bomb(levels: str = "abcdefghi") -> str:
    """A CloudFormation template of a few hundred bytes whose YAML aliases expand to 9**9 scalars."""
    lines = ['AWSTemplateFormatVersion: "2010-09-09"', "Resources:", "  Topic:", "    Type: AWS::SNS::Topic",
             "    Metadata:", '      a: &a ["x","x","x","x","x","x","x","x","x"]']
    for previous, current in zip(levels, levels[1:], strict=False):
        lines.append(f"      {current}: &{current} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"
