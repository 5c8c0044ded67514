# syntax=docker/dockerfile:1
# Lingyan (领雁) — production image. Two stages:
#   build   : full `npm ci` (dev dependencies included), then `npm run build` bundles src/ with esbuild
#             into dist/bin/main.js plus chunks (ESM, node20; each platform's chunk loads its SDK only
#             when that platform is configured). Only our own code is bundled; every npm package stays
#             external and is loaded from node_modules at run time (native modules such as
#             @resvg/resvg-js, BullMQ's Lua scripts and botbuilder all need that).
#   runtime : `npm ci --omit=dev` (no tsx, vitest, esbuild), the bundle, and the data files the code
#             reads at run time (prompts/, fixtures/). Runs as the unprivileged `node` user.
# Why a bundle and not `tsx src/main.ts`: tsx is a dev dependency, compiling TypeScript on every start
# costs start-up time and memory on each replica, and `moduleResolution: Bundler` emits extensionless
# imports that plain `tsc` output cannot run under Node ESM. esbuild resolves them at build time.
# The bundle sits at dist/bin/ — the same depth as src/<area>/ — so source files that locate data with
# `new URL('../../prompts/…', import.meta.url)` find the same directories from the bundle.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# Memory settings (same as `npm run start:prod`; docs/operations.md "Memory settings"): two malloc arenas
# instead of one per thread, an 8 MB semi-space and an old generation allowed to grow 40 % past its live
# size between full collections, instead of up to 4x. Under saturation the peak RSS then stays under
# 200 MB at the same latency targets. Source maps are not enabled: loading every package's map cost
# 5-8 MB of heap; the bundle is not minified, so stack traces stay readable (dist/bin/*.map ship for
# mapping by hand, or run with NODE_OPTIONS=--enable-source-maps when debugging).
ENV NODE_ENV=production \
    PORT=3000 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
COPY prompts ./prompts
COPY corpus ./corpus
COPY calendars ./calendars
# Files stay owned by root (read-only for the app); the process runs as `node` (uid 1000).
USER node
EXPOSE 3000
# /healthz answers while the process is up; orchestrators should gate traffic on /readyz (Redis + queue).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1's child via `init: true` in compose (or `docker run --init`) so SIGTERM reaches it and
# the graceful shutdown in src/app/server.ts runs (stop accepting, finish in-flight, close Redis).
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=40", "dist/bin/main.js"]
