#!/bin/sh
# Copies into DEST what the image runs, after `pnpm build`: the workspace's manifests and lockfile
# and each package's compiled dist/ (no sources, no tests, no node_modules). The Dockerfile and
# tests/build/image.test.ts both use it, then run `pnpm install --prod --frozen-lockfile` in DEST.
#
#   sh scripts/production-tree.sh DEST
set -eu
dest="${1:?usage: sh scripts/production-tree.sh DEST}"
cd "$(dirname "$0")/.."
mkdir -p "$dest"
cp pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc "$dest/"
for p in packages/* services/*; do
  [ -f "$p/package.json" ] || continue
  mkdir -p "$dest/$p"
  cp "$p/package.json" "$dest/$p/"
  # A package without a build (the front ends' typed client) runs nowhere in the image: its manifest
  # keeps the workspace whole for the frozen lockfile, nothing else of it is copied.
  grep -q '"build"' "$p/package.json" || continue
  [ -d "$p/dist" ] || { echo "$p/dist is missing: run pnpm build first" >&2; exit 1; }
  cp -R "$p/dist" "$dest/$p/"
done
