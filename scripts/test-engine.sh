#!/usr/bin/env bash
# Private Docker engine for porthole's tests, demo and benchmark.
#
#   scripts/test-engine.sh start   install what is missing, start a private dockerd, import the test image
#   scripts/test-engine.sh stop    stop it and remove its state
#   scripts/test-engine.sh env     print `export DOCKER_HOST=…` for the private engine
#   scripts/test-engine.sh status  exit 0 when the private engine answers
#
# The engine is private: its own data-root, exec-root, pidfile and socket under $PORTHOLE_ENGINE_DIR
# (default /tmp/porthole-engine), and, when `ip netns` is available, its own network namespace, so
# its bridges, iptables rules and published ports never touch the host or a user's real Docker.
# Published ports therefore live on the namespace's own 127.0.0.1: visible in `docker ps`, reachable
# by nothing outside. Tests never talk to /var/run/docker.sock.
set -euo pipefail

DIR=${PORTHOLE_ENGINE_DIR:-/tmp/porthole-engine}
SOCK="$DIR/docker.sock"
NETNS=${PORTHOLE_ENGINE_NETNS:-porthole-engine}
IMAGE=${PORTHOLE_TEST_IMAGE:-porthole-test/busybox:latest}
export DOCKER_HOST="unix://$SOCK"

say() { printf 'test-engine: %s\n' "$*" >&2; }

install_missing() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  command -v docker >/dev/null 2>&1 || need+=(docker.io)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || need+=(busybox-static)
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing: ${need[*]} (install them, or run as root on Debian/Ubuntu so this script can)"
    exit 1
  fi
  say "installing with apt-get: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
}

busybox_path() {
  # busybox-static puts a static binary at /bin/busybox; prefer a static one if several exist.
  for b in /bin/busybox /usr/bin/busybox; do
    if [ -x "$b" ] && file -L "$b" 2>/dev/null | grep -q static; then echo "$b"; return; fi
  done
  for b in /bin/busybox /usr/bin/busybox; do [ -x "$b" ] && { echo "$b"; return; }; done
}

answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start() {
  install_missing
  if [ -S "$SOCK" ] && answers; then say "already running at $DOCKER_HOST"; import_image; return; fi
  mkdir -p "$DIR"
  local run=()
  if [ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1; then
    ip netns add "$NETNS" 2>/dev/null || true
    if ip netns exec "$NETNS" ip link set lo up 2>/dev/null; then
      run=(nsenter "--net=/var/run/netns/$NETNS")
    else
      say "no network namespace available; running in the host's network without iptables changes"
    fi
  fi
  say "starting private dockerd at $DOCKER_HOST"
  "${run[@]}" dockerd \
    --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/docker.pid" \
    -H "unix://$SOCK" --iptables=false --ip-masq=false \
    >"$DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do
    answers && break
    if ! kill -0 $! 2>/dev/null; then say "dockerd exited; log:"; tail -n 30 "$DIR/dockerd.log" >&2; exit 1; fi
    sleep 0.2
  done
  answers || { say "dockerd did not answer within 30 s; log:"; tail -n 30 "$DIR/dockerd.log" >&2; exit 1; }
  import_image
  say "ready: export DOCKER_HOST=$DOCKER_HOST"
}

import_image() {
  docker image inspect "$IMAGE" >/dev/null 2>&1 && return 0
  local bb root
  bb=$(busybox_path)
  [ -n "$bb" ] || { say "no busybox binary found"; exit 1; }
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/proc" "$root/sys" "$root/dev" "$root/root"
  cp "$bb" "$root/bin/busybox"
  for applet in $("$bb" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -c . | docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' - "$IMAGE" >/dev/null
  rm -rf "$root"
  say "imported $IMAGE"
}

stop() {
  if [ -f "$DIR/docker.pid" ]; then
    local pid; pid=$(cat "$DIR/docker.pid")
    if kill -0 "$pid" 2>/dev/null; then
      # Remove containers first so their shims and mounts go away cleanly.
      docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  ip netns del "$NETNS" 2>/dev/null || true
  # Mounts left under exec-root/data-root (e.g. netns bind mounts) must go before rm.
  if [ -d "$DIR" ]; then
    { grep -o " $DIR[^ ]*" /proc/mounts 2>/dev/null || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$DIR" 2>/dev/null || say "could not remove all of $DIR"
  fi
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST" ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
