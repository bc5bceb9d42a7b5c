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
exec pnpm exec tsx scripts/start.ts
