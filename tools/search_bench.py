#!/usr/bin/env python3
"""Search latency through the API, as docs/BENCHMARKS.md ("Search") measures it.

    python3 tools/search_bench.py STORE.db http://127.0.0.1:8080 [--queries 300] [--seed 1]

Draws one-word queries from the titles of the store's first 20,000 stories (words of five
letters or more, seeded; with --common N, from the N words most titles have: the slowest), asks `GET /api/search?q=WORD&limit=20` for each in turn (one client),
twice — the first pass warms the page cache — and prints the second pass's p50, p90, p99 and
max in milliseconds, with the mean number of hits and the slowest queries.
"""

import argparse
import json
import random
import re
import sqlite3
import time
import urllib.parse
import urllib.request


def words(db: str, stories: int) -> dict[str, int]:
    """Each word of five letters or more of the titles, with how many titles have it."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    found: dict[str, int] = {}
    for (title,) in conn.execute("SELECT title FROM stories ORDER BY opened_seq LIMIT ?", (stories,)):
        for w in set(re.findall(r"\w{5,}", title)):
            if not w.isdigit():
                found[w] = found.get(w, 0) + 1
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("server")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stories", type=int, default=20_000)
    ap.add_argument(
        "--common",
        type=int,
        default=0,
        help="draw from the N words most titles have (the slowest to rank) instead of all",
    )
    args = ap.parse_args()
    counted = words(args.db, args.stories)
    if args.common:
        pool = sorted(counted, key=lambda w: (-counted[w], w))[: args.common]
    else:
        pool = sorted(counted)
    rng = random.Random(args.seed)
    queries = [rng.choice(pool) for _ in range(args.queries)]
    for run in range(2):
        took, hits = [], []
        for q in queries:
            url = f"{args.server}/api/search?limit=20&q={urllib.parse.quote(q)}"
            start = time.perf_counter()
            with urllib.request.urlopen(url) as answer:
                body = json.load(answer)
            took.append(((time.perf_counter() - start) * 1000, q))
            hits.append(len(body["hits"]))
    ms = sorted(t for t, _ in took)

    def at(p: float) -> float:
        return ms[min(len(ms) - 1, int(p * len(ms)))]

    print(
        f"{len(ms)} queries, {sum(hits) / len(hits):.1f} hits on average: "
        f"p50 {at(0.50):.1f} ms, p90 {at(0.90):.1f} ms, p99 {at(0.99):.1f} ms, max {ms[-1]:.1f} ms"
    )
    print("slowest:", ", ".join(f"{q} {t:.0f} ms" for t, q in sorted(took, reverse=True)[:8]))


if __name__ == "__main__":
    main()
