#!/usr/bin/env bash
# Runs the front-end tests with Node's built-in test runner: unit tests of web/src/core.js, the guide differential (guide.test.mjs) and the
# browser tests (Debian chromium + playwright-core). Installs the locked npm packages when missing.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node --test --test-concurrency=1 core.test.mjs guide.test.mjs browser.test.mjs guides.test.mjs states.test.mjs offline-search.test.mjs
