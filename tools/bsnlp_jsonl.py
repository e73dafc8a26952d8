#!/usr/bin/env python3
"""BSNLP raw articles as JSON Lines for recoupe's throughput benchmarks.

usage: tools/bsnlp_jsonl.py ../shared/data/entities/bsnlp-dev > /tmp/bsnlp.jsonl

Each raw file holds id, language, date, URL and title on its first five lines, then the body.
The language is left out on purpose: recoupe detects it, as it would on a feed. Nothing of the
data set is written into the repository; the output goes where the caller sends it.
"""
import json
import os
import sys


def raw_files(root):
    """(topic, language, path) of every raw article of every topic, in path order."""
    for topic in sorted(os.listdir(root)):
        raw = os.path.join(root, topic, "raw")
        if not os.path.isdir(raw):
            continue
        for lang in sorted(os.listdir(raw)):
            folder = os.path.join(raw, lang)
            for name in sorted(os.listdir(folder)):
                yield topic, lang, os.path.join(folder, name)


def main() -> None:
    for topic, lang, path in raw_files(sys.argv[1]):
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        if len(lines) < 5:
            continue
        doc = {
            "id": f"{topic}/{lang}/{lines[0].strip()}",
            "published": lines[2].strip() or None,
            "url": lines[3].strip() or None,
            "title": lines[4].strip(),
            "text": "\n".join(lines[5:]).strip(),
        }
        print(json.dumps(doc, ensure_ascii=False))


if __name__ == "__main__":
    main()
