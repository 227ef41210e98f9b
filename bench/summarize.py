#!/usr/bin/env python3
"""The table of bench/run.sh: reads the figures one run left in its work directory, prints the
side-by-side table and writes it, with date, machine and commit, to --out (Markdown).

Latencies are medians over a query's repeats, then the 50th and 99th percentile over the
queries; ratios are the peer's figure over ours (above 1: we are faster or smaller)."""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import sys

PLAIN_CLASSES = {"single-rare", "single-medium", "single-frequent", "two-words", "three-words",
                 "compound", "compound-part", "typo"}
PEERS = [("dealsearch", "dealsearch (in-process)"), ("xapian", "raw Xapian (in-process)"),
         ("postgres", "PostgreSQL 15 FTS"), ("sphinx", "Sphinx 2.2.11")]


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def read_number(path):
    try:
        with open(path) as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def per_query_ms(run, key="ms"):
    return [statistics.median(q[key]) for q in run["queries"] if q.get(key)]


def fmt(value, unit="", digits=1):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def ratio(peer, ours):
    if peer is None or ours in (None, 0):
        return "–"
    return f"{peer / ours:.1f}×"


def machine():
    cores = os.cpu_count()
    memory = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            memory = f"{kb / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{cores} cores, {memory}, {platform.system()} {platform.release()}"


HEADER = """# Benchmark results

Written by `bench/run.sh` (one section a corpus size, replaced by the next run at that size),
`bench/soak.sh` (by hand) and `bench/judged/score.py --record` (the ranking's judged set).
How the figures are made, and what the gaps mean: bench/README.md.
"""


def read_results(path):
    """RESULTS.md as it stands, or its header alone when there is none yet."""
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return HEADER


def put_section(current, opening, closing, text, new_at):
    """`current` with the section between `<!-- opening -->` and `<!-- end closing -->`
    holding `text`; where there is none yet, the section goes in at index `new_at`. Everything
    else is kept as it is: sections written by hand (the million deals, the shards) carry no
    markers, and an earlier version that rebuilt the file from its marked sections dropped
    them."""
    block = f"<!-- {opening} -->\n{text.strip()}\n<!-- end {closing} -->\n"
    existing = re.compile(
        rf"<!-- {re.escape(opening)} -->\n.*?\n<!-- end {re.escape(closing)} -->\n?", re.S)
    if existing.search(current):
        return existing.sub(lambda _: block, current, count=1)
    before, after = current[:new_at].rstrip("\n"), current[new_at:].lstrip("\n")
    return before + "\n\n" + block + ("\n" + after if after else "")


def write_section(path, size, text):
    """Puts `text` into `path` as the section of this corpus size (a new size goes before the
    next larger one, or after the last), keeping everything else in the file."""
    current = read_results(path)
    sizes = [(int(m.group(1)), m.start()) for m in re.finditer(r"<!-- results (\d+) -->", current)]
    ends = [m.end() for m in re.finditer(r"<!-- end results -->\n?", current)]
    larger = [start for n, start in sizes if n > size]
    new_at = larger[0] if larger else (ends[-1] if ends else len(current))
    with open(path, "w") as f:
        f.write(put_section(current, f"results {size}", "results", text, new_at))


def write_named_section(path, name, text):
    """Puts `text` into `path` as the section `name` ("judged"), keeping everything else; a
    new one goes at the end."""
    current = read_results(path)
    with open(path, "w") as f:
        f.write(put_section(current, name, name, text, len(current)))


def precision_table(path):
    """bench/precision's Markdown table for this run, or None when it did not run."""
    try:
        with open(path) as f:
            text = f.read().strip()
    except OSError:
        return None
    return text if "| query |" in text and "Goal:" in text else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--commit", default="unknown")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when an engine's figures are missing or HTTP had errors")
    args = parser.parse_args()
    w = lambda name: os.path.join(args.work, name)

    runs = {name: load(w(f"{name}.json")) for name, _ in PEERS}
    input_bytes = read_number(w("input-bytes"))
    ours_time = load(w("index-time.json")) or {}
    ours_build = {"build_seconds": ours_time.get("wall_seconds"),
                  "index_bytes": read_number(w("index-bytes")),
                  "peak_rss_kb": ours_time.get("peak_rss_kb")}
    lines = []
    say = lines.append

    say(f"## {args.size:,} generated deals")
    say("")
    say(f"{datetime.date.today().isoformat()}, commit `{args.commit}`, {machine()}. "
        "Produced by `bench/run.sh`; figures from one run, side by side (the machine is shared "
        "and noisy: compare within a run).")
    say("")

    say("### Indexing")
    say("")
    say("| engine | wall time | documents/s | index size | × input | peak RSS |")
    say("|---|---|---|---|---|---|")
    for name, label in PEERS:
        if name == "dealsearch":
            label = "dealsearch (`dealsearch index`, all cores)"
        build = ours_build if name == "dealsearch" else (runs[name] or {})
        seconds, size = build.get("build_seconds"), build.get("index_bytes")
        rss = build.get("peak_rss_kb")
        say(f"| {label} | {fmt(seconds, ' s')} | "
            f"{fmt(args.size / seconds if seconds else None, '', 0)} | "
            f"{fmt(size / 1e6 if size else None, ' MB', 0)} | "
            f"{fmt(size / input_bytes if size and input_bytes else None, '×', 2)} | "
            f"{fmt(rss / 1024 if rss else None, ' MB', 0)} |")
    say("")
    say(f"Input: {fmt(input_bytes / 1e6 if input_bytes else None, ' MB', 0)} of JSON Lines "
        "(dealsearch reads the generated deals and extracts their facets; the peers read the "
        "same texts with the facet values dealsearch extracted).")
    say("")

    say("### Queries (top 10, exact total, exact facet counts over all matches, snippets)")
    say("")
    ours = runs["dealsearch"]
    ours_ms = per_query_ms(ours) if ours else []
    ours_p50, ours_p99 = percentile(ours_ms, 0.5), percentile(ours_ms, 0.99)
    say("| engine | queries | p50 | p99 | p50 ratio | p99 ratio |")
    say("|---|---|---|---|---|---|")
    for name, label in PEERS:
        run = runs[name]
        if not run:
            say(f"| {label} | – | – | – | – | – |")
            continue
        ms = per_query_ms(run)
        p50, p99 = percentile(ms, 0.5), percentile(ms, 0.99)
        say(f"| {label} | {len(ms)} | {fmt(p50, ' ms', 2)} | {fmt(p99, ' ms', 2)} | "
            f"{ratio(p50, ours_p50)} | {ratio(p99, ours_p99)} |")
    xapian = runs["xapian"]
    if xapian:
        floor = per_query_ms(xapian, "ms_no_facets")
        say(f"| raw Xapian without facets | {len(floor)} | {fmt(percentile(floor, 0.5), ' ms', 2)} | "
            f"{fmt(percentile(floor, 0.99), ' ms', 2)} | | |")
    say("")

    if ours:
        say("By query class, p50 (ms):")
        say("")
        classes = sorted({q["class"] for q in ours["queries"]})
        header = "| engine | " + " | ".join(classes) + " |"
        say(header)
        say("|---" * (len(classes) + 1) + "|")
        for name, label in PEERS:
            run = runs[name]
            if not run:
                continue
            cells = []
            for c in classes:
                ms = [statistics.median(q["ms"]) for q in run["queries"] if q["class"] == c and q["ms"]]
                cells.append(fmt(percentile(ms, 0.5), "", 2))
            say(f"| {label} | " + " | ".join(cells) + " |")
        say("")

    say("### Do the engines agree?")
    say("")
    peers_present = [n for n in ("xapian", "postgres", "sphinx") if runs[n]]
    if ours and peers_present:
        totals = {n: {q["id"]: q.get("total") for q in runs[n]["queries"]} for n in peers_present}
        plain = [q for q in ours["queries"] if q["class"] in PLAIN_CLASSES]
        agree = sum(1 for q in plain if len({totals[n].get(q["id"]) for n in peers_present}) == 1)
        more = same = fewer = fallback = 0
        extra = 0
        for q in plain:
            peer_totals = [totals[n].get(q["id"]) for n in peers_present if totals[n].get(q["id"]) is not None]
            if not peer_totals:
                continue
            reference = max(peer_totals)
            if q.get("fallback"):
                fallback += 1
            elif q["total"] > reference:
                more += 1
                extra += q["total"] - reference
            elif q["total"] == reference:
                same += 1
            else:
                fewer += 1
        say(f"Over the {len(plain)} plain queries (no phrase, no prefix): the peers "
            f"({', '.join(peers_present)}) give the same total for {agree}. Against the largest "
            f"peer total, dealsearch finds the same for {same}, more for {more} "
            f"({extra:,} more matches in all: compounds, plurals and folding on purpose), fewer "
            f"for {fewer}, and for {fallback} it answers with a fallback where the peers find "
            "nothing or little (a spelling correction, or the best partial matches).")
    else:
        say("(not enough engines ran to compare)")
    say("")

    say("### Precision: compound queries against a reference counted from the texts (issue #13)")
    say("")
    precision = precision_table(w("precision.md"))
    say(precision or "(bench/precision did not run)")
    say("")
    say("Written by `build/bench/precision` (see bench/README.md); raw Xapian is the index of "
        "the query mix above.")
    say("")

    say("### HTTP: `dealsearch serve` under wrk (the query mix as API requests)")
    say("")
    say("| connections | requests/s | p50 | p99 | errors |")
    say("|---|---|---|---|---|")
    for connections in (1, 2, 16):
        r = load(w(f"wrk-{connections}.json"))
        if not r:
            say(f"| {connections} | – | – | – | – |")
            continue
        say(f"| {connections} | {fmt(r['requests_per_s'], '', 0)} | {fmt(r['p50_ms'], ' ms', 2)} | "
            f"{fmt(r['p99_ms'], ' ms', 2)} | {r['errors'] + r['non_2xx']} |")
    rss = read_number(w("serve-peak-rss-kb"))
    say("")
    say(f"Server peak memory (RSS): {fmt(rss / 1024 if rss else None, ' MB', 0)}.")
    say("")

    say("### Shards: one database against 4 shards, 2 local and 2 remote (issue #17)")
    say("")
    say("The same query mix through `dealsearch serve`, back to back: over the one database "
        "above, and over the deals indexed again with `--shards 4`, shards 3 and 4 served by "
        "`xapian-tcpsrv` on loopback (bench/shards.sh).")
    say("")
    say("| connections | one database p50 | p99 | 4 shards p50 | p99 | overhead p50 | p99 | errors |")
    say("|---|---|---|---|---|---|---|---|")
    for connections in (1, 2):
        one = load(w(f"shards-one-{connections}.json"))
        four = load(w(f"shards-four-{connections}.json"))
        if not one or not four:
            say(f"| {connections} | – | – | – | – | – | – | – |")
            continue
        errors = sum(r["errors"] + r["non_2xx"] for r in (one, four))
        say(f"| {connections} | {fmt(one['p50_ms'], ' ms', 2)} | {fmt(one['p99_ms'], ' ms', 2)} | "
            f"{fmt(four['p50_ms'], ' ms', 2)} | {fmt(four['p99_ms'], ' ms', 2)} | "
            f"{ratio(four['p50_ms'], one['p50_ms'])} | {ratio(four['p99_ms'], one['p99_ms'])} | "
            f"{errors} |")
    say("")

    say("### Against the targets of issue #6")
    say("")
    seconds = ours_build.get("build_seconds")
    docs_per_s = args.size / seconds if seconds else None
    size_ratio = (ours_build["index_bytes"] / input_bytes
                  if ours_build.get("index_bytes") and input_bytes else None)
    wrk16 = load(w("wrk-16.json")) or {}
    checks = [
        ("query p50 ≤ 5 ms", ours_p50, 5, " ms"),
        ("query p99 ≤ 25 ms", ours_p99, 25, " ms"),
        ("indexing ≥ 400 documents/s", docs_per_s, 400, " documents/s"),
        ("index ≤ 1.0× input", size_ratio, 1.0, "×"),
        ("HTTP p99 < 30 ms at 16 connections", wrk16.get("p99_ms"), 30, " ms"),
    ]
    for label, value, target, unit in checks:
        if value is None:
            verdict = "not measured"
        else:
            higher_is_better = "≥" in label
            met = value >= target if higher_is_better else value <= target
            verdict = f"{'met' if met else 'missed'} ({fmt(value, unit, 2)})"
        say(f"- {label}: {verdict}")
    say("")

    # Issue #19's targets are ratios to raw Xapian in the same run: its TermGenerator with the
    # Dutch stemmer on one thread, with the same flush threshold as `dealsearch index` uses
    # (bench/run.sh), its index compacted (bench/engines.cc).
    say("### Against the targets of issue #19 (raw Xapian, same run)")
    say("")
    raw = runs["xapian"] or {}
    raw_seconds, raw_bytes = raw.get("build_seconds"), raw.get("index_bytes")
    rate_ratio = raw_seconds / seconds if seconds and raw_seconds else None
    bytes_ratio = (ours_build["index_bytes"] / raw_bytes
                   if ours_build.get("index_bytes") and raw_bytes else None)
    rss = ours_build.get("peak_rss_kb")
    checks = [
        ("indexing rate ≥ 2× raw Xapian's", rate_ratio, 2.0, "×"),
        ("index size ≤ 0.5× raw Xapian's", bytes_ratio, 0.5, "×"),
        ("peak RSS ≤ 1,024 MB (the default --memory-mb)", rss / 1024 if rss else None, 1024,
         " MB"),
    ]
    for label, value, target, unit in checks:
        if value is None:
            verdict = "not measured"
        else:
            met = value >= target if "≥" in label.split(" (")[0] else value <= target
            verdict = f"{'met' if met else 'missed'} ({fmt(value, unit, 2)})"
        say(f"- {label}: {verdict}")
    say("")

    # The in-process engines must always give figures; a peer when its script ran and failed.
    problems = [f"no figures from {name}" for name in ("dealsearch", "xapian") if not runs[name]]
    if precision is None:
        problems.append("no precision table")
    problems += [f"the {name} peer failed" for name, _ in PEERS
                 if os.path.exists(w(f"{name}.failed"))]
    for connections in (1, 2, 16):
        r = load(w(f"wrk-{connections}.json"))
        if not r:
            problems.append(f"no wrk figures at {connections} connections")
        elif r["errors"] + r["non_2xx"] > 0:
            problems.append(f"{r['errors'] + r['non_2xx']} failed requests at {connections} connections")

    for name in ("one", "four"):
        for connections in (1, 2):
            r = load(w(f"shards-{name}-{connections}.json"))
            if not r:
                problems.append(f"no shards figures ({name}, {connections} connections)")
            elif r["errors"] + r["non_2xx"] > 0:
                problems.append(f"{r['errors'] + r['non_2xx']} failed requests over {name} "
                                f"at {connections} connections")

    text = "\n".join(lines)
    print(text)
    write_section(args.out, args.size, text)
    print(f"\n(written to {args.out})")
    if args.strict and problems:
        print("bench/summarize.py: " + "; ".join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
