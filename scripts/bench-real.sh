#!/bin/bash
# Wall clock of recoupe on the real dev sets of ../shared (docs/BENCHMARKS.md, issue 16):
# analyze and ingest of BSNLP and ECB+, analyze of the ScrapingHub pages. Each binary given
# runs each command five times, the binaries alternating; the median is printed with the runs.
#
#   scripts/bench-real.sh target/release/recoupe [OTHER_BINARY…]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/data
[ -d "$shared" ] || { echo "$shared is missing: the dev sets must be beside the checkout" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tools/bsnlp_jsonl.py "$shared/entities/bsnlp-dev" > "$work/bsnlp.jsonl"
ecb="$shared/stories/ecbplus-dev/ecbplus-dev.jsonl"
pages="$shared/extraction/scrapinghub/html"

declare -A runs
timed() { # KEY BINARY ARGS…
  local key=$1; shift
  rm -f "$work"/x.db*
  /usr/bin/time -o "$work/t" -f %e "$@" > /dev/null 2>&1
  runs[$key]+="$(cat "$work/t") "
}
for _ in 1 2 3 4 5; do
  for bin in "$@"; do
    timed "$bin analyze-bsnlp" "$bin" analyze "$work/bsnlp.jsonl"
    timed "$bin ingest-bsnlp" "$bin" ingest "$work/bsnlp.jsonl" --db "$work/x.db"
    timed "$bin analyze-ecb" "$bin" analyze "$ecb"
    timed "$bin ingest-ecb" "$bin" ingest "$ecb" --db "$work/x.db"
    timed "$bin analyze-scrapinghub" "$bin" analyze "$pages"
  done
done
for key in "${!runs[@]}"; do
  median=$(echo ${runs[$key]} | tr ' ' '\n' | sort -n | sed -n 3p)
  echo "$key: $median s  [${runs[$key]}]"
done | sort
