#!/usr/bin/env bash
# A newcomer's first command, checked (issue: "a new user's first ten minutes"): clone this checkout
# into a private temporary folder (mktemp -d: only its owner may enter), run README command 1 there
# on the embedded path (no localhost servers, no Docker: embedded Postgres run as the `postgres`
# user, a private redis-server), wait until Swagger UI answers at /docs, then stop everything and
# check that nothing is left behind: no process, no temporary folder of that clone.
#
#   bash scripts/newcomer-check.sh          (CI runs it as root; ERON_NEWCOMER_PORT_BASE moves the ports)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '\033[1;33m[newcomer]\033[0m %s\n' "$*"; }
PORT_BASE="${ERON_NEWCOMER_PORT_BASE:-3100}"

dir="$(mktemp -d)"
clone="$dir/eron"
up_pid=""

finish() {
  local status=$?
  if [ -n "$up_pid" ] && kill -0 "$up_pid" 2>/dev/null; then
    kill -TERM "$up_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$up_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$up_pid" 2>/dev/null || true
  fi
  if [ -d "$clone" ]; then
    (cd "$clone" && source scripts/bootstrap.sh >/dev/null 2>&1 && pnpm exec tsx scripts/infra.ts stop) || true
  fi
  # What the clone's run made in the temporary folder (the embedded cluster, its binaries) goes too:
  # only the clone's own (infra.ts names them eron-<what>-<sha1 of the checkout path>), nothing else's.
  local tag
  tag="$(printf '%s' "$clone" | sha1sum | cut -c1-8)"
  rm -rf "${TMPDIR:-/tmp}"/eron-*-"$tag" "${TMPDIR:-/tmp}"/eron-*-"$tag".log
  if [ $status -eq 0 ] && pgrep -af "$clone" >/dev/null; then
    log "left running after the stop:"
    pgrep -af "$clone"
    status=1
  fi
  rm -rf "$dir"
  if [ $status -ne 0 ] && [ -f "$dir.log" ]; then tail -n 60 "$dir.log"; fi
  rm -f "$dir.log"
  exit $status
}
trap finish EXIT

log "cloning into $dir (mode $(stat -c %a "$dir"))"
git clone -q "$ROOT" "$clone"
# The toolchain the main run already installed from the registry (Node 24, pnpm): hard links, not a
# second download. Everything else the newcomer's command does itself.
[ -d "$ROOT/.tools" ] && cp -al "$ROOT/.tools" "$clone/.tools"

log "README command 1: bash scripts/up.sh (embedded Postgres and Redis)"
(cd "$clone" && unset DATABASE_URL REDIS_URL REDIS_PASSWORD && ERON_SKIP_LOCALHOST=1 ERON_SKIP_DOCKER=1 ERON_PORT_BASE="$PORT_BASE" exec bash scripts/up.sh) >"$dir.log" 2>&1 &
up_pid=$!

docs="http://127.0.0.1:$PORT_BASE/docs"
spec="http://127.0.0.1:$PORT_BASE/openapi.json"
# Up means: the merged document holds every service's paths (each service answered the gateway).
for _ in $(seq 300); do
  if curl -fsS "$spec" 2>/dev/null | grep -q '"/api/v1/folio/'; then break; fi
  kill -0 "$up_pid" 2>/dev/null || { log "up.sh exited before serving the suite"; tail -n 60 "$dir.log"; exit 1; }
  sleep 1
done
curl -fsS "$spec" | grep -q '"/api/v1/classification/' || { log "the suite did not come up within 5 minutes"; tail -n 60 "$dir.log"; exit 1; }
curl -fsS "$docs" | grep -qi 'swagger' || { log "$docs does not serve Swagger UI"; tail -n 60 "$dir.log"; exit 1; }
log "Swagger UI answers at $docs from a private clone, over every service's document"
