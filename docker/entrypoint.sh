#!/bin/sh
# Container entrypoint for Ügykalauz.
#
#   (no arguments) / serve [OPTIONS]   import the demo bundle on first start, then run the REST service
#   check|import|reindex|--help|--version ...   run that ugykalauz subcommand
#   anything else                              run it as a command (e.g. sh)
#
# Environment: UGK_DATA_DIR (data folder, a volume), UGK_BUNDLE (bundle imported on first start),
# UGK_IMPORT_ON_START=1 (re-import the bundle on every start; an unchanged bundle changes nothing),
# plus every UGK_* variable `ugykalauz serve --help` lists (UGK_HOST, UGK_PORT, UGK_THREADS, ...).
set -eu

data_dir=${UGK_DATA_DIR:-/var/lib/ugykalauz}
bundle=${UGK_BUNDLE:-/usr/share/ugykalauz/data}

if [ "$#" -eq 0 ]; then
  set -- serve
fi

case "$1" in
  serve) shift ;;
  -*)
    case "$1" in
      --help | -h | --version) exec ugykalauz "$@" ;;
    esac
    ;;  # serve options given without the subcommand
  check | import | reindex) exec ugykalauz "$@" ;;
  *) exec "$@" ;;
esac

if [ ! -f "$data_dir/ugykalauz.sqlite3" ] || [ "${UGK_IMPORT_ON_START:-0}" = "1" ]; then
  echo "ugykalauz-entrypoint: importing $bundle into $data_dir" >&2
  # Exit codes: 2 = the bundle is invalid (nothing written), 1 = failure. Either way do not serve.
  ugykalauz import --quiet --data-dir "$data_dir" "$bundle"
fi

export UGK_DATA_DIR="$data_dir"
exec ugykalauz serve "$@"
