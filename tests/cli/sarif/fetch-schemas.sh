#!/usr/bin/env bash
# Re-fetches the SARIF 2.1.0 JSON schemas that crates/postlint-cli/tests/sarif.rs
# validates postlint's SARIF output against, from the npm packages that ship
# them (the schema cannot be downloaded from its home page on every machine),
# and checks they are the files committed here. Needs `npm`; run it by hand
# when upgrading the packages. The tests themselves need no network.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# The SARIF SDK's schema (JSON Schema 2020-12), shipped with Microsoft's SARIF multitool.
npm pack --silent @microsoft/sarif-multitool-linux@5.7.0 >/dev/null
tar xzf microsoft-sarif-multitool-linux-5.7.0.tgz package/sarif-2.1.0.json
# The 2.1.0 release schema (rtm.5, JSON Schema draft 4), shipped with Microsoft's jest-sarif.
npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null
tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json

cp package/sarif-2.1.0.json package/lib/schemas/sarif-2.1.0-rtm.5.json "$here/"
cd "$here"
sha256sum -c SHA256SUMS
