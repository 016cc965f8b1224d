"""The report of a run: match rate per feature group, statuses, and the failures
clustered by the properties of their minimal cases.

Clustering: failures whose minimal cases share a signature (features.signature)
form one cluster; the clusters are listed largest first, each with its cards and
the smallest minimal case, so one fix per cluster is the work list. A token
common to many clusters is named in "most frequent properties".
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .compare import PASS
from .runner import RunSummary


def group_rates(summary: RunSummary) -> list[tuple[str, int, int]]:
    """(group, cards, matching), ``all`` first, then by cards descending."""
    total: Counter[str] = Counter()
    good: Counter[str] = Counter()
    for r in summary.results:
        if not r.outcome.counted:
            continue
        for g in r.groups:
            total[g] += 1
            good[g] += r.outcome.status == PASS
    order = sorted(total, key=lambda g: (g != "all", -total[g], g))
    return [(g, total[g], good[g]) for g in order]


def report(summary: RunSummary, command: str) -> str:
    lines = [f"# Differential run: seed {summary.seed}, {len(summary.results)} cards", "",
             f"Command: `{command}`  ", f"Time: {summary.seconds:.0f} s", ""]
    statuses = Counter(r.outcome.status for r in summary.results)
    lines.append("Statuses: " + ", ".join(f"{k} {v}" for k, v in statuses.most_common()))
    lines += ["", "| group | cards | match | rate |", "|---|---:|---:|---:|"]
    for g, n, ok in group_rates(summary):
        lines.append(f"| {g} | {n} | {ok} | {100 * ok / n:.1f} % |")
    failures = summary.failures()
    if failures:
        lines += ["", "## Failures", ""]
        for r in failures:
            first = r.outcome.message.splitlines()[0] if r.outcome.message else ""
            lines.append(f"- card {r.index} ({r.template}): {r.outcome.status} {first}"
                         f" [{r.card_file}]")
    if summary.minimal:
        lines += ["", "## Clusters of minimal cases", ""]
        clusters: dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for index, info in summary.minimal.items():
            clusters[tuple(info["signature"])].append((index, info))
        for sig, members in sorted(clusters.items(), key=lambda kv: -len(kv[1])):
            members.sort(key=lambda m: m[1]["size"])
            smallest = members[0][1]
            lines.append(f"- {len(members)} card(s) {sorted(i for i, _ in members)}: "
                         f"`{' '.join(sig) or '(nothing special)'}`; smallest "
                         f"{smallest['file']} ({smallest['status']} {smallest['message']})")
        tokens = Counter(t for info in summary.minimal.values() for t in info["signature"])
        lines += ["", "Most frequent properties in minimal cases: "
                  + ", ".join(f"{t} ({n})" for t, n in tokens.most_common(15))]
    return "\n".join(lines) + "\n"


def table(summary: RunSummary) -> str:
    """The per-group match rates as a fixed-width table for the terminal."""
    rows = [f"{'group':<18} {'cards':>6} {'match':>6} {'rate':>8}"]
    for g, n, ok in group_rates(summary):
        rows.append(f"{g:<18} {n:>6} {ok:>6} {100 * ok / n:>7.1f}%")
    return "\n".join(rows)
