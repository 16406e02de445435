#!/usr/bin/env bash
# `npm run demo [-- porthole flags]`: porthole against the private engine with a realistic set of
# containers (scripts/demo-containers.sh). The engine stays up afterwards so the next demo starts
# fast; `bash scripts/test-engine.sh stop` removes it.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f dist/cli.js ] || node scripts/build.mjs
bash scripts/test-engine.sh start
eval "$(bash scripts/test-engine.sh env)"
export DOCKER_HOST
bash scripts/demo-containers.sh create
[ -z "${CI:-}" ] || echo "demo: CI is set, so Ink will draw nothing until exit; unset CI for the demo" >&2

status=0
node dist/cli.js "$@" || status=$?

cat >&2 <<MSG

The private engine is still running (DOCKER_HOST=$DOCKER_HOST), so the next demo starts fast.
  use it:   eval "\$(bash scripts/test-engine.sh env)" && docker ps -a
  stop it:  bash scripts/test-engine.sh stop
MSG
exit "$status"
