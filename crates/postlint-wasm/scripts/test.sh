#!/usr/bin/env bash
# Everything for the wasm package and the playground, on a fresh machine
# (Debian, Rust stable via rustup, Node >= 20, npm; run as root):
#   1. installs what is missing: Chromium (Debian), playwright-core (npm ci),
#      and through build.sh the wasm32 target, wasm-bindgen-cli and binaryen;
#   2. builds the package (scripts/build.sh) and reports its size;
#   3. checks that the core builds for wasm32-unknown-unknown (so no I/O creeps in)
#      and that this crate is clippy-clean for wasm32;
#   4. runs the Node tests of the package and the browser test of the playground;
#   5. times lint() in Node.
# Exits non-zero on any failure.
set -euo pipefail

crate_dir="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$crate_dir/../.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive
started=$SECONDS
step() { printf '\n== %s\n' "$*"; }

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
    echo "test.sh: Node >= 20 is needed, found $(node --version)" >&2
    exit 1
fi

# --- install -----------------------------------------------------------------------
apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then
        apt-get update -qq
        apt_updated=1
    fi
    apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x /usr/bin/chromium ]; then
    step "apt-get install chromium"
    apt_install chromium
fi
# Emoji in the screenshots; the tests do not depend on it.
if [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then
    step "apt-get install fonts-noto-color-emoji (optional)"
    apt_install fonts-noto-color-emoji || echo "test.sh: no emoji font; screenshots will show boxes" >&2
fi

cd "$crate_dir"
locked_playwright="$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version')"
installed_playwright="$(node -p 'try { require("./node_modules/playwright-core/package.json").version } catch { "" }')"
if [ "$locked_playwright" != "$installed_playwright" ]; then
    step "npm ci (playwright-core $locked_playwright; it downloads no browser)"
    npm ci --no-audit --no-fund
fi

# --- build -------------------------------------------------------------------------
step "build the package"
bash "$crate_dir/scripts/build.sh"

cd "$root"
step "cargo build -p postlint --target wasm32-unknown-unknown (the core stays free of I/O)"
cargo build -p postlint --target wasm32-unknown-unknown --locked

step "cargo clippy -p postlint-wasm --target wasm32-unknown-unknown"
cargo clippy -p postlint-wasm --target wasm32-unknown-unknown --locked -- -D warnings

# --- test --------------------------------------------------------------------------
cd "$crate_dir"
step "node --test (package tests and the browser test of the playground)"
rm -rf test-results
node --test tests/

step "benchmark: lint() in Node"
node scripts/bench.mjs 2000

step "done in $((SECONDS - started)) s; screenshots in ${crate_dir#"$root"/}/test-results/"
