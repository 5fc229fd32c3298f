#!/usr/bin/env bash
# One command from a fresh machine to a running service on the bundled demo data:
# installs the Debian packages, builds, imports data/ into var/demo (idempotent) and serves
# http://127.0.0.1:8080 (override with UGK_HOST / UGK_PORT). Stop with Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/build.sh
data_dir=${UGK_DATA_DIR:-$root/var/demo}
./build/ugykalauz import --data-dir "$data_dir" data
exec ./build/ugykalauz serve --data-dir "$data_dir" --host "${UGK_HOST:-127.0.0.1}" --port "${UGK_PORT:-8080}"
