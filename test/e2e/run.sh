#!/usr/bin/env bash
# npm run e2e: install the real n8n CLI (cached, newest 2.x and newest 1.x), build the package, run the end-to-end
# suite on Node 24. The queue-mode file installs Redis and Postgres (Debian packages) itself when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/install-n8n.sh newest
bash test/e2e/install-n8n.sh 1.123.81
npm run build
exec jest -c test/e2e/jest.e2e.config.js "$@"
