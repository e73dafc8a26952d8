#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets) for SECONDS each (default 600), one after the other,
# from the committed seeds (fuzz/seeds/TARGET) and regressions (fuzz/regressions/TARGET); the
# corpus grown on the way stays in target/fuzz-corpus. A crash leaves its input in
# fuzz/artifacts/TARGET: copy it to fuzz/regressions/TARGET once fixed, and the normal test suite
# replays it (crates/recoupe-ingest/tests/it/fuzz_regressions.rs).
#
#   scripts/fuzz.sh 600            # every target, 10 minutes each
#   scripts/fuzz.sh 60 html warc   # two targets, a minute each
#
# cargo-fuzz builds with nightly flags: RUSTC_BOOTSTRAP=1 lets the machine's stable toolchain
# take them. Install it once with `cargo install cargo-fuzz --locked`.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(html feed warc jsonl text names snapshot)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
mkdir -p ../target
failed=()
for t in "${targets[@]}"; do
  corpus=../target/fuzz-corpus/$t
  mkdir -p "$corpus" "regressions/$t"
  echo "== $t: $seconds s"
  # a crash is reported and the next target still runs; the script fails at the end
  if ! cargo fuzz run -O "$t" "$corpus" "seeds/$t" "regressions/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    > "../target/fuzz-$t.log" 2>&1; then
    failed+=("$t")
  fi
  grep -E "Done [0-9]+ runs|ERROR|SUMMARY|artifacts/" "../target/fuzz-$t.log" | tail -4
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashes in: ${failed[*]} (inputs in fuzz/artifacts)" >&2
  exit 1
fi
