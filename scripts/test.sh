#!/usr/bin/env bash
# The one test command (npm test): makes sure a redis-server binary exists (installs Debian's when
# missing and running as root), type-checks, then runs the whole suite. The suite starts its own
# redis-server on a free port (test/setup/redis.ts) unless REDIS_URL is given.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "redis-server not found: installing Debian's redis-server" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
      || { echo "could not install redis-server; install it or set REDIS_URL" >&2; exit 1; }
  else
    echo "redis-server not found. Install it (e.g. 'apt-get install redis-server') or set REDIS_URL=redis://host:port" >&2
    exit 1
  fi
fi
[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsc --noEmit
npx vitest run "$@"
