#!/usr/bin/env bash
# n8n's verification scanner (@n8n/scan-community-package, its exported analyzePackage) on the packed tarball and on
# the sources, as n8n runs it before listing a community package. Installed beside the package (with TypeScript 5.9
# and n8n-workflow, which it needs), never into it: the package keeps zero runtime dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
SCAN_DIR="${COZE_SCAN_DIR:-$HOME/.cache/n8n-nodes-coze/scanner}"
mkdir -p "$SCAN_DIR"
if [ ! -f "$SCAN_DIR/.complete-0.32.0" ]; then
	[ -f "$SCAN_DIR/package.json" ] || echo '{ "name": "coze-scan", "private": true }' > "$SCAN_DIR/package.json"
	(cd "$SCAN_DIR" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
		@n8n/scan-community-package@0.32.0 typescript@5.9.3 n8n-workflow@2.41.0)
	touch "$SCAN_DIR/.complete-0.32.0"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm pack --silent --pack-destination "$work" >/dev/null
mkdir -p "$work/tarball"
tar -xzf "$work"/n8n-nodes-coze-api-*.tgz -C "$work/tarball"
cp scripts/scan-package.mjs "$SCAN_DIR/run.mjs"
node "$SCAN_DIR/run.mjs" "$work/tarball/package" "$PWD"
