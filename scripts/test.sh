#!/usr/bin/env bash
# The README's second command: every check and test against real Postgres and Redis (PLT-12).
#
#   bash scripts/test.sh              typecheck, lint, OpenAPI drift check, Kubernetes manifests check, then all jest tests
#   bash scripts/test.sh tests/e2e    the same checks, then only the jest tests matching the args
#
# Servers: with a Docker engine (and no DATABASE_URL set) the tests start their own
# testcontainers (ERON_TESTCONTAINERS=1, read by the jest global setup); otherwise
# scripts/infra.ts --for-tests finds or starts Postgres and Redis and writes them to .env.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh

say() { printf '\n\033[1;36m== %s\033[0m\n' "$*"; }

if [ -z "${DATABASE_URL:-}" ] && command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; then
  say "Docker engine found: the tests start Postgres and Redis in testcontainers"
  export ERON_TESTCONTAINERS=1
else
  say "Postgres and Redis"
  pnpm exec tsx scripts/infra.ts --for-tests
  # Hand the URLs to jest as well, whatever its setup reads (.env or the environment).
  while IFS='=' read -r key value; do
    value="${value#[\"\']}" value="${value%[\"\']}" # infra.ts quotes values holding '#' or spaces
    case "$key" in DATABASE_URL | REDIS_URL) export "$key=$value" ;; esac
  done <.env
fi

# The browser test drives a Chromium (playwright-core, no bundled browser).
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for candidate in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then CHROMIUM_PATH="$(command -v "$candidate")"; break; fi
  done
  if [ -z "${CHROMIUM_PATH:-}" ] && eron_apt_install chromium && command -v chromium >/dev/null 2>&1; then
    CHROMIUM_PATH="$(command -v chromium)"
  fi
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    export CHROMIUM_PATH
  else
    printf '\033[33mwarning: no Chromium found (apt-get install chromium); the browser test will fail\033[0m\n' >&2
  fi
fi

# The document tests read the PDFs we print with poppler (pdftotext), as an officer would see them.
if ! command -v pdftotext >/dev/null 2>&1 && ! eron_apt_install poppler-utils; then
  printf '\033[33mwarning: no pdftotext (apt-get install poppler-utils); the document tests will fail\033[0m\n' >&2
fi

say "pnpm typecheck"
pnpm typecheck
say "pnpm lint"
pnpm lint
say "pnpm openapi:check"
pnpm openapi:check
say "pnpm k8s:check"
pnpm k8s:check
say "pnpm test $*"
pnpm test "$@"
