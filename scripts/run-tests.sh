#!/usr/bin/env bash
# `npm test`: typecheck, build, unit + component tests, then end-to-end tests against a private
# dockerd (scripts/test-engine.sh). Every stage runs even when an earlier one failed (except e2e,
# which needs the build), and the summary names what failed; exit status is non-zero if anything did.
# The engine is stopped on every exit path unless it was already running when we started.
set -uo pipefail

cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" # Node 22 from node_modules, as npm scripts have it
START=$(date +%s)
failed=()
results=()

stage() { # stage NAME COMMAND…: run, time and record
  local name=$1; shift
  local t0=$SECONDS
  printf '\n\033[1m── %s\033[0m  (%s)\n' "$name" "$*"
  if "$@"; then
    results+=("ok      $name ($((SECONDS - t0)) s)")
    return 0
  else
    local rc=$?
    results+=("FAILED  $name ($((SECONDS - t0)) s, exit $rc)")
    failed+=("$name")
    return "$rc"
  fi
}

remove_test_containers() {
  docker ps -aq --filter label=porthole.test=1 | xargs -r docker rm -f -v >/dev/null || true
}

ENGINE_STARTED=0
cleanup() {
  local rc=$?
  if [ "$ENGINE_STARTED" = 1 ]; then
    bash scripts/test-engine.sh stop || echo "run-tests: \`scripts/test-engine.sh stop\` failed; the engine may be left over" >&2
  fi
  return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stage typecheck tsc --noEmit
build_ok=1
stage build node scripts/build.mjs || build_ok=0
stage "unit + component tests" vitest run --project unit

if [ "$build_ok" = 1 ]; then
  if ! bash scripts/test-engine.sh status 2>/dev/null; then
    ENGINE_STARTED=1 # stop it on exit even if it came up only halfway
    stage "start private engine" bash scripts/test-engine.sh start
  fi
  eval "$(bash scripts/test-engine.sh env)"
  export DOCKER_HOST
  if bash scripts/test-engine.sh status; then
    remove_test_containers # leftovers of an interrupted run would confuse the tests
    stage "e2e tests" vitest run --project e2e
    remove_test_containers
  else
    results+=("SKIPPED e2e tests (no engine)")
    failed+=("e2e tests")
  fi
else
  results+=("SKIPPED e2e tests (build failed)")
  failed+=("e2e tests")
fi

printf '\n\033[1m── summary\033[0m\n'
printf '  %s\n' "${results[@]}"
printf '  total %d s\n' "$(($(date +%s) - START))"
if [ ${#failed[@]} -gt 0 ]; then
  printf '\033[31mfailed: %s\033[0m\n' "$(IFS=,; echo "${failed[*]}")"
  exit 1
fi
printf '\033[32mall passed\033[0m\n'
