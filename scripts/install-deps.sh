#!/usr/bin/env bash
# Installs the Debian bookworm packages Ügykalauz needs to build, test and run.
# Idempotent: packages already present are skipped, apt is only touched when something is missing.
# Usage: scripts/install-deps.sh [--with-container]   (--with-container adds podman for the image test)
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libpistache-dev libxapian-dev libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev
  libcli11-dev libspdlog-dev libfmt-dev libicu-dev libhowardhinnant-date-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev libssl-dev clang-format
  clang libclang-rt-14-dev nginx
  curl libcurl4-openssl-dev python3 python3-icalendar python3-jsonschema python3-prometheus-client sqlite3 ca-certificates tzdata
  nodejs npm chromium
)
if [[ "${1:-}" == "--with-container" ]]; then
  packages+=(podman debootstrap)
fi

# A package is satisfied by its own installation or, for the Node.js tools, by a working command:
# a machine with another Node.js build (e.g. one that bundles npm) must not get Debian's npm on top,
# which conflicts with it.
satisfied() {
  case "$1" in
    nodejs) command -v node >/dev/null 2>&1 && return 0 ;;
    npm) command -v npm >/dev/null 2>&1 && return 0 ;;
  esac
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for p in "${packages[@]}"; do
  if ! satisfied "$p"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
