# shellcheck shell=bash
# Sourced by scripts/up.sh and scripts/test.sh (not run on its own): makes sure this shell has
# Node >= 22, the pnpm named by package.json's "packageManager", and the workspace's dependencies.
# Idempotent and silent when everything is already in place.
#
# Node and pnpm come from the npm registry into the git-ignored .tools/ folder when the machine's
# own are missing or too old (the `node` npm package ships a real Node binary), so nothing outside
# the repo is touched apart from, as a last resort, Debian's nodejs/npm packages (to get `npm`).

ERON_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ERON_NODE_VERSION="24.21.0"
ERON_MIN_NODE_MAJOR=22
ERON_TOOLS="$ERON_ROOT/.tools"

eron_log() { printf '\033[36m[bootstrap]\033[0m %s\n' "$*" >&2; }

# Installs Debian packages when we can (root + apt-get); returns non-zero otherwise.
eron_apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  eron_log "apt-get install -y $*"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing or stale on a fresh machine: update once and retry.
  apt-get install -y -qq "$@" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$@" >/dev/null; }
}

eron_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

# Adds .tools/node_modules/.bin in front of PATH (once).
eron_use_tools() {
  case ":$PATH:" in
    *":$ERON_TOOLS/node_modules/.bin:"*) ;;
    *) export PATH="$ERON_TOOLS/node_modules/.bin:$PATH" ;;
  esac
}

# npm install into .tools (only the npm registry is assumed reachable).
eron_tools_install() {
  if ! command -v npm >/dev/null 2>&1; then
    # No npm at all: Debian's (old) Node is enough to fetch a current one from the registry.
    eron_apt_install nodejs npm || {
      eron_log "npm is missing: install Node.js >= $ERON_MIN_NODE_MAJOR (https://nodejs.org) and retry"
      return 1
    }
  fi
  mkdir -p "$ERON_TOOLS"
  [ -f "$ERON_TOOLS/package.json" ] || echo '{"private":true}' >"$ERON_TOOLS/package.json"
  eron_log "npm i --prefix .tools $*"
  npm install --prefix "$ERON_TOOLS" --no-audit --no-fund --save-exact --loglevel=error "$@" >/dev/null
}

eron_bootstrap() {
  # 1. Node >= 22: the machine's own if recent enough, else the one in .tools (installed if needed).
  if [ -x "$ERON_TOOLS/node_modules/.bin/node" ]; then
    # A previous run installed it: prefer it whenever the machine's node is too old.
    if [ "$(eron_node_major)" -lt "$ERON_MIN_NODE_MAJOR" ]; then eron_use_tools; fi
  fi
  if [ "$(eron_node_major)" -lt "$ERON_MIN_NODE_MAJOR" ]; then
    eron_tools_install "node@$ERON_NODE_VERSION" || return 1
    eron_use_tools
    if [ "$(eron_node_major)" -lt "$ERON_MIN_NODE_MAJOR" ]; then
      eron_log "could not get Node >= $ERON_MIN_NODE_MAJOR (node -v: $(node -v 2>&1))"
      return 1
    fi
  fi

  # 2. pnpm, exactly the version pinned in package.json ("packageManager": "pnpm@x.y.z").
  local want_pnpm
  want_pnpm="$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$ERON_ROOT/package.json")"
  want_pnpm="${want_pnpm:-10.34.9}"
  if [ -x "$ERON_TOOLS/node_modules/.bin/pnpm" ]; then eron_use_tools; fi
  if [ "$(cd "$ERON_ROOT" && pnpm --version 2>/dev/null)" != "$want_pnpm" ]; then
    eron_tools_install "pnpm@$want_pnpm" || return 1
    eron_use_tools
    hash -r
  fi

  # 3. Workspace dependencies, only when node_modules is missing or older than the lockfile or a
  #    package.json (pnpm records the installed lockfile in node_modules/.pnpm/lock.yaml).
  local stamp="$ERON_ROOT/node_modules/.pnpm/lock.yaml" need_install=0 f
  if [ ! -f "$stamp" ] || [ ! -f "$ERON_ROOT/node_modules/.modules.yaml" ]; then
    need_install=1
  else
    for f in "$ERON_ROOT/pnpm-lock.yaml" "$ERON_ROOT/package.json" "$ERON_ROOT"/packages/*/package.json \
      "$ERON_ROOT"/services/*/package.json; do
      if [ -f "$f" ] && [ "$f" -nt "$stamp" ]; then need_install=1; break; fi
    done
  fi
  if [ "$need_install" = 1 ]; then
    eron_log "pnpm install --frozen-lockfile"
    (cd "$ERON_ROOT" && pnpm install --frozen-lockfile --reporter=append-only) >&2 || return 1
    # pnpm leaves lock.yaml untouched when nothing changed; touch it so the next run is a no-op.
    touch "$stamp"
  fi
}

eron_bootstrap || {
  eron_log "bootstrap failed"
  # When sourced, `return` leaves the caller in charge; `exit` if someone ran this file directly.
  # shellcheck disable=SC2317
  return 1 2>/dev/null || exit 1
}
