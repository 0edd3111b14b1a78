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
# Size matters more than the last few per cent of speed for a page that loads
# this on every visit: opt-level "s" with fat LTO in one codegen unit gives a
# ~10% smaller .wasm than the workspace's release profile, and lint() stays
# well under a millisecond (see README). These overrides apply to this build
# only; the wasm32 artefacts live in their own target subfolder.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=s CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
target_dir="$(cargo metadata --format-version 1 --no-deps --locked |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
step "cargo build -p postlint-wasm --release --target wasm32-unknown-unknown (opt-level s, fat LTO)"
cargo build -p postlint-wasm --release --target wasm32-unknown-unknown --locked
wasm_raw="$target_dir/wasm32-unknown-unknown/release/postlint_wasm.wasm"

pkg="$crate_dir/pkg"
bindgen() { # $1: input .wasm
    rm -rf "$pkg"
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --out-dir "$pkg" --out-name postlint_wasm "$1"
    cp "$crate_dir/js/index.js" "$crate_dir/js/node.js" "$crate_dir/js/index.d.ts" "$pkg/"
}
# Instantiates the package in Node and lints a draft: catches an optimiser
# that produced a module which validates but no longer works.
smoke() {
    node --input-type=module -e '
        const { Linter } = await import(process.argv[1]);
        const found = new Linter().lint("NHS no 401 023 2137").map((f) => f.category);
        if (!found.includes("patient-identifiers")) throw new Error("smoke test found " + found);
    ' "$pkg/node.js"
}
size_line() { printf '%-34s %9d bytes raw, %8d bytes gzipped\n' "$1" "$(wc -c <"$2")" "$(gzip -9 -c "$2" | wc -c)"; }

step "wasm-bindgen --target web"
bindgen "$wasm_raw"
smoke
report="$(size_line ".wasm (wasm-bindgen only)" "$pkg/postlint_wasm_bg.wasm")"

# --- optimise --------------------------------------------------------------------
# wasm-opt runs on rustc's output, before wasm-bindgen: Debian bookworm's
# binaryen (version 108) rewrites the externref table that wasm-bindgen adds
# into a funcref table, and the glue then fails at start-up. Optimising first
# avoids that table entirely; the smoke test checks the result either way and
# the unoptimised build is kept if anything goes wrong.
if [ "${POSTLINT_WASM_OPT:-1}" != "0" ]; then
    if ! command -v wasm-opt >/dev/null && command -v apt-get >/dev/null; then
        step "apt-get install binaryen (for wasm-opt)"
        { apt-get install -y binaryen >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && apt-get install -y binaryen >/dev/null 2>&1; }; } ||
            echo "build.sh: could not install binaryen; the package stays unoptimised" >&2
    fi
    if command -v wasm-opt >/dev/null; then
        step "wasm-opt -Oz ($(wasm-opt --version))"
        wasm_opt="$target_dir/wasm32-unknown-unknown/release/postlint_wasm.opt.wasm"
        # The features rustc enables by default for wasm32 (all in every
        # browser and Node since 2021); wasm-opt must be told it may keep them.
        if wasm-opt -Oz --strip-debug --strip-producers \
            --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-reference-types --enable-multivalue \
            -o "$wasm_opt" "$wasm_raw" && bindgen "$wasm_opt" && smoke; then
            report="$report"$'\n'"$(size_line ".wasm (wasm-opt -Oz, wasm-bindgen)" "$pkg/postlint_wasm_bg.wasm")"
        else
            echo "build.sh: the wasm-opt build failed or did not work; keeping the unoptimised one" >&2
            bindgen "$wasm_raw"
        fi
    else
        echo "build.sh: no wasm-opt; the package is unoptimised" >&2
    fi
fi

# --- package ---------------------------------------------------------------------
version="$(cargo pkgid --locked -p postlint-wasm | sed 's/.*[#@]//')"
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
