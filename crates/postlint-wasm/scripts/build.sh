#!/usr/bin/env bash
# Builds the JavaScript package of postlint into crates/postlint-wasm/pkg/ and
# copies it into www/pkg/ for the playground. Installs what it needs:
#   - the wasm32-unknown-unknown target (rustup),
#   - wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock,
#   - wasm-opt (Debian's binaryen), optional: the build goes on without it.
# Prints the .wasm size, raw and gzipped, before and after wasm-opt.
#
# Why `wasm-bindgen --target web`: it is the one ES-module output that runs
# unchanged in browsers and in Node >= 20. Browsers load the .wasm with
# fetch (index.js); Node reads it from disk and passes the bytes to initSync
# (node.js). `bundler` needs a bundler, `nodejs` is CommonJS, and
# `experimental-nodejs-module` is Node-only. package.json maps the package's
# entry to the right file with conditional exports.
#
# Environment: POSTLINT_WASM_OPT=0 skips wasm-opt.
set -euo pipefail

crate_dir="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$crate_dir/../.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step() { printf '== %s\n' "$*"; }

# --- toolchain -----------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# The CLI must match the crate exactly: wasm-bindgen refuses a schema mismatch.
bindgen_version="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$bindgen_version" ]; then
    echo "build.sh: no wasm-bindgen package in Cargo.lock" >&2
    exit 1
fi
installed_version="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$installed_version" != "$bindgen_version" ]; then
    step "cargo install wasm-bindgen-cli $bindgen_version (found: ${installed_version:-none}; once per machine)"
    if ! cargo install --locked wasm-bindgen-cli --version "$bindgen_version"; then
        # The CLI's own lock file can name a dependency version that the
        # registry index reachable here does not have; resolve afresh then.
        echo "build.sh: --locked install failed; retrying with a fresh resolution" >&2
        cargo install wasm-bindgen-cli --version "$bindgen_version"
    fi
fi

# --- compile ---------------------------------------------------------------------
target_dir="$(cargo metadata --format-version 1 --no-deps --locked |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
step "cargo build -p postlint-wasm --release --target wasm32-unknown-unknown"
cargo build -p postlint-wasm --release --target wasm32-unknown-unknown --locked
wasm_in="$target_dir/wasm32-unknown-unknown/release/postlint_wasm.wasm"

pkg="$crate_dir/pkg"
rm -rf "$pkg"
step "wasm-bindgen --target web"
wasm-bindgen --target web --out-dir "$pkg" --out-name postlint_wasm "$wasm_in"
wasm="$pkg/postlint_wasm_bg.wasm"

size_line() { printf '%-26s %9d bytes raw, %8d bytes gzipped\n' "$1" "$(wc -c <"$2")" "$(gzip -9 -c "$2" | wc -c)"; }
report="$(size_line ".wasm (wasm-bindgen)" "$wasm")"

# --- optimise --------------------------------------------------------------------
if [ "${POSTLINT_WASM_OPT:-1}" != "0" ]; then
    if ! command -v wasm-opt >/dev/null && command -v apt-get >/dev/null; then
        step "apt-get install binaryen (for wasm-opt)"
        { apt-get install -y binaryen >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && apt-get install -y binaryen >/dev/null 2>&1; }; } ||
            echo "build.sh: could not install binaryen; the package stays unoptimised" >&2
    fi
    if command -v wasm-opt >/dev/null; then
        step "wasm-opt -O3 ($(wasm-opt --version))"
        # The features rustc enables by default for wasm32 (all in every
        # browser and Node since 2021); wasm-opt must be told it may keep them.
        if wasm-opt -O3 --strip-debug --strip-producers \
            --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-reference-types --enable-multivalue \
            -o "$wasm.opt" "$wasm"; then
            mv "$wasm.opt" "$wasm"
            report="$report"$'\n'"$(size_line ".wasm (wasm-opt -O3)" "$wasm")"
        else
            rm -f "$wasm.opt"
            echo "build.sh: wasm-opt failed; the package stays unoptimised" >&2
        fi
    fi
fi

# --- package ---------------------------------------------------------------------
version="$(cargo pkgid --locked -p postlint-wasm | sed 's/.*[#@]//')"
cp "$crate_dir/js/index.js" "$crate_dir/js/node.js" "$crate_dir/js/index.d.ts" "$pkg/"
cp "$crate_dir/README.md" "$pkg/README.md"
rm -f "$pkg/.gitignore"
cat >"$pkg/package.json" <<EOF
{
  "name": "postlint-wasm",
  "version": "$version",
  "description": "Checks a healthcare professional's social media draft before it is published, in the browser or Node, on the user's machine",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./node.js",
  "module": "./index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": {
      "types": "./index.d.ts",
      "node": "./node.js",
      "default": "./index.js"
    },
    "./raw": {
      "types": "./postlint_wasm.d.ts",
      "default": "./postlint_wasm.js"
    },
    "./postlint_wasm_bg.wasm": "./postlint_wasm_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": [
    "index.js",
    "index.d.ts",
    "node.js",
    "postlint_wasm.js",
    "postlint_wasm.d.ts",
    "postlint_wasm_bg.wasm",
    "postlint_wasm_bg.wasm.d.ts",
    "README.md"
  ],
  "sideEffects": [
    "./index.js",
    "./node.js"
  ],
  "engines": {
    "node": ">=20"
  }
}
EOF

# The playground imports ./pkg/index.js; copy (not link) so any static server works.
rm -rf "$crate_dir/www/pkg"
cp -r "$pkg" "$crate_dir/www/pkg"

step "size"
printf '%s\n' "$report"
printf 'package: %s\n' "${pkg#"$root"/}"
