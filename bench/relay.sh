#!/bin/sh
# Measures Parley's signaling relay on this machine: starts a server on a free port, runs the
# relay scenario of the load generator against it, stops the server and prints the results.
#
#   bench/relay.sh [peers] [rate] [more parley-bench options]
#
# peers defaults to 100, rate to max (see java -jar bench/target/parley-bench.jar --help).
# Environment: BENCH_SERVER_JAR (server jar to use; not PARLEY_*,
# which the server would take for a setting), SERVER_JAVA_OPTS and BENCH_JAVA_OPTS (extra JVM
# options, e.g. a flight recording of the server).
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

if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "Building the server and load generator jars..." >&2
  (cd "$root" && ./mvnw -q -B package -DskipTests -pl server,bench)
fi

# Two processes on a small machine: give each its own core when we can, so that neither steals
# the other's time and the CPU figures say who needs what.
cpus=$(nproc)
if command -v taskset >/dev/null 2>&1 && [ "$cpus" -ge 2 ]; then
  server_pin="taskset -c 0"
  bench_pin="taskset -c 1"
  placement="$cpus CPUs; server pinned to CPU 0, load generator to CPU 1 (taskset)"
else
  server_pin=""
  bench_pin=""
  placement="$cpus CPUs; server and load generator share them (no taskset or a single CPU)"
fi

log=$(mktemp "${TMPDIR:-/tmp}/parley-relay.XXXXXX")
# The limits are raised so that the server measures relaying, not its abuse protections.
# shellcheck disable=SC2086 # the pin and the JVM options are word lists
$server_pin "$java" --enable-native-access=ALL-UNNAMED ${SERVER_JAVA_OPTS:-} -jar "$server_jar" \
  --bind 127.0.0.1 --port 0 \
  --messages-per-second 1000000 --message-burst 1000000 --max-connections-per-ip 100000 \
  --max-rooms 100000 --outbound-buffer-bytes 16MiB --drain-timeout 2s >"$log" 2>&1 &
server_pid=$!
trap 'kill -TERM "$server_pid" 2>/dev/null || true; rm -f "$log"' EXIT INT TERM

port=""
tries=0
while [ -z "$port" ]; do
  port=$(sed -n 's|^Parley is running: open http://localhost:\([0-9][0-9]*\)/.*|\1|p' "$log" | head -n 1)
  if [ -z "$port" ]; then
    tries=$((tries + 1))
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$tries" -gt 300 ]; then
      cat "$log" >&2
      echo "relay.sh: the server did not start" >&2
      exit 1
    fi
    sleep 0.1
  fi
done

echo "Parley relay benchmark: $peers peers, rate $rate; server pid $server_pid on port $port; $placement" >&2
status=0
# shellcheck disable=SC2086
$bench_pin "$java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" \
  --url "ws://127.0.0.1:$port/ws" --peers "$peers" --rate "$rate" --server-pid "$server_pid" \
  --label "$placement" "$@" || status=$?

kill -TERM "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
exit "$status"
