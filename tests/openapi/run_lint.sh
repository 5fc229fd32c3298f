#!/usr/bin/env bash
# Lints docs/openapi.json with Redocly CLI (OpenAPI 3.1; recommended-strict rules, redocly.yaml).
# Usage: run_lint.sh OPENAPI_JSON NPM_DIR
# Installs the pinned @redocly/cli (package-lock.json) into NPM_DIR with `npm ci` when missing or when
# the lockfile changed. Needs node, npm and the npm registry on first run; fails (never skips) without.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
document=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2"
npm_dir=$(cd "$2" && pwd)
if ! cmp -s "$here/package-lock.json" "$npm_dir/package-lock.json" || [[ ! -x "$npm_dir/node_modules/.bin/redocly" ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
# The ignore file's paths are relative to this folder, where redocly.yaml is.
cd "$here"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  exec "$npm_dir/node_modules/.bin/redocly" lint "$document" --config "$here/redocly.yaml" --format=stylish
