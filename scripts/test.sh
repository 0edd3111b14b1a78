#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what it needs, then runs
# formatting, lints and every test, then the wasm package with its Node and
# browser tests (that script installs the wasm target, wasm-bindgen-cli at the
# locked version, binaryen, Chromium and playwright-core where missing).
# Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --locked

echo "== wasm package, Node tests and the playground's browser test"
bash crates/postlint-wasm/scripts/test.sh
