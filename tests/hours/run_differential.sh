#!/usr/bin/env bash
# Differential test of hours/ against the reference implementation of the OSM opening_hours syntax.
# Usage: run_differential.sh UGYKALAUZ_BINARY DATA_DIR NPM_DIR
# Installs the pinned npm package (package-lock.json) into NPM_DIR with `npm ci` when it is missing or
# the lockfile changed, then runs differential.js (exit status: non-zero on unexplained disagreement).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=$1 data=$2 npm_dir=$3
mkdir -p "$npm_dir"
if ! cmp -s "$here/package-lock.json" "$npm_dir/package-lock.json" || [[ ! -d "$npm_dir/node_modules/opening_hours" ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
# The reference library evaluates in the process's local time zone.
NODE_PATH="$npm_dir/node_modules" TZ=Europe/Budapest exec node "$here/differential.js" "$binary" "$data"
