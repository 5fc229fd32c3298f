#!/usr/bin/env bash
# Container image test: builds docker/Dockerfile with podman and tries the image.
#
# This machine has no container daemon and `podman run` does not work (no cgroup delegation), so the
# image file system is exported and its binary run under chroot (see ../shared/scripts/container-base-image):
#   1. image metadata: user, port, volume, environment, HEALTHCHECK
#   2. ugykalauz --version, check of the bundled demo data, import into a temporary data folder
#   3. the entrypoint on an empty data folder: first-start import, then `serve` on a free loopback port
#   4. /readyz (polled with the image's own curl, as the HEALTHCHECK does), /openapi.json, and
#      /v1/route?settlement=Folyás&q=hagyaték, whose first office must be koh-22406; then SIGTERM.
#
# Exit codes: 0 passed, 1 failed, 77 skipped (CTest SKIP_RETURN_CODE). Skips when podman is missing
# (UGK_REQUIRE_PODMAN=1 turns a skip into a failure). Needs root for chroot and mknod.
# Environment: UGK_SHARED_DIR (default: <repo>/../shared), UGK_CONTAINER_IMAGE (default: ugykalauz:test),
# UGK_CONTAINER_KEEP=1 keeps the exported file system for inspection; UGK_CONTAINER_PRUNE=0 keeps the
# untagged images the build leaves (build cache; by default `podman image prune` removes them, which also
# removes any other dangling image in this podman storage).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
image=${UGK_CONTAINER_IMAGE:-ugykalauz:test}
shared_dir=${UGK_SHARED_DIR:-$repo/../shared}
base_image_script=$shared_dir/scripts/container-base-image
podman=(podman --storage-driver vfs)

say() { echo "container test: $*" >&2; }
fail() {
  echo "container test FAILED: $*" >&2
  exit 1
}
skip() {
  if [[ "${UGK_REQUIRE_PODMAN:-0}" == "1" ]]; then
    fail "$* (UGK_REQUIRE_PODMAN=1)"
  fi
  echo "container test skipped: $*"
  exit 77
}

command -v podman >/dev/null 2>&1 || skip "podman not available"
[[ $(id -u) -eq 0 ]] || skip "needs root (chroot, mknod)"
command -v chroot >/dev/null 2>&1 || skip "chroot not available"

work=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/ugk-container-test.XXXXXX")")
root=$work/rootfs
cid=""
server_pid=""
built=""
# Pids of the processes running chrooted into this test's image copy (and so started by this test).
chrooted_pids() {
  local proc
  for proc in /proc/[0-9]*; do
    [[ "$(readlink "$proc/root" 2>/dev/null)" == "$root" ]] && echo "${proc#/proc/}"
  done
  return 0
}
cleanup() {
  local rc=$? pid
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  for pid in $(chrooted_pids); do kill -KILL "$pid" 2>/dev/null || true; done
  # With the vfs storage driver every layer is a full copy: one build leaves 5-10 GB of untagged
  # layers (build stage, earlier builds). Drop them; the base image and $image stay.
  if [[ "${UGK_CONTAINER_PRUNE:-1}" == "1" && -n "$built" ]]; then
    "${podman[@]}" image prune -f >/dev/null 2>&1 || true
  fi
  if [[ -n "$cid" ]]; then "${podman[@]}" rm -f "$cid" >/dev/null 2>&1 || true; fi
  if [[ "${UGK_CONTAINER_KEEP:-0}" == "1" ]]; then
    say "kept $work"
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. base image and build --------------------------------------------------------------------------
if [[ -x "$base_image_script" ]]; then
  "$base_image_script" >&2 || fail "$base_image_script failed"
elif "${podman[@]}" image exists docker.io/library/debian:bookworm-slim; then
  say "$base_image_script not found; using the existing debian:bookworm-slim image"
else
  skip "no debian:bookworm-slim image and $base_image_script not found (set UGK_SHARED_DIR)"
fi

say "building $image (log: $work/build.log)"
started=$(date +%s)
built=1
# --format docker: the OCI image format has no HEALTHCHECK, podman would drop it.
if ! (cd "$repo" && "${podman[@]}" build --format docker --isolation=chroot --pull=never -f docker/Dockerfile \
  -t "$image" .) >"$work/build.log" 2>&1; then
  tail -n 60 "$work/build.log" >&2
  fail "podman build failed (last lines above)"
fi
say "image built in $(($(date +%s) - started)) s"

# --- 2. image metadata ------------------------------------------------------------------------------
inspect() { "${podman[@]}" image inspect --format "$1" "$image"; }
[[ "$(inspect '{{.Config.User}}')" == ugykalauz* ]] || fail "the image does not run as user ugykalauz"
[[ "$(inspect '{{json .Config.ExposedPorts}}')" == *'8080/tcp'* ]] || fail "the image does not expose 8080"
[[ "$(inspect '{{json .Config.Volumes}}')" == *'/var/lib/ugykalauz'* ]] || fail "no volume /var/lib/ugykalauz"
[[ "$(inspect '{{json .Config.Env}}')" == *'UGK_DATA_DIR=/var/lib/ugykalauz'* ]] || fail "UGK_DATA_DIR not set"
[[ "$(inspect '{{json .Config.Healthcheck}}')" == *'/readyz'* ]] || fail "no HEALTHCHECK on /readyz"

# --- 3. export the image file system --------------------------------------------------------------------
mkdir -p "$root"
# The container is only exported, never started: no health-check timer (it needs systemd).
cid=$("${podman[@]}" create --no-healthcheck "$image") || fail "podman create $image failed"
"${podman[@]}" export "$cid" | tar -x -C "$root" || fail "exporting the image file system failed"
if "${podman[@]}" rm -f "$cid" >/dev/null; then cid=""; fi

# The exported /dev is empty: give the chroot the few device nodes programs expect.
mkdir -p "$root/dev" "$root/tmp"
chmod 1777 "$root/tmp"
while read -r name major minor; do
  [[ -e "$root/dev/$name" ]] || mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done <<<$'null 1 3\nzero 1 5\nrandom 1 8\nurandom 1 9'

# Run a command inside the image as its non-root user, with the image's environment only.
in_image() {
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/var/lib/ugykalauz LANG=C.UTF-8 "$@"
}
chroot_bin=$(command -v chroot)
as_user=(--userspec=10001:10001)

# --- 4. binary, bundle check, import ----------------------------------------------------------------
version=$(in_image "$chroot_bin" "${as_user[@]}" "$root" /usr/local/bin/ugykalauz --version) ||
  fail "ugykalauz --version failed inside the image"
[[ "$version" == ugykalauz\ * ]] || fail "unexpected --version output: $version"
say "$version"

in_image "$chroot_bin" "${as_user[@]}" "$root" ugykalauz check --quiet /usr/share/ugykalauz/data \
  >"$work/check.log" 2>&1 || {
  cat "$work/check.log" >&2
  fail "ugykalauz check /usr/share/ugykalauz/data failed"
}
say "$(tail -n 1 "$work/check.log")"

install -d -o 10001 -g 10001 "$root/tmp/ugk-import" "$root/tmp/ugk-serve"
in_image "$chroot_bin" "${as_user[@]}" "$root" ugykalauz import --quiet --data-dir /tmp/ugk-import \
  /usr/share/ugykalauz/data >"$work/import.log" 2>&1 || {
  cat "$work/import.log" >&2
  fail "ugykalauz import into a fresh data folder failed"
}
[[ -f "$root/tmp/ugk-import/ugykalauz.sqlite3" ]] || fail "import wrote no ugykalauz.sqlite3"
say "import ok"

# --- 5. entrypoint: first-start import, then serve ---------------------------------------------------
port=""
if command -v python3 >/dev/null 2>&1; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
port=${port:-$((20000 + RANDOM % 30000))}

# Not through in_image: a function run with & is a subshell, and $! would be the subshell, not the server.
# env and chroot exec, and the entrypoint execs ugykalauz, so $! is the server's pid.
env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/var/lib/ugykalauz LANG=C.UTF-8 \
  UGK_DATA_DIR=/tmp/ugk-serve UGK_HOST=127.0.0.1 UGK_PORT="$port" UGK_THREADS=2 \
  "$chroot_bin" "${as_user[@]}" "$root" /usr/local/bin/ugykalauz-entrypoint >"$work/serve.log" 2>&1 &
server_pid=$!

fetch() {  # fetch PATH OUTFILE -> prints the HTTP status; uses the image's curl, as the HEALTHCHECK does
  in_image "$chroot_bin" "${as_user[@]}" "$root" curl -sS --max-time 5 -o "/tmp/$2" -w '%{http_code}' \
    "http://127.0.0.1:$port$1" 2>/dev/null || true
}

status=""
deadline=$(($(date +%s) + 30))
while :; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$work/serve.log" >&2
    fail "the server exited before it became ready"
  fi
  status=$(fetch /readyz readyz.json)
  [[ "$status" == "200" ]] && break
  if (($(date +%s) >= deadline)); then
    cat "$work/serve.log" >&2
    fail "/readyz did not answer 200 within 30 s (last status: ${status:-none})"
  fi
  sleep 0.5
done
[[ -f "$root/tmp/ugk-serve/ugykalauz.sqlite3" ]] || fail "the entrypoint did not import the demo bundle"
say "ready on 127.0.0.1:$port: $(cat "$root/tmp/readyz.json")"

status=$(fetch /openapi.json openapi.json)
[[ "$status" == "200" ]] || fail "/openapi.json answered $status"
if command -v python3 >/dev/null 2>&1; then
  python3 -m json.tool "$root/tmp/openapi.json" >/dev/null || fail "/openapi.json is not valid JSON"
fi

status=$(fetch '/v1/route?settlement=Foly%C3%A1s&q=hagyat%C3%A9k' route.json)
[[ "$status" == "200" ]] || {
  cat "$root/tmp/route.json" >&2 || true
  fail "/v1/route?settlement=Folyás&q=hagyaték answered $status"
}
if command -v python3 >/dev/null 2>&1; then
  first_office=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["offices"][0]["id"])' \
    "$root/tmp/route.json") || fail "unexpected /v1/route answer: $(head -c 500 "$root/tmp/route.json")"
else
  first_office=$(sed -n 's/.*"offices":\[{[^}]*"id":"\([^"]*\)".*/\1/p' "$root/tmp/route.json")
fi
[[ "$first_office" == "koh-22406" ]] ||
  fail "/v1/route?settlement=Folyás&q=hagyaték: first office is '${first_office}', expected koh-22406"
say "route Folyás + hagyaték -> $first_office"

# --- 6. graceful stop -------------------------------------------------------------------------------
kill -TERM "$server_pid"
for _ in $(seq 1 50); do
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$server_pid" 2>/dev/null; then
  cat "$work/serve.log" >&2
  fail "the server did not stop within 10 s of SIGTERM"
fi
rc=0
wait "$server_pid" || rc=$?
server_pid=""
[[ $rc -eq 0 ]] || {
  cat "$work/serve.log" >&2
  fail "the server exited with status $rc after SIGTERM"
}
grep -q 'event=stopped' "$work/serve.log" || fail "the server did not log event=stopped"
[[ -z "$(chrooted_pids)" ]] || fail "processes left running in the image: $(chrooted_pids | tr '\n' ' ')"
say "passed"
