#!/usr/bin/env bash
# Installs the Bluesky test peer (a real PDS from npm, pinned in test/peers/bsky) once, so that
# `npm ci && npm test` works on a fresh machine; better-sqlite3 compiles from source (python3,
# make, g++: about a minute and a half). Node's headers come from Node's own install when there.
set -euo pipefail
cd "$(dirname "$0")/bsky"
[ -f node_modules/@atproto/pds/package.json ] && exit 0
for tool in python3 make g++; do
  command -v "$tool" >/dev/null || { echo "The Bluesky test peer compiles better-sqlite3: install $tool (apt-get install python3 make g++)." >&2; exit 1; }
done
prefix="$(dirname "$(dirname "$(command -v node)")")"
headers=()
if [ -f "$prefix/include/node/node.h" ]; then headers=(--nodedir="$prefix"); fi
echo "Installing the Bluesky test peer (test/peers/bsky)…"
npm ci --no-audit --no-fund "${headers[@]}"
