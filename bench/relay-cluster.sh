#!/bin/sh
# Measures the cross-node signaling relay: starts a redis-server of its own on a free port and
# two Parley nodes sharing it, puts the two peers of every room on different nodes (so every
# signal goes node -> Redis pub/sub -> node), runs the relay scenario, and stops everything.
# For the single-node figure to compare with, run bench/relay.sh with the same arguments.
#
#   bench/relay-cluster.sh [peers] [rate] [more parley-bench options]
#
# Environment: as relay.sh (BENCH_SERVER_JAR, SERVER_JAVA_OPTS, BENCH_JAVA_OPTS).
set -eu

peers=${1:-100}
rate=${2:-max}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench_dir")
. "$root/.mvn/jdk.sh"
java=$JAVA_HOME/bin/java
server_jar=${BENCH_SERVER_JAR:-$root/server/target/parley.jar}
bench_jar=$bench_dir/target/parley-bench.jar
command -v redis-server >/dev/null || { echo "relay-cluster.sh: needs redis-server (apt-get install redis-server)" >&2; exit 1; }

if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "Building the server and load generator jars..." >&2
  (cd "$root" && ./mvnw -q -B package -DskipTests -pl server,bench)
fi

# Both nodes and Redis share CPU 0, the load generator has CPU 1: the same one-core server
# budget as relay.sh, now spent on two nodes and the Redis between them.
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  server_pin="taskset -c 0"
  bench_pin="taskset -c 1"
  placement="$(nproc) CPUs; two nodes and redis-server pinned to CPU 0, load generator to CPU 1 (taskset)"
else
  server_pin=""
  bench_pin=""
  placement="$(nproc) CPUs shared by two nodes, redis-server and the load generator"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/parley-relay-cluster.XXXXXX")
pids=""
cleanup() {
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $pids; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$server_pin redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
pids="$!"

# Starts a node; prints its pid and port once it listens.
start_node() {
  log=$work/node$1.log
  # shellcheck disable=SC2086
  $server_pin "$java" --enable-native-access=ALL-UNNAMED ${SERVER_JAVA_OPTS:-} -jar "$server_jar" \
    --bind 127.0.0.1 --port 0 --turn false --redis "redis://127.0.0.1:$redis_port" \
    --secret "relay-cluster-benchmark-secret-000000000" \
    --messages-per-second 1000000 --message-burst 1000000 --max-connections-per-ip 100000 \
    --max-rooms 100000 --outbound-buffer-bytes 16MiB --drain-timeout 2s >"$log" 2>&1 &
  pid=$!
  port=""
  tries=0
  while [ -z "$port" ]; do
    port=$(sed -n 's|^Parley is running: open http://localhost:\([0-9][0-9]*\)/.*|\1|p' "$log" | head -n 1)
    if [ -z "$port" ]; then
      tries=$((tries + 1))
      if ! kill -0 "$pid" 2>/dev/null || [ "$tries" -gt 300 ]; then
        cat "$log" >&2
        echo "relay-cluster.sh: node $1 did not start" >&2
        exit 1
      fi
      sleep 0.1
    fi
  done
  echo "$pid $port"
}

tries=0
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -gt 100 ] && { cat "$work/redis.log" >&2; echo "relay-cluster.sh: redis-server did not start" >&2; exit 1; }
  sleep 0.1
done
read -r pid1 port1 <<EOF2
$(start_node 1)
EOF2
pids="$pids $pid1"
read -r pid2 port2 <<EOF2
$(start_node 2)
EOF2
pids="$pids $pid2"

echo "Parley cross-node relay benchmark: $peers peers, rate $rate; nodes on ports $port1 and $port2, redis on $redis_port; $placement" >&2
status=0
# CPU is measured for node 1 only (--server-pid takes one process); see the machine-wide figure.
# shellcheck disable=SC2086
$bench_pin "$java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" \
  --url "ws://127.0.0.1:$port1/ws" --partner-url "ws://127.0.0.1:$port2/ws" \
  --peers "$peers" --rate "$rate" --server-pid "$pid1" \
  --label "cross-node: $placement" "$@" || status=$?
# What node 1 says it routed through Redis, and whether any Redis command failed.
curl -s "http://127.0.0.1:$port1/metrics" | grep -E '^parley_cluster_(signals|redis_errors)' >&2 || true
exit "$status"
