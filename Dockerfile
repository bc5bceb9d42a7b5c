# One image for the four services and the gateway; docker-compose.yml picks the entry point.
# Built in one stage (TypeScript compiled to JavaScript by `pnpm build`); the image that runs holds
# that JavaScript and the production dependencies only, and runs it with node (no tsx, no tsc).

FROM node:24-slim AS pnpm
# pnpm pinned as in package.json's "packageManager" (npm rather than corepack: no signature-key
# surprises, and corepack leaves Node after v24).
RUN npm install -g --no-audit --no-fund pnpm@10.34.9
ENV CI=true
WORKDIR /app

# --- build: every dependency, then `pnpm build` (each package's src/ to dist/) ------------------
FROM pnpm AS build
# Dependencies first, from the lockfile alone, so code changes do not refetch them.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline && pnpm build
# What the image needs of the workspace: the manifests and each package's compiled dist/.
RUN sh scripts/production-tree.sh /out

# --- production dependencies: a clean install without devDependencies --------------------------
FROM pnpm AS production
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN pnpm fetch --prod
COPY --from=build /out ./
RUN pnpm install --prod --frozen-lockfile --offline

# --- the image: node, the compiled JavaScript and its production dependencies ---------------------
FROM node:24-slim
WORKDIR /app
COPY --from=production /app ./
USER node
# Production: the built-in development JWT key is refused (PLT-03); give JWT_JWKS_URL or JWT_SECRET.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# --conditions=@eron/compiled: @eron/shared resolves to its dist/ (its src/ in development).
CMD ["node", "--conditions=@eron/compiled", "services/gateway/dist/server.js"]
