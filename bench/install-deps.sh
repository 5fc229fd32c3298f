#!/usr/bin/env bash
# Installs the Debian bookworm packages the benchmarks need on top of scripts/install-deps.sh:
# PostgreSQL 15 and libpq-dev (full-text baseline; the bench programs link libpq), wrk (HTTP load),
# nginx (static-file ceiling), Hunspell's Hungarian dictionary (compared against the Snowball
# stemmer). Not part of CI.
# Usage: bench/install-deps.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../scripts/install-deps.sh"

packages=(postgresql-15 postgresql-client-15 libpq-dev wrk nginx-light hunspell-hu libhunspell-dev libstemmer0d
  sqlite3 python3 curl)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "bench/install-deps: all ${#packages[@]} packages present"
  exit 0
fi
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "bench/install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# The postgresql package would create and start a default cluster; the benchmarks start their own.
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
