#!/usr/bin/env bash
# One command from a fresh machine to a running service:
#   scripts/demo.sh             the bundled demo data (data/) in var/demo
#   scripts/demo.sh --national  a national-size bundle generated from data/ (every settlement and office of
#                               the KSH register, with illustrative local variants and local-only procedures)
#                               in var/national-bundle, imported into var/national
# Installs the Debian packages, builds, imports (idempotent: an unchanged bundle changes nothing) and serves
# http://127.0.0.1:8080. Environment: UGK_HOST, UGK_PORT, UGK_DATA_DIR (and every UGK_* option of
# `ugykalauz serve --help`). Stop with Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

national=false
case "${1:-}" in
  --national) national=true ;;
  "") ;;
  -h|--help)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "demo.sh: unknown option $1 (try --help)" >&2
    exit 64
    ;;
esac

scripts/build.sh
if $national; then
  bundle=$root/var/national-bundle
  data_dir=${UGK_DATA_DIR:-$root/var/national}
  # Deterministic (fixed seed): regenerating gives the same bundle, so the import below changes nothing.
  ./build/ugykalauz generate-bundle --from data --to "$bundle"
else
  bundle=data
  data_dir=${UGK_DATA_DIR:-$root/var/demo}
fi
./build/ugykalauz import --data-dir "$data_dir" "$bundle"
exec ./build/ugykalauz serve --data-dir "$data_dir" --host "${UGK_HOST:-127.0.0.1}" --port "${UGK_PORT:-8080}"
