#!/usr/bin/env python3
"""Language of the BSNLP dev articles by two peers of recoupe's detector: lingua (all of its 75
languages, high accuracy) and py3langid. `recoupe-eval language` reads the output and reports
them beside recoupe and whatlang, on the same texts (docs/eval/language.md).

usage:
    pip install --target /tmp/pylangid lingua-language-detector py3langid
    PYTHONPATH=/tmp/pylangid python3 tools/langid_peers.py ../shared/data/entities/bsnlp-dev \
        > target/langid-peers.tsv

One line per text: level (article|paragraph), the raw file's path, the paragraph's number (0
for the article), then each peer's ISO 639-1 code ("none" when it has no answer). The article is
its title and body, as recoupe reads it; a paragraph is a line of the body of 40 characters or
more. Nothing of the data set is written into the repository; the output goes where the caller
sends it (target/ is not committed).
"""
import sys

import py3langid
from lingua import LanguageDetectorBuilder

from bsnlp_jsonl import raw_files

MIN_PARAGRAPH = 40


def texts(root):
    """(path, paragraph number, text) of every article of every topic, in path order."""
    files = [path for _, _, path in raw_files(root)]
    for path in files:
        with open(path, "rb") as f:
            lines = f.read().decode("utf-8", errors="replace").split("\n")
        if len(lines) < 5:
            continue
        title, body = lines[4].strip(), "\n".join(lines[5:]).strip()
        yield path, 0, title + "\n" + body
        n = 0
        for line in body.split("\n"):
            line = line.strip()
            if len(line) >= MIN_PARAGRAPH:
                n += 1
                yield path, n, line


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lingua = LanguageDetectorBuilder.from_all_languages().build()
    for path, n, text in texts(sys.argv[1]):
        found = lingua.detect_language_of(text)
        by_lingua = found.iso_code_639_1.name.lower() if found else "none"
        by_langid = py3langid.classify(text)[0]
        level = "article" if n == 0 else "paragraph"
        print("\t".join([level, path, str(n), by_lingua, by_langid]))


if __name__ == "__main__":
    main()
