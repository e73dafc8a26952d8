#!/usr/bin/env bash
# Measures the hostile-input cases of docs/RELIABILITY.md on the release binary: each case's
# wall time and the binary's peak memory (RECOUPE_PEAK_MEMORY). The cases are the tests of
# crates/recoupe-cli/tests/it/hostile.rs, run one at a time against target/release/recoupe.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p recoupe-cli
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=target/release/recoupe
measure() { # name, then the command's arguments
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  err=$(RECOUPE_PEAK_MEMORY=1 "$bin" "$@" 2>&1 >/dev/null || true)
  end=$(date +%s.%N)
  printf '| %s | %.2f s | %s |\n' "$name" "$(awk "BEGIN { print $end - $start }")" "$(echo "$err" | sed -n 's/^recoupe: peak memory //p')"
}
python3 - "$dir" <<'PY'
import gzip, os, sys
d = sys.argv[1]
open(f"{d}/deep.html", "w").write("<html><body>" + "<div>" * 100_000 + "<p>Le conseil municipal a voté le budget mardi.</p>" + "</div>" * 100_000)
with open(f"{d}/big.txt", "wb") as f: f.truncate(2 << 30)
open(f"{d}/nul.txt", "wb").write(b"Un titre\n\nUn texte" + b"\0" * 4096 + b" fin.\n")
open(f"{d}/mixed.txt", "wb").write(b"\xe3\xd1\xcd\xc8\xc7 \xc8\xc7\xe1\xda\xc7\xe1\xe3\nTexte fran\xc3\xa7ais \xff\xfe\xc3\x28 fin.\n")
open(f"{d}/line.txt", "w").write("Un titre\n" + "des mots et encore des mots sans aucune fin ici. " * (10 * 1024 * 1024 // 50))
open(f"{d}/paras.txt", "w").write("Un titre\n" + "".join("Oui.\n\n" if i % 2 == 0 else "Non.\n\n" for i in range(1_000_000)))
with gzip.open(f"{d}/bomb.txt.gz", "wb", compresslevel=9) as g:
    block = b"a" * (1 << 20)
    for _ in range(1024): g.write(block)
ents = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
open(f"{d}/laughs.rss", "w").write(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">{ents}<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>t</title><item><title>&lol9;</title><description>Texte &xxe; fin.</description></item></channel></rss>')
open(f"{d}/lying.warc", "wb").write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>")
open(f"{d}/paths.jsonl", "w").write('{"id": "../../../../tmp/x", "title": "../../etc/passwd", "text": "Un texte ordinaire.", "url": "file:///etc/passwd"}\n')
open(f"{d}/deep.jsonl", "w").write('{"title": "deep", "text": ' + "[" * 10_000 + "1" + "]" * 10_000 + '}\n{"title": "Fine", "text": "Un article normal."}\n')
PY
echo "| input | time | peak memory |"
echo "|---|---|---|"
measure "100k-deep nested HTML" extract "$dir/deep.html" --json
measure "2 GB file" ingest "$dir/big.txt" --db "$dir/r.db"
measure "NUL bytes" ingest "$dir/nul.txt" --db "$dir/r.db"
measure "invalid and mixed encodings" ingest "$dir/mixed.txt" --db "$dir/r.db"
measure "10 MB single line" analyze "$dir/line.txt" --json
measure "1M-paragraph article" analyze "$dir/paras.txt" --json
measure "gzip bomb (1 GiB in 1 MB)" ingest "$dir/bomb.txt.gz" --db "$dir/r.db"
measure "billion laughs + XXE feed" analyze "$dir/laughs.rss" --json
measure "WARC record with a lying length" ingest "$dir/lying.warc" --db "$dir/r.db"
measure "path traversal in names" ingest "$dir/paths.jsonl" --db "$dir/r.db"
measure "JSON nested 10k deep" ingest "$dir/deep.jsonl" --db "$dir/r.db"
echo
echo "The server (scripts/reliability_server.py):"
python3 scripts/reliability_server.py "$bin"
