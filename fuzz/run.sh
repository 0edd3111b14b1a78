#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) each, two at a time, at low
# priority, and prints executions and crashes. Needs nightly and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz --locked
# A crash input lands in fuzz/artifacts/<target>/; copy it into
# fuzz/regressions/<target>/ so the normal test suite replays it.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
cargo +nightly fuzz build >/dev/null
run() {
    nice -n 19 cargo +nightly fuzz run "$1" -- -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 >"logs/$1.log" 2>&1
    echo "$1: exit $? $(grep -E '^stat::number_of_executed_units' "logs/$1.log")"
}
mkdir -p logs
run lint_text & run fix_text & wait
run load_rules & run structured_pack & wait
