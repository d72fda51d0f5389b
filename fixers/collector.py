"""How often Python's cycle collector runs while iacfix works.

A scan allocates hundreds of thousands of objects that live until their unit is done (parser tables, trees,
documents), and hardly any of them are in cycles. With Python's default thresholds the collector walks them
again and again: about a tenth of a cold scan's CPU time. Collecting the youngest objects every ``YOUNG``
allocations instead of every 700 makes those walks rare. A worker collects in full after each unit, so a unit's
garbage never outlives it and memory stays bounded however many units a worker analyses.
"""

from __future__ import annotations

import gc

YOUNG = 20_000


def collect_rarely() -> None:
    """For a process that analyses (a worker) or runs one scan or fix (the command line). The App's own processes
    keep Python's defaults: they run for days, and the rare walk is no saving there."""
    gc.set_threshold(YOUNG, 10, 10)


def keep_inherited() -> None:
    """In a freshly forked worker: what it inherited (modules, the parser) lives as long as the process does, so
    the collector stops walking it, and leaves the pages it shares with its parent unwritten."""
    gc.freeze()
    collect_rarely()


def settle_unit() -> None:
    """In a worker, after a unit: its garbage cycles are collected now, and what outlives it (the worker's caches,
    the IAM dataset once read) is kept like the inherited state, so the next unit's collections walk only that
    unit's objects."""
    gc.collect()
    gc.freeze()
