#!/usr/bin/env bash
# The README's first command: installs what is missing, finds or starts Postgres and Redis,
# migrates, and runs the whole suite (four services and the gateway) until Ctrl-C (PLT-11).
#
#   bash scripts/up.sh
#
# Postgres/Redis come from DATABASE_URL/REDIS_URL, else localhost, else `docker compose`, else an
# embedded Postgres and a private redis-server (see scripts/infra.ts; `pnpm exec tsx
# scripts/infra.ts stop` stops those two).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh

pnpm exec tsx scripts/infra.ts
pnpm db:migrate
# `node --import tsx` (what `pnpm exec tsx` amounts to, minus two wrapper processes): this shell's
# process becomes the supervisor itself, so Ctrl-C/SIGTERM and its exit code reach it directly.
exec node --import tsx scripts/start.ts
