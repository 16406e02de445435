#!/usr/bin/env bash
# A realistic set of containers for demos and README screenshots, on the engine in DOCKER_HOST.
#
#   scripts/demo-containers.sh create   remove the old set, then create every state porthole shows
#   scripts/demo-containers.sh remove   remove everything labelled porthole.demo=1
#
# Refuses to run without DOCKER_HOST or against the system's /var/run/docker.sock: use the private
# engine (`eval "$(bash scripts/test-engine.sh env)"`). All containers use the busybox test image and
# `--network none`, except shop-web-1, which publishes 127.0.0.1:8080 and 127.0.0.1:8443 (nothing listens).
set -euo pipefail

IMAGE=${PORTHOLE_TEST_IMAGE:-porthole-test/busybox:latest}
LABEL=porthole.demo=1

say() { printf 'demo-containers: %s\n' "$*" >&2; }

guard() {
  case "${DOCKER_HOST:-}" in
    '') say "DOCKER_HOST is not set; run: eval \"\$(bash scripts/test-engine.sh env)\""; exit 2 ;;
    unix:///var/run/docker.sock | unix:///run/docker.sock)
      say "refusing to touch the system Docker at $DOCKER_HOST"; exit 2 ;;
  esac
  docker image inspect "$IMAGE" >/dev/null 2>&1 || { say "image $IMAGE missing (bash scripts/test-engine.sh start imports it)"; exit 1; }
}

remove() {
  local ids
  ids=$(docker ps -aq --filter "label=$LABEL")
  [ -z "$ids" ] || docker rm -f -v $ids >/dev/null
}

# run NAME [docker run options…] -- COMMAND: detached, labelled, no network unless -p is given.
run() {
  local name=$1; shift
  local opts=() net=(--network none)
  while [ "$1" != -- ]; do
    [ "$1" = -p ] && net=()
    opts+=("$1"); shift
  done
  shift
  docker run -d --name "$name" --label "$LABEL" "${net[@]}" "${opts[@]}" "$IMAGE" sh -c "$1" >/dev/null
}

compose() { # compose SERVICE: the labels docker compose puts on project "shop"
  echo --label com.docker.compose.project=shop --label "com.docker.compose.service=$1" \
    --label com.docker.compose.container-number=1 --label com.docker.compose.oneoff=False \
    --label com.docker.compose.project.working_dir=/srv/shop
}

wait_for() { # wait_for NAME GO-TEMPLATE VALUE SECONDS
  local i
  for i in $(seq 1 $(($4 * 10))); do
    [ "$(docker inspect --format "$2" "$1" 2>/dev/null)" = "$3" ] && return 0
    sleep 0.1
  done
  say "warning: $1 did not reach $3 ($2) within $4 s"
}

create() {
  remove

  # shop: a three-service compose project; web is the frontend with published ports.
  # shellcheck disable=SC2046
  run shop-web-1 $(compose web) -p 127.0.0.1:8080:80 -p 127.0.0.1:8443:443 -- \
    'i=0; while true; do i=$((i+1)); echo "203.0.113.7 - - \"GET /api/items/$i HTTP/1.1\" 200 $((i % 7 * 113 + 212))"; sleep 1; done'
  # shellcheck disable=SC2046
  run shop-api-1 $(compose api) -e PORT=3000 -e LOG_LEVEL=info -- \
    'i=0; while true; do i=$((i+1)); echo "GET /api/items/$i 200 $((i % 9 + 2))ms"; if [ $((i % 10)) = 0 ]; then echo "WARN slow query: SELECT * FROM items ($((i * 3))ms)" >&2; fi; sleep 1; done'
  # shellcheck disable=SC2046
  run shop-db-1 $(compose db) -e POSTGRES_DB=shop -- \
    'echo "database system is ready to accept connections"; while true; do sleep 15; echo "checkpoint complete: wrote $((RANDOM % 90 + 10)) buffers"; done'

  # A steady logger: a line a second, every fifth one on stderr.
  run log-shipper -- \
    'i=0; while true; do i=$((i+1)); if [ $((i % 5)) = 0 ]; then echo "WARN batch $i: retrying upload" >&2; else echo "INFO batch $i: shipped $((i * 7 % 50 + 1)) events"; fi; sleep 1; done'

  # A crash loop: runs two seconds, fails, and Docker restarts it with growing back-off.
  run flaky-worker --restart always -- \
    'echo "worker starting"; sleep 2; echo "fatal: could not connect to queue at amqp://queue:5672" >&2; exit 1'

  # A one-shot job that failed with exit code 3.
  run migrate-once -- 'echo "applying migration 0042_add_index"; echo "error: relation \"items\" already exists" >&2; exit 3'

  # A paused one.
  run report-builder -- 'i=0; while true; do i=$((i+1)); echo "building report page $i"; sleep 2; done'

  # Resource limits, doing a little work: holds ~16 MB and spins briefly every second.
  run thumbnailer --cpus 0.5 --memory 64m -- \
    'buf=$(head -c 16000000 /dev/zero | tr "\0" x); n=0; while true; do n=$((n+1)); i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo "resized image $n (${#buf} bytes cached)"; sleep 1; done'

  # A healthcheck that passes once the service has "warmed up".
  run cache --health-cmd 'test -f /tmp/ready' --health-interval 2s --health-timeout 1s --health-retries 3 -- \
    'echo "loading cache"; sleep 1; touch /tmp/ready; echo "ready"; while true; do sleep 5; echo "hits=$((RANDOM % 1000)) misses=$((RANDOM % 50))"; done'

  # Created but never started.
  docker create --name backup-nightly --label "$LABEL" --network none "$IMAGE" \
    sh -c 'echo "backing up volumes"; sleep 30' >/dev/null

  wait_for report-builder '{{.State.Status}}' running 10
  docker pause report-builder >/dev/null
  wait_for migrate-once '{{.State.ExitCode}}' 3 10
  wait_for cache '{{.State.Health.Status}}' healthy 15
  say "created $(docker ps -aq --filter "label=$LABEL" | wc -l) containers labelled $LABEL"
}

case "${1:-}" in
  create) guard; create ;;
  remove) guard; remove; say "removed" ;;
  *) echo "usage: $0 create|remove" >&2; exit 2 ;;
esac
