#!/usr/bin/env bash
# Private Docker engine for porthole's tests, demo and benchmark.
#
#   scripts/test-engine.sh start   install what is missing, start a private dockerd, import the test image
#   scripts/test-engine.sh stop    stop it and remove its state
#   scripts/test-engine.sh env     print `export DOCKER_HOST=…` (and `export PORTHOLE_REGISTRY=…`) for it
#   scripts/test-engine.sh status  exit 0 when the private engine answers
#
# The engine is private: its own data-root, exec-root, pidfile and socket under $PORTHOLE_ENGINE_DIR
# (default /tmp/porthole-engine), and, when `ip netns` is available, its own network namespace, so
# its bridges, iptables rules and published ports never touch the host or a user's real Docker.
# Published ports therefore live on the namespace's own 127.0.0.1: visible in `docker ps`, reachable
# by nothing outside. Tests never talk to /var/run/docker.sock.
#
# `start` also starts a private image registry (the CNCF distribution registry, Debian's
# docker-registry) for pull/push tests, on 127.0.0.1 inside the same namespace, so the daemon
# reaches it on its own loopback and treats it as insecure (plain HTTP), as it does all of
# 127.0.0.0/8. Inside a namespace the port is 5000 (each engine has its own loopback, so engines
# never collide); without one a free port is picked. `env` prints PORTHOLE_REGISTRY=127.0.0.1:<port>.
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
  [ -x /usr/bin/docker-registry ] || need+=(docker-registry)
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

# The command prefix that runs a program in the engine's network namespace (empty without one).
netns_run() {
  if [ -e "/var/run/netns/$NETNS" ] && [ "$(id -u)" = 0 ]; then echo "nsenter --net=/var/run/netns/$NETNS"; fi
}

registry_port() { cat "$DIR/registry.port" 2>/dev/null; }

# The registry answers /v2/ (HTTP 200 with no auth configured), probed from inside the namespace.
registry_answers() {
  local port; port=$(registry_port)
  [ -n "$port" ] || return 1
  # shellcheck disable=SC2046
  $(netns_run) bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /v2/ HTTP/1.0\r\n\r\n' >&3 && head -n1 <&3 | grep -q ' 200'" 2>/dev/null
}

start_registry() {
  if [ -f "$DIR/registry.pid" ] && kill -0 "$(cat "$DIR/registry.pid")" 2>/dev/null && registry_answers; then return 0; fi
  local port=5000
  if [ -z "$(netns_run)" ]; then
    # Host network: any free port (the kernel picks one; a race with another starter is unlikely and fails loudly).
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  fi
  mkdir -p "$DIR/registry"
  echo "$port" >"$DIR/registry.port"
  cat >"$DIR/registry.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $DIR/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  # shellcheck disable=SC2046
  $(netns_run) /usr/bin/docker-registry serve "$DIR/registry.yml" >"$DIR/registry.log" 2>&1 &
  echo $! >"$DIR/registry.pid"
  for _ in $(seq 1 50); do
    registry_answers && { say "registry at 127.0.0.1:$port"; return 0; }
    if ! kill -0 "$(cat "$DIR/registry.pid")" 2>/dev/null; then say "registry exited; log:"; tail -n 20 "$DIR/registry.log" >&2; exit 1; fi
    sleep 0.2
  done
  say "registry did not answer within 10 s; log:"; tail -n 20 "$DIR/registry.log" >&2; exit 1
}

stop_registry() {
  [ -f "$DIR/registry.pid" ] || return 0
  local pid; pid=$(cat "$DIR/registry.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$DIR/registry.pid"
}

start() {
  install_missing
  if [ -S "$SOCK" ] && answers; then say "already running at $DOCKER_HOST"; import_image; start_registry; return; fi
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
  start_registry
  say "ready: export DOCKER_HOST=$DOCKER_HOST PORTHOLE_REGISTRY=127.0.0.1:$(registry_port)"
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
  stop_registry
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
  env)
    echo "export DOCKER_HOST=$DOCKER_HOST"
    if [ -n "$(registry_port)" ]; then echo "export PORTHOLE_REGISTRY=127.0.0.1:$(registry_port)"; fi
    ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
