# One image for the four services and the gateway; docker-compose.yml picks the entry point.
# TypeScript runs directly through tsx (as in development), so there is no build step.
FROM node:24-slim

# pnpm pinned as in package.json's "packageManager" (npm rather than corepack: no signature-key
# surprises, and corepack leaves Node after v24).
RUN npm install -g --no-audit --no-fund pnpm@10.34.9
ENV CI=true

WORKDIR /app

# Dependencies first, from the lockfile alone, so code changes do not refetch them.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN pnpm fetch

COPY . .
RUN pnpm install --frozen-lockfile --offline

USER node
# Production: the built-in development JWT key is refused (PLT-03); give JWT_JWKS_URL or JWT_SECRET.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "services/gateway/src/server.ts"]
