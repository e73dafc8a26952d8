#!/usr/bin/env python3
"""B-cubed precision, recall and F1 of the stories stored by `recoupe ingest`, against the
planted stories of a generated corpus (`recoupe-eval generate`).

Each stored article's `source` ends in `#LINE` (its line in the JSON Lines file); that line's
`planted_story` is the truth. Lines whose article was stored once already (the same title and
text as an earlier line) are not in the store and are not scored.

    python3 tools/bcubed_store.py g1m.db g1m.jsonl
"""
import json
import sqlite3
import sys
from collections import Counter


def main():
    db, corpus = sys.argv[1], sys.argv[2]
    planted = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            planted.append(json.loads(line)["planted_story"])
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    found = {}
    for source, story in conn.execute(
        "SELECT a.source, m.story FROM story_members m JOIN articles a ON a.rowid = m.seq"
    ):
        line = int(source.rsplit("#", 1)[1])
        found[line] = story
    pairs = Counter()
    cluster_size = Counter()
    class_size = Counter()
    for line, story in found.items():
        truth = planted[line - 1]
        pairs[(story, truth)] += 1
        cluster_size[story] += 1
        class_size[truth] += 1
    n = len(found)
    precision = sum(c * c / cluster_size[s] for (s, _), c in pairs.items()) / n
    recall = sum(c * c / class_size[t] for (_, t), c in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall)
    print(
        f"{n} articles scored, {len(cluster_size)} stories found, {len(class_size)} planted: "
        f"B-cubed P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    )


if __name__ == "__main__":
    main()
