#!/usr/bin/env python3
"""B-cubed precision, recall and F1 of recoupe's stories on ECB+ (events and topics).

    target/release/recoupe analyze --json ECB.jsonl > report.json
    python3 tools/bcubed_ecb.py ECB.jsonl json report.json
    target/release/recoupe ingest ECB.jsonl --db ecb.db
    python3 tools/bcubed_ecb.py ECB.jsonl db ecb.db

ECB.jsonl is ../shared/data/stories/ecbplus-dev/ecbplus-dev.jsonl: each line's `id` is the
article's source suffix (`path#id`), its `event` and `topic` the truth. The report in
docs/eval/stories.md comes from `recoupe-eval stories --ecb`; this script scores what a command
wrote (a JSON report, or a store made by `recoupe ingest`).
"""
import json
import sqlite3
import sys
from collections import Counter


def bcubed(found, truth):
    pairs, clusters, classes = Counter(), Counter(), Counter()
    for key, story in found.items():
        pairs[(story, truth[key])] += 1
        clusters[story] += 1
        classes[truth[key]] += 1
    n = len(found)
    p = sum(c * c / clusters[s] for (s, _), c in pairs.items()) / n
    r = sum(c * c / classes[t] for (_, t), c in pairs.items()) / n
    return p, r, 2 * p * r / (p + r)


def main():
    corpus, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
    event, topic = {}, {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            event[d["id"]], topic[d["id"]] = d["event"], d["topic"]
    found = {}
    if mode == "json":
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        key = {a["id"]: a["source"].rsplit("#", 1)[1] for a in report["articles"]}
        for story in report["stories"]:
            for article in story["articles"]:
                found[key[article]] = story["id"]
    else:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        for source, story in conn.execute(
            "SELECT a.source, m.story FROM story_members m JOIN articles a ON a.rowid = m.seq"
        ):
            found[source.rsplit("#", 1)[1]] = story
    print(
        f"{len(found)} articles, {len(set(found.values()))} stories; "
        "event B-cubed P %.3f R %.3f F1 %.3f; " % bcubed(found, event)
        + "topic P %.3f R %.3f F1 %.3f" % bcubed(found, topic)
    )


if __name__ == "__main__":
    main()
