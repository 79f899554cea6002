#!/usr/bin/env bash
# Installs what the real-VS-Code tests and `npm start` need, once: Debian's Chromium, ripgrep,
# Kerberos headers (code-server builds a native module against them) and an emoji font, then code-server and
# playwright-core in test/vscode (kept out of the extension's own dependencies).
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
# Optional: without it the screenshots show emoji as boxes (installed when we can).
if [ "$(id -u)" = 0 ] && ! dpkg -s fonts-noto-color-emoji >/dev/null 2>&1; then need+=(fonts-noto-color-emoji); fi
if ((${#need[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "Installing ${need[*]} (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# @vscode/ripgrep's postinstall downloads rg from the internet: hand it Debian's rg instead.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$archive" ]; then
  mkdir -p "$cache"
  tar czf "$archive" -C "$(dirname "$(command -v rg)")" rg
fi

if [ ! -x node_modules/.bin/code-server ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing code-server and playwright-core in test/vscode (about a minute)…"
  # node-pty's postinstall runs npx, which must not stop to ask.
  npm_config_yes=true npm ci --unsafe-perm --no-audit --no-fund --loglevel=error
fi
