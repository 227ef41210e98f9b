#!/usr/bin/env python3
"""Scores dealsearch's ranking on the judged set (bench/judged/judgments.tsv) over the ten seed
deals of corpus/: nDCG@10, P@5 and recall@10 per query and their means, for dealsearch and for
raw Xapian with the Dutch stemmer beside it. Prints a Markdown table.

    bench/judged/score.py [--build-dir build] [--record] [--check]

It indexes corpus/ with `dealsearch index` into a temporary directory, runs every query through
`dealsearch search --json --size 10`, and for raw Xapian writes the deals out with their ids
(`bench_inputs --docs`) and runs the queries through `bench/raw_search` (TermGenerator and
QueryParser, STEM_SOME, every word required, as bench/query_mix does).

nDCG@10: gain 2^grade - 1, discount log2(rank + 1), over the ideal order of all the query's
judged deals. P@5 and recall@10 count a deal as relevant when its grade is 2 or 3.

--record writes the table into bench/RESULTS.md as its "judged" section, keeping the others.
--check exits 1 unless the table is well formed (a row a query, every figure in [0, 1], the
means); it does not judge the figures (that is issue #13's goal, 0.90).
"""
import argparse
import datetime
import json
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import summarize  # noqa: E402  (bench/summarize.py: writes sections of RESULTS.md)

RELEVANT = 2  # grades from this up count as relevant for P@5 and recall@10
GOAL = 0.90   # issue #13's goal for the mean nDCG@10


def read_judgments(path):
    """[(query, kind, {deal id: grade})], in the file's order."""
    judged = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3:
                sys.exit(f"{path}:{number}: want query<TAB>kind<TAB>grades, got {line!r}")
            query, kind, grades_text = fields
            grades = {}
            for item in grades_text.split():
                deal, _, grade = item.rpartition(":")
                if not deal or grade not in ("0", "1", "2", "3"):
                    sys.exit(f"{path}:{number}: want deal-id:grade (0-3), got {item!r}")
                grades[deal] = int(grade)
            if not any(g >= RELEVANT for g in grades.values()):
                sys.exit(f"{path}:{number}: no deal graded {RELEVANT} or more for {query!r}")
            judged.append((query, kind, grades))
    return judged


def dcg(grades):
    return sum((2 ** g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades))


def scores(ranked, grades):
    """(nDCG@10, P@5, recall@10) of the ranked deal ids against the grades."""
    got = [grades.get(deal, 0) for deal in ranked[:10]]
    ideal = dcg(sorted(grades.values(), reverse=True)[:10])
    relevant = sum(1 for g in grades.values() if g >= RELEVANT)
    return (dcg(got) / ideal if ideal else 0.0,
            sum(1 for g in got[:5] if g >= RELEVANT) / 5,
            sum(1 for g in got if g >= RELEVANT) / relevant)


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


def dealsearch_top10(build, index, query):
    """(ids best first, fallback) of `dealsearch search --json --size 10 QUERY`."""
    answer = json.loads(run([os.path.join(build, "dealsearch"), "search", "--db", index, "--json",
                             "--size", "10", query]))
    fallback = "corrected" if answer["corrected"] else "relaxed" if answer["relaxed"] else ""
    return [hit["id"] for hit in answer["hits"]], fallback


def xapian_top10(build, index, work, queries):
    """{query: ids best first} from raw Xapian over the same deals."""
    docs = os.path.join(work, "docs.jsonl")
    run([os.path.join(build, "bench", "bench_inputs"), "--index", index, "--docs", docs])
    out = run([os.path.join(build, "bench", "raw_search"), "--docs", docs, "--work",
               os.path.join(work, "xapian"), "--size", "10"], input="\n".join(queries) + "\n")
    answers = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {a["q"]: a["ids"] for a in answers}


def table(judged, ours, theirs):
    """The Markdown text: a row a query, then the means (overall and by kind)."""
    lines = ["| query | kind | nDCG@10 | P@5 | R@10 | fallback | raw Xapian nDCG@10 | P@5 | R@10 |",
             "|---|---|---|---|---|---|---|---|---|"]
    figures = []
    for query, kind, grades in judged:
        ids, fallback = ours[query]
        mine = scores(ids, grades)
        raw = scores(theirs[query], grades) if theirs is not None else None
        figures.append((kind, mine, raw))
        raw_cells = " | ".join(f"{x:.2f}" for x in raw) if raw else "– | – | –"
        lines.append(f"| `{query}` | {kind} | " + " | ".join(f"{x:.2f}" for x in mine) +
                     f" | {fallback} | {raw_cells} |")

    def mean(rows, engine, i):
        values = [row[engine][i] for row in rows if row[engine] is not None]
        return sum(values) / len(values) if values else None

    def cells(rows, engine):
        values = [mean(rows, engine, i) for i in range(3)]
        return " | ".join("–" if v is None else f"**{v:.2f}**" for v in values)

    lines.append(f"| **mean** ({len(figures)} queries) | | {cells(figures, 1)} | | "
                 f"{cells(figures, 2)} |")
    lines += ["", "Means by kind of query (nDCG@10, dealsearch / raw Xapian):", ""]
    for kind in sorted({k for k, _, _ in figures}):
        rows = [row for row in figures if row[0] == kind]
        raw = mean(rows, 2, 0)
        lines.append(f"- {kind} ({len(rows)}): {mean(rows, 1, 0):.2f} / "
                     f"{'–' if raw is None else f'{raw:.2f}'}")
    ndcg = mean(figures, 1, 0)
    # Most queries have one or two relevant deals among ten: P@5 cannot reach 1 for them.
    ceiling = sum(min(5, sum(1 for g in grades.values() if g >= RELEVANT)) / 5
                  for _, _, grades in judged) / len(judged)
    lines += ["", f"P@5 can reach {ceiling:.2f} at best on this set (most queries have one or "
              "two relevant deals).", "",
              f"Mean nDCG@10 {ndcg:.2f} against issue #13's goal of {GOAL:.2f}: "
              f"**goal {'met' if ndcg >= GOAL else 'missed'}**."]
    return "\n".join(lines)


def well_formed(text, judged):
    """What is wrong with the table, or [] when it is well formed."""
    problems = []
    figure = r"(?:0|1)\.\d\d"
    row = re.compile(rf"^\| `.+` \| [^|]+ \|( {figure} \|){{3}} (relaxed|corrected)? \|"
                     rf"(( {figure} \|){{3}}| – \| – \| – \|)$")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    if len(rows) != len(judged):
        problems.append(f"{len(rows)} rows for {len(judged)} queries")
    problems += [f"bad row: {line}" for line in rows if not row.match(line)]
    if not re.search(rf"^\| \*\*mean\*\* \({len(judged)} queries\) \| \|( \*\*{figure}\*\* \|){{3}}",
                     text, re.M):
        problems.append("no row of means")
    if not re.search(r"^Mean nDCG@10 \d\.\d\d against .*\*\*goal (met|missed)\*\*\.$", text, re.M):
        problems.append("no verdict")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    parser.add_argument("--judgments", default=os.path.join(HERE, "judgments.tsv"))
    parser.add_argument("--corpus", default=os.path.join(ROOT, "corpus"))
    parser.add_argument("--no-xapian", action="store_true", help="leave raw Xapian out")
    parser.add_argument("--record", action="store_true",
                        help="write the table into bench/RESULTS.md (its judged section)")
    parser.add_argument("--results", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    parser.add_argument("--check", action="store_true", help="exit 1 unless well formed")
    args = parser.parse_args()
    build = os.path.abspath(args.build_dir)
    judged = read_judgments(args.judgments)

    with tempfile.TemporaryDirectory(prefix="dealsearch-judged-") as work:
        index = os.path.join(work, "index")
        run([os.path.join(build, "dealsearch"), "index", "--quiet", "--db", index, args.corpus])
        ours = {q: dealsearch_top10(build, index, q) for q, _, _ in judged}
        theirs = None if args.no_xapian else xapian_top10(build, index, work,
                                                          [q for q, _, _ in judged])
    text = table(judged, ours, theirs)
    print(text)

    if args.record:
        commit = run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]).strip()
        section = (f"## Ranking: the judged set (bench/judged/)\n\n"
                   f"{datetime.date.today().isoformat()}, commit `{commit}`. Produced by "
                   f"`bench/judged/score.py --record`: {len(judged)} queries over the ten seed "
                   "deals of corpus/, graded 0-3 by meaning; dealsearch's top 10 "
                   "(`dealsearch search --json --size 10`) beside raw Xapian's (Dutch stemmer, "
                   "STEM_SOME, every word required). P@5 and R@10 count grades 2 and 3 as "
                   f"relevant.\n\n{text}")
        summarize.write_named_section(args.results, "judged", section)
        print(f"\n(written to {args.results})")
    if args.check:
        problems = well_formed(text, judged)
        if problems:
            print("bench/judged/score.py: the table is not well formed: " + "; ".join(problems),
                  file=sys.stderr)
            sys.exit(1)
        print(f"bench/judged/score.py: the table is well formed ({len(judged)} queries)")


if __name__ == "__main__":
    main()
