#!/usr/bin/env bash
# npm run e2e: install the real n8n CLI (cached), build the package, run the end-to-end suite on Node 24.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/install-n8n.sh
npm run build
exec jest -c test/e2e/jest.e2e.config.js "$@"
