#!/usr/bin/env bash
# The one test command (npm test): makes sure a redis-server binary exists (installs Debian's when
# missing and running as root), type-checks, then runs the whole suite. The suite starts its own
# redis-server on a free port (test/setup/redis.ts) unless REDIS_URL is given, then re-runs the
# date-sensitive suites under fixed dates (the date matrix below).
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
# The date matrix: suites whose "today" comes from test/helpers/testClock.ts (directly or through
# test/security/fullServer.ts) run again on fixed days (the
# make-up Saturday after National Day, a month end, New Year's Day, a Sunday, Feb 29), so the
# suite passes on every day of the year, not only the day CI happens to run. Skipped when arguments pick
# files, or with LINGYAN_DATE_MATRIX=0.
if [ "$#" -eq 0 ] && [ "${LINGYAN_DATE_MATRIX:-1}" != "0" ]; then
  mapfile -t date_suites < <(grep -rl --include='*.test.ts' -e 'helpers/testClock' -e "/fullServer'" test | sort)
  for now in 2026-10-10T09:30:00+08:00 2026-11-30T18:00:00+08:00 2027-01-01T08:00:00+08:00 2027-02-07T10:00:00+08:00 2028-02-29T09:00:00+08:00; do
    echo "date matrix: LINGYAN_TEST_NOW=$now (${#date_suites[@]} suites)"
    LINGYAN_TEST_NOW="$now" npx vitest run "${date_suites[@]}"
  done
fi
