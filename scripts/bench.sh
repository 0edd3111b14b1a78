#!/usr/bin/env bash
# Whole-process benchmarks of `postlint check` (issue 7), over the generated
# corpus: one, two and three short drafts, 5,000 files, and a 1,000,000-post
# JSON Lines batch at 1 and 2 threads. Wall time from hyperfine (median), peak memory from
# /usr/bin/time -v. Prints a summary table; see BENCHMARKS.md.
#
#   scripts/bench.sh            # the full run (about 5 minutes on 2 cores)
#   scripts/bench.sh --quick    # 100,000-post batch, fewer runs (about 1 minute)
#
# Environment: SEED (default 42), CORPUS (default target/bench-corpus).
# Not part of the test suite: slow, and its figures depend on the machine.
# In-memory figures: `cargo bench -p postlint-bench` and
# `cargo run --release -p postlint-bench --bin latency`.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

seed="${SEED:-42}"
corpus="${CORPUS:-target/bench-corpus}"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "bench.sh: need root (or sudo) to run: $*" >&2; return 1
  fi
}
need_apt() { # need_apt COMMAND PACKAGE
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "== installing $2 (apt)"
    as_root apt-get install -y "$2" >/dev/null 2>&1 || {
      as_root apt-get update >/dev/null && as_root apt-get install -y "$2" >/dev/null
    }
  fi
}
need_apt hyperfine hyperfine
[ -x /usr/bin/time ] || need_apt /usr/bin/time time

echo "== building postlint and the corpus generator (release)"
cargo build --release --locked -p postlint-cli -p postlint-bench --bin postlint --bin gen-corpus
postlint="$PWD/target/release/postlint"

echo "== generating the corpus (seed $seed)"
if [ "$quick" = 1 ]; then
  target/release/gen-corpus "$corpus" "$seed" --quick
else
  target/release/gen-corpus "$corpus" "$seed"
fi
corpus="$(cd "$corpus" && pwd)"
batch_posts=$(wc -l <"$corpus/posts.jsonl")
tweet_files=$(find "$corpus/tweets" -name '*.txt' | wc -l)

if [ "$quick" = 1 ]; then short_runs=20 files_runs=5 batch_runs=1; else short_runs=50 files_runs=10 batch_runs=3; fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
rows=()

# measure NAME ITEMS RUNS WARMUP COMMAND...: median wall (hyperfine) and peak RSS (time -v).
measure() {
  local name="$1" items="$2" runs="$3" warmup="$4"
  shift 4
  local csv="$results/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_').csv"
  echo
  echo "== $name: $*"
  # -N: no intermediate shell; -i: exit status 1 (drafts with findings) is expected.
  hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" --export-csv "$csv" "$(printf '%q ' "$@")"
  local median
  median=$(awk -F, 'NR == 2 { print $4 }' "$csv")
  /usr/bin/time -v -o "$results/time.txt" "$@" >/dev/null 2>&1 || true
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$results/time.txt")
  rows+=("$name|$items|$runs|$median|$rss")
}

measure "one short draft (clean)" 1 "$short_runs" 5 "$postlint" check "$corpus/draft.txt"
measure "one short draft (a finding)" 1 "$short_runs" 5 "$postlint" check "$corpus/draft-flagged.txt"
measure "two short drafts" 2 "$short_runs" 5 "$postlint" check "$corpus/draft.txt" "$corpus/draft-flagged.txt"
measure "three short drafts" 3 "$short_runs" 5 "$postlint" check "$corpus/draft.txt" "$corpus/draft-flagged.txt" "$corpus/tweets/tweet-00000.txt"
measure "5,000 files, all threads" "$tweet_files" "$files_runs" 2 "$postlint" check "$corpus/tweets"
measure "5,000 files, --threads 1" "$tweet_files" "$files_runs" 2 "$postlint" check --threads 1 "$corpus/tweets"
measure "5,000 files, --threads 2" "$tweet_files" "$files_runs" 2 "$postlint" check --threads 2 "$corpus/tweets"
measure "JSONL batch, --threads 1" "$batch_posts" "$batch_runs" 0 "$postlint" check --threads 1 --posts "$corpus/posts.jsonl"
measure "JSONL batch, --threads 2" "$batch_posts" "$batch_runs" 0 "$postlint" check --threads 2 --posts "$corpus/posts.jsonl"

echo
echo "== summary ($(nproc) cores; $(uname -m); seed $seed; $(date -u +%Y-%m-%dT%H:%MZ); load average now:$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /'))"
echo
echo "| measure | inputs | runs | median wall | posts/s | peak RSS |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
declare -A wall
for row in "${rows[@]}"; do
  IFS='|' read -r name items runs median rss <<<"$row"
  wall["$name"]="$median"
  awk -v n="$name" -v items="$items" -v runs="$runs" -v m="$median" -v rss="$rss" 'BEGIN {
    if (m < 1) w = sprintf("%.1f ms", m * 1000); else w = sprintf("%.2f s", m)
    r = items > 1 ? sprintf("%d", items / m) : "-"; out = ""
    while (r != "-" && length(r) > 3) { out = "," substr(r, length(r) - 2) out; r = substr(r, 1, length(r) - 3) }
    printf "| %s | %d | %d | %s | %s | %.1f MB |\n", n, items, runs, w, r out, rss / 1024
  }'
done
echo
awk -v a="${wall["JSONL batch, --threads 1"]}" -v b="${wall["JSONL batch, --threads 2"]}" \
  'BEGIN { printf "JSONL batch speed-up from 1 to 2 threads: %.2fx (target >= 1.7x)\n", a / b }'
awk -v a="${wall["5,000 files, --threads 1"]}" -v b="${wall["5,000 files, --threads 2"]}" \
  'BEGIN { printf "5,000 files speed-up from 1 to 2 threads: %.2fx\n", a / b }'
echo "(peak RSS: /usr/bin/time -v, one run each; MB = 1,048,576 bytes)"
